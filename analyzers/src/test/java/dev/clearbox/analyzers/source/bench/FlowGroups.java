package dev.clearbox.analyzers.source.bench;

import dev.clearbox.analyzers.capability.CapabilityModel;
import dev.clearbox.analyzers.source.SourceAnalysisRequest;
import dev.clearbox.analyzers.source.SourceAnalysisResult;
import dev.clearbox.analyzers.source.SourceAnalyzer;
import dev.clearbox.analyzers.source.SourceRule;
import dev.clearbox.core.Finding;
import dev.clearbox.core.ProgressListener;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The flow groups of a source tree (docs/benchmarks.md, "Flow ranking and groups"): how many groups, how many paths
 * they stand for, per severity, per class and channel, and the first N groups as the report lists them.
 *
 * <p>Usage: {@code FlowGroups DIR [TOP]}
 */
public final class FlowGroups {
    private FlowGroups() {
    }

    public static void main(String[] args) {
        Path tree = Path.of(args[0]);
        int top = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        long start = System.nanoTime();
        SourceAnalysisResult r = new SourceAnalyzer(2).analyze(
                new SourceAnalysisRequest(tree, CapabilityModel.builtIn(), List.of()), ProgressListener.NONE);
        double seconds = (System.nanoTime() - start) / 1e9;
        List<Finding> flows = r.findings().stream().filter(f -> f.rule() == SourceRule.EXFIL).toList();
        int paths = flows.stream().mapToInt(f -> f.flow().grouped()).sum();
        System.out.printf("%s: %d flow groups standing for %d paths (analysis %.1f s)%n", tree.getFileName(), flows.size(),
                paths, seconds);
        Map<String, Integer> bySeverity = new TreeMap<>();
        Map<String, Integer> byKind = new TreeMap<>();
        for (Finding f : flows) {
            bySeverity.merge(f.severity().name(), 1, Integer::sum);
            byKind.merge(f.flow().sensitivity() + " -> " + f.flow().channel(), 1, Integer::sum);
        }
        System.out.println("groups by severity: " + bySeverity);
        System.out.println("groups by class -> channel: " + byKind);
        System.out.println("| # | severity | source (class, argument) | sink | at | paths | transformations |");
        System.out.println("| ---: | --- | --- | --- | --- | ---: | --- |");
        for (int i = 0; i < Math.min(top, flows.size()); i++) {
            Finding f = flows.get(i);
            System.out.printf("| %d | %s | `%s` (%s%s) at %s | `%s` (%s) | `%s` | %d | %s |%n", i + 1, f.severity(),
                    f.flow().sourceApi(), f.flow().sensitivity(),
                    f.flow().sourceArgument().isEmpty() ? "" : ", `" + f.flow().sourceArgument() + "`",
                    f.flow().source().file().replaceFirst(".*/", "") + ":" + f.flow().source().line(), f.api(),
                    f.flow().channel(), f.method(), f.flow().grouped(), String.join(", ", f.flow().transformations()));
        }
    }
}
