package dev.clearbox.analyzers.source.internal.flow;

import com.github.javaparser.ast.Node;
import dev.clearbox.analyzers.source.SourceCoverage;
import dev.clearbox.analyzers.source.internal.Ranked;
import dev.clearbox.analyzers.source.internal.ModelledCall;
import dev.clearbox.analyzers.source.internal.ParsedFile;
import dev.clearbox.analyzers.source.internal.ProjectIndex;
import dev.clearbox.core.ProgressListener;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The inter-procedural taint analysis: every unit of the sources is analysed on its own (every method
 * is an entry point); units whose parameters reach their return give summaries, and their callers are
 * analysed again until nothing changes (level by level of the call graph, callees first, then in rounds
 * for calls found late; each batch in parallel against the summaries before it, so the result does not
 * depend on the number of threads); the edges of all units form a graph from the model's sources to its
 * sinks, searched for the shortest path from each source to each sink.
 *
 * <p>Bounded everywhere: operations per unit, loop rounds, summary rounds, origins per value, steps per
 * trail, dispatch targets, paths. Each bound that is hit is listed in {@link Outcome#limits()}.
 */
public final class TaintAnalysis {
    /** Rounds of re-analysis after the first pass before the fixed point is given up (and reported). */
    public static final int MAX_ROUNDS = 40;
    /** The progress phase of the per-method analysis and its summary rounds (units: methods analysed). */
    public static final String PHASE_FLOW = "flow";
    /** The progress phase of the path search (units: sources searched from, then sinks whose findings are written). */
    public static final String PHASE_PATHS = "paths";

    private TaintAnalysis() {
    }

    /**
     * What the analysis found.
     *
     * @param flows  one finding per sink call reached by a source ({@code CBX-SRC-EXFIL})
     * @param limits where the analysis stopped early, one line each
     * @param unresolved calls whose targets the analysis could not tell (reflection with names that are not
     *                   constant, classes it cannot tell), each once, in the order of the units
     */
    public record Outcome(List<Ranked> flows, List<String> limits, List<SourceCoverage.UnresolvedCall> unresolved) {
        public Outcome {
            flows = List.copyOf(flows);
            limits = List.copyOf(limits);
            unresolved = List.copyOf(unresolved);
        }

        /** An outcome without unresolved calls. */
        public Outcome(List<Ranked> flows, List<String> limits) {
            this(flows, limits, List.of());
        }
    }

    /**
     * Runs the analysis.
     *
     * @param localClasses for each file (in the order of {@code files}), its {@link #declaresLocalClass} nodes
     *                  in source order, or null where they are not known yet
     * @param runner    runs tasks (in parallel) and returns their results in order
     * @param threads   how many tasks to split a pass into
     * @param labels    the transformer label of a library call on a path, or null (resolved only for paths)
     * @param endpoints the endpoints of the per-call finding at a sink, by {@code file:line:api}
     * @param listener  told of the {@link #PHASE_FLOW} and {@link #PHASE_PATHS} phases and their units
     */
    public static Outcome run(ProjectIndex index, List<ParsedFile> files, List<List<Node>> localClasses,
                              List<ModelledCall> calls, Function<List<Callable<Void>>, List<Void>> runner, int threads,
                              Function<Node, String> labels,
                              Map<String, List<String>> endpoints, ProgressListener listener) {
        return run(index, files, localClasses, calls, runner, threads, labels, endpoints, listener, false);
    }

    /** As above; {@code implicitFlows}: also follow data that decides whether a sink runs (opt-in). */
    public static Outcome run(ProjectIndex index, List<ParsedFile> files, List<List<Node>> localClasses,
                              List<ModelledCall> calls, Function<List<Callable<Void>>, List<Void>> runner, int threads,
                              Function<Node, String> labels,
                              Map<String, List<String>> endpoints, ProgressListener listener, boolean implicitFlows) {
        return runAndRelease(index, files, localClasses, calls, runner, threads, settled -> labels, endpoints, listener,
                implicitFlows);
    }

    /**
     * Where the analysis stands once the summaries settle, before the graph is searched: no unit is analysed again,
     * and the path search reads no syntax tree but the label calls of its steps (through the labels it is given).
     *
     * @param labelCalls the library calls whose transformer labels a step may show, by identity
     * @param sources    the model's source calls the flows may start at
     * @param sinks      the model's sink calls the flows may end at
     */
    public record Settled(Set<Node> labelCalls, List<ModelledCall> sources, List<ModelledCall> sinks) {
    }

    /**
     * As above, with {@code whenSettled} told of the {@link Settled} analysis (to look up what it needs of the trees and
     * let them go) and returning the labels of the label calls for the paths.
     */
    public static Outcome runAndRelease(ProjectIndex index, List<ParsedFile> files, List<List<Node>> localClasses,
                              List<ModelledCall> calls, Function<List<Callable<Void>>, List<Void>> runner, int threads,
                              Function<Settled, Function<Node, String>> whenSettled,
                              Map<String, List<String>> endpoints, ProgressListener listener, boolean implicitFlows) {
        FlowProgress progress = new FlowProgress(listener);
        progress.phase(PHASE_FLOW, -1); // the methods are counted once the program is built
        List<List<Node>> local = new ArrayList<>(localClasses);
        List<Callable<Void>> scans = new ArrayList<>();
        AtomicInteger nextFile = new AtomicInteger();
        for (int w = 0; w < threads; w++) {
            scans.add(() -> {
                for (int i; (i = nextFile.getAndIncrement()) < files.size(); ) {
                    if (local.get(i) == null) {
                        local.set(i, FlowProgramBuilder.localClasses(files.get(i)));
                    }
                }
                return null;
            });
        }
        runner.apply(scans);
        FlowProgram program = FlowProgramBuilder.build(index, files, local, calls, implicitFlows);
        int n = program.units.size();
        progress.more(n);
        Summaries summaries = new Summaries(n);
        UnitResult[] results = new UnitResult[n];
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            all.add(i);
        }
        analyse(program, summaries, results, all, runner, threads, progress);
        List<String> limits = new ArrayList<>();
        List<Set<Integer>> callers = callers(results, n);
        boolean[] stale = new boolean[n];
        for (int i = 0; i < n; i++) {
            markCallers(i, summaries.update(i, results[i].paramsToReturn())
                    | summaries.updateThrown(i, results[i].paramsToThrown()), results, callers, stale);
        }
        // Callees before callers: each level is analysed again until its own cycles settle, so a caller
        // normally sees its callees' final summaries once.
        int[] level = CallLevels.of(results);
        List<List<Integer>> byLevel = new ArrayList<>();
        for (int u = 0; u < n; u++) {
            while (byLevel.size() <= level[u]) {
                byLevel.add(new ArrayList<>());
            }
            byLevel.get(level[u]).add(u);
        }
        for (List<Integer> units : byLevel) {
            settle(units, "a call cycle's summaries", program, summaries, results, callers, stale, limits, runner, threads,
                    progress);
        }
        // Calls found only on a second analysis can reach units of a lower level: settle those in rounds.
        settle(all, "summaries", program, summaries, results, callers, stale, limits, runner, threads, progress);
        Set<SourceCoverage.UnresolvedCall> unresolved = new LinkedHashSet<>();
        for (UnitResult r : results) {
            limits.addAll(r.limits());
            unresolved.addAll(r.unresolved());
        }
        Function<Node, String> labels = whenSettled.apply(new Settled(program.labelCalls(),
                modelled(program.sources), modelled(program.sinks)));
        FlowGraph graph = new FlowGraph(program, results, runner);
        Paths paths = new Paths(program, results, labels, endpoints);
        List<Ranked> flows = paths.findings(graph.flows(limits, runner, threads, progress), progress);
        return new Outcome(flows, limits.stream().distinct().sorted().toList(), List.copyOf(unresolved));
    }

    private static List<ModelledCall> modelled(Map<Node, List<ModelledCall>> byNode) {
        List<ModelledCall> out = new ArrayList<>();
        byNode.values().forEach(out::addAll);
        return out;
    }

    /** True for the nodes the analysis makes types of their own: local and anonymous class declarations. */
    public static boolean declaresLocalClass(Node node) {
        return FlowProgramBuilder.declaresLocalClass(node);
    }

    /** Analyses the stale units among {@code units} again until none is stale (at most {@link #MAX_ROUNDS} passes). */
    private static void settle(List<Integer> units, String what, FlowProgram program, Summaries summaries,
                               UnitResult[] results, List<Set<Integer>> callers, boolean[] stale, List<String> limits,
                               Function<List<Callable<Void>>, List<Void>> runner, int threads, FlowProgress progress) {
        for (int pass = 1; ; pass++) {
            List<Integer> batch = units.stream().filter(u -> stale[u]).toList();
            if (batch.isEmpty()) {
                return;
            }
            if (pass > MAX_ROUNDS) {
                limits.add(what + " not at a fixed point after " + MAX_ROUNDS + " rounds; " + batch.size()
                        + " methods not analysed again (flows through them may be missing)");
                batch.forEach(u -> stale[u] = false);
                return;
            }
            progress.more(batch.size());
            reanalyse(program, summaries, results, batch, callers, stale, runner, threads, progress);
        }
    }

    /** Analyses {@code batch} again; the callers of those whose summaries grew become stale. */
    private static void reanalyse(FlowProgram program, Summaries summaries, UnitResult[] results, List<Integer> batch,
                                  List<Set<Integer>> callers, boolean[] stale,
                                  Function<List<Callable<Void>>, List<Void>> runner, int threads, FlowProgress progress) {
        batch.forEach(u -> stale[u] = false);
        analyse(program, summaries, results, batch, runner, threads, progress);
        for (int u : batch) {
            for (UnitResult.CallSite c : results[u].calls()) {
                callers.get(c.target()).add(u);
            }
        }
        for (int u : batch) {
            markCallers(u, summaries.update(u, results[u].paramsToReturn())
                    | summaries.updateThrown(u, results[u].paramsToThrown()), results, callers, stale);
        }
    }

    /** The callers of {@code unit} that passed data to one of the parameters its summary just gained become stale. */
    private static void markCallers(int unit, long added, UnitResult[] results, List<Set<Integer>> callers, boolean[] stale) {
        if (added != 0) {
            for (int c : callers.get(unit)) {
                if (results[c].dependsOn(unit, added)) {
                    stale[c] = true;
                }
            }
        }
    }

    private static void analyse(FlowProgram program, Summaries summaries, UnitResult[] results, List<Integer> units,
                                Function<List<Callable<Void>>, List<Void>> runner, int threads, FlowProgress progress) {
        UnitResult[] fresh = new UnitResult[results.length];
        UnitInterpreter interpreter = new UnitInterpreter(program, summaries);
        List<Callable<Void>> tasks = new ArrayList<>();
        AtomicInteger next = new AtomicInteger();
        for (int w = 0; w < threads; w++) {
            tasks.add(() -> {
                // units are taken one at a time: their sizes differ a lot
                for (int i; (i = next.getAndIncrement()) < units.size(); ) {
                    Unit u = program.units.get(units.get(i));
                    try {
                        fresh[u.id] = interpreter.run(u);
                    } catch (RuntimeException e) {
                        fresh[u.id] = new UnitResult(Map.of(), List.of(), List.of(),
                                List.of(u.label + ": not analysed (" + e.getClass().getSimpleName() + ")"), 0, Map.of());
                    }
                    progress.done(u.file.relativePath());
                }
                return null;
            });
        }
        // summaries are read during the pass but only updated after it: each pass sees one state
        runner.apply(tasks);
        for (int u : units) {
            results[u] = fresh[u];
        }
    }

    /** For each unit, the units that call it (a set: rounds add callers found through new dispatch). */
    private static List<Set<Integer>> callers(UnitResult[] results, int n) {
        List<Set<Integer>> callers = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            callers.add(new HashSet<>(4));
        }
        for (int u = 0; u < n; u++) {
            for (UnitResult.CallSite c : results[u].calls()) {
                callers.get(c.target()).add(u);
            }
        }
        return callers;
    }
}
