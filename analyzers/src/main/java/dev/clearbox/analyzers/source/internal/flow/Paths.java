package dev.clearbox.analyzers.source.internal.flow;

import com.github.javaparser.ast.Node;
import dev.clearbox.core.Capability;
import dev.clearbox.analyzers.source.SourceRule;
import dev.clearbox.analyzers.source.internal.Ranked;
import dev.clearbox.analyzers.source.internal.CallResolver;
import dev.clearbox.analyzers.source.internal.ModelledCall;
import dev.clearbox.core.Finding;
import dev.clearbox.core.Location;
import dev.clearbox.core.PathStep;
import dev.clearbox.core.Severity;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Turns graph paths into findings: one {@code CBX-SRC-EXFIL} finding per source and sink call (a source
 * whose path passes through another source's call covers it and gets no finding of its own), every step
 * with file, line, code, method and a note; transformer steps named ("Base64-encoded here"); where data
 * is stored in a field and read elsewhere, the calls that lead from the storing code to the reading
 * method are inserted so the path reads as one story.
 */
final class Paths {
    private static final int MAX_CHAIN_DEPTH = 10;

    private final FlowProgram program;
    private final UnitResult[] results;
    private final Function<Node, String> labels;
    private final Map<String, List<String>> endpoints;
    private final Map<Node, String> labelCache = new HashMap<>(); // by structure, as before the trees were let go
    private final Map<Long, List<FlowStep>> chains = new HashMap<>();
    /** Call-graph trees kept for the anchors used most recently (two ints per unit each). */
    private static final int MAX_TREES = 64;
    private static final int ROOT = -1;
    private static final int UNREACHED = -2;
    /** Breadth-first search state over the units, reused by every tree. */
    private final int[] depth;
    private final int[] queue;
    private final Map<Integer, int[]> trees = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, int[]> eldest) {
            return size() > MAX_TREES;
        }
    };

    Paths(FlowProgram program, UnitResult[] results, Function<Node, String> labels, Map<String, List<String>> endpoints) {
        this.program = program;
        this.results = results;
        this.labels = labels;
        this.endpoints = endpoints;
        int n = results.length;
        depth = new int[n];
        queue = new int[n];
    }

    /** The findings of {@code flows}, sink by sink; each sink is one more unit of the paths phase of {@code progress}. */
    List<Ranked> findings(List<FlowGraph.Flow> flows, FlowProgress progress) {
        Map<Integer, List<FlowGraph.Flow>> bySink = new TreeMap<>();
        for (FlowGraph.Flow f : flows) {
            bySink.computeIfAbsent(f.sink(), k -> new ArrayList<>()).add(f);
        }
        progress.more(bySink.size());
        List<Ranked> out = new ArrayList<>();
        for (Map.Entry<Integer, List<FlowGraph.Flow>> e : bySink.entrySet()) {
            out.addAll(findings(e.getKey(), e.getValue()));
            progress.done(((ModelledCall) program.owner(e.getKey())).file().relativePath());
        }
        return out;
    }

    /**
     * One finding per source reaching the sink, except sources another reported path already passes through. Linear
     * in the paths' steps: the sources of this sink are looked up by their call's file and line.
     */
    private List<Ranked> findings(int sinkNode, List<FlowGraph.Flow> flows) {
        ModelledCall sink = (ModelledCall) program.owner(sinkNode);
        List<List<PathStep>> steps = new ArrayList<>(flows.size());
        Map<String, Map<Integer, List<Integer>>> at = new HashMap<>();
        for (int i = 0; i < flows.size(); i++) {
            FlowGraph.Flow f = flows.get(i);
            steps.add(steps(f));
            ModelledCall c = source(f.source());
            at.computeIfAbsent(c.file().relativePath(), k -> new HashMap<>())
                    .computeIfAbsent(c.line(), k -> new ArrayList<>()).add(i);
        }
        // In the flows' order, a source not yet covered covers every other source its path passes through.
        boolean[] covered = new boolean[flows.size()];
        List<BitSet> through = new ArrayList<>(flows.size());
        for (int a = 0; a < flows.size(); a++) {
            BitSet passed = passedSources(steps.get(a), at);
            passed.clear(a);
            through.add(passed);
            if (!covered[a]) {
                passed.stream().forEach(b -> covered[b] = true);
            }
        }
        List<Ranked> out = new ArrayList<>();
        for (int i = 0; i < flows.size(); i++) {
            if (!covered[i]) {
                out.add(finding(sink, flows.get(i), steps.get(i), flows, through.get(i)));
            }
        }
        return out;
    }

    /** The indexes of this sink's flows whose source call is at a step of {@code path}. */
    private static BitSet passedSources(List<PathStep> path, Map<String, Map<Integer, List<Integer>>> at) {
        BitSet passed = new BitSet();
        for (PathStep s : path) {
            Map<Integer, List<Integer>> lines = at.get(s.location().file());
            List<Integer> here = lines == null ? null : lines.get(s.location().line());
            if (here != null) {
                here.forEach(passed::set);
            }
        }
        return passed;
    }

    /** {@code through}: the other flows of this sink whose source call the path passes through. */
    private Ranked finding(ModelledCall sink, FlowGraph.Flow flow, List<PathStep> path, List<FlowGraph.Flow> all,
                           BitSet through) {
        ModelledCall start = source(flow.source());
        ModelledCall worst = start;
        for (int i = through.nextSetBit(0); i >= 0; i = through.nextSetBit(i + 1)) {
            ModelledCall c = source(all.get(i).source());
            if (severity(c).compareTo(severity(worst)) > 0) {
                worst = c;
            }
        }
        Set<String> transformations = new LinkedHashSet<>();
        path.forEach(p -> {
            for (String part : p.note().split("; ")) {
                if (part.endsWith(" here")) {
                    transformations.add(part.substring(0, part.length() - " here".length()));
                }
            }
        });
        StringBuilder message = new StringBuilder();
        message.append(describe(worst)).append(" reaches ").append(sink.entry().capability()).append(" sink ")
                .append(sink.api());
        if (flow.shown()) {
            message.append(" in ").append(path.size()).append(" steps");
        } else {
            message.append(" (only the path's first and last steps are kept: this source's paths exceeded the run's"
                    + " path budget)");
        }
        if (!transformations.isEmpty()) {
            message.append(" (").append(String.join(", ", transformations)).append(" on the way)");
        }
        if (worst != start) {
            message.append("; the path starts at ").append(describe(start));
        }
        String resolution = sink.resolution();
        boolean doubtfulSource = start.resolution().equals(CallResolver.UNRESOLVED_SUPERTYPES);
        if (doubtfulSource || resolution.equals(CallResolver.UNRESOLVED_SUPERTYPES)) {
            // the doubt of a call matched by method name only is the flow's doubt
            message.append("; the ").append(doubtfulSource && resolution.equals(CallResolver.UNRESOLVED_SUPERTYPES)
                    ? "source and the sink were" : doubtfulSource ? "source was" : "sink was")
                    .append(" matched by method name: supertypes of the receiver cannot be seen");
            resolution = CallResolver.UNRESOLVED_SUPERTYPES;
        }
        SourceRule rule = SourceRule.EXFIL;
        Finding finding = new Finding(rule, sink.entry().capability(), severity(worst), message.toString(),
                new Location(sink.file().relativePath(), sink.line(), sink.file().line(sink.line())), sink.api(),
                resolution, endpoints.getOrDefault(sink.file().relativePath() + ":" + sink.line() + ":" + sink.api(), List.of()),
                path);
        return new Ranked(finding, sink.column(), worst, sink);
    }

    private ModelledCall source(int node) {
        return (ModelledCall) program.owner(node);
    }

    private static String describe(ModelledCall c) {
        String data = c.entry().data().isEmpty() ? c.entry().capability().name() : c.entry().data();
        return data + " (" + c.api() + " at " + c.file().relativePath() + ":" + c.line() + ")";
    }

    /** How much a source matters: file contents, key stores, the clipboard and the screen are critical. */
    static Severity severity(ModelledCall source) {
        Capability c = source.entry().capability();
        boolean critical = c == Capability.FILE_READ || c == Capability.CLIPBOARD || c == Capability.SCREEN_CAPTURE;
        return critical ? Severity.CRITICAL : Severity.HIGH;
    }

    private List<PathStep> steps(FlowGraph.Flow flow) {
        List<FlowStep> raw = new ArrayList<>();
        List<UnitResult.Edge> edges = flow.edges();
        for (int i = 0; i < edges.size(); i++) {
            UnitResult.Edge e = edges.get(i);
            if (i > 0 && program.kind(e.from()) == FlowProgram.Kind.FIELD) {
                raw.addAll(chain(edges.subList(0, i), e.unit()));
            }
            for (FlowStep s : Trail.steps(e.trail())) {
                if (s.atCall()) {
                    // a shared dispatch node's link: at the call the path passes through, before or after this edge
                    FlowStep place = s.line() == FlowStep.AT_CALL_BEFORE ? (raw.isEmpty() ? null : raw.get(raw.size() - 1))
                            : i + 1 < edges.size() ? Trail.steps(edges.get(i + 1).trail()).stream().filter(x -> !x.atCall())
                            .findFirst().orElse(null) : null;
                    if (place == null) {
                        continue;
                    }
                    s = s.at(place);
                }
                raw.add(s);
            }
        }
        List<FlowStep> merged = new ArrayList<>();
        for (FlowStep s : raw) {
            if (!merged.isEmpty() && merged.get(merged.size() - 1).sameLine(s)) {
                merged.set(merged.size() - 1, merged.get(merged.size() - 1).merge(s));
            } else {
                merged.add(s);
            }
        }
        List<PathStep> out = new ArrayList<>(merged.size());
        for (FlowStep s : merged) {
            String note = s.note();
            for (Node call : s.labelCalls()) {
                String label = labelCache.computeIfAbsent(call, c -> {
                    String l = labels == null ? null : labels.apply(c);
                    return l == null ? "" : l;
                });
                if (!label.isEmpty() && !note.contains(label + " here")) {
                    note = note.isEmpty() ? label + " here" : note + "; " + label + " here";
                }
            }
            out.add(new PathStep(new Location(s.file().relativePath(), s.line(), s.file().line(s.line())), s.method(), note));
        }
        if (!flow.shown() && !out.isEmpty()) {
            PathStep last = out.get(out.size() - 1);
            String gap = "the steps before this one are not kept (path budget spent)";
            out.set(out.size() - 1, new PathStep(last.location(), last.method(),
                    last.note().isEmpty() ? gap : last.note() + "; " + gap));
        }
        return out;
    }

    /**
     * The calls from a method the path went through before a field hop to the method that reads the
     * field (nearest such method first, shortest chain), as steps; empty when none is found.
     */
    private List<FlowStep> chain(List<UnitResult.Edge> before, int reader) {
        List<Integer> anchors = new ArrayList<>();
        for (int i = before.size() - 1; i >= 0; i--) {
            int u = before.get(i).unit();
            if (!anchors.contains(u)) {
                anchors.add(u);
            }
        }
        for (int anchor : anchors) {
            if (anchor == reader) {
                return List.of();
            }
            List<FlowStep> found = chains.computeIfAbsent(((long) anchor << 32) | reader, k -> chainFrom(anchor, reader));
            if (!found.isEmpty()) {
                return found;
            }
        }
        return List.of();
    }

    /**
     * The call chain from {@code anchor} to {@code reader}: the path to it in the breadth-first tree of
     * the call graph from {@code anchor} (calls in their order, up to {@link #MAX_CHAIN_DEPTH} calls
     * deep). The tree of an anchor is made once and kept for the next readers (the most recently used
     * {@link #MAX_TREES} anchors): a reader it does not reach costs nothing more, and the chain to one it
     * reaches is the one a search that stopped at that reader would give.
     */
    private List<FlowStep> chainFrom(int anchor, int reader) {
        int[] tree = trees.get(anchor);
        if (tree == null) {
            tree = tree(anchor);
            trees.put(anchor, tree);
        }
        if (tree[2 * reader] == UNREACHED) {
            return List.of();
        }
        List<FlowStep> chain = new ArrayList<>();
        for (int u = reader; tree[2 * u] != ROOT; u = tree[2 * u]) {
            int parent = tree[2 * u];
            FlowStep s = results[parent].calls().get(tree[2 * u + 1]).step();
            chain.add(new FlowStep(s.file(), s.line(), s.method(),
                    "calls " + program.units.get(u).shortLabel, null));
        }
        Collections.reverse(chain);
        return chain;
    }

    /**
     * The breadth-first tree of the call graph from {@code anchor}, {@link #MAX_CHAIN_DEPTH} calls deep: for unit
     * {@code u}, {@code [2u]} its parent ({@link #ROOT} at the anchor, {@link #UNREACHED}) and {@code [2u + 1]} the
     * index of the parent's call that reaches it first.
     */
    private int[] tree(int anchor) {
        int[] tree = new int[2 * results.length];
        java.util.Arrays.fill(tree, UNREACHED);
        int head = 0;
        int tail = 0;
        queue[tail++] = anchor;
        tree[2 * anchor] = ROOT;
        depth[anchor] = 0;
        while (head < tail) {
            int at = queue[head++];
            if (depth[at] >= MAX_CHAIN_DEPTH) {
                continue;
            }
            List<UnitResult.CallSite> calls = results[at].calls();
            for (int i = 0; i < calls.size(); i++) {
                int target = calls.get(i).target();
                if (tree[2 * target] == UNREACHED) {
                    tree[2 * target] = at;
                    tree[2 * target + 1] = i;
                    depth[target] = depth[at] + 1;
                    queue[tail++] = target;
                }
            }
        }
        return tree;
    }
}
