package dev.clearbox.cli;

import dev.clearbox.core.ClearboxException;
import dev.clearbox.core.IntegrityException;
import dev.clearbox.core.InvalidInputException;
import dev.clearbox.core.Stage;
import dev.clearbox.reports.sign.EnvelopeVerifier;
import dev.clearbox.reports.sign.KeyFiles;
import dev.clearbox.reports.sign.Statement;
import dev.clearbox.reports.sign.VerificationResult;
import dev.clearbox.reports.sign.VerifyPolicy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@Command(name = "verify",
        description = {"Verify a signed audit report offline, trusting nothing but the public key you give.",
                "Checks, in order: the envelope (strict JSON, payload type application/vnd.in-toto+json or",
                "application/vnd.in-toto.<predicate>+json, base64 standard or URL-safe, payload within",
                "--max-payload-bytes); the DSSE signature with --key; the in-toto Statement v1 (strict JSON, every",
                "subject with a digest of a known algorithm); the --expect-* options; that each --artifact's sha256",
                "is one of the Statement's subjects. Prints product, version, commit, time, signer, the report's",
                "overall result, the methodology the report signs (its session: times, stages, the limits in",
                "force per stage, the sandbox, what was not covered; all of it under report.session with",
                "--format json), and for each --artifact the report's verdict for it and for every entry in it.",
                "",
                "Policy: exits 1 when a covered --artifact (or an entry in it) has a verdict other than REPRODUCIBLE",
                "or EQUIVALENT in the report (NOT_REPRODUCIBLE, NOT_REBUILT, NOT_VERIFIED), unless --signature-only.",
                "An --artifact without a verdict (a side file, a package that ships no build output) passes.",
                "",
                "A per-package SLSA Verification Summary (report/PKG.vsa.dsse.json, predicate",
                "https://slsa.dev/verification_summary/v1) is verified the same way; its verificationResult,",
                "resourceUri and verifiedLevels are printed, and verify exits 1 when the result is FAILED, unless",
                "--signature-only."},
        footer = {"", "Examples:",
                "  clearbox verify report.dsse.json --key vendor-auditor.pub.pem --artifact acme-updater-1.4.0.zip",
                "  clearbox verify report.dsse.json --key lab.pub.pem --expect-signer 'Example Audit Lab'"
                        + " --expect-commit 778a2905762248ff452187ff10316205334e697e --format json",
                "  clearbox verify report/acme-updater-1.4.0.zip.vsa.dsse.json --key lab.pub.pem"})
final class VerifyCommand extends ClearboxCommand {
    @Parameters(index = "0", paramLabel = "ENVELOPE",
            description = "The DSSE envelope (report.dsse.json, or a package's PKG.vsa.dsse.json).")
    Path envelope;

    @Option(names = "--key", required = true, paramLabel = "PUBLIC.pem", description = "The signer's public key (PEM).")
    Path key;

    @Option(names = "--artifact", paramLabel = "FILE",
            description = "A file that must be covered by the report (repeatable): a shipped package or a file in one,"
                    + " or a side file (report.json, report.html, report.sarif, an SBOM, findings.json, verdicts.json).")
    List<Path> artifacts = new ArrayList<>();

    @Option(names = "--signature-only",
            description = "Check the signature, the Statement, the expectations and the coverage only; do not fail on"
                    + " the report's verdicts.")
    boolean signatureOnly;

    @Option(names = "--expect-predicate-type", paramLabel = "URI",
            description = "Require this predicateType (Clearbox's: https://clearbox.dev/attestation/audit-report/v1).")
    String expectPredicateType;

    @Option(names = "--expect-commit", paramLabel = "COMMIT",
            description = "Require that the report covers this commit (its full id).")
    String expectCommit;

    @Option(names = "--expect-signer", paramLabel = "KEYID|NAME",
            description = "Require this signer: the key id of --key, or the report's auditor identity (as given to"
                    + " 'clearbox audit --auditor', bound to the key the report names). A report signed with a demo"
                    + " key never meets it.")
    String expectSigner;

    @Option(names = "--max-payload-bytes", paramLabel = "N",
            description = "The largest signed payload accepted, in bytes (default: ${DEFAULT-VALUE}, 256 MiB; at most"
                    + " 1073741824). The envelope file may be 4/3 of it plus 1 MiB.")
    long maxPayloadBytes = VerifyPolicy.DEFAULT_MAX_PAYLOAD_BYTES;

    @Option(names = "--format", paramLabel = "FORMAT", description = "text (default) or json.")
    OutputFormat format = OutputFormat.text;

    @Override
    protected ExitCode execute() throws Exception {
        if (maxPayloadBytes < 1 || maxPayloadBytes > VerifyPolicy.LARGEST_MAX_PAYLOAD_BYTES) {
            throw new InvalidInputException(Stage.VERIFY, "--max-payload-bytes", "must be between 1 and "
                    + VerifyPolicy.LARGEST_MAX_PAYLOAD_BYTES + ", not " + maxPayloadBytes);
        }
        VerifyPolicy policy = new VerifyPolicy(maxPayloadBytes, expectPredicateType, expectCommit, expectSigner);
        VerificationResult r = new EnvelopeVerifier(policy).verify(envelope, KeyFiles.readPublicKey(key), artifacts);
        List<VerificationResult.CoveredVerdict> failing = signatureOnly ? List.of() : r.failingVerdicts();
        if (format == OutputFormat.json) {
            JsonOutput.print(out(), json(r, failing));
        } else {
            text(r, failing);
        }
        VerificationResult.SummaryFacts vsa = r.summary();
        if (!signatureOnly && vsa != null && !vsa.passed()) {
            err().println("clearbox: verify: " + envelope + ": the verification summary's result for " + vsa.resourceUri()
                    + " is " + vsa.verificationResult() + (vsa.reasons().isEmpty() ? "" : ": " + vsa.reasons().get(0)
                    + (vsa.reasons().size() > 1 ? " (and " + (vsa.reasons().size() - 1) + " more)" : ""))
                    + "; --signature-only checks the signature and coverage only");
            return ExitCode.NEGATIVE;
        }
        if (!failing.isEmpty()) {
            VerificationResult.CoveredVerdict first = failing.get(0);
            err().println("clearbox: verify: " + envelope + ": the report's verdict for " + first.shipped() + " is "
                    + first.verdict() + (failing.size() > 1 ? " (and " + (failing.size() - 1) + " more)" : "")
                    + "; --signature-only checks the signature and coverage only");
            return ExitCode.NEGATIVE;
        }
        return ExitCode.OK;
    }

    private void text(VerificationResult r, List<VerificationResult.CoveredVerdict> failing) {
        out().println("verified: " + envelope);
        out().println("  signed by key " + r.keyId());
        VerificationResult.ReportFacts f = r.report();
        if (f != null) {
            out().println("  signer        " + (f.auditorIdentity().isEmpty() ? "(no identity given)" : f.auditorIdentity())
                    + (f.auditorKeyId().equalsIgnoreCase(r.keyId()) ? "" : "; the report names key " + f.auditorKeyId())
                    + (f.demoKey() ? "; DEMO KEY: nobody vouches for this report" : ""));
        }
        out().println("  predicate     " + r.predicateType());
        if (f != null) {
            out().println("  product       " + f.vendor() + " " + f.product() + " " + f.version());
        }
        for (Statement.Subject c : r.gitCommits()) {
            out().println("  source        " + c.name() + " at commit " + c.digest().get("gitCommit"));
        }
        if (f != null) {
            out().println("  generated     " + f.generatedAt());
            out().println("  result        " + f.result());
            for (String reason : f.resultReasons()) {
                out().println("                - " + reason);
            }
        }
        if (f != null) {
            session(f.session());
        }
        VerificationResult.SummaryFacts vsa = r.summary();
        if (vsa != null) {
            out().println("  verifier      " + vsa.verifierId() + " at " + vsa.timeVerified());
            out().println("  resource      " + vsa.resourceUri());
            out().println("  result        " + vsa.verificationResult() + "  levels " + String.join(", ", vsa.verifiedLevels()));
            for (String reason : vsa.reasons()) {
                out().println("                - " + reason);
            }
        }
        out().println("  subjects      " + r.subjectCount());
        for (VerificationResult.ArtifactMatch m : r.artifacts()) {
            out().println("  covered       " + m.file() + " = " + String.join(", ", m.subjects()) + " (sha256 " + m.sha256() + ")");
            if (f != null && m.verdicts().isEmpty()) {
                out().println("    verdict     none in the report (not a build output)");
            }
            for (VerificationResult.CoveredVerdict v : m.verdicts()) {
                out().println("    verdict     " + v.verdict() + "  " + v.shipped() + (v.reason().isEmpty() ? "" : " (" + v.reason() + ")"));
            }
        }
        out().println("  policy        " + (signatureOnly ? "signature only: verdicts not enforced"
                : vsa != null && !vsa.passed() ? "FAILED: the verification summary's result is " + vsa.verificationResult()
                : failing.isEmpty() ? "passed: every covered artifact is REPRODUCIBLE or EQUIVALENT"
                : "FAILED: " + failing.size() + " verdict" + (failing.size() == 1 ? "" : "s")
                + " of covered artifacts not REPRODUCIBLE or EQUIVALENT"));
    }

    /**
     * The report's session, as the methodology it signs: who and when, the limits in force per stage, the sandbox and
     * what was not covered (every field: {@code --format json}, {@code report.session}).
     */
    private void session(com.fasterxml.jackson.databind.JsonNode s) {
        if (s == null) {
            out().println("  session       none in the report (made before reports recorded their session)");
            return;
        }
        List<String> stages = new java.util.ArrayList<>();
        s.path("stages").forEach(st -> stages.add(st.path("name").asText() + " " + st.path("durationMillis").asLong() + " ms"));
        List<String> auditors = new java.util.ArrayList<>();
        s.path("auditors").forEach(a -> auditors.add(a.asText()));
        out().println("  session       " + s.path("startedAt").asText() + " to " + s.path("endedAt").asText()
                + (auditors.isEmpty() ? "" : " by " + String.join(", ", auditors)) + "; " + String.join(", ", stages));
        s.path("limits").fields().forEachRemaining(group -> {
            List<String> values = new java.util.ArrayList<>();
            group.getValue().fields().forEachRemaining(v -> values.add(v.getKey() + "=" + (v.getValue().isArray()
                    ? v.getValue().toString() : v.getValue().asText())));
            out().println("  limits        " + group.getKey() + ": " + String.join(", ", values));
        });
        com.fasterxml.jackson.databind.JsonNode sb = s.path("sandbox");
        out().println("  sandbox       " + (sb.path("level").isNull() ? "no build ran" : sb.path("level").asText() + ": "
                + sb.path("detail").asText()) + " (asked for " + sb.path("requested").asText()
                + (sb.path("unsandboxedAllowed").asBoolean() ? ", unsandboxed build allowed" : "") + ")");
        com.fasterxml.jackson.databind.JsonNode n = s.path("notCovered");
        out().println("  not covered   " + n.path("unparsedFiles").size() + " source files, " + n.path("unresolvedCalls").asLong()
                + " unresolved calls, " + n.path("flowLimitsHit").size() + " flow limits hit, "
                + n.path("classesNotAnalysed").size() + " shipped files not analysed, " + n.path("missingClasses").asLong()
                + " missing classes, " + n.path("notRebuilt").size() + " artifacts not checked");
    }

    private Map<String, Object> json(VerificationResult r, List<VerificationResult.CoveredVerdict> failing) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("envelope", envelope.toString());
        m.put("verified", true);
        m.put("keyId", r.keyId());
        m.put("payloadType", r.payloadType());
        m.put("predicateType", r.predicateType());
        m.put("gitCommits", r.gitCommits());
        m.put("subjects", r.subjectCount());
        m.put("report", r.report());
        m.put("artifacts", r.artifacts());
        m.put("verificationSummary", r.summary());
        boolean vsaFailed = !signatureOnly && r.summary() != null && !r.summary().passed();
        Map<String, Object> policy = new LinkedHashMap<>();
        policy.put("signatureOnly", signatureOnly);
        policy.put("passed", failing.isEmpty() && !vsaFailed);
        policy.put("failing", failing);
        m.put("policy", policy);
        return m;
    }

    @Override
    protected ExitCode exitFor(ClearboxException e) {
        return e instanceof IntegrityException ? ExitCode.NEGATIVE : ExitCode.ERROR;
    }
}
