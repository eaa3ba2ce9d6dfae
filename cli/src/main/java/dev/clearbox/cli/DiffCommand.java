package dev.clearbox.cli;

import dev.clearbox.core.Stage;
import dev.clearbox.core.ClearboxException;
import dev.clearbox.core.InvalidInputException;
import dev.clearbox.core.StageFailedException;
import dev.clearbox.reports.delta.DeltaText;
import dev.clearbox.reports.delta.ReleaseDiff;
import dev.clearbox.reports.delta.VerifiedReport;
import dev.clearbox.reports.html.DeltaHtml;
import dev.clearbox.reports.model.ReleaseDelta;
import dev.clearbox.reports.sign.KeyFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

@Command(name = "diff",
        description = {"Show what a new release changed against an earlier one, from their two signed reports.",
                "OLD and NEW are report directories (report/ of an audit: report.json and report.dsse.json, or",
                "the workspace holding it). Both are verified first, with the same checks as 'clearbox verify':",
                "the envelope's signature with the key given, the Clearbox report predicate type, and that",
                "report.json's sha256 is the Statement's digest for report/report.json. A report that does not",
                "verify is refused in one line with exit code 2: there is no delta of an unverified report.",
                "",
                "The delta lists what NEW added, then what it removed, then what changed: capabilities per",
                "package, class and method; flows; call sites; binary-only behaviours and other binary findings;",
                "endpoints; the overall result; verdicts; package findings; packages, entries and SBOM",
                "components. Findings are matched by fingerprint (no line numbers: a line shift is no change);",
                "names are compared with each release's version replaced, so acme-updater-1.4.0.zip and",
                "acme-updater-1.4.1.zip are one package that changed. See docs/release-delta.md.",
                "",
                "Exit code 0 when the delta is computed, whether or not anything changed."},
        footer = {"", "Examples:",
                "  clearbox diff work-1.4.0/report work-1.4.1/report --key lab.pub.pem",
                "  clearbox diff old/report new/report --old-key lab-2025.pub.pem --new-key lab-2026.pub.pem --format json",
                "  clearbox diff old/report new/report --key lab.pub.pem --html delta.html"})
final class DiffCommand extends ClearboxCommand {
    @Parameters(index = "0", paramLabel = "OLD", description = "The earlier release's signed report directory.")
    Path oldReport;

    @Parameters(index = "1", paramLabel = "NEW", description = "The later release's signed report directory.")
    Path newReport;

    @Option(names = "--key", paramLabel = "PUBLIC.pem", description = "The public key (PEM) that signed both reports.")
    Path key;

    @Option(names = "--old-key", paramLabel = "PUBLIC.pem", description = "The public key that signed OLD (instead of --key).")
    Path oldKey;

    @Option(names = "--new-key", paramLabel = "PUBLIC.pem", description = "The public key that signed NEW (instead of --key).")
    Path newKey;

    @Option(names = "--format", paramLabel = "FORMAT", description = "text (default) or json.")
    OutputFormat format = OutputFormat.text;

    @Option(names = "--html", paramLabel = "FILE", description = "Also write the delta as a self-contained HTML page.")
    Path html;

    @Override
    protected ExitCode execute() throws Exception {
        Path oldPub = oldKey != null ? oldKey : key;
        Path newPub = newKey != null ? newKey : key;
        if (oldPub == null || newPub == null) {
            throw new InvalidInputException(Stage.DIFF, oldPub == null ? "--old-key" : "--new-key",
                    "a public key is needed for each report: --key for both, or --old-key and --new-key");
        }
        VerifiedReport from = VerifiedReport.read(oldReport, KeyFiles.readPublicKey(oldPub), Stage.DIFF, "old report");
        VerifiedReport to = VerifiedReport.read(newReport, KeyFiles.readPublicKey(newPub), Stage.DIFF, "new report");
        ReleaseDelta delta = ReleaseDiff.between(from, to);
        if (html != null) {
            writeHtml(delta);
        }
        if (format == OutputFormat.json) {
            JsonOutput.print(out(), delta);
        } else {
            DeltaText.lines(delta).forEach(out()::println);
            if (html != null) {
                out().println("html: " + html);
            }
        }
        return ExitCode.OK;
    }

    /** Written beside the target and moved into place, so a page on disk is always a whole one. */
    private void writeHtml(ReleaseDelta delta) {
        Path target = html.toAbsolutePath();
        if (Files.isDirectory(target)) {
            throw new InvalidInputException(Stage.DIFF, html.toString(), "--html names a directory, not a file");
        }
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        try {
            Files.writeString(partial, DeltaHtml.page(delta), StandardCharsets.UTF_8);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // the first problem is the one to report
            }
            throw new StageFailedException(Stage.DIFF, html.toString(), "cannot write the HTML page: " + e.getClass().getSimpleName());
        }
    }

    @Override
    protected ExitCode exitFor(ClearboxException e) {
        return ExitCode.ERROR; // an unverified report is refused: no answer, so never the "no" of exit code 1
    }
}
