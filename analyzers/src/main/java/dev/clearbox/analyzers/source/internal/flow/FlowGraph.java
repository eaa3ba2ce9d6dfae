package dev.clearbox.analyzers.source.internal.flow;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The graph the units' edges make, from sources to sinks. Searched only where it matters: the nodes
 * reachable from some source and reaching some sink; from each source a breadth-first search gives the
 * shortest path (fewest edges) to every sink it reaches.
 */
final class FlowGraph {
    /** (source, sink) pairs reported at most; beyond, the rest are dropped and reported as a limit. */
    static final int MAX_FLOWS = 5_000;

    /** A path from a source node to a sink node, edge by edge. */
    record Flow(int source, int sink, List<UnitResult.Edge> edges) {
    }

    private final FlowProgram program;
    private final List<List<UnitResult.Edge>> out;
    private final List<List<UnitResult.Edge>> in;

    /** Builds the outgoing and the incoming adjacency at the same time, one task each. */
    FlowGraph(FlowProgram program, UnitResult[] results, Function<List<Callable<Void>>, List<Void>> runner) {
        this.program = program;
        int n = program.nodeCount();
        out = new ArrayList<>(Collections.nCopies(n, Collections.emptyList()));
        in = new ArrayList<>(Collections.nCopies(n, Collections.emptyList()));
        runner.apply(List.of(() -> adjacency(results, out, true), () -> adjacency(results, in, false)));
    }

    private static Void adjacency(UnitResult[] results, List<List<UnitResult.Edge>> lists, boolean outgoing) {
        for (UnitResult r : results) {
            for (UnitResult.Edge e : r.edges()) {
                if (e.from() != e.to()) {
                    add(lists, outgoing ? e.from() : e.to(), e);
                }
            }
        }
        return null;
    }

    private static void add(List<List<UnitResult.Edge>> lists, int node, UnitResult.Edge e) {
        List<UnitResult.Edge> l = lists.get(node);
        if (l.isEmpty()) {
            l = new ArrayList<>(2);
            lists.set(node, l);
        }
        l.add(e);
    }

    /**
     * The shortest path from each source to each sink it reaches, sources in order, sinks in the order
     * the search meets them; the searches from different sources run on {@code threads} tasks.
     */
    List<Flow> flows(List<String> limits, Function<List<Callable<Void>>, List<Void>> runner, int threads) {
        int n = program.nodeCount();
        List<Integer> sources = new ArrayList<>(program.sourceNodes.values());
        List<Integer> sinks = new ArrayList<>(program.sinkNodes.values());
        Collections.sort(sources);
        Collections.sort(sinks);
        boolean[][] reached = new boolean[2][];
        runner.apply(List.of(() -> {
            reached[0] = reach(sources, out, true, n);
            return null;
        }, () -> {
            reached[1] = reach(sinks, in, false, n);
            return null;
        }));
        boolean[] fromSource = reached[0];
        boolean[] toSink = reached[1];
        List<Integer> starts = sources.stream().filter(s -> toSink[s]).toList();
        List<List<Flow>> bySource = new ArrayList<>(Collections.nCopies(starts.size(), null));
        List<Callable<Void>> tasks = new ArrayList<>();
        AtomicInteger next = new AtomicInteger();
        for (int w = 0; w < threads; w++) {
            tasks.add(() -> {
                UnitResult.Edge[] via = new UnitResult.Edge[n];
                int[] seen = new int[n];
                Arrays.fill(seen, -1);
                int[] queue = new int[n];
                for (int i; (i = next.getAndIncrement()) < starts.size(); ) {
                    bySource.set(i, search(starts.get(i), fromSource, toSink, via, seen, queue));
                }
                return null;
            });
        }
        runner.apply(tasks);
        List<Flow> flows = new ArrayList<>();
        for (List<Flow> found : bySource) {
            for (Flow f : found) {
                if (flows.size() >= MAX_FLOWS) {
                    limits.add("more than " + MAX_FLOWS + " source-to-sink flows; the rest are not reported");
                    return flows;
                }
                flows.add(f);
            }
        }
        return flows;
    }

    /** Breadth-first search from one source (at most {@code MAX_FLOWS + 1} flows: more are never reported). */
    private List<Flow> search(int source, boolean[] fromSource, boolean[] toSink, UnitResult.Edge[] via, int[] seen,
                              int[] queue) {
        List<Flow> flows = new ArrayList<>();
        int head = 0;
        int tail = 0;
        queue[tail++] = source;
        seen[source] = source;
        via[source] = null;
        while (head < tail) {
            int node = queue[head++];
            if (program.kind(node) == FlowProgram.Kind.SINK) {
                if (flows.size() > MAX_FLOWS) {
                    return flows;
                }
                flows.add(new Flow(source, node, path(via, source, node)));
                continue;
            }
            for (UnitResult.Edge e : out.get(node)) {
                int next = e.to();
                if (seen[next] != source && fromSource[next] && toSink[next]) {
                    seen[next] = source;
                    via[next] = e;
                    queue[tail++] = next;
                }
            }
        }
        return flows;
    }

    private static List<UnitResult.Edge> path(UnitResult.Edge[] via, int source, int sink) {
        List<UnitResult.Edge> edges = new ArrayList<>();
        for (int node = sink; node != source; node = via[node].from()) {
            edges.add(via[node]);
        }
        Collections.reverse(edges);
        return edges;
    }

    private static boolean[] reach(List<Integer> starts, List<List<UnitResult.Edge>> adjacency, boolean forward, int n) {
        boolean[] seen = new boolean[n];
        int[] queue = new int[n];
        int head = 0;
        int tail = 0;
        for (int s : starts) {
            if (!seen[s]) {
                seen[s] = true;
                queue[tail++] = s;
            }
        }
        while (head < tail) {
            int node = queue[head++];
            for (UnitResult.Edge e : adjacency.get(node)) {
                int next = forward ? e.to() : e.from();
                if (!seen[next]) {
                    seen[next] = true;
                    queue[tail++] = next;
                }
            }
        }
        return seen;
    }
}
