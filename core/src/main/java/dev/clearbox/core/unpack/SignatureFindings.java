package dev.clearbox.core.unpack;

import dev.clearbox.core.Capability;
import dev.clearbox.core.CoreRule;
import dev.clearbox.core.Finding;
import dev.clearbox.core.Location;
import dev.clearbox.core.Severity;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns the signature facts of an inventory into findings of rule {@link CoreRule#PACKAGE_SIGNATURE}
 * (docs/rules/CBX-PKG-SIGNATURE.md), capability {@link Capability#PACKAGE_INTEGRITY}:
 * a jar whose signature does not verify ({@code INVALID}, HIGH), a signed jar with entries its signature does
 * not cover ({@code PARTIALLY_SIGNED}, MEDIUM), a jar signed only with algorithms the JDK disables
 * ({@code WEAK_ALGORITHM}, LOW), and a jar that could not be checked ({@code NOT_CHECKED}, LOW). Unsigned and verified jars give no finding.
 */
public final class SignatureFindings {
    private SignatureFindings() {
    }

    /** Findings for the package itself (when it is a jar) and every jar in it, in inventory order. */
    public static List<Finding> of(PackageInventory inventory) {
        List<Finding> findings = new ArrayList<>();
        if (inventory.jar() != null) {
            add(findings, inventory.packageName(), inventory.jar().signature());
        }
        for (InventoryEntry e : inventory.entries()) {
            if (e.jar() != null) {
                add(findings, inventory.packageName() + "!/" + e.path(), e.jar().signature());
            }
        }
        return List.copyOf(findings);
    }

    private static void add(List<Finding> findings, String jar, JarSignature s) {
        String signers = s.signers().isEmpty() ? "" : " Signed by " + s.signers().get(0).subject()
                + " (certificate sha256 " + s.signers().get(0).sha256Fingerprint() + ").";
        switch (s.status()) {
            case INVALID -> findings.add(finding(Severity.HIGH, jar,
                    "The jar's signature does not verify" + (s.failedEntry().isEmpty() ? "" : " at entry "
                            + s.failedEntry()) + ": " + s.problem() + ". The jar was changed after it was signed,"
                            + " or its signature is broken.", s.failedEntry()));
            case PARTIALLY_SIGNED -> findings.add(finding(Severity.MEDIUM, jar,
                    "The jar is signed, but " + s.problem() + " (" + String.join(", ", s.unsignedEntries())
                            + (s.unsignedCount() > s.unsignedEntries().size() ? ", ..." : "")
                            + "); they may have been added after signing." + signers,
                    s.unsignedEntries().isEmpty() ? "" : s.unsignedEntries().get(0)));
            case WEAK_ALGORITHM -> findings.add(finding(Severity.LOW, jar,
                    "The jar is signed, but " + s.problem() + ": its signature gives no assurance of integrity.",
                    s.failedEntry()));
            case NOT_CHECKED -> findings.add(finding(Severity.LOW, jar,
                    "The jar's signature could not be checked: " + s.problem() + ".", ""));
            case UNSIGNED, VERIFIED -> {
            }
        }
    }

    private static Finding finding(Severity severity, String jar, String message, String entry) {
        return new Finding(CoreRule.PACKAGE_SIGNATURE, Capability.PACKAGE_INTEGRITY, severity, message, new Location(jar, 0, entry), "", "jar-verifier",
                List.of(), List.of());
    }
}
