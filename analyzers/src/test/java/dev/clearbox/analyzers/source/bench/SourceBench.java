package dev.clearbox.analyzers.source.bench;

import dev.clearbox.analyzers.capability.CapabilityModel;
import dev.clearbox.analyzers.source.SourceAnalysisRequest;
import dev.clearbox.analyzers.source.SourceAnalysisResult;
import dev.clearbox.analyzers.source.SourceAnalyzer;
import dev.clearbox.analyzers.source.SourceCoverage.FileProblem;
import dev.clearbox.analyzers.source.internal.Parsing;
import dev.clearbox.analyzers.source.internal.SourceFiles;
import dev.clearbox.core.Finding;
import dev.clearbox.core.ProgressListener;
import dev.clearbox.core.Stage;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Benchmark of the source analysis (run by bench/source-analysis/run.sh, not by the tests): for each
 * source tree given, (a) JavaParser parse only and (b) the full analysis (call sites, endpoints, hidden
 * strings, taint analysis), both on {@code threads} threads in this JVM, with lines per second and the
 * peak heap of each phase (sum of the heap pools' peak usage, reset before the phase, after a GC).
 * With {@code REPEAT} rounds, (a) and (b) alternate that many times per tree and the medians are
 * reported (the machine may be shared: the ratio of medians is the figure to compare), with the
 * process CPU time and the collectors' time of each phase, and the full analysis split into parsing,
 * call sites and flow analysis (from the analyzer's progress items).
 *
 * <p>Usage: {@code SourceBench THREADS REPEAT DIR...}
 */
public final class SourceBench {
    private SourceBench() {
    }

    public static void main(String[] args) throws Exception {
        int threads = Integer.parseInt(args[0]);
        int repeat = Integer.parseInt(args[1]);
        System.out.printf("threads %d, rounds %d, max heap %d MiB, %s %s%n", threads, repeat, Runtime.getRuntime().maxMemory() >> 20,
                System.getProperty("java.vm.name"), System.getProperty("java.version"));
        parseOnly(Path.of(args[2]), threads); // warm-up, not reported
        fullAnalysis(Path.of(args[2]), threads);
        List<String> details = new ArrayList<>();
        System.out.println("| tree | files | lines | parse only: s | lines/s | peak heap MiB | full analysis: s | lines/s | peak heap MiB | full / parse | per round | findings | flows | flow limits |");
        System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: |");
        for (int i = 2; i < args.length; i++) {
            Path tree = Path.of(args[i]);
            List<Phase> parses = new ArrayList<>();
            List<Phase> fulls = new ArrayList<>();
            StringBuilder rounds = new StringBuilder();
            for (int r = 0; r < repeat; r++) {
                Phase p = measure(() -> parseOnly(tree, threads));
                Phase f = measure(() -> fullAnalysis(tree, threads));
                parses.add(p);
                fulls.add(f);
                rounds.append(rounds.length() == 0 ? "" : " ").append(String.format("%.2f", p.seconds / f.seconds));
            }
            Phase parse = parses.get(0);
            Phase full = fulls.get(0);
            double parseSeconds = median(parses, ph -> ph.seconds);
            double fullSeconds = median(fulls, ph -> ph.seconds);
            double parseRate = parse.lines / parseSeconds;
            double fullRate = full.lines / fullSeconds;
            System.out.printf("| %s | %d | %d | %.1f | %.0f | %.0f | %.1f | %.0f | %.0f | %.2f | %s | %d | %d | %d |%n",
                    tree.getFileName(), parse.files, parse.lines, parseSeconds, parseRate, median(parses, ph -> ph.peakMiB),
                    fullSeconds, fullRate, median(fulls, ph -> ph.peakMiB), fullRate / parseRate, rounds,
                    full.findings, full.flows, full.limits);
            details.add(String.format("| %s | %.1f | %.1f | %.1f | %.1f | %.2f / %.2f / %.2f | %.2f / %.2f / %.2f | %.2f / %.2f / %.2f | %.1f |",
                    tree.getFileName(),
                    median(parses, ph -> ph.cpuSeconds), median(parses, ph -> ph.gcSeconds),
                    median(fulls, ph -> ph.cpuSeconds), median(fulls, ph -> ph.gcSeconds),
                    median(fulls, ph -> ph.parseSeconds), median(fulls, ph -> ph.parseCpu), median(fulls, ph -> ph.parseGc),
                    median(fulls, ph -> ph.callSeconds), median(fulls, ph -> ph.callCpu), median(fulls, ph -> ph.callGc),
                    median(fulls, ph -> ph.flowSeconds), median(fulls, ph -> ph.flowCpu), median(fulls, ph -> ph.flowGc),
                    median(fulls, ph -> ph.seconds)));
            if (!full.limitLines.isEmpty()) {
                System.out.println("flow limits in " + tree.getFileName() + " (first 10): ");
                full.limitLines.stream().limit(10).forEach(l -> System.out.println("  " + l));
            }
            full.rules.forEach((rule, count) -> System.out.println("  " + tree.getFileName() + " " + rule + ": " + count));
        }
        System.out.println();
        System.out.println("Medians; CPU: process CPU time (both cores: up to 2 s per second); GC: collectors' pause time.");
        System.out.println("Full analysis by phase: wall s / CPU s / GC s.");
        System.out.println("| tree | parse only: CPU s | GC s | full: CPU s | GC s | full: parsing | call sites | flow analysis | total s |");
        System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        details.forEach(System.out::println);
    }

    private static double median(List<Phase> phases, java.util.function.ToDoubleFunction<Phase> value) {
        double[] v = phases.stream().mapToDouble(value).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static final class Phase {
        long files;
        long lines;
        double seconds;
        double cpuSeconds;
        double gcSeconds;
        double parseSeconds;
        double callSeconds;
        double flowSeconds;
        double parseCpu;
        double callCpu;
        double flowCpu;
        double parseGc;
        double callGc;
        double flowGc;
        long peakMiB;
        long findings;
        long flows;
        long limits;
        List<String> limitLines = List.of();
        Map<String, Long> rules = new TreeMap<>();
    }

    private interface Body {
        Phase run() throws Exception;
    }

    private static Phase measure(Body body) throws Exception {
        System.gc();
        List<MemoryPoolMXBean> heap = new ArrayList<>();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
                heap.add(pool);
            }
        }
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu = os.getProcessCpuTime();
        long gc = gcMillis();
        long start = System.nanoTime();
        Phase p = body.run();
        p.seconds = (System.nanoTime() - start) / 1e9;
        p.cpuSeconds = (os.getProcessCpuTime() - cpu) / 1e9;
        p.gcSeconds = (gcMillis() - gc) / 1e3;
        long peak = 0;
        for (MemoryPoolMXBean pool : heap) {
            peak += pool.getPeakUsage().getUsed();
        }
        p.peakMiB = peak >> 20;
        return p;
    }

    private static long gcMillis() {
        long sum = 0;
        for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            sum += Math.max(0, gc.getCollectionTime());
        }
        return sum;
    }

    private static Phase parseOnly(Path root, int threads) throws Exception {
        List<Path> files = SourceFiles.list(root.toAbsolutePath().normalize(), new ArrayList<FileProblem>());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<long[]>> parts = new ArrayList<>();
            for (int w = 0; w < threads; w++) {
                int worker = w;
                parts.add(pool.submit(() -> {
                    long lines = 0;
                    long parsed = 0;
                    for (int i = worker; i < files.size(); i += threads) {
                        Parsing.Outcome o = Parsing.parse(files.get(i), files.get(i).toString());
                        if (o.file() != null) {
                            parsed++;
                            lines += o.file().physicalLines();
                        }
                    }
                    return new long[] {parsed, lines};
                }));
            }
            Phase p = new Phase();
            for (Future<long[]> f : parts) {
                p.files += f.get()[0];
                p.lines += f.get()[1];
            }
            return p;
        } finally {
            pool.shutdownNow();
        }
    }

    private static Phase fullAnalysis(Path root, int threads) {
        long[] at = new long[3];
        long[] cpuAt = new long[3];
        long[] gcAt = new long[3];
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        ProgressListener phases = new ProgressListener() {
            @Override
            public void stageStarted(Stage stage, String detail) {
                mark(0);
            }

            @Override
            public void phaseStarted(Stage stage, String phase, long totalUnits) {
                if (SourceAnalyzer.PHASE_CALL_SITES.equals(phase)) {
                    mark(1);
                } else if (SourceAnalyzer.PHASE_FLOW.equals(phase)) {
                    mark(2);
                }
            }

            @Override
            public void progress(Stage stage, long done, long total, String item) {
            }

            private void mark(int phase) {
                at[phase] = System.nanoTime();
                cpuAt[phase] = os.getProcessCpuTime();
                gcAt[phase] = gcMillis();
            }

            @Override
            public void stageFinished(Stage stage, String summary) {
            }
        };
        SourceAnalysisResult r = new SourceAnalyzer(threads).analyze(
                new SourceAnalysisRequest(root, CapabilityModel.builtIn(), List.of()), phases);
        long end = System.nanoTime();
        long cpuEnd = os.getProcessCpuTime();
        long gcEnd = gcMillis();
        Phase p = new Phase();
        p.parseSeconds = (at[1] - at[0]) / 1e9;
        p.callSeconds = (at[2] - at[1]) / 1e9;
        p.flowSeconds = (end - at[2]) / 1e9;
        p.parseCpu = (cpuAt[1] - cpuAt[0]) / 1e9;
        p.callCpu = (cpuAt[2] - cpuAt[1]) / 1e9;
        p.flowCpu = (cpuEnd - cpuAt[2]) / 1e9;
        p.parseGc = (gcAt[1] - gcAt[0]) / 1e3;
        p.callGc = (gcAt[2] - gcAt[1]) / 1e3;
        p.flowGc = (gcEnd - gcAt[2]) / 1e3;
        p.files = r.coverage().filesParsed();
        p.lines = r.coverage().linesAnalyzed();
        p.findings = r.findings().size();
        for (Finding f : r.findings()) {
            p.rules.merge(f.ruleId(), 1L, Long::sum);
        }
        p.flows = p.rules.getOrDefault("CBX-SRC-EXFIL", 0L);
        p.limits = r.coverage().flowLimits().size();
        p.limitLines = r.coverage().flowLimits();
        return p;
    }
}
