package dev.clearbox.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.clearbox.core.InvalidInputException;
import dev.clearbox.core.io.InputFiles;
import dev.clearbox.core.io.UntrustedJson;
import dev.clearbox.core.Severity;
import dev.clearbox.reports.json.ReportJson;
import dev.clearbox.reports.model.AuditReport;
import dev.clearbox.reports.model.Review;
import dev.clearbox.reports.review.ReviewFile;
import dev.clearbox.reports.review.ReviewStatus;
import dev.clearbox.reports.review.Reviews;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** {@code clearbox review}: list the open findings of a report, record decisions in review.json, show the coverage. */
@Command(name = "review",
        description = {"Record the auditor's decisions about a report's findings in a review file (review.json), one",
                "decision per finding fingerprint: confirmed, accepted (the product's documented behaviour),",
                "false-positive, or question (for the vendor), each with a justification, a reviewer and a date.",
                "Then 'clearbox audit --review review.json' signs the decisions into the report: decided findings stay",
                "in it, marked; the coverage (decided / total, per severity) and stale decisions are reported, and",
                "--fail-on leaves out accepted and false-positive findings. Schema and workflow: docs/review.md."},
        footer = {"", "Workflow:",
                "  clearbox audit samples/acme-updater/submission                     # 1. audit: report/report.json",
                "  clearbox review list --report clearbox-work/acme-updater-1.4.0      # 2. the open findings, most severe first",
                "  clearbox review set 5ba35aaf54603c1b2b92bbd1be4592b3 accepted \\",
                "      --reason \"The update check: manual, section 3\" --report clearbox-work/acme-updater-1.4.0",
                "  clearbox review coverage --report clearbox-work/acme-updater-1.4.0  # 3. how much is decided",
                "  clearbox audit samples/acme-updater/submission --review review.json # 4. sign the decisions in",
                "",
                "Statuses:",
                "  confirmed       the finding is real and stands",
                "  accepted        real, and the product's documented behaviour (say which purpose in --reason)",
                "  false-positive  not real: the analysis is wrong here",
                "  question        a question for the vendor; undecided until answered"},
        subcommands = {ReviewCommand.ListCommand.class, ReviewCommand.SetCommand.class,
                ReviewCommand.CoverageCommand.class})
final class ReviewCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The largest report.json read. */
    static final long MAX_REPORT_BYTES = 512L * 1024 * 1024;
    static final dev.clearbox.core.Stage STAGE = dev.clearbox.core.Stage.REVIEW;
    /** The environment variable naming the reviewer when --reviewer is not given (before USER). */
    static final String REVIEWER_ENV = "CLEARBOX_REVIEWER";

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }

    /** The report and review file options every review subcommand takes. */
    static final class ReviewInputs {
        @Option(names = "--report", paramLabel = "REPORT",
                description = {"The audited report: report.json, the report/ directory holding it, or the workspace"
                        + " holding report/. Default: ./report/report.json, else the only"
                        + " clearbox-work/*/report/report.json in the current directory."})
        Path report;

        @Option(names = "--review", paramLabel = "FILE", defaultValue = "review.json",
                description = "The review file (default: ${DEFAULT-VALUE} in the current directory).")
        Path review;

        /** The report.json to read. */
        Path reportFile() {
            if (report != null) {
                Path p = report;
                if (Files.isDirectory(p) && Files.isDirectory(p.resolve("report"))) {
                    p = p.resolve("report");
                }
                return Files.isDirectory(p) ? p.resolve("report.json") : p;
            }
            Path here = Path.of("report", "report.json");
            if (Files.isRegularFile(here)) {
                return here;
            }
            List<Path> found = new ArrayList<>();
            Path work = Path.of("clearbox-work");
            if (Files.isDirectory(work)) {
                try (DirectoryStream<Path> dirs = Files.newDirectoryStream(work)) {
                    for (Path d : dirs) {
                        if (Files.isRegularFile(d.resolve("report").resolve("report.json"))) {
                            found.add(d.resolve("report").resolve("report.json"));
                        }
                    }
                } catch (IOException e) {
                    throw new InvalidInputException(STAGE, work.toString(), "cannot list the workspaces");
                }
            }
            if (found.size() == 1) {
                return found.get(0);
            }
            throw new InvalidInputException(STAGE, "--report", found.isEmpty()
                    ? "no report found (no report/report.json, no clearbox-work/*/report/report.json here); give --report"
                    : found.size() + " workspaces under clearbox-work hold a report; say which with --report");
        }

        /** The report, read strictly. */
        AuditReport readReport() {
            Path file = reportFile();
            byte[] bytes = InputFiles.read(file, MAX_REPORT_BYTES, STAGE, "report");
            try {
                return ReportJson.read(bytes);
            } catch (JsonProcessingException e) {
                throw new InvalidInputException(STAGE, file.toString(), "not a Clearbox report: " + UntrustedJson.problem(e));
            } catch (IOException e) {
                throw new InvalidInputException(STAGE, file.toString(), "cannot read: " + e.getClass().getSimpleName());
            }
        }

        /** The review file, or an empty one when it does not exist yet. */
        ReviewFile readReview() {
            return Files.exists(review) || Files.isSymbolicLink(review) ? ReviewFile.read(review).review() : ReviewFile.empty();
        }
    }

    @Command(name = "list",
            description = {"List the report's open findings (no decision in the review file), most severe first:",
                    "fingerprint, severity, rule, location, message. With --all, every finding with its decision."},
            footer = {"", "Examples:",
                    "  clearbox review list --report clearbox-work/acme-updater-1.4.0",
                    "  clearbox review list --all --format json --review audit/review.json"})
    static final class ListCommand extends ClearboxCommand {
        @Mixin
        ReviewInputs files;

        @Option(names = "--all", description = "Also list the decided findings, with their decision.")
        boolean all;

        @Option(names = "--format", paramLabel = "FORMAT", description = "text (default) or json.")
        OutputFormat format = OutputFormat.text;

        @Override
        protected ExitCode execute() throws Exception {
            AuditReport report = files.readReport();
            ReviewFile review = files.readReview();
            List<Reviews.Row> rows = Reviews.rows(report, review, all);
            int total = Reviews.findings(report).size();
            int open = Reviews.rows(report, review, false).size();
            if (format == OutputFormat.json) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("report", files.reportFile().toString());
                out.put("review", files.review.toString());
                out.put("total", total);
                out.put("open", open);
                out.put("findings", rows);
                JsonOutput.print(out(), out);
                return ExitCode.OK;
            }
            PrintWriter o = out();
            o.println((all ? "All " + total + " findings" : open + " open of " + total + " findings") + " in "
                    + files.reportFile() + " (decisions: " + files.review + (Files.exists(files.review) ? "" : ", not yet made") + ")");
            for (Reviews.Row r : rows) {
                o.printf("%s  %-8s  %s%s  %s  %s%n", r.fingerprint(), r.severity(), all ? pad(r.status().isEmpty()
                        ? "open" : r.status(), 14) + "  " : "", r.ruleId(), r.location(), r.message());
            }
            if (open > 0) {
                o.println("Decide one: clearbox review set FINGERPRINT confirmed|accepted|false-positive|question --reason \"...\"");
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "set",
            description = {"Record a decision about the finding with FINGERPRINT in the review file (created when",
                    "missing; a decision already there for it is replaced, and said so). The report must hold a",
                    "finding with that fingerprint. The date is now, in UTC. The file stays sorted by fingerprint.",
                    "",
                    "The reviewer is --reviewer when given, else the environment variable " + REVIEWER_ENV + ", else",
                    "the environment's user (USER, then LOGNAME); without any of them, give --reviewer."},
            footer = {"", "Examples:",
                    "  clearbox review set 5ba35aaf54603c1b2b92bbd1be4592b3 accepted --reason \"Update check, manual section 3\"",
                    "  clearbox review set 7a9dbf725e319d05e6b2f82232cc69db question --reason \"Why does Beacon connect?\" \\",
                    "      --reviewer \"A. Auditor <a@lab.example>\" --report /audit/acme-1.4.0 --review /audit/review.json"})
    static final class SetCommand extends ClearboxCommand {
        @Parameters(index = "0", paramLabel = "FINGERPRINT", description = "The finding's fingerprint ('review list' shows them).")
        String fingerprint;

        @Parameters(index = "1", paramLabel = "STATUS", description = "confirmed, accepted, false-positive or question.")
        String status;

        @Option(names = "--reason", required = true, paramLabel = "TEXT",
                description = "The justification (required, not blank); for accepted, the documented purpose.")
        String reason;

        @Option(names = "--reviewer", paramLabel = "NAME",
                description = "Who decides. Default: $" + REVIEWER_ENV + ", else $USER, else $LOGNAME.")
        String reviewer;

        @Mixin
        ReviewInputs files;

        /** The environment, replaceable by tests. */
        static UnaryOperator<String> env = System::getenv;
        /** The clock, replaceable by tests. */
        static Clock clock = Clock.systemUTC();

        @Override
        protected ExitCode execute() {
            ReviewStatus s = ReviewStatus.of(status).orElseThrow(() -> new InvalidInputException(STAGE, "STATUS",
                    "'" + UntrustedJson.name(status) + "' is not a status; use one of " + ReviewStatus.words()));
            if (reason.isBlank()) {
                throw new InvalidInputException(STAGE, "--reason", "the justification is blank; say why");
            }
            if (reason.length() > ReviewFile.MAX_JUSTIFICATION) {
                throw new InvalidInputException(STAGE, "--reason", "longer than " + ReviewFile.MAX_JUSTIFICATION + " characters");
            }
            String who = reviewer(reviewer, env).orElseThrow(() -> new InvalidInputException(STAGE, "--reviewer",
                    "no reviewer: give --reviewer NAME (or set " + REVIEWER_ENV + ")"));
            AuditReport report = files.readReport();
            if (!Reviews.contains(report, fingerprint)) {
                throw new InvalidInputException(STAGE, UntrustedJson.name(fingerprint), "no finding of "
                        + files.reportFile() + " has this fingerprint; 'clearbox review list --all' lists them");
            }
            ReviewFile before = files.readReview();
            Optional<ReviewFile.Decision> old = before.decision(fingerprint);
            ReviewFile after = before.with(new ReviewFile.Decision(fingerprint, s, reason.strip(), who,
                    ReviewFile.now(clock), null));
            after.write(files.review);
            out().println("Recorded " + s.word() + " for " + fingerprint + " by " + who + " in " + files.review
                    + old.map(d -> " (replacing " + d.status().word() + " by " + d.reviewer() + ", " + d.date() + ")").orElse(""));
            out().println("Coverage: " + Reviews.coverageLine(Reviews.coverage(report, after)));
            return ExitCode.OK;
        }

        /** The reviewer: the flag, else CLEARBOX_REVIEWER, else USER, else LOGNAME (blank values skipped). */
        static Optional<String> reviewer(String flag, UnaryOperator<String> env) {
            for (String candidate : new String[]{flag, env.apply(REVIEWER_ENV), env.apply("USER"), env.apply("LOGNAME")}) {
                if (candidate != null && !candidate.isBlank()) {
                    return Optional.of(candidate.strip());
                }
            }
            return Optional.empty();
        }
    }

    @Command(name = "coverage",
            description = {"How much of the report the review file decides: decided / total findings, per severity",
                    "and per status, and the stale decisions (their fingerprint is no finding of the report)."},
            footer = {"", "Examples:",
                    "  clearbox review coverage --report clearbox-work/acme-updater-1.4.0",
                    "  clearbox review coverage --format json"})
    static final class CoverageCommand extends ClearboxCommand {
        @Mixin
        ReviewInputs files;

        @Option(names = "--format", paramLabel = "FORMAT", description = "text (default) or json.")
        OutputFormat format = OutputFormat.text;

        @Override
        protected ExitCode execute() throws Exception {
            AuditReport report = files.readReport();
            ReviewFile review = files.readReview();
            Review.Coverage c = Reviews.coverage(report, review);
            List<ReviewFile.Decision> stale = Reviews.stale(report, review);
            if (format == OutputFormat.json) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("report", files.reportFile().toString());
                out.put("review", files.review.toString());
                out.put("coverage", c);
                out.put("stale", stale);
                JsonOutput.print(out(), out);
                return ExitCode.OK;
            }
            PrintWriter o = out();
            o.println("Review coverage of " + files.reportFile() + " by " + files.review + ": " + c.decided() + "/" + c.total()
                    + " findings decided" + (c.total() == 0 ? "" : " (" + (100 * c.decided() / c.total()) + "%)"));
            for (Severity s : List.of(Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW, Severity.INFO)) {
                Review.Counts n = c.bySeverity().getOrDefault(s, new Review.Counts(0, 0));
                o.printf("  %-8s  %d/%d%n", s, n.decided(), n.total());
            }
            StringBuilder byStatus = new StringBuilder();
            for (ReviewStatus s : ReviewStatus.values()) {
                byStatus.append(byStatus.length() == 0 ? "" : ", ").append(s.word()).append(' ')
                        .append(c.byStatus().getOrDefault(s.word(), 0));
            }
            o.println("  by decision: " + byStatus);
            o.println("  stale decisions: " + stale.size() + (stale.isEmpty() ? "" : " (no finding of the report has their fingerprint)"));
            for (ReviewFile.Decision d : stale) {
                o.println("    " + d.fingerprint() + " " + d.status().word() + " by " + d.reviewer() + ", " + d.date()
                        + ": " + d.justification());
            }
            return ExitCode.OK;
        }
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
