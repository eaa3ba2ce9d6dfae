package dev.clearbox.cli;

import dev.clearbox.audit.AuditOutcome;
import dev.clearbox.core.InvalidInputException;
import dev.clearbox.core.Stage;
import dev.clearbox.core.StageFailedException;
import dev.clearbox.reports.markdown.SummaryMarkdown;
import dev.clearbox.reports.model.ArtifactVerdict;
import dev.clearbox.reports.model.AuditReport;
import dev.clearbox.reports.policy.FailOn;
import dev.clearbox.reports.policy.PolicyOutcome;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code clearbox audit} gives a CI job beside the workspace: the {@code --fail-on} decision and its one line,
 * the {@code --summary} Markdown file (written where the auditor asked, nowhere else), and the {@code --format json}
 * object. The policy and the Markdown are decided and rendered in {@code reports} ({@link PolicyOutcome},
 * {@link SummaryMarkdown}); this class only places them.
 */
final class AuditCiOutput {
    private AuditCiOutput() {
    }

    /**
     * Refuses, before the audit runs, a {@code --summary} path that cannot be written: a directory, an existing file
     * that is not writable or not a regular file, or one whose directory does not exist or is not writable.
     */
    static void checkSummaryTarget(Path file) {
        String problem = null;
        Path parent = file.toAbsolutePath().getParent();
        if (Files.isDirectory(file)) {
            problem = "is a directory; --summary needs a file name";
        } else if (Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(file)) {
            problem = "is not a regular file; --summary writes a regular file";
        } else if (Files.exists(file) && !Files.isWritable(file)) {
            problem = "is not writable (--summary)";
        } else if (parent == null || !Files.isDirectory(parent)) {
            problem = "its directory does not exist (--summary)";
        } else if (!Files.exists(file) && !Files.isWritable(parent)) {
            problem = "its directory is not writable (--summary)";
        }
        if (problem != null) {
            throw new InvalidInputException(Stage.AUDIT, file.toString(), problem);
        }
    }

    /** Where the summary says the signed report is. */
    static SummaryMarkdown.Location location(AuditOutcome o) {
        return new SummaryMarkdown.Location(o.envelope().toString(), o.reportJson().toString(), o.reportHtml().toString(),
                o.publicKey().toString(), o.keyId(), o.report().auditor().demoKey());
    }

    /** Writes the Markdown summary to {@code file}; a file that cannot be written is a stage failure (exit 2). */
    static void writeSummary(AuditOutcome o, PolicyOutcome policy, Path file) {
        try {
            Files.writeString(file, SummaryMarkdown.render(o.report(), location(o), policy), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StageFailedException(Stage.AUDIT, file.toString(), "cannot write the --summary file: "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()));
        }
    }

    /** The line on stderr when the policy fails: {@code audit: policy: not-reproducible: …; exfil: 11 paths}. */
    static String policyLine(PolicyOutcome policy) {
        return "clearbox: audit: policy: " + policy.oneLine();
    }

    /** The policy line of the text summary. */
    static String policySummary(PolicyOutcome policy) {
        if (policy.failOn().isEmpty()) {
            return "  policy     none (--fail-on not given): exit 0 for a completed audit";
        }
        return "  policy     " + (policy.passed() ? "passed" : "FAILED") + " --fail-on " + words(policy)
                + (policy.passed() ? "" : ": " + policy.oneLine());
    }

    private static String words(PolicyOutcome policy) {
        return String.join(",", policy.failOn().stream().map(FailOn::word).toList());
    }

    /** The {@code --format json} object. */
    static Map<String, Object> json(AuditOutcome o, PolicyOutcome policy, Path summaryFile, ExitCode exit) {
        AuditReport r = o.report();
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, Object> product = new LinkedHashMap<>();
        product.put("vendor", r.product().vendor());
        product.put("name", r.product().name());
        product.put("version", r.product().version());
        m.put("product", product);
        m.put("commit", r.source().commitId());
        m.put("result", r.summary().result());
        m.put("resultReasons", r.summary().resultReasons());
        m.put("findingsBySeverity", r.summary().findingsBySeverity());
        m.put("findingsByRule", r.summary().findingsByRule());
        List<Map<String, Object>> verdicts = new ArrayList<>();
        for (ArtifactVerdict v : r.verdicts()) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("shipped", v.shipped());
            one.put("verdict", v.verdict());
            one.put("reason", v.reason());
            one.put("substantiveDifferences", v.substantive().size());
            verdicts.add(one);
        }
        m.put("verdicts", verdicts);
        Map<String, Object> files = new LinkedHashMap<>();
        files.put("json", o.reportJson().toString());
        files.put("html", o.reportHtml().toString());
        files.put("sarif", o.reportJson().resolveSibling("report.sarif").toString());
        files.put("envelope", o.envelope().toString());
        files.put("publicKey", o.publicKey().toString());
        files.put("summary", summaryFile == null ? null : summaryFile.toString());
        m.put("files", files);
        m.put("keyId", o.keyId());
        m.put("demoKey", r.auditor().demoKey());
        m.put("demoKeyCreated", o.demoKeyCreated());
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("failOn", policy.failOn().stream().map(FailOn::word).toList());
        p.put("passed", policy.passed());
        List<Map<String, String>> violations = new ArrayList<>();
        for (PolicyOutcome.Violation v : policy.violations()) {
            violations.add(Map.of("condition", v.condition().word(), "evidence", v.evidence()));
        }
        p.put("violations", violations);
        m.put("policy", p);
        m.put("exitCode", exit.code());
        return m;
    }
}
