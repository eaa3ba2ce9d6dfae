package dev.clearbox.cli;

import dev.clearbox.core.Stage;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The progress line ({@link ConsoleProgress}) and its estimate of the time left ({@link Eta}), on a fake clock. */
class ConsoleProgressTest {
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    /** A clock the test moves by hand. */
    private static final class FakeClock {
        long now = 1_000 * SECOND;

        void advance(double seconds) {
            now += (long) (seconds * SECOND);
        }
    }

    private final FakeClock clock = new FakeClock();
    private final StringWriter written = new StringWriter();
    private final ConsoleProgress progress = new ConsoleProgress(new PrintWriter(written), false, () -> clock.now);

    private List<String> lines() {
        return written.toString().lines().toList();
    }

    private String last() {
        List<String> l = lines();
        return l.get(l.size() - 1);
    }

    @Test
    void etaIsTheTimeLeftAtThePhaseRate() {
        assertEquals(OptionalLong.of(30), Eta.secondsLeft(10 * SECOND, 25, 100), "25 units in 10 s: 75 more in 30 s");
        assertEquals(OptionalLong.of(1), Eta.secondsLeft(SECOND / 10, 50, 100), "rounded up, never 0 before the end");
        assertEquals(OptionalLong.of(0), Eta.secondsLeft(10 * SECOND, 100, 100));
    }

    @Test
    void noEtaUntilEnoughOfThePhaseIsDone() {
        assertEquals(OptionalLong.empty(), Eta.secondsLeft(SECOND, 4, 100), "4 % after 1 s: too early");
        assertEquals(OptionalLong.of(19), Eta.secondsLeft(SECOND, 5, 100), "5 % is enough however short the time");
        assertEquals(OptionalLong.of(198), Eta.secondsLeft(2 * SECOND, 1, 100), "after 2 s, 1 % is enough");
        assertEquals(OptionalLong.empty(), Eta.secondsLeft(60 * SECOND, 9, 1000), "0.9 % is never enough");
        assertEquals(OptionalLong.empty(), Eta.secondsLeft(60 * SECOND, 0, 100), "nothing done: no rate");
    }

    @Test
    void noEtaThatIsNegativeOrAbsurd() {
        assertEquals(OptionalLong.empty(), Eta.secondsLeft(10 * SECOND, 101, 100), "more done than the total");
        assertEquals(OptionalLong.empty(), Eta.secondsLeft(10 * SECOND, 5, -1), "total unknown");
        assertEquals(OptionalLong.empty(), Eta.secondsLeft(-SECOND, 50, 100), "a clock that went back");
        assertEquals(OptionalLong.empty(), Eta.secondsLeft(0, 50, 100));
        assertEquals(OptionalLong.empty(), Eta.secondsLeft(6 * 3600 * SECOND, 50, 1000), "114 hours left: beyond the cap");
        assertEquals(OptionalLong.of(Eta.MAX_SECONDS), Eta.secondsLeft(Eta.MAX_SECONDS * SECOND, 50, 100), "at the cap");
        assertEquals(OptionalLong.empty(), Eta.secondsLeft(Long.MAX_VALUE, Long.MAX_VALUE / 2, Long.MAX_VALUE),
                "no overflow: centuries left are no estimate");
    }

    @Test
    void etaFormatting() {
        assertEquals("0s", Eta.format(0));
        assertEquals("59s", Eta.format(59));
        assertEquals("1m00s", Eta.format(60));
        assertEquals("3m05s", Eta.format(185));
        assertEquals("59m59s", Eta.format(3599));
        assertEquals("1h00m", Eta.format(3600));
        assertEquals("2h07m", Eta.format(2 * 3600 + 7 * 60 + 59));
        assertEquals("99h00m", Eta.format(Eta.MAX_SECONDS));
        assertThrows(IllegalArgumentException.class, () -> Eta.format(-1));
    }

    @Test
    void theLineNamesThePhaseTheCountsAndTheEta() {
        progress.stageStarted(Stage.ANALYZE, "/src");
        progress.phaseStarted(Stage.ANALYZE, "parse", 200);
        assertEquals(List.of("[analyze] /src", "[analyze] parse: 0/200"), lines());
        clock.advance(0.5);
        progress.progress(Stage.ANALYZE, 2, 200, "a/A.java");
        assertEquals("[analyze] parse: 2/200 (1%) a/A.java", last(), "no ETA yet: 1 % after half a second");
        clock.advance(4.5);
        progress.progress(Stage.ANALYZE, 50, 200, "b/B.java");
        assertEquals("[analyze] parse: 50/200 (25%), ETA 15s b/B.java", last(), "50 files in 5 s: 150 more in 15 s");
    }

    @Test
    void theEtaComesFromTheRateOfTheCurrentPhaseOnly() {
        progress.stageStarted(Stage.ANALYZE, "/src");
        progress.phaseStarted(Stage.ANALYZE, "parse", 100);
        clock.advance(100);
        progress.progress(Stage.ANALYZE, 100, 100, "slow");
        progress.phaseStarted(Stage.ANALYZE, "call sites", 100);
        clock.advance(10);
        progress.progress(Stage.ANALYZE, 50, 100, "fast");
        assertEquals("[analyze] call sites: 50/100 (50%), ETA 10s fast", last(),
                "the slow parse does not slow the estimate of the call sites");
    }

    @Test
    void countingLinesAreThrottledButPhasesAndStagesAreNot() {
        progress.stageStarted(Stage.ANALYZE, "/src");
        progress.phaseStarted(Stage.ANALYZE, "parse", 10);
        progress.progress(Stage.ANALYZE, 1, 10, "first");
        clock.advance(1);
        progress.progress(Stage.ANALYZE, 2, 10, "within two seconds");
        progress.phaseStarted(Stage.ANALYZE, "call sites", 10);
        clock.advance(0.5);
        progress.progress(Stage.ANALYZE, 1, 10, "still within");
        clock.advance(0.5);
        progress.progress(Stage.ANALYZE, 2, 10, "two seconds later");
        progress.stageFinished(Stage.ANALYZE, "3 findings");
        assertEquals(List.of("[analyze] /src", "[analyze] parse: 0/10", "[analyze] parse: 1/10 (10%) first",
                "[analyze] call sites: 0/10", "[analyze] call sites: 2/10 (20%), ETA 4s two seconds later",
                "[analyze] done: 3 findings"), lines());
    }

    @Test
    void nestedStagesKeepTheirOwnPhase() {
        progress.phaseStarted(Stage.AUDIT, "stage 3/8: analyze", -1);
        progress.stageStarted(Stage.ANALYZE, "/tree");
        progress.phaseStarted(Stage.ANALYZE, "flow", -1);
        clock.advance(4);
        progress.progress(Stage.ANALYZE, 40, 100, "A.java");
        progress.stageFinished(Stage.ANALYZE, "0 findings");
        progress.phaseStarted(Stage.AUDIT, "stage 4/8: analyze-binary", -1);
        assertEquals(List.of("[audit] stage 3/8: analyze", "[analyze] /tree", "[analyze] flow",
                "[analyze] flow: 40/100 (40%), ETA 6s A.java", "[analyze] done: 0 findings",
                "[audit] stage 4/8: analyze-binary"), lines());
    }

    @Test
    void progressWithoutAPhaseOrATotal() {
        progress.stageStarted(Stage.UNPACK, "app.zip");
        clock.advance(3);
        progress.progress(Stage.UNPACK, 12, -1, "lib/a.jar");
        clock.advance(3);
        progress.progress(Stage.ANALYZE_BINARY, 1, 4, "");
        assertEquals(List.of("[unpack] app.zip", "[unpack] 12 lib/a.jar", "[analyze-binary] 1/4 (25%)"), lines(),
                "a stage never started counts from its first progress: no rate yet");
    }

    @Test
    void quietShowsNothing() {
        ConsoleProgress quiet = new ConsoleProgress(new PrintWriter(written), true, () -> clock.now);
        quiet.stageStarted(Stage.ANALYZE, "/src");
        quiet.phaseStarted(Stage.ANALYZE, "parse", 3);
        quiet.progress(Stage.ANALYZE, 1, 3, "A.java");
        quiet.stageFinished(Stage.ANALYZE, "done");
        assertEquals("", written.toString());
    }

    @Test
    void vendorNamesOnTheLineAreEscaped() {
        StringWriter raw = new StringWriter();
        ConsoleProgress console = new ConsoleProgress(TerminalWriter.over(new PrintWriter(raw)), false, () -> clock.now);
        console.phaseStarted(Stage.ANALYZE, "parse", 2);
        console.progress(Stage.ANALYZE, 1, 2, "evil\u001b[2J\nfake line.java");
        List<String> l = raw.toString().lines().toList();
        assertEquals(2, l.size(), raw.toString());
        assertTrue(l.get(1).endsWith("evil\\x1b[2J\\nfake line.java"), l.get(1));
    }
}
