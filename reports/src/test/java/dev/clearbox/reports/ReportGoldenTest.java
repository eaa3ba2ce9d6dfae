package dev.clearbox.reports;

import dev.clearbox.reports.html.ReportHtml;
import dev.clearbox.reports.json.ReportJson;
import dev.clearbox.reports.model.AuditReport;
import dev.clearbox.reports.sarif.ReportSarif;
import dev.clearbox.reports.sign.ReportAttestation;
import dev.clearbox.reports.sign.VerificationSummaries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The report's public renderings, pinned byte for byte by golden files in {@code src/test/resources/golden}:
 * {@code report.json}, {@code report.html}, {@code report.sarif}, and the in-toto Statement the DSSE envelope signs
 * ({@code report.statement.json}; the envelope itself varies with the key). The report is {@link ReportFixture}'s.
 * A change to any of them changes the signed public schema or what an auditor reads: regenerate with
 * {@code -Dclearbox.regenerateGoldens=true} only when that is intended, and review the diff.
 */
class ReportGoldenTest {
    private final AuditReport report = ReportFixture.report();

    @TempDir
    Path tmp;

    @Test
    void json() throws Exception {
        GoldenFiles.assertGolden("report.json", ReportJson.bytes(report));
    }

    @Test
    void html() throws Exception {
        GoldenFiles.assertGolden("report.html", ReportHtml.render(report));
    }

    @Test
    void sarif() throws Exception {
        Path file = tmp.resolve("report.sarif");
        ReportSarif.write(report, file);
        GoldenFiles.assertGolden("report.sarif", Files.readAllBytes(file));
    }

    @Test
    void statement() throws Exception {
        GoldenFiles.assertGolden("report.statement.json", ReportAttestation.statement(report, ReportFixture.sideFiles()));
    }

    /**
     * The SLSA Verification Summary Statement of each fixture package ({@code vsa-PKG.statement.json}), citing a report
     * envelope with a fixed digest (the real one varies with the key and the time).
     */
    @Test
    void verificationSummaryStatements() throws Exception {
        for (var pkg : report.packages()) {
            GoldenFiles.assertGolden("vsa-" + pkg.packageName() + ".statement.json",
                    VerificationSummaries.statement(report, pkg, "e1".repeat(32)));
        }
    }

    @Test
    void jsonFileIsTheRenderedBytes() throws Exception {
        Path file = tmp.resolve("report.json");
        ReportJson.write(report, file);
        GoldenFiles.assertGolden("report.json", Files.readAllBytes(file));
    }
}
