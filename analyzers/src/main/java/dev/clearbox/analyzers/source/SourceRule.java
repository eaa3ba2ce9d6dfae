package dev.clearbox.analyzers.source;

import dev.clearbox.analyzers.capability.Capability;
import dev.clearbox.core.Severity;

import java.util.Objects;

/**
 * The rules of the source analyzer: one per capability, plus hidden strings. The rule id is public
 * (SARIF, baselines) and never changes meaning; each has a page at {@code docs/rules/<id>.md}.
 */
public enum SourceRule {
    NETWORK(Capability.NETWORK, Severity.HIGH, "Network connection or transfer"),
    DNS(Capability.DNS, Severity.HIGH, "Host name resolution"),
    FILE_READ(Capability.FILE_READ, Severity.MEDIUM, "Local file read or directory listing"),
    FILE_WRITE(Capability.FILE_WRITE, Severity.LOW, "Local file write, move or delete"),
    ENV(Capability.ENV, Severity.MEDIUM, "Environment variable read"),
    SYSTEM_PROPERTY(Capability.SYSTEM_PROPERTY, Severity.LOW, "System property read"),
    PROCESS_EXEC(Capability.PROCESS_EXEC, Severity.HIGH, "Operating-system process started"),
    REFLECTION(Capability.REFLECTION, Severity.MEDIUM, "Reflective call the analysis cannot follow"),
    CLASS_LOADING(Capability.CLASS_LOADING, Severity.HIGH, "Class loaded or defined at run time"),
    NATIVE(Capability.NATIVE, Severity.HIGH, "Native code or unsafe memory access"),
    SERIALIZATION(Capability.SERIALIZATION, Severity.MEDIUM, "Object deserialization"),
    CRYPTO(Capability.CRYPTO, Severity.LOW, "Cryptography or TLS configuration"),
    SCRIPT_ENGINE(Capability.SCRIPT_ENGINE, Severity.HIGH, "Script evaluation or run-time compilation"),
    CLIPBOARD(Capability.CLIPBOARD, Severity.MEDIUM, "Clipboard access"),
    SCREEN_CAPTURE(Capability.SCREEN_CAPTURE, Severity.HIGH, "Screen capture"),
    SYSTEM_INFO(Capability.SYSTEM_INFO, Severity.MEDIUM, "Machine identity read (hardware address, processes)"),
    HIDDEN_STRING(null, Severity.HIGH, "String hidden from plain reading (Base64, char or byte array)");

    /** The capability name used on findings of {@link #HIDDEN_STRING}. */
    public static final String HIDDEN_STRING_CAPABILITY = "HIDDEN_STRING";

    private final Capability capability;
    private final Severity severity;
    private final String title;

    SourceRule(Capability capability, Severity severity, String title) {
        this.capability = capability;
        this.severity = severity;
        this.title = title;
    }

    /** The stable id, for example {@code CBX-SRC-NETWORK} or {@code CBX-SRC-HIDDEN-STRING}. */
    public String id() {
        return this == HIDDEN_STRING ? "CBX-SRC-HIDDEN-STRING" : "CBX-SRC-" + name();
    }

    /** The capability name written on findings of this rule. */
    public String capabilityName() {
        return capability == null ? HIDDEN_STRING_CAPABILITY : capability.name();
    }

    public Severity severity() {
        return severity;
    }

    /** A short title for rule listings (SARIF {@code shortDescription}). */
    public String title() {
        return title;
    }

    /** The rule reporting calls with this capability. */
    public static SourceRule forCapability(Capability capability) {
        Objects.requireNonNull(capability, "capability");
        for (SourceRule rule : values()) {
            if (rule.capability == capability) {
                return rule;
            }
        }
        throw new IllegalStateException("no source rule for capability " + capability);
    }
}
