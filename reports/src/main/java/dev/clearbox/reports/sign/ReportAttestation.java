package dev.clearbox.reports.sign;

import dev.clearbox.core.unpack.EntryType;
import dev.clearbox.reports.json.ReportJson;
import dev.clearbox.reports.model.AuditReport;
import dev.clearbox.reports.model.ShippedPackage;

import dev.clearbox.core.Sha256;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns an audit report into an in-toto Statement: the subjects are the audited commit (digest
 * {@code gitCommit}), every shipped file — each package and each file inside it, by nested path
 * (digest {@code sha256}) — and every side file the audit wrote beside the report, by its path in the workspace
 * ({@code report/report.json}, {@code report/report.html}, {@code report/report.sarif}, {@code unpack/PKG.cdx.json},
 * {@code analyze/findings.json}, {@code compare/verdicts.json}); the predicate is the report itself.
 *
 * <p>Side files are subjects rather than descriptors inside the predicate: the predicate is the report, and
 * {@code report.json} and {@code report.html} are renderings of it, so they cannot hold their own digests; as
 * subjects, one {@code clearbox verify --artifact FILE} (or any in-toto verifier matching by digest) checks them
 * like a shipped file.
 */
public final class ReportAttestation {
    /** The predicate type of a Clearbox audit report. */
    public static final String PREDICATE_TYPE = "https://clearbox.dev/attestation/audit-report/v1";

    private ReportAttestation() {
    }

    /** The side files the pipeline writes, by workspace path: the report's renderings first. */
    public static final String REPORT_JSON = "report/report.json";
    public static final String REPORT_HTML = "report/report.html";
    public static final String REPORT_SARIF = "report/report.sarif";
    public static final String FINDINGS = "analyze/findings.json";
    public static final String VERDICTS = "compare/verdicts.json";

    /** The side file name of a package's CycloneDX SBOM. */
    public static String sbom(String packageName) {
        return "unpack/" + packageName + ".cdx.json";
    }

    /** A side file as a subject: its workspace path and the sha256 of {@code file}'s bytes now. */
    public static Statement.Subject sideFile(String name, Path file) {
        return new Statement.Subject(name, Map.of("sha256", Sha256.hex(file)));
    }

    /** The subjects of the report alone: the commit and the shipped files. */
    public static List<Statement.Subject> subjects(AuditReport report) {
        List<Statement.Subject> subjects = new ArrayList<>();
        subjects.add(new Statement.Subject("git+" + report.product().name() + "@" + report.source().commitId(),
                Map.of("gitCommit", report.source().commitId())));
        Map<String, String> byName = new LinkedHashMap<>();
        for (ShippedPackage p : report.packages()) {
            byName.put(p.packageName(), p.sha256());
            for (ShippedPackage.Entry e : p.entries()) {
                if (e.type() != EntryType.LINK && e.type() != EntryType.SPECIAL && e.sha256() != null && !e.sha256().isEmpty()) {
                    byName.put(p.packageName() + "!/" + e.path(), e.sha256());
                }
            }
        }
        byName.forEach((name, sha) -> subjects.add(new Statement.Subject(name, Map.of("sha256", sha))));
        return subjects;
    }

    /**
     * The subjects of the report and its side files.
     *
     * @throws IllegalArgumentException when a side file's name is also the name of another subject
     */
    public static List<Statement.Subject> subjects(AuditReport report, List<Statement.Subject> sideFiles) {
        List<Statement.Subject> all = new ArrayList<>(subjects(report));
        java.util.Set<String> names = new java.util.HashSet<>();
        all.forEach(s -> names.add(s.name()));
        for (Statement.Subject side : sideFiles) {
            if (!names.add(side.name())) {
                throw new IllegalArgumentException("two subjects are named " + side.name());
            }
            all.add(side);
        }
        return all;
    }

    /** The Statement's bytes for the report without side files. */
    public static byte[] statement(AuditReport report) {
        return statement(report, List.of());
    }

    /** The Statement's bytes for the report and the side files written with it. */
    public static byte[] statement(AuditReport report, List<Statement.Subject> sideFiles) {
        return Attestations.statement(subjects(report, sideFiles), PREDICATE_TYPE, ReportJson.tree(report));
    }
}
