package dev.clearbox.reports.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.clearbox.analyzers.source.SourceAnalysisResult;
import dev.clearbox.core.Finding;
import dev.clearbox.core.checkout.CheckoutResult;
import dev.clearbox.core.compare.ArtifactComparison;
import dev.clearbox.core.rebuild.RebuildResult;
import dev.clearbox.core.unpack.PackageInventory;

import java.util.List;

/**
 * The audit report: one immutable model from which the JSON, the HTML and the signed Statement are all
 * rendered. Apart from the {@link #VARYING_FIELDS} it declares (times and durations), equal inputs give an equal report.
 *
 * <p>The report is made of its own records (this package), never of the stages' records: Jackson's rendering of
 * these records is the signed public schema (docs/report-schema.md), pinned by golden files. The stages' results are
 * copied into them by {@link ReportMapping}, which the constructor taking them calls.
 *
 * @param schema      the report schema's URI (see docs/report-schema.md)
 * @param generatedAt when the report was made, ISO-8601 UTC; one of the {@link #VARYING_FIELDS}
 * @param tool        which Clearbox made it
 * @param auditor     who signed it: the identity given, the key id, and whether the key is a demo key
 * @param product     who and what was audited
 * @param source      the commit audited, as checked out
 * @param packages    every shipped package, with its inventory
 * @param analysis    the source analysis: findings and coverage
 * @param rebuild     how the product was rebuilt from source
 * @param verdicts    a verdict per shipped artifact
 * @param summary     counts for a quick look (source, binary and package findings together)
 * @param binaryAnalysis the analysis of the shipped binaries and its correspondence with the source
 * @param packageFindings findings about the shipped packages themselves (a jar whose signature does not verify,
 *                    rule {@code CBX-PKG-SIGNATURE}), located at {@code PACKAGE!/ENTRY}
 * @param delta       with {@code audit --baseline}, what changed since the baseline report; {@code null} (and omitted)
 *                    otherwise
 * @param review      the auditor's decisions applied to this report ({@code audit --review}), with the review
 *                    coverage and the stale decisions; absent when no review was applied
 * @param session     how the audit was run: auditors, times, stages with durations, inputs by digest, tool versions,
 *                    limits in force, sandbox, and what was not covered ({@link Session})
 */
@JsonPropertyOrder({"schema", "generatedAt", "tool", "auditor", "product", "summary", "delta", "source", "packages",
        "packageFindings", "analysis", "rebuild", "verdicts", "binaryAnalysis", "review", "session"})
public record AuditReport(
        String schema,
        String generatedAt,
        Tool tool,
        Auditor auditor,
        Product product,
        Source source,
        List<ShippedPackage> packages,
        Analysis analysis,
        Rebuild rebuild,
        List<ArtifactVerdict> verdicts,
        Summary summary,
        BinaryReport binaryAnalysis,
        List<ReportFinding> packageFindings,
        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
        ReleaseDelta delta,
        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
        Review review,
        Session session) {

    public static final String SCHEMA = "https://clearbox.dev/schemas/audit-report/v1";

    /**
     * The fields of {@code report.json} that differ between two runs on the same inputs, as JSON Pointers ({@code *}
     * for every element of an array): the times and durations. Everything else is equal for equal inputs, apart from
     * {@code auditor} and {@code session.auditors} when another key or auditor signs (docs/report-schema.md).
     */
    public static final List<String> VARYING_FIELDS = List.of("/generatedAt", "/rebuild/durationMillis",
            "/session/startedAt", "/session/endedAt", "/session/stages/*/durationMillis");

    public AuditReport {
        java.util.Objects.requireNonNull(auditor, "auditor");
        packages = List.copyOf(packages);
        verdicts = List.copyOf(verdicts);
        binaryAnalysis = binaryAnalysis == null ? ReportMapping.binary(BinaryAnalysis.none()) : binaryAnalysis;
        packageFindings = List.copyOf(packageFindings == null ? List.of() : packageFindings);
        java.util.Objects.requireNonNull(session, "session");
    }

    /** A report without a delta or a review. */
    public AuditReport(String schema, String generatedAt, Tool tool, Auditor auditor, Product product, Source source,
                       List<ShippedPackage> packages, Analysis analysis, Rebuild rebuild, List<ArtifactVerdict> verdicts,
                       Summary summary, BinaryReport binaryAnalysis, List<ReportFinding> packageFindings,
                       Session session) {
        this(schema, generatedAt, tool, auditor, product, source, packages, analysis, rebuild, verdicts, summary,
                binaryAnalysis, packageFindings, null, null, session);
    }

    /** The same report with what changed since a baseline ({@code null} for none). */
    public AuditReport withDelta(ReleaseDelta releaseDelta) {
        return new AuditReport(schema, generatedAt, tool, auditor, product, source, packages, analysis, rebuild, verdicts,
                summary, binaryAnalysis, packageFindings, releaseDelta, review, session);
    }

    /** The same report with this review section ({@code null} for none). */
    public AuditReport withReview(Review review) {
        return new AuditReport(schema, generatedAt, tool, auditor, product, source, packages, analysis, rebuild, verdicts,
                summary, binaryAnalysis, packageFindings, delta, review, session);
    }

    /**
     * The report of the stages' results, copied by {@link ReportMapping}, with the session joined from {@code run} and
     * those results ({@link ReportMapping#session}).
     *
     * @param binaryAnalysis  the binary stage's result, or {@code null} for none
     * @param packageFindings findings about the shipped packages, or {@code null} for none
     */
    public AuditReport(String schema, String generatedAt, Tool tool, Auditor auditor, Product product,
                       CheckoutResult source, List<PackageInventory> packages, SourceAnalysisResult analysis,
                       RebuildResult rebuild, List<ArtifactComparison> verdicts, Summary summary,
                       BinaryAnalysis binaryAnalysis, List<Finding> packageFindings, SessionRun run) {
        this(schema, generatedAt, tool, auditor, product, ReportMapping.source(source), ReportMapping.packages(packages),
                ReportMapping.analysis(analysis), ReportMapping.rebuild(rebuild), ReportMapping.verdicts(verdicts), summary,
                ReportMapping.binary(binaryAnalysis == null ? BinaryAnalysis.none() : binaryAnalysis),
                ReportMapping.findings(packageFindings == null ? List.of() : packageFindings),
                ReportMapping.session(run, source, packages, analysis,
                        binaryAnalysis == null ? BinaryAnalysis.none() : binaryAnalysis, rebuild, verdicts,
                        new Session.ModelInput(tool.capabilityModelVersion(), tool.capabilityModelDigest())));
    }

    /**
     * The tool, and the capability model it used: its version and its digest (lowercase hex SHA-256 of the model
     * file's bytes; for the built-in model extended by a user file, both digests joined by {@code +}).
     */
    public record Tool(String name, String version, String capabilityModelVersion, String capabilityModelDigest) {
    }
}
