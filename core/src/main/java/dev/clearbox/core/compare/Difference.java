package dev.clearbox.core.compare;

import java.util.List;
import java.util.Objects;

/**
 * One classified difference between a shipped artifact and its rebuilt counterpart.
 *
 * @param entry      the entry path inside the artifact, nested archives joined with {@code !/}
 *                   (for example {@code lib/inner.jar!/com/acme/A.class}), or {@code ""} for the artifact as a whole
 * @param kind       its class
 * @param benign     whether it counts as benign: the class is benign, or the auditor accepted it
 * @param detail     one sentence for a person
 * @param sourceFile for a class, the source file it was compiled from (package path + SourceFile attribute,
 *                   for example {@code com/acme/agent/AgentMain.java}); otherwise empty
 * @param member     for a field or method, its name and descriptor (for example {@code main([Ljava/lang/String;)V});
 *                   otherwise empty
 * @param evidence   the lines that show it: an instruction or text diff ({@code -} rebuilt, {@code +} shipped),
 *                   attribute values, entry names; trimmed to a readable length
 */
public record Difference(String entry, DifferenceClass kind, boolean benign, String detail, String sourceFile,
                         String member, List<String> evidence) {
    public Difference {
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(sourceFile, "sourceFile");
        Objects.requireNonNull(member, "member");
        evidence = List.copyOf(evidence);
        if (kind.benign() && !benign) {
            throw new IllegalArgumentException(kind + " is always benign");
        }
        if (benign && !kind.benign() && !kind.acceptable()) {
            throw new IllegalArgumentException(kind + " cannot be accepted as benign");
        }
    }

    /** A difference of a benign class, or a substantive one, with no source mapping and no evidence. */
    public Difference(String entry, DifferenceClass kind, String detail) {
        this(entry, kind, kind.benign(), detail, "", "", List.of());
    }
}
