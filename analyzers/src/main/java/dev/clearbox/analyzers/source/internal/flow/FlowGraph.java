package dev.clearbox.analyzers.source.internal.flow;

import dev.clearbox.analyzers.source.internal.ModelledCall;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The graph the units' edges make, from sources to sinks. Searched only where it matters: the nodes
 * reachable from some source and reaching some sink; from each source a breadth-first search gives the
 * shortest path (fewest edges) to every sink it reaches.
 */
final class FlowGraph {
    /**
     * The path edges one source's flows keep at least: every (source, sink) pair is reported, but once a source's
     * flows hold {@link #pathEdgesPerSource} edges in all, its further flows keep only their first and last edge.
     */
    static final int MIN_PATH_EDGES_PER_SOURCE = 100_000;

    /**
     * A path from a source node to a sink node, edge by edge; {@code shown} false when the path's budget was spent
     * and {@code edges} are only its first and last edge.
     */
    record Flow(int source, int sink, List<UnitResult.Edge> edges, boolean shown) {
    }

    private final FlowProgram program;
    private final int n;
    private final List<List<UnitResult.Edge>> out;
    private final List<List<UnitResult.Edge>> in;
    private final int edgeCount;

    /**
     * Builds the outgoing and the incoming adjacency at the same time, one task each. The units' own
     * nodes (negative in their edges) are numbered after the program's, unit by unit; then the shared nodes of the
     * target sets ({@link DispatchKey}) in the order the units first use them, each linked once to every target: its
     * argument nodes to the targets' parameters, the targets' returns and escaping exceptions to its result and
     * exception nodes (steps placed at the call the path passes through, {@link FlowStep#atCall}). A unit's own nodes
     * that stand for a set's nodes are those nodes.
     */
    FlowGraph(FlowProgram program, UnitResult[] results, Function<List<Callable<Void>>, List<Void>> runner) {
        this.program = program;
        int[] first = new int[results.length];
        int count = program.nodeCount();
        for (int u = 0; u < results.length; u++) {
            first[u] = count;
            count += results[u].localNodes();
        }
        Map<DispatchKey, Integer> sharedFirst = new HashMap<>();
        List<DispatchKey> keys = new ArrayList<>();
        int[][] alias = new int[results.length][];
        for (int u = 0; u < results.length; u++) {
            for (UnitResult.Shared s : results[u].shared()) {
                Integer base = sharedFirst.get(s.key());
                if (base == null) {
                    base = count;
                    sharedFirst.put(s.key(), base);
                    keys.add(s.key());
                    count += s.key().nodes();
                }
                if (alias[u] == null) {
                    alias[u] = new int[results[u].localNodes() + 1];
                    Arrays.fill(alias[u], -1);
                }
                for (int i = 0; i < s.nodes().length; i++) {
                    alias[u][-s.nodes()[i]] = base + i;
                }
            }
        }
        n = count;
        out = new ArrayList<>(Collections.nCopies(n, Collections.emptyList()));
        in = new ArrayList<>(Collections.nCopies(n, Collections.emptyList()));
        List<UnitResult.Edge> edges = new ArrayList<>();
        for (int u = 0; u < results.length; u++) {
            for (UnitResult.Edge e : results[u].edges()) {
                if (e.from() != e.to()) {
                    edges.add(e.from() >= 0 && e.to() >= 0 ? e : new UnitResult.Edge(global(e.from(), first[e.unit()],
                            alias[e.unit()]), global(e.to(), first[e.unit()], alias[e.unit()]), e.trail(), e.unit()));
                }
            }
        }
        for (DispatchKey k : keys) {
            sharedEdges(k, sharedFirst.get(k), edges);
        }
        edgeCount = edges.size();
        runner.apply(List.of(() -> adjacency(edges, out, true), () -> adjacency(edges, in, false)));
    }

    private static int global(int node, int first, int[] alias) {
        if (node >= 0) {
            return node;
        }
        return alias != null && alias[-node] >= 0 ? alias[-node] : first - node - 1;
    }

    /** The links of a target set's shared nodes (numbered from {@code base}) to each of its targets, once. */
    private void sharedEdges(DispatchKey key, int base, List<UnitResult.Edge> edges) {
        for (int id : key.targets()) {
            Unit t = program.units.get(id);
            Trail passed = Trail.add(null, FlowStep.atCall(FlowStep.AT_CALL_BEFORE, "passed to " + t.shortLabel));
            for (int i = 0; i < key.arguments() && !t.params.isEmpty(); i++) {
                edges.add(new UnitResult.Edge(base + 2 + i, t.paramNode(Math.min(i, t.params.size() - 1)), passed, t.id));
            }
            edges.add(new UnitResult.Edge(t.returnNode(), base,
                    Trail.add(null, FlowStep.atCall(FlowStep.AT_CALL_AFTER, "returned by " + t.shortLabel)), t.id));
            edges.add(new UnitResult.Edge(t.thrownNode(), base + 1,
                    Trail.add(null, FlowStep.atCall(FlowStep.AT_CALL_AFTER, "thrown by " + t.shortLabel)), t.id));
        }
    }

    private static Void adjacency(List<UnitResult.Edge> edges, List<List<UnitResult.Edge>> lists, boolean outgoing) {
        for (UnitResult.Edge e : edges) {
            add(lists, outgoing ? e.from() : e.to(), e);
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
     * the search meets them; the searches from different sources run on {@code threads} tasks, each one a unit
     * of the {@link TaintAnalysis#PHASE_PATHS} phase of {@code progress}.
     */
    List<Flow> flows(List<String> limits, Function<List<Callable<Void>>, List<Void>> runner, int threads,
                     FlowProgress progress) {
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
        long budget = pathEdgesPerSource(edgeCount, starts.size());
        progress.phase(TaintAnalysis.PHASE_PATHS, starts.size());
        List<List<Flow>> bySource = new ArrayList<>(Collections.nCopies(starts.size(), null));
        List<Callable<Void>> tasks = new ArrayList<>();
        AtomicInteger next = new AtomicInteger();
        for (int w = 0; w < threads; w++) {
            tasks.add(() -> {
                Search search = new Search(n, budget);
                for (int i; (i = next.getAndIncrement()) < starts.size(); ) {
                    bySource.set(i, search.from(starts.get(i), fromSource, toSink));
                    progress.done(program.owner(starts.get(i)) instanceof ModelledCall call ? call.file().relativePath() : "");
                }
                return null;
            });
        }
        runner.apply(tasks);
        List<Flow> flows = new ArrayList<>();
        int unshown = 0;
        for (List<Flow> found : bySource) {
            for (Flow f : found) {
                unshown += f.shown() ? 0 : 1;
                flows.add(f);
            }
        }
        if (unshown > 0) {
            limits.add(unshown + " source-to-sink flows are reported with only their first and last step: their source's"
                    + " paths held more than " + budget + " steps (the graph's " + edgeCount + " edges shared among "
                    + starts.size() + " sources, at least " + MIN_PATH_EDGES_PER_SOURCE + ")");
        }
        return flows;
    }

    /**
     * The path edges one source's flows keep: the graph's edges shared among the sources that reach a sink, at least
     * {@link #MIN_PATH_EDGES_PER_SOURCE}; so what all paths hold grows with the input, not with the pairs.
     */
    static long pathEdgesPerSource(int graphEdges, int sources) {
        return Math.max(MIN_PATH_EDGES_PER_SOURCE, sources == 0 ? 0 : graphEdges / sources);
    }

    /**
     * Shortest-path search from one source at a time (one per task, its arrays reused). An edge into a
     * {@link FlowProgram.Kind#DISPATCH} node costs nothing: data passed through a dispatching call counts
     * one step from the argument to each target's parameter, as for a call with one target.
     */
    private final class Search {
        private final UnitResult.Edge[] via;
        private final int[] seen;
        private final int[] done;
        private final int[] distance;
        private int[] deque = new int[1024];
        private int head;
        private int size;

        private final long budget;

        Search(int n, long budget) {
            this.budget = budget;
            via = new UnitResult.Edge[n];
            seen = new int[n];
            done = new int[n];
            distance = new int[n];
            Arrays.fill(seen, -1);
            Arrays.fill(done, -1);
        }

        /**
         * A flow to every sink reached from {@code source}, nearest first; once the flows' edges exceed the budget, the
         * further ones keep only their first and last edge.
         */
        List<Flow> from(int source, boolean[] fromSource, boolean[] toSink) {
            List<Flow> flows = new ArrayList<>();
            long kept = 0;
            head = 0;
            size = 0;
            push(source, false);
            seen[source] = source;
            distance[source] = 0;
            via[source] = null;
            while (size > 0) {
                int node = deque[head];
                head = (head + 1) & (deque.length - 1);
                size--;
                if (done[node] == source) {
                    continue;
                }
                done[node] = source;
                if (program.kind(node) == FlowProgram.Kind.SINK) {
                    int length = length(via, source, node);
                    if (kept + length <= budget) {
                        kept += length;
                        flows.add(new Flow(source, node, path(via, source, node), true));
                    } else {
                        flows.add(new Flow(source, node, ends(via, source, node), false));
                    }
                    continue;
                }
                for (UnitResult.Edge e : out.get(node)) {
                    int next = e.to();
                    if (done[next] == source || !fromSource[next] || !toSink[next]) {
                        continue;
                    }
                    boolean free = program.kind(next) == FlowProgram.Kind.DISPATCH;
                    int d = distance[node] + (free ? 0 : 1);
                    if (seen[next] != source || d < distance[next]) {
                        seen[next] = source;
                        distance[next] = d;
                        via[next] = e;
                        push(next, free);
                    }
                }
            }
            return flows;
        }

        private void push(int node, boolean front) {
            if (size == deque.length) {
                int[] bigger = new int[deque.length * 2];
                for (int i = 0; i < size; i++) {
                    bigger[i] = deque[(head + i) & (deque.length - 1)];
                }
                deque = bigger;
                head = 0;
            }
            if (front) {
                head = (head - 1) & (deque.length - 1);
                deque[head] = node;
            } else {
                deque[(head + size) & (deque.length - 1)] = node;
            }
            size++;
        }
    }

    private static int length(UnitResult.Edge[] via, int source, int sink) {
        int length = 0;
        for (int node = sink; node != source; node = via[node].from()) {
            length++;
        }
        return length;
    }

    /** The first and the last edge of the path from {@code source} to {@code sink} (one edge when it has one). */
    private static List<UnitResult.Edge> ends(UnitResult.Edge[] via, int source, int sink) {
        UnitResult.Edge first = via[sink];
        while (first.from() != source) {
            first = via[first.from()];
        }
        return first == via[sink] ? List.of(first) : List.of(first, via[sink]);
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
