package dev.clearbox.reports.sign;

import dev.clearbox.core.unpack.EntryType;
import dev.clearbox.reports.json.ReportJson;
import dev.clearbox.reports.model.AuditReport;
import dev.clearbox.reports.model.ShippedPackage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns an audit report into an in-toto Statement: the subjects are the audited commit (digest
 * {@code gitCommit}) and every shipped file — each package and each file inside it, by nested path
 * (digest {@code sha256}); the predicate is the report itself.
 */
public final class ReportAttestation {
    /** The predicate type of a Clearbox audit report. */
    public static final String PREDICATE_TYPE = "https://clearbox.dev/attestation/audit-report/v1";

    private ReportAttestation() {
    }

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

    /** The Statement's bytes for the report. */
    public static byte[] statement(AuditReport report) {
        return Attestations.statement(subjects(report), PREDICATE_TYPE, ReportJson.tree(report));
    }
}
