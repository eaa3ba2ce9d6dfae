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
 *
 * <p>Usage: {@code SourceBench THREADS DIR...}
 */
public final class SourceBench {
    private SourceBench() {
    }

    public static void main(String[] args) throws Exception {
        int threads = Integer.parseInt(args[0]);
        System.out.printf("threads %d, max heap %d MiB, %s %s%n", threads, Runtime.getRuntime().maxMemory() >> 20,
                System.getProperty("java.vm.name"), System.getProperty("java.version"));
        parseOnly(Path.of(args[1]), threads); // warm-up, not reported
        System.out.println("| tree | files | lines | parse only: s | lines/s | peak heap MiB | full analysis: s | lines/s | peak heap MiB | full / parse | findings | flows | flow limits |");
        System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        for (int i = 1; i < args.length; i++) {
            Path tree = Path.of(args[i]);
            Phase parse = measure(() -> parseOnly(tree, threads));
            Phase full = measure(() -> fullAnalysis(tree, threads));
            double parseRate = parse.lines / parse.seconds;
            double fullRate = full.lines / full.seconds;
            System.out.printf("| %s | %d | %d | %.1f | %.0f | %d | %.1f | %.0f | %d | %.2f | %d | %d | %d |%n",
                    tree.getFileName(), parse.files, parse.lines, parse.seconds, parseRate, parse.peakMiB,
                    full.seconds, fullRate, full.peakMiB, fullRate / parseRate, full.findings, full.flows, full.limits);
            if (!full.limitLines.isEmpty()) {
                System.out.println("flow limits in " + tree.getFileName() + " (first 10): ");
                full.limitLines.stream().limit(10).forEach(l -> System.out.println("  " + l));
            }
            full.rules.forEach((rule, count) -> System.out.println("  " + tree.getFileName() + " " + rule + ": " + count));
        }
    }

    private static final class Phase {
        long files;
        long lines;
        double seconds;
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
        long start = System.nanoTime();
        Phase p = body.run();
        p.seconds = (System.nanoTime() - start) / 1e9;
        long peak = 0;
        for (MemoryPoolMXBean pool : heap) {
            peak += pool.getPeakUsage().getUsed();
        }
        p.peakMiB = peak >> 20;
        return p;
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
                            String[] l = o.file().lines();
                            lines += l.length > 0 && l[l.length - 1].isEmpty() ? l.length - 1 : l.length;
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
        SourceAnalysisResult r = new SourceAnalyzer(threads).analyze(
                new SourceAnalysisRequest(root, CapabilityModel.builtIn(), List.of()), ProgressListener.NONE);
        Phase p = new Phase();
        p.files = r.coverage().filesParsed();
        p.lines = r.coverage().linesAnalyzed();
        p.findings = r.findings().size();
        int shown = 0;
        for (Finding f : r.findings()) {
            p.rules.merge(f.ruleId(), 1L, Long::sum);
            if (f.ruleId().equals("CBX-SRC-EXFIL") && shown++ % 150 == 0) {
                System.out.println("  sample flow: " + f.location() + ": " + f.message());
            }
        }
        p.flows = p.rules.getOrDefault("CBX-SRC-EXFIL", 0L);
        p.limits = r.coverage().flowLimits().size();
        p.limitLines = r.coverage().flowLimits();
        return p;
    }
}
