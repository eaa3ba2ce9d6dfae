package dev.clearbox.analyzers.bytecode;

import dev.clearbox.analyzers.capability.Capability;
import dev.clearbox.analyzers.source.SourceRule;
import dev.clearbox.core.Severity;

import java.util.Objects;

/**
 * The rules of the binary analysis: one per capability (the same capabilities, severities and titles as
 * the source rules), flows, the correspondence with the source, and what hides code from review. The
 * rule id is public (SARIF, baselines) and never changes meaning; each has a page at
 * {@code docs/rules/<id>.md}.
 */
public enum BinaryRule {
    NETWORK(Capability.NETWORK),
    DNS(Capability.DNS),
    FILE_READ(Capability.FILE_READ),
    FILE_WRITE(Capability.FILE_WRITE),
    ENV(Capability.ENV),
    SYSTEM_PROPERTY(Capability.SYSTEM_PROPERTY),
    PROCESS_EXEC(Capability.PROCESS_EXEC),
    REFLECTION(Capability.REFLECTION),
    CLASS_LOADING(Capability.CLASS_LOADING),
    NATIVE(Capability.NATIVE),
    SERIALIZATION(Capability.SERIALIZATION),
    CRYPTO(Capability.CRYPTO),
    SCRIPT_ENGINE(Capability.SCRIPT_ENGINE),
    CLIPBOARD(Capability.CLIPBOARD),
    SCREEN_CAPTURE(Capability.SCREEN_CAPTURE),
    SYSTEM_INFO(Capability.SYSTEM_INFO),
    /** Data from a source reaches a sink within one method of the shipped bytecode. */
    FLOW("CBX-BIN-FLOW", Severity.HIGH, "Sensitive data reaches a sink (bytecode, within one method)"),
    /** A capability or flow in the shipped bytecode with no counterpart in the reviewed source. */
    ONLY("CBX-BIN-ONLY", Severity.CRITICAL, "Behaviour present in the shipped binary but not in the reviewed source"),
    /** A shipped class, in a jar built from the source, that has no source file. */
    NO_SOURCE("CBX-BIN-NO-SOURCE", Severity.HIGH, "Shipped class with no source file"),
    /** A class defined at run time from bytes (ClassLoader#defineClass, Lookup#defineClass). */
    DEFINED_CLASS("CBX-BIN-DEFINED-CLASS", Severity.HIGH, "Class defined at run time from bytes"),
    /** A high-entropy resource in a jar whose code decrypts or decodes data. */
    ENCRYPTED_RESOURCE("CBX-BIN-ENCRYPTED-RESOURCE", Severity.HIGH, "Encrypted or packed resource"),
    /** A native library (ELF, PE, Mach-O) shipped in a package. */
    NATIVE_LIBRARY("CBX-BIN-NATIVE-LIBRARY", Severity.HIGH, "Native library shipped"),
    /** A jar whose class and method names are mostly one or two characters long. */
    OBFUSCATED("CBX-BIN-OBFUSCATED", Severity.MEDIUM, "Obfuscated names"),
    /** A class or jar built with a different class-file version or compiler than the rest of the product. */
    FOREIGN_BUILD("CBX-BIN-FOREIGN-BUILD", Severity.MEDIUM, "Built differently from the rest of the product");

    private final Capability capability;
    private final String id;
    private final Severity severity;
    private final String title;

    BinaryRule(Capability capability) {
        SourceRule twin = SourceRule.forCapability(capability);
        this.capability = capability;
        this.id = "CBX-BIN-" + capability.name();
        this.severity = twin.severity();
        this.title = twin.title();
    }

    BinaryRule(String id, Severity severity, String title) {
        this.capability = null;
        this.id = id;
        this.severity = severity;
        this.title = title;
    }

    /** The stable id, for example {@code CBX-BIN-NETWORK} or {@code CBX-BIN-ONLY}. */
    public String id() {
        return id;
    }

    public Severity severity() {
        return severity;
    }

    public String title() {
        return title;
    }

    /** The capability of a capability rule; null for the others. */
    public Capability capability() {
        return capability;
    }

    /** The rule reporting calls with this capability. */
    public static BinaryRule forCapability(Capability capability) {
        Objects.requireNonNull(capability, "capability");
        for (BinaryRule rule : values()) {
            if (rule.capability == capability) {
                return rule;
            }
        }
        throw new IllegalStateException("no binary rule for capability " + capability);
    }
}
