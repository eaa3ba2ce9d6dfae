package dev.clearbox.analyzers.source;

import dev.clearbox.analyzers.capability.CapabilityModel;
import dev.clearbox.core.ProgressListener;
import dev.clearbox.core.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the source analysis tells its listener: its phases in order, and each phase's units counted to its total. */
class SourceProgressTest {
    @TempDir
    Path root;

    /** One phase as the listener saw it: its name, the total it announced, and every progress call after it. */
    private record Seen(String name, long announced, List<long[]> counts) {
        Set<Long> done() {
            return counts.stream().map(c -> c[0]).collect(Collectors.toCollection(TreeSet::new));
        }

        long lastTotal() {
            return counts.isEmpty() ? announced : counts.get(counts.size() - 1)[1];
        }
    }

    /** Records the phases; the analyzer calls it from one thread at a time. */
    private static final class Recorder implements ProgressListener {
        final List<String> stages = new ArrayList<>();
        final List<Seen> phases = new ArrayList<>();

        @Override
        public void stageStarted(Stage stage, String detail) {
            stages.add("started " + stage.id());
        }

        @Override
        public void phaseStarted(Stage stage, String phase, long totalUnits) {
            assertEquals(Stage.ANALYZE, stage);
            phases.add(new Seen(phase, totalUnits, new ArrayList<>()));
        }

        @Override
        public void progress(Stage stage, long done, long total, String item) {
            assertEquals(Stage.ANALYZE, stage);
            assertTrue(!phases.isEmpty(), "progress before the first phase: " + item);
            phases.get(phases.size() - 1).counts().add(new long[]{done, total});
        }

        @Override
        public void stageFinished(Stage stage, String summary) {
            stages.add("finished " + stage.id());
        }
    }

    private static Set<Long> oneTo(long n) {
        return LongStream.rangeClosed(1, n).boxed().collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void thePhasesComeInOrderAndEachCountsItsUnitsToItsTotal() throws Exception {
        Path p = Files.createDirectories(root.resolve("p"));
        Files.writeString(p.resolve("Leak.java"), """
                package p;
                class Leak {
                    void run() throws Exception { Send.dns(Wrap.id(System.getenv("TOKEN"))); }
                }
                """);
        Files.writeString(p.resolve("Wrap.java"), "package p;\nclass Wrap { static String id(String s) { return s; } }\n");
        Files.writeString(p.resolve("Send.java"), """
                package p;
                final class Send {
                    static void dns(String name) throws Exception { java.net.InetAddress.getByName(name); }
                }
                """);
        for (int i = 0; i < 6; i++) {
            Files.writeString(p.resolve("Other" + i + ".java"), "package p;\nclass Other" + i + " { int f() { return " + i + "; } }\n");
        }
        Files.writeString(p.resolve("Broken.java"), "package p;\nclass Broken { void f( { }\n");
        Recorder recorder = new Recorder();
        SourceAnalysisResult result = new SourceAnalyzer(2).analyze(
                new SourceAnalysisRequest(root, CapabilityModel.builtIn(), List.of()), recorder);

        assertEquals(List.of("started analyze", "finished analyze"), recorder.stages);
        assertEquals(List.of(SourceAnalyzer.PHASE_PARSE, SourceAnalyzer.PHASE_CALL_SITES, SourceAnalyzer.PHASE_FLOW,
                SourceAnalyzer.PHASE_PATHS), recorder.phases.stream().map(Seen::name).toList());
        Seen parse = recorder.phases.get(0);
        assertEquals(10, parse.announced(), "every file is parsed, the broken one too");
        assertEquals(oneTo(10), parse.done());
        Seen calls = recorder.phases.get(1);
        assertEquals(9, calls.announced(), "only the parsed files have call sites");
        assertEquals(oneTo(9), calls.done());
        Seen flow = recorder.phases.get(2);
        assertEquals(-1, flow.announced(), "the methods are known only once the program is built");
        assertTrue(flow.lastTotal() >= 9, "at least one method per parsed file: " + flow.lastTotal());
        assertEquals(oneTo(flow.lastTotal()), flow.done(), "every method analysed is counted, once per analysis");
        for (long[] c : flow.counts()) {
            assertTrue(c[0] <= c[1], "never more done than the total known then: " + c[0] + "/" + c[1]);
        }
        Seen paths = recorder.phases.get(3);
        assertEquals(1, paths.announced(), "one source reaches a sink");
        assertEquals(2, paths.lastTotal(), "then the one sink's findings are written");
        assertEquals(oneTo(2), paths.done());
        assertEquals(1, result.findings().stream().filter(f -> f.ruleId().equals("CBX-SRC-EXFIL")).count(),
                result.findings().toString());
    }
}
