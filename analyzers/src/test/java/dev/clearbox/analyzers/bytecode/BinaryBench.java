package dev.clearbox.analyzers.bytecode;

import dev.clearbox.analyzers.bytecode.internal.FindingConverter;
import dev.clearbox.analyzers.bytecode.internal.SpotBugsEngine;
import dev.clearbox.analyzers.capability.CapabilityModel;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Benchmark driver (bench/binary-analysis/run.sh): one SpotBugs run on one jar with one detector set,
 * in a fresh JVM. Prints {@code mode jar millis bugs peakHeapMiB}.
 */
public final class BinaryBench {
    private BinaryBench() {
    }

    public static void main(String[] args) {
        SpotBugsEngine.Detectors mode = SpotBugsEngine.Detectors.valueOf(args[0]);
        Path jar = Path.of(args[1]);
        long start = System.nanoTime();
        SpotBugsEngine.Outcome outcome = SpotBugsEngine.run(List.of(jar), List.of(), CapabilityModel.builtIn(), mode);
        long millis = (System.nanoTime() - start) / 1_000_000;
        long findings = outcome.hits().size()
                + outcome.bugs().stream().map(b -> FindingConverter.convert(b, n -> n)).filter(o -> o.isPresent()).count();
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf(Locale.ROOT, "RESULT %s %s %d ms, %d hits and bug instances (%d Clearbox/FSB findings), %d classes, peak heap %d MiB%n",
                mode, jar.getFileName(), millis, outcome.hits().size() + outcome.bugs().size(), findings, outcome.analyzedClasses().size(), peak >> 20);
    }
}
