package dev.clearbox.analyzers.source.bench;

import dev.clearbox.analyzers.capability.CapabilityModel;
import dev.clearbox.analyzers.source.SourceAnalysisRequest;
import dev.clearbox.analyzers.source.SourceAnalyzer;
import dev.clearbox.core.ProgressListener;
import dev.clearbox.core.Stage;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;

/**
 * How much work the flow interpreter does on a source tree (docs/benchmarks.md, "The flow interpreter's speed"):
 * the units (methods, constructors, initializers) of the program, how many unit analyses the summary rounds took
 * in all (the first pass plus every re-analysis of a stale caller), and the wall and process CPU seconds of each
 * phase of the analysis (parse, call sites, flow: the interpreter and its rounds, paths: graph searches and paths).
 * Each run after the first is reported; the first warms the JVM up.
 *
 * <p>Usage: {@code FlowCounts THREADS RUNS DIR}
 */
public final class FlowCounts {
    private FlowCounts() {
    }

    public static void main(String[] args) {
        int threads = Integer.parseInt(args[0]);
        int runs = Integer.parseInt(args[1]);
        Path tree = Path.of(args[2]);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        System.out.println("| run | units | unit analyses | parse: wall / CPU s | call sites | flow | paths |");
        System.out.println("| ---: | ---: | ---: | --- | --- | --- | --- |");
        for (int run = 0; run <= runs; run++) {
            long[] units = {-1};
            long[] analysed = {0};
            long[] wall = new long[5];
            long[] cpu = new long[5];
            int[] phase = {0};
            ProgressListener counts = new ProgressListener() {
                @Override
                public void stageStarted(Stage stage, String detail) {
                    mark(0);
                }

                @Override
                public void phaseStarted(Stage stage, String name, long totalUnits) {
                    if (SourceAnalyzer.PHASE_CALL_SITES.equals(name)) {
                        mark(1);
                    } else if (SourceAnalyzer.PHASE_FLOW.equals(name)) {
                        mark(2);
                    } else if (SourceAnalyzer.PHASE_PATHS.equals(name)) {
                        mark(3);
                    }
                }

                @Override
                public void progress(Stage stage, long done, long total, String item) {
                    if (phase[0] == 2) {
                        if (units[0] < 0) {
                            units[0] = total;
                        }
                        analysed[0] = Math.max(analysed[0], done);
                    }
                }

                private void mark(int p) {
                    phase[0] = p;
                    wall[p] = System.nanoTime();
                    cpu[p] = os.getProcessCpuTime();
                }

                @Override
                public void stageFinished(Stage stage, String summary) {
                }
            };
            new SourceAnalyzer(threads).analyze(new SourceAnalysisRequest(tree, CapabilityModel.builtIn(), List.of()), counts);
            wall[4] = System.nanoTime();
            cpu[4] = os.getProcessCpuTime();
            if (run == 0) {
                continue;
            }
            StringBuilder row = new StringBuilder("| " + run + " | " + units[0] + " | " + analysed[0] + " |");
            for (int p = 0; p < 4; p++) {
                row.append(String.format(" %.2f / %.2f |", (wall[p + 1] - wall[p]) / 1e9, (cpu[p + 1] - cpu[p]) / 1e9));
            }
            System.out.println(row);
        }
    }
}
