package dev.clearbox.analyzers.source.internal.flow;

import dev.clearbox.analyzers.source.SourceCoverage;

import java.util.List;
import java.util.Map;

/**
 * What analysing one unit gave: which parameters reach its return and which its escaping exceptions (with the
 * trail inside), the graph
 * edges it adds, the project calls it makes (for the call graph), where it stopped early, how many
 * nodes of its own its edges use (numbered {@code -1, -2, ...}; {@link FlowGraph} gives them their place),
 * and for each unit whose summary it read, the parameters it passed data to ({@link Summaries#bit} mask):
 * a summary that grows elsewhere cannot change this result; and the calls whose targets it could not tell
 * (reflection, for the coverage); and which of its own nodes stand for the shared nodes of a target set
 * ({@link DispatchKey}).
 */
record UnitResult(Map<Integer, Trail> paramsToReturn, List<Edge> edges, List<CallSite> calls, List<String> limits,
                  int localNodes, Map<Integer, Long> consulted, Map<Integer, Trail> paramsToThrown,
                  List<SourceCoverage.UnresolvedCall> unresolved, List<Shared> shared) {

    /** A result without shared dispatch nodes. */
    UnitResult(Map<Integer, Trail> paramsToReturn, List<Edge> edges, List<CallSite> calls, List<String> limits,
               int localNodes, Map<Integer, Long> consulted, Map<Integer, Trail> paramsToThrown,
               List<SourceCoverage.UnresolvedCall> unresolved) {
        this(paramsToReturn, edges, calls, limits, localNodes, consulted, paramsToThrown, unresolved, List.of());
    }

    /** A result whose escaping exceptions carry none of its parameters, without unresolved calls. */
    UnitResult(Map<Integer, Trail> paramsToReturn, List<Edge> edges, List<CallSite> calls, List<String> limits,
               int localNodes, Map<Integer, Long> consulted) {
        this(paramsToReturn, edges, calls, limits, localNodes, consulted, Map.of(), List.of());
    }

    /** True when a summary of {@code unit} that gains the parameters {@code added} could change this result. */
    boolean dependsOn(int unit, long added) {
        return (consulted.getOrDefault(unit, 0L) & added) != 0;
    }

    /** Data from graph node {@code from} reaches node {@code to} along {@code trail}, inside {@code unit}. */
    record Edge(int from, int to, Trail trail, int unit) {
    }

    /**
     * The unit's own nodes {@code nodes} (negative, as in its edges) that stand for the shared nodes of {@code key}, in
     * the same order ({@link DispatchKey#nodes()}).
     */
    record Shared(DispatchKey key, int[] nodes) {
    }

    /** A call of project unit {@code target} at {@code step}. */
    record CallSite(int target, FlowStep step) {
    }
}
