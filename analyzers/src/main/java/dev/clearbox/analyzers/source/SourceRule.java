package dev.clearbox.analyzers.source;

import dev.clearbox.analyzers.capability.Capability;
import dev.clearbox.core.Severity;

import java.util.Objects;

/**
 * The rules of the source analyzer: one per capability, plus hidden strings, exfiltration paths and
 * shadowed APIs. The rule id is public
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
    HIDDEN_STRING(null, Severity.HIGH, "String hidden from plain reading (Base64, char or byte array, XOR or shift loop)"),
    /** A path from a source of sensitive data to a sink; the finding's capability is the sink's (NETWORK, DNS). */
    EXFIL(null, Severity.CRITICAL, "Sensitive data reaches a network or DNS sink (exfiltration path)"),
    SHADOWED_API(null, Severity.HIGH, "Source declares a type with the name of an API the capability model knows");

    /** The capability name used on findings of {@link #HIDDEN_STRING}. */
    public static final String HIDDEN_STRING_CAPABILITY = "HIDDEN_STRING";
    /** The capability name used on findings of {@link #SHADOWED_API}. */
    public static final String SHADOWED_API_CAPABILITY = "SHADOWED_API";

    private final Capability capability;
    private final Severity severity;
    private final String title;

    SourceRule(Capability capability, Severity severity, String title) {
        this.capability = capability;
        this.severity = severity;
        this.title = title;
    }

    /** The stable id, for example {@code CBX-SRC-NETWORK}, {@code CBX-SRC-HIDDEN-STRING} or {@code CBX-SRC-EXFIL}. */
    public String id() {
        return capability == null ? "CBX-SRC-" + name().replace('_', '-') : "CBX-SRC-" + name();
    }

    /**
     * The capability name written on findings of this rule. For {@link #EXFIL} it is the capability of
     * the sink (NETWORK or DNS), so this returns the most common one, NETWORK.
     */
    public String capabilityName() {
        return switch (this) {
            case HIDDEN_STRING -> HIDDEN_STRING_CAPABILITY;
            case SHADOWED_API -> SHADOWED_API_CAPABILITY;
            case EXFIL -> Capability.NETWORK.name();
            default -> capability.name();
        };
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
