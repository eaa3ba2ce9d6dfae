package dev.clearbox.analyzers.source;

import dev.clearbox.core.Capability;
import dev.clearbox.core.Rule;
import dev.clearbox.core.Severity;

import java.util.Objects;

/**
 * The rules of the source analyzer: one per modelled capability, plus hidden strings, exfiltration paths and
 * shadowed APIs. The rule id is public (SARIF, baselines) and never changes meaning; each has a page at
 * {@code docs/rules/<id>.md}. A rule made from a capability takes that capability's severity and title.
 */
public enum SourceRule implements Rule {
    NETWORK("CBX-SRC-NETWORK", Capability.NETWORK),
    DNS("CBX-SRC-DNS", Capability.DNS),
    FILE_READ("CBX-SRC-FILE_READ", Capability.FILE_READ),
    FILE_WRITE("CBX-SRC-FILE_WRITE", Capability.FILE_WRITE),
    ENV("CBX-SRC-ENV", Capability.ENV),
    SYSTEM_PROPERTY("CBX-SRC-SYSTEM_PROPERTY", Capability.SYSTEM_PROPERTY),
    PROCESS_EXEC("CBX-SRC-PROCESS_EXEC", Capability.PROCESS_EXEC),
    REFLECTION("CBX-SRC-REFLECTION", Capability.REFLECTION),
    CLASS_LOADING("CBX-SRC-CLASS_LOADING", Capability.CLASS_LOADING),
    NATIVE("CBX-SRC-NATIVE", Capability.NATIVE),
    SERIALIZATION("CBX-SRC-SERIALIZATION", Capability.SERIALIZATION),
    CRYPTO("CBX-SRC-CRYPTO", Capability.CRYPTO),
    SCRIPT_ENGINE("CBX-SRC-SCRIPT_ENGINE", Capability.SCRIPT_ENGINE),
    CLIPBOARD("CBX-SRC-CLIPBOARD", Capability.CLIPBOARD),
    SCREEN_CAPTURE("CBX-SRC-SCREEN_CAPTURE", Capability.SCREEN_CAPTURE),
    SYSTEM_INFO("CBX-SRC-SYSTEM_INFO", Capability.SYSTEM_INFO),
    HIDDEN_STRING("CBX-SRC-HIDDEN-STRING", Capability.HIDDEN_STRING),
    /** A path from a source of sensitive data to a sink; the finding's capability is the sink's (NETWORK, DNS). */
    EXFIL("CBX-SRC-EXFIL", null, Severity.CRITICAL, "Sensitive data reaches a network or DNS sink (exfiltration path)"),
    SHADOWED_API("CBX-SRC-SHADOWED-API", Capability.SHADOWED_API);

    private final String id;
    private final Capability capability;
    private final Severity severity;
    private final String title;

    SourceRule(String id, Capability capability) {
        this(id, capability, capability.severity(), capability.title());
    }

    SourceRule(String id, Capability capability, Severity severity, String title) {
        this.id = id;
        this.capability = capability;
        this.severity = severity;
        this.title = title;
    }

    /** The stable id, for example {@code CBX-SRC-NETWORK}, {@code CBX-SRC-HIDDEN-STRING} or {@code CBX-SRC-EXFIL}. */
    @Override
    public String id() {
        return id;
    }

    /**
     * The capability of this rule's findings; null for {@link #EXFIL}, whose findings have the capability of
     * their sink (NETWORK or DNS).
     */
    public Capability capability() {
        return capability;
    }

    @Override
    public Severity severity() {
        return severity;
    }

    @Override
    public String title() {
        return title;
    }

    /** The rule reporting calls with this (modelled) capability. */
    public static SourceRule forCapability(Capability capability) {
        Objects.requireNonNull(capability, "capability");
        for (SourceRule rule : values()) {
            if (rule.capability == capability && capability.modelled()) {
                return rule;
            }
        }
        throw new IllegalStateException("no source rule for capability " + capability);
    }
}
