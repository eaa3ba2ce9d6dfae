package dev.clearbox.reports.delta;

import dev.clearbox.core.Stage;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.clearbox.core.IntegrityException;
import dev.clearbox.core.InvalidInputException;
import dev.clearbox.core.Sha256;
import dev.clearbox.core.io.InputFiles;
import dev.clearbox.core.io.UntrustedJson;
import dev.clearbox.reports.json.ReportJson;
import dev.clearbox.reports.model.AuditReport;
import dev.clearbox.reports.model.ReportFinding;
import dev.clearbox.reports.model.ShippedPackage;
import dev.clearbox.reports.sign.EnvelopeVerifier;
import dev.clearbox.reports.sign.ReportAttestation;
import dev.clearbox.reports.sign.VerificationResult;
import dev.clearbox.reports.sign.VerifyPolicy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;
import java.util.Objects;

/**
 * A signed report read back after its verification: the DSSE envelope's signature verifies with the key given, its
 * Statement has Clearbox's report predicate type, and the sha256 of the {@code report.json} bytes read is the
 * Statement's digest for the subject {@value ReportAttestation#REPORT_JSON}; only then are those bytes read, strictly,
 * with {@link ReportJson#read}. The one way {@code clearbox diff} and {@code clearbox audit --baseline} take a report.
 *
 * @param directory    the report directory read ({@code report/} of an audit workspace)
 * @param report       the report
 * @param reportSha256 the sha256 of its {@code report.json}, as signed
 * @param keyId        the id of the key its signature verified with
 */
public record VerifiedReport(Path directory, AuditReport report, String reportSha256, String keyId) {
    /** The envelope file in a report directory. */
    public static final String ENVELOPE = "report.dsse.json";
    /** The report file in a report directory. */
    public static final String JSON = "report.json";
    /** The largest report.json read: 256 MiB, the verifier's default payload cap. */
    public static final long MAX_REPORT_BYTES = VerifyPolicy.DEFAULT_MAX_PAYLOAD_BYTES;

    public VerifiedReport {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(reportSha256, "reportSha256");
        Objects.requireNonNull(keyId, "keyId");
    }

    /**
     * Verifies and reads the report in {@code directory}: an audit's {@code report/} directory, or the workspace
     * holding it.
     *
     * @param stage the stage named in a refusal ({@code diff}, {@code audit})
     * @param role  which report it is, for a refusal ({@code old report}, {@code baseline})
     * @throws InvalidInputException when the directory, the envelope or report.json is missing or malformed
     * @throws IntegrityException    when the signature does not verify with {@code key} or report.json is not the
     *                               signed one
     */
    public static VerifiedReport read(Path directory, PublicKey key, Stage stage, String role) {
        Objects.requireNonNull(key, "key");
        if (!Files.isDirectory(directory)) {
            throw new InvalidInputException(stage, directory.toString(), role + " is not a directory: give the report/"
                    + " directory of an audit (report.json and report.dsse.json)");
        }
        Path dir = directory;
        if (!Files.exists(dir.resolve(ENVELOPE)) && Files.isDirectory(dir.resolve("report"))) {
            dir = dir.resolve("report"); // the workspace was given
        }
        Path envelope = dir.resolve(ENVELOPE);
        Path json = dir.resolve(JSON);
        if (!Files.exists(envelope)) {
            throw new InvalidInputException(stage, directory.toString(), role + " has no " + ENVELOPE
                    + ": not a signed Clearbox report directory");
        }
        if (!Files.exists(json)) {
            throw new InvalidInputException(stage, directory.toString(), role + " has no " + JSON);
        }
        VerifyPolicy policy = new VerifyPolicy(VerifyPolicy.DEFAULT_MAX_PAYLOAD_BYTES, ReportAttestation.PREDICATE_TYPE,
                null, null);
        VerificationResult verified = new EnvelopeVerifier(policy).verify(envelope, key, List.of(json));
        VerificationResult.ArtifactMatch match = verified.artifacts().get(0);
        if (!match.subjects().contains(ReportAttestation.REPORT_JSON)) {
            throw new IntegrityException(stage, json.toString(), role + ": the signed Statement gives this file's sha256 to "
                    + String.join(", ", match.subjects()) + ", not to " + ReportAttestation.REPORT_JSON);
        }
        byte[] bytes = InputFiles.read(json, MAX_REPORT_BYTES, stage, "report");
        String sha = Sha256.hex(bytes);
        if (!sha.equals(match.sha256())) {
            throw new IntegrityException(stage, json.toString(), role + ": report.json changed while it was read");
        }
        AuditReport report;
        try {
            report = ReportJson.read(bytes);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(stage, json.toString(), role + " is not a Clearbox report: "
                    + UntrustedJson.problem(e));
        } catch (IOException e) {
            throw new InvalidInputException(stage, json.toString(), role + " is not a Clearbox report");
        }
        String problem = incomplete(report);
        if (problem != null) {
            throw new InvalidInputException(stage, json.toString(), role + " is not a complete Clearbox report: " + problem);
        }
        return new VerifiedReport(dir, report, sha, verified.keyId());
    }

    /** What a delta needs that a strict read does not already require, or {@code null} when all is there. */
    static String incomplete(AuditReport r) {
        if (r == null) {
            return "empty";
        }
        if (!AuditReport.SCHEMA.equals(r.schema())) {
            return "schema is not " + AuditReport.SCHEMA;
        }
        if (r.product() == null || r.source() == null || r.analysis() == null || r.summary() == null
                || r.summary().result() == null || r.summary().endpoints() == null || r.tool() == null) {
            return "product, source, analysis, summary and tool are required";
        }
        if (r.source().commitId() == null || r.product().version() == null) {
            return "source.commitId and product.version are required";
        }
        for (List<ReportFinding> findings : List.of(r.analysis().findings(), r.binaryAnalysis().findings(),
                r.packageFindings())) {
            if (findings == null) {
                return "a findings list is missing";
            }
            for (ReportFinding f : findings) {
                if (f.ruleId() == null || f.capability() == null || f.severity() == null || f.api() == null
                        || f.location().file() == null || f.location().code() == null) {
                    return "a finding lacks ruleId, capability, severity, api or location";
                }
                for (ReportFinding.Step s : f.path()) {
                    if (s == null || s.location() == null || s.location().file() == null || s.location().code() == null) {
                        return "a finding's path step lacks its location";
                    }
                }
            }
        }
        for (ShippedPackage p : r.packages()) {
            if (p.packageName() == null || p.sha256() == null || p.entries().stream().anyMatch(e -> e.path() == null)) {
                return "a package or entry lacks its name or digest";
            }
        }
        if (r.verdicts().stream().anyMatch(v -> v.shipped() == null || v.verdict() == null)) {
            return "a verdict lacks its artifact or value";
        }
        return null;
    }
}
