package dev.clearbox.reports.model;

import dev.clearbox.core.Verdict;
import dev.clearbox.core.compare.DifferenceClass;

import java.util.List;

/**
 * One of the report's {@code verdicts}: a shipped artifact against its rebuilt counterpart (rules in
 * docs/report-schema.md, "Verdicts").
 *
 * @param shipped       the shipped artifact, as {@code PACKAGE!/ENTRY}
 * @param rebuilt       the rebuilt artifact, relative to the source tree; empty when not rebuilt
 * @param verdict       the verdict
 * @param bitIdentical  whether the two are byte for byte the same
 * @param equivalent    whether every difference is benign
 * @param shippedSha256 the shipped artifact's digest, empty when there is none
 * @param rebuiltSha256 the rebuilt artifact's digest, empty when not rebuilt
 * @param differences   every difference, by entry, class and member
 * @param reason        for NOT_REBUILT and NOT_VERIFIED, why; otherwise empty
 * @param fingerprint   the verdict's identity, for review decisions and baselines: the shipped artifact's name and
 *                      digest with the verdict ({@link #fingerprintOf}; docs/report-schema.md, "Fingerprints")
 */
public record ArtifactVerdict(String shipped, String rebuilt, Verdict verdict, boolean bitIdentical, boolean equivalent,
                              String shippedSha256, String rebuiltSha256, List<Difference> differences, String reason,
                              String fingerprint) {
    /** The rule-like name verdict fingerprints are made under. */
    public static final String FINGERPRINT_KIND = "verdict";

    public ArtifactVerdict {
        differences = List.copyOf(differences);
        java.util.Objects.requireNonNull(fingerprint, "fingerprint");
    }

    /** The fingerprint of a verdict on this shipped artifact (name and digest): same artifact, same verdict, same id. */
    public static String fingerprintOf(String shipped, String shippedSha256, Verdict verdict) {
        return dev.clearbox.core.Finding.fingerprint(FINGERPRINT_KIND, shipped, "", "", verdict.name(),
                List.of(shippedSha256));
    }

    /** The differences that make the artifact NOT_REPRODUCIBLE. */
    public List<Difference> substantive() {
        return differences.stream().filter(d -> !d.benign()).toList();
    }

    /**
     * One classified difference.
     *
     * @param entry      the entry, nested archives joined with {@code !/}; empty for the artifact itself
     * @param kind       its class
     * @param benign     whether it counts as benign (the class is, or the auditor accepted it)
     * @param detail     one sentence for a person
     * @param sourceFile for a class, its source file (package path + SourceFile attribute); otherwise empty
     * @param member     for a field or method, name and descriptor; otherwise empty
     * @param evidence   the lines that show it ({@code -} rebuilt, {@code +} shipped)
     */
    public record Difference(String entry, DifferenceClass kind, boolean benign, String detail, String sourceFile,
                             String member, List<String> evidence) {
        public Difference {
            evidence = List.copyOf(evidence);
        }
    }
}
