package dev.clearbox.analyzers.bytecode;

import dev.clearbox.core.Capability;
import dev.clearbox.core.Rule;
import dev.clearbox.core.Severity;

import java.util.Objects;

/**
 * The rules of the binary analysis: one per modelled capability (with the capability's severity and title, as
 * the source rules have), flows, the correspondence with the source, and what hides code from review. The
 * rule id is public (SARIF, baselines) and never changes meaning; each has a page at
 * {@code docs/rules/<id>.md}. The FindSecBugs types Clearbox carries are rules of their own
 * ({@code internal.FindSecBugsTypes}).
 */
public enum BinaryRule implements Rule {
    NETWORK("CBX-BIN-NETWORK", Capability.NETWORK),
    DNS("CBX-BIN-DNS", Capability.DNS),
    FILE_READ("CBX-BIN-FILE_READ", Capability.FILE_READ),
    FILE_WRITE("CBX-BIN-FILE_WRITE", Capability.FILE_WRITE),
    ENV("CBX-BIN-ENV", Capability.ENV),
    SYSTEM_PROPERTY("CBX-BIN-SYSTEM_PROPERTY", Capability.SYSTEM_PROPERTY),
    PROCESS_EXEC("CBX-BIN-PROCESS_EXEC", Capability.PROCESS_EXEC),
    REFLECTION("CBX-BIN-REFLECTION", Capability.REFLECTION),
    CLASS_LOADING("CBX-BIN-CLASS_LOADING", Capability.CLASS_LOADING),
    NATIVE("CBX-BIN-NATIVE", Capability.NATIVE),
    SERIALIZATION("CBX-BIN-SERIALIZATION", Capability.SERIALIZATION),
    CRYPTO("CBX-BIN-CRYPTO", Capability.CRYPTO),
    SCRIPT_ENGINE("CBX-BIN-SCRIPT_ENGINE", Capability.SCRIPT_ENGINE),
    CLIPBOARD("CBX-BIN-CLIPBOARD", Capability.CLIPBOARD),
    SCREEN_CAPTURE("CBX-BIN-SCREEN_CAPTURE", Capability.SCREEN_CAPTURE),
    SYSTEM_INFO("CBX-BIN-SYSTEM_INFO", Capability.SYSTEM_INFO),
    /** Data from a source reaches a sink within one method of the shipped bytecode. */
    FLOW("CBX-BIN-FLOW", Severity.HIGH, "Sensitive data reaches a sink (bytecode, within one method)"),
    /** A capability or flow in the shipped bytecode with no counterpart in the reviewed source. */
    ONLY("CBX-BIN-ONLY", Severity.CRITICAL, "Behaviour present in the shipped binary but not in the reviewed source"),
    /** A shipped class, in a jar built from the source, that has no source file. */
    NO_SOURCE("CBX-BIN-NO-SOURCE", Capability.NO_SOURCE),
    /** A class defined at run time from bytes (ClassLoader#defineClass, Lookup#defineClass). */
    DEFINED_CLASS("CBX-BIN-DEFINED-CLASS", Severity.HIGH, "Class defined at run time from bytes"),
    /** A high-entropy resource in a jar whose code decrypts or decodes data. */
    ENCRYPTED_RESOURCE("CBX-BIN-ENCRYPTED-RESOURCE", Severity.HIGH, "Encrypted or packed resource"),
    /** A native library (ELF, PE, Mach-O) shipped in a package. */
    NATIVE_LIBRARY("CBX-BIN-NATIVE-LIBRARY", Severity.HIGH, "Native library shipped"),
    /** A jar whose class and method names are mostly one or two characters long. */
    OBFUSCATED("CBX-BIN-OBFUSCATED", Capability.OBFUSCATION),
    /** A class or jar built with a different class-file version or compiler than the rest of the product. */
    FOREIGN_BUILD("CBX-BIN-FOREIGN-BUILD", Capability.BUILD);

    private final Capability capability;
    private final String id;
    private final Severity severity;
    private final String title;

    BinaryRule(String id, Capability capability) {
        this.capability = capability;
        this.id = id;
        this.severity = capability.severity();
        this.title = capability.title();
    }

    BinaryRule(String id, Severity severity, String title) {
        this.capability = null;
        this.id = id;
        this.severity = severity;
        this.title = title;
    }

    /** The stable id, for example {@code CBX-BIN-NETWORK} or {@code CBX-BIN-ONLY}. */
    @Override
    public String id() {
        return id;
    }

    @Override
    public Severity severity() {
        return severity;
    }

    @Override
    public String title() {
        return title;
    }

    /**
     * The capability of this rule's findings: the modelled one of a capability rule, or the one this rule alone
     * reports ({@link #NO_SOURCE}, {@link #OBFUSCATED}, {@link #FOREIGN_BUILD}); null for the rules whose findings
     * carry the capability of what they found ({@link #FLOW}, {@link #ONLY}, {@link #DEFINED_CLASS},
     * {@link #ENCRYPTED_RESOURCE}, {@link #NATIVE_LIBRARY}).
     */
    public Capability capability() {
        return capability;
    }

    /** Whether this is the rule of a modelled capability ({@code CBX-BIN-<CAPABILITY>}): calls the model knows. */
    public boolean isCapabilityRule() {
        return capability != null && capability.modelled();
    }

    /** The rule reporting calls with this (modelled) capability. */
    public static BinaryRule forCapability(Capability capability) {
        Objects.requireNonNull(capability, "capability");
        for (BinaryRule rule : values()) {
            if (rule.capability == capability && capability.modelled()) {
                return rule;
            }
        }
        throw new IllegalStateException("no binary rule for capability " + capability);
    }
}
