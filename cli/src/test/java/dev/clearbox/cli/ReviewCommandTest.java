package dev.clearbox.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clearbox.core.Severity;
import dev.clearbox.reports.json.ReportJson;
import dev.clearbox.reports.model.AuditReport;
import dev.clearbox.reports.model.ReportFinding;
import dev.clearbox.reports.review.ReviewFile;
import dev.clearbox.reports.review.ReviewStatus;
import dev.clearbox.reports.review.Reviews;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code clearbox review list/set/coverage} on a report Clearbox wrote (the reports module's golden report). */
class ReviewCommandTest {
    static final Path GOLDEN = Path.of("../reports/src/test/resources/golden/report.json");

    @TempDir
    Path tmp;
    Path report;
    Path review;
    AuditReport parsed;

    @BeforeEach
    void copyTheReport() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("ws/report"));
        report = dir.resolve("report.json");
        Files.copy(GOLDEN, report);
        review = tmp.resolve("review.json");
        parsed = ReportJson.read(Files.readAllBytes(report));
        ReviewCommand.SetCommand.clock = Clock.fixed(Instant.parse("2026-12-02T07:10:00Z"), ZoneOffset.UTC);
    }

    @AfterEach
    void restoreTheClock() {
        ReviewCommand.SetCommand.clock = Clock.systemUTC();
    }

    private CliRun review(Object... args) {
        Object[] all = new Object[args.length + 5];
        all[0] = "review";
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "--report";
        all[args.length + 2] = report;
        all[args.length + 3] = "--review";
        all[args.length + 4] = review;
        return CliRun.of(all);
    }

    private ReportFinding mostSevere() {
        return Reviews.findings(parsed).stream().max(Comparator.comparing(ReportFinding::severity)).orElseThrow();
    }

    @Test
    void listShowsEveryOpenFindingMostSevereFirst() {
        CliRun run = review("list");

        assertEquals(0, run.exit(), run.err());
        List<String> rows = run.out().lines().filter(l -> l.matches("^[0-9a-f]{32}  .*")).toList();
        List<ReportFinding> all = Reviews.findings(parsed);
        assertEquals(all.size(), rows.size(), run.out());
        assertTrue(run.out().startsWith(all.size() + " open of " + all.size() + " findings"), run.out());
        List<Severity> shown = rows.stream().map(r -> Severity.valueOf(r.split("\\s+")[1])).toList();
        assertEquals(shown.stream().sorted(Comparator.reverseOrder()).toList(), shown, "most severe first");
        for (ReportFinding f : all) {
            assertTrue(run.out().contains(f.fingerprint() + "  " + f.severity()), f.fingerprint());
        }
    }

    @Test
    void setRecordsADecisionThatListThenLeavesOutAndAllShows() throws Exception {
        ReportFinding f = mostSevere();

        CliRun set = review("set", f.fingerprint(), "accepted", "--reason", "The update check, manual section 3",
                "--reviewer", "Auditor One");

        assertEquals(0, set.exit(), set.err());
        assertTrue(set.out().contains("Recorded accepted for " + f.fingerprint() + " by Auditor One"), set.out());
        ReviewFile written = ReviewFile.read(review).review();
        assertEquals(1, written.decisions().size());
        ReviewFile.Decision d = written.decisions().get(0);
        assertEquals(new ReviewFile.Decision(f.fingerprint(), ReviewStatus.ACCEPTED, "The update check, manual section 3",
                "Auditor One", "2026-12-02T07:10:00Z", null), d);

        CliRun open = review("list");
        assertFalse(open.out().contains(f.fingerprint()), open.out());
        int total = Reviews.findings(parsed).size();
        long sameFingerprint = Reviews.findings(parsed).stream().filter(x -> x.fingerprint().equals(f.fingerprint())).count();
        assertTrue(open.out().startsWith((total - sameFingerprint) + " open of " + total), open.out());
        CliRun all = review("list", "--all");
        assertTrue(all.out().contains(f.fingerprint() + "  " + f.severity() + "  accepted"), all.out());

        CliRun again = review("set", f.fingerprint(), "question", "--reason", "Asked the vendor", "--reviewer", "Auditor Two");
        assertEquals(0, again.exit(), again.err());
        assertTrue(again.out().contains("(replacing accepted by Auditor One, 2026-12-02T07:10:00Z)"), again.out());
        assertEquals(ReviewStatus.QUESTION, ReviewFile.read(review).review().decisions().get(0).status());
    }

    @Test
    void theReviewFileIsTheSameWhateverTheOrderOfTheDecisions() throws Exception {
        List<ReportFinding> all = Reviews.findings(parsed);
        ReportFinding a = all.get(0);
        ReportFinding b = all.get(all.size() - 1);
        assertEquals(0, review("set", b.fingerprint(), "confirmed", "--reason", "r", "--reviewer", "x").exit());
        assertEquals(0, review("set", a.fingerprint(), "false-positive", "--reason", "r", "--reviewer", "x").exit());
        byte[] first = Files.readAllBytes(review);
        Files.delete(review);
        assertEquals(0, review("set", a.fingerprint(), "false-positive", "--reason", "r", "--reviewer", "x").exit());
        assertEquals(0, review("set", b.fingerprint(), "confirmed", "--reason", "r", "--reviewer", "x").exit());

        assertEquals(new String(first), Files.readString(review));
        List<String> fingerprints = ReviewFile.read(review).review().decisions().stream()
                .map(ReviewFile.Decision::fingerprint).toList();
        assertEquals(fingerprints.stream().sorted().toList(), fingerprints);
    }

    @Test
    void setRefusesAFingerprintTheReportDoesNotHold() {
        CliRun run = review("set", "ffffffffffffffffffffffffffffffff", "confirmed", "--reason", "r", "--reviewer", "x");

        assertEquals(2, run.exit());
        assertEquals(1, run.errorLines().size(), run.err());
        assertTrue(run.errorLines().get(0).startsWith("clearbox: review: ffffffffffffffffffffffffffffffff: no finding of "),
                run.err());
        assertFalse(Files.exists(review), "nothing written");
    }

    @Test
    void setRefusesAnUnknownStatusAndABlankReason() {
        String fp = mostSevere().fingerprint();
        CliRun status = review("set", fp, "approved", "--reason", "r", "--reviewer", "x");
        assertEquals(2, status.exit());
        assertTrue(status.err().contains("'approved' is not a status; use one of confirmed, accepted, false-positive, question"),
                status.err());
        CliRun blank = review("set", fp, "accepted", "--reason", "  ", "--reviewer", "x");
        assertEquals(2, blank.exit());
        assertTrue(blank.err().contains("clearbox: review: --reason: the justification is blank"), blank.err());
        CliRun missing = review("set", fp, "accepted", "--reviewer", "x");
        assertEquals(2, missing.exit());
        assertFalse(Files.exists(review));
    }

    @Test
    void theReviewerComesFromTheFlagThenClearboxReviewerThenUserThenLogname() {
        Map<String, String> env = Map.of("CLEARBOX_REVIEWER", "From Env", "USER", "user", "LOGNAME", "logname");
        assertEquals("Flag", ReviewCommand.SetCommand.reviewer("Flag", env::get).orElseThrow());
        assertEquals("From Env", ReviewCommand.SetCommand.reviewer(null, env::get).orElseThrow());
        assertEquals("user", ReviewCommand.SetCommand.reviewer(null, Map.of("USER", "user", "LOGNAME", "l")::get).orElseThrow());
        assertEquals("l", ReviewCommand.SetCommand.reviewer(" ", Map.of("LOGNAME", "l")::get).orElseThrow());
        assertTrue(ReviewCommand.SetCommand.reviewer(null, Map.<String, String>of()::get).isEmpty());
    }

    @Test
    void coverageCountsDecidedFindingsPerSeverityAndListsStaleDecisions() throws Exception {
        ReportFinding f = mostSevere();
        ReviewFile.empty()
                .with(new ReviewFile.Decision(f.fingerprint(), ReviewStatus.CONFIRMED, "real", "x", "2026-12-01", null))
                .with(new ReviewFile.Decision("0123456789abcdef0123456789abcdef", ReviewStatus.ACCEPTED, "gone", "y",
                        "2026-11-01", null))
                .write(review);
        long critical = Reviews.findings(parsed).stream().filter(x -> x.severity() == f.severity()).count();
        long decided = Reviews.findings(parsed).stream().filter(x -> x.fingerprint().equals(f.fingerprint())).count();

        CliRun text = review("coverage");
        assertEquals(0, text.exit(), text.err());
        assertTrue(text.out().contains(": " + decided + "/" + Reviews.findings(parsed).size() + " findings decided"), text.out());
        assertTrue(text.out().contains("  " + f.severity() + "  " + decided + "/" + critical), text.out());
        assertTrue(text.out().contains("stale decisions: 1"), text.out());
        assertTrue(text.out().contains("0123456789abcdef0123456789abcdef accepted by y"), text.out());

        JsonNode json = new ObjectMapper().readTree(review("coverage", "--format", "json").out());
        assertEquals(decided, json.at("/coverage/decided").asLong());
        assertEquals(critical, json.at("/coverage/bySeverity/" + f.severity() + "/total").asLong());
        assertEquals("accepted", json.at("/stale/0/status").asText());
    }

    @Test
    void listAsJsonGivesEveryRow() throws Exception {
        JsonNode json = new ObjectMapper().readTree(review("list", "--all", "--format", "json").out());
        assertEquals(Reviews.findings(parsed).size(), json.get("findings").size());
        assertEquals(mostSevere().severity().name(), json.at("/findings/0/severity").asText());
    }

    @Test
    void aMalformedReviewFileIsOneLineNamingItAndExit2() throws Exception {
        Files.writeString(review, "{\"schema\":\"" + ReviewFile.SCHEMA + "\",\"schema\":\"x\",\"decisions\":[]}");
        CliRun run = review("list");
        assertEquals(2, run.exit());
        assertEquals(List.of("clearbox: review: " + review + ": duplicate key 'schema' at line 1"), run.errorLines());

        Files.writeString(review, "{\"schema\":\"" + ReviewFile.SCHEMA + "\",\"decisions\":[{\"fingerprint\":\""
                + mostSevere().fingerprint() + "\",\"status\":\"accepted\",\"reviewer\":\"x\",\"date\":\"2026-01-01\"}]}");
        CliRun missing = review("coverage");
        assertEquals(2, missing.exit());
        assertEquals(List.of("clearbox: review: " + review + ": 'decisions[0].justification' is missing"), missing.errorLines());
    }

    @Test
    void aReportThatIsNotClearboxsIsRefused() throws Exception {
        Files.writeString(report, Files.readString(report).replaceFirst("\"generatedAt\"", "\"extra\" : 1,\n  \"generatedAt\""));
        CliRun run = review("list");
        assertEquals(2, run.exit());
        assertEquals(List.of("clearbox: review: " + report + ": not a Clearbox report: unknown field 'extra'"), run.errorLines());
    }

    @Test
    void theReportMayBeNamedByItsWorkspace() {
        CliRun run = CliRun.of("review", "list", "--report", tmp.resolve("ws"), "--review", review);
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains(report.toString()), run.out());
    }

    @Test
    void helpTeachesTheWorkflowAndWhereTheReviewerComesFrom() {
        CliRun help = CliRun.of("review", "--help");
        assertEquals(0, help.exit());
        assertTrue(help.out().contains("Workflow:") && help.out().contains("audit samples/acme-updater/submission --review review.json"),
                help.out());
        CliRun set = CliRun.of("review", "set", "--help");
        assertTrue(set.out().contains("CLEARBOX_REVIEWER") && set.out().contains("USER"), set.out());
    }
}
