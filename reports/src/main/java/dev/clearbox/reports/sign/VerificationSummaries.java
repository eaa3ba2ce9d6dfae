package dev.clearbox.reports.sign;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clearbox.analyzers.bytecode.BinaryRule;
import dev.clearbox.core.Sha256;
import dev.clearbox.core.Verdict;
import dev.clearbox.reports.model.ArtifactVerdict;
import dev.clearbox.reports.model.AuditReport;
import dev.clearbox.reports.model.ReportFinding;
import dev.clearbox.reports.model.ShippedPackage;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One SLSA Verification Summary Attestation (https://slsa.dev/verification_summary/v1) per shipped package: an
 * in-toto Statement v1 whose only subject is the package (file name and sha256) and whose predicate says whether the
 * package passed {@link #POLICY}, citing the signed audit report as its input attestation by the sha256 of the
 * report's envelope file. The report envelope must therefore be written before the summaries are built.
 *
 * <p>Verdict mapping (docs/report-schema.md, "Verification summaries"): a package is {@code PASSED} when at least
 * one build output it ships (the package itself or an entry in it) was compared, every such verdict is REPRODUCIBLE
 * or EQUIVALENT, and no {@code CBX-BIN-ONLY} finding lies in it; otherwise {@code FAILED} (NOT_REPRODUCIBLE,
 * NOT_REBUILT, NOT_VERIFIED, nothing compared, binary-only behaviour), with every reason in the Clearbox extension
 * field. No SLSA build level is claimed: Clearbox does not check how the vendor built the package, only whether the
 * audited source rebuilds to it, so {@code verifiedLevels} carries Clearbox's own values (never {@code SLSA_…}, as
 * the VSA spec requires of custom values) or {@code FAILED}, and {@code dependencyLevels} is absent (no dependency is
 * verified: zero at every level).
 */
public final class VerificationSummaries {
    /** The VSA v1 predicate type. */
    public static final String PREDICATE_TYPE = "https://slsa.dev/verification_summary/v1";
    /** {@code verifier.id}: the Clearbox audit; which auditor ran it is the signer's key (and the extension's auditor). */
    public static final String VERIFIER_ID = "https://clearbox.dev/verifier/audit";
    /** {@code policy.uri}; {@code policy.digest.sha256} is the sha256 of {@link #POLICY}'s UTF-8 bytes. */
    public static final String POLICY_URI = "https://clearbox.dev/policy/shipped-package/v1";
    /** The policy's text, as documented in docs/report-schema.md; its digest is the policy's digest. */
    public static final String POLICY = "Clearbox shipped-package policy v1: a package PASSES when the audit compared at"
            + " least one build output it ships (the package itself or an entry in it) with the rebuild of the audited"
            + " commit, every such verdict is REPRODUCIBLE or EQUIVALENT, and the binary analysis found no CBX-BIN-ONLY"
            + " behaviour in the package. Otherwise it FAILS. Files of the package that are not build outputs are not"
            + " judged. No SLSA build level is claimed.\n";
    /** The name of the Clearbox extension field (the VSA spec allows extension fields whose names are URIs). */
    public static final String EXTENSION = "https://clearbox.dev/attestation/verification-summary/v1";
    /** {@code verifiedLevels} when every verdict is REPRODUCIBLE (implies {@link #LEVEL_EQUIVALENT}). */
    public static final String LEVEL_REPRODUCIBLE = "CLEARBOX_REBUILD_REPRODUCIBLE";
    /** {@code verifiedLevels} when every verdict is REPRODUCIBLE or EQUIVALENT, some EQUIVALENT. */
    public static final String LEVEL_EQUIVALENT = "CLEARBOX_REBUILD_EQUIVALENT";
    public static final String PASSED = "PASSED";
    public static final String FAILED = "FAILED";
    public static final String SLSA_VERSION = "1.0";
    /** The input attestation's URI: the report envelope by its path in the workspace. */
    public static final String REPORT_ENVELOPE_URI = "report/report.dsse.json";

    private VerificationSummaries() {
    }

    /** The file a package's summary is written to, beside report.dsse.json. */
    public static String fileName(String packageName) {
        return packageName + ".vsa.dsse.json";
    }

    /** The sha256 of {@link #POLICY}. */
    public static String policyDigest() {
        return Sha256.hex(POLICY.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A package's outcome under {@link #POLICY}.
     *
     * @param result   PASSED or FAILED
     * @param levels   {@code verifiedLevels}
     * @param verdicts the report's verdicts of the build outputs this package ships
     * @param reasons  why it FAILED, one line each; empty when PASSED
     */
    public record Outcome(String result, List<String> levels, List<ArtifactVerdict> verdicts, List<String> reasons) {
        public Outcome {
            levels = List.copyOf(levels);
            verdicts = List.copyOf(verdicts);
            reasons = List.copyOf(reasons);
        }
    }

    /** Judges the package named {@code packageName} by the report's verdicts and binary findings. */
    public static Outcome evaluate(AuditReport report, String packageName) {
        List<ArtifactVerdict> verdicts = report.verdicts().stream().filter(v -> inPackage(v.shipped(), packageName)).toList();
        List<String> reasons = new ArrayList<>();
        if (verdicts.isEmpty()) {
            reasons.add("no build output shipped in " + packageName + " was compared with the rebuild");
        }
        for (ArtifactVerdict v : verdicts) {
            if (v.verdict() != Verdict.REPRODUCIBLE && v.verdict() != Verdict.EQUIVALENT) {
                reasons.add(v.shipped() + " is " + v.verdict() + (v.reason().isEmpty() ? "" : ": " + v.reason()));
            }
        }
        long binaryOnly = report.binaryAnalysis().findings().stream()
                .filter(f -> f.is(BinaryRule.ONLY) && f.location() != null)
                .map(ReportFinding::location).filter(l -> inPackage(l.file(), packageName)).count();
        if (binaryOnly > 0) {
            reasons.add(binaryOnly + " behaviour" + (binaryOnly == 1 ? "" : "s") + " in " + packageName
                    + " with no counterpart in the source (" + BinaryRule.ONLY.id() + ")");
        }
        if (!reasons.isEmpty()) {
            return new Outcome(FAILED, List.of(FAILED), verdicts, reasons);
        }
        boolean allIdentical = verdicts.stream().allMatch(v -> v.verdict() == Verdict.REPRODUCIBLE);
        return new Outcome(PASSED, List.of(allIdentical ? LEVEL_REPRODUCIBLE : LEVEL_EQUIVALENT), verdicts, List.of());
    }

    private static boolean inPackage(String shipped, String packageName) {
        return shipped != null && (shipped.equals(packageName) || shipped.startsWith(packageName + "!/"));
    }

    /** The VSA Statement's bytes for one package, citing the report envelope whose file has sha256 {@code reportEnvelopeSha256}. */
    public static byte[] statement(AuditReport report, ShippedPackage pkg, String reportEnvelopeSha256) {
        Outcome outcome = evaluate(report, pkg.packageName());
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode p = f.objectNode();
        ObjectNode verifier = p.putObject("verifier").put("id", VERIFIER_ID);
        verifier.putObject("version").put(report.tool().name(), report.tool().version());
        p.put("timeVerified", report.generatedAt());
        p.put("resourceUri", resourceUri(pkg));
        ObjectNode policy = p.putObject("policy").put("uri", POLICY_URI);
        policy.putObject("digest").put("sha256", policyDigest());
        ObjectNode input = p.putArray("inputAttestations").addObject().put("uri", REPORT_ENVELOPE_URI);
        input.putObject("digest").put("sha256", reportEnvelopeSha256);
        p.put("verificationResult", outcome.result());
        outcome.levels().forEach(p.putArray("verifiedLevels")::add);
        p.put("slsaVersion", SLSA_VERSION);

        ObjectNode ext = p.putObject(EXTENSION);
        ext.put("package", pkg.packageName());
        ext.put("reportResult", report.summary().result().name());
        ext.put("commitId", report.source().commitId());
        ext.putObject("product").put("vendor", report.product().vendor()).put("name", report.product().name())
                .put("version", report.product().version());
        ext.putObject("auditor").put("identity", report.auditor().identity()).put("keyId", report.auditor().keyId())
                .put("demoKey", report.auditor().demoKey());
        ArrayNode verdicts = ext.putArray("verdicts");
        for (ArtifactVerdict v : outcome.verdicts()) {
            verdicts.addObject().put("shipped", v.shipped()).put("verdict", v.verdict().name()).put("reason", v.reason());
        }
        outcome.reasons().forEach(ext.putArray("reasons")::add);
        return Attestations.statement(List.of(new Statement.Subject(pkg.packageName(), Map.of("sha256", pkg.sha256()))),
                PREDICATE_TYPE, p);
    }

    /**
     * {@code pkg:generic/NAME?checksum=sha256:HEX} (package-url, generic type): the package has no download URL, so
     * it is named by its file name and pinned by its digest.
     */
    static String resourceUri(ShippedPackage pkg) {
        return "pkg:generic/" + percentEncode(pkg.packageName()) + "?checksum=sha256:" + pkg.sha256();
    }

    private static String percentEncode(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-'
                    || c == '_' || c == '~') {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    /**
     * Signs one summary per package of {@code report} and writes each as {@link #fileName} beside
     * {@code reportEnvelope}, which must already be written: its bytes' sha256 is what every summary cites. Each
     * written envelope is verified with {@code publicKey} before the next is made.
     *
     * @return the files written, in the report's package order
     */
    public static List<Path> write(AuditReport report, Path reportEnvelope, PrivateKey privateKey, PublicKey publicKey) {
        String reportSha = Sha256.hex(reportEnvelope);
        List<Path> files = new ArrayList<>();
        for (ShippedPackage pkg : report.packages()) {
            Path file = reportEnvelope.resolveSibling(fileName(pkg.packageName()));
            Attestations.write(Attestations.sign(statement(report, pkg, reportSha), privateKey, publicKey), file);
            new EnvelopeVerifier().verify(file, publicKey, List.of());
            files.add(file);
        }
        return files;
    }
}
