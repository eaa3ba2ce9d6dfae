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
    /** Breadth-first search state over the units, reused by every chain search (stamped, never cleared). */
    private final int[] seen;
    private final int[] parent;
    private final int[] via;
    private final int[] depth;
    private final int[] queue;
    private int stamp;

    Paths(FlowProgram program, UnitResult[] results, Function<Node, String> labels, Map<String, List<String>> endpoints) {
        this.program = program;
        this.results = results;
        this.labels = labels;
        this.endpoints = endpoints;
        int n = results.length;
        seen = new int[n];
        parent = new int[n];
        via = new int[n];
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

    /** One finding per source reaching the sink, except sources another reported path already passes through. */
    private List<Ranked> findings(int sinkNode, List<FlowGraph.Flow> flows) {
        ModelledCall sink = (ModelledCall) program.owner(sinkNode);
        Map<Integer, List<PathStep>> steps = new LinkedHashMap<>();
        for (FlowGraph.Flow f : flows) {
            steps.put(f.source(), steps(f));
        }
        Set<Integer> covered = new LinkedHashSet<>();
        for (FlowGraph.Flow a : flows) {
            for (FlowGraph.Flow b : flows) {
                if (a != b && !covered.contains(a.source()) && passesThrough(steps.get(a.source()), source(b.source()))) {
                    covered.add(b.source());
                }
            }
        }
        List<Ranked> out = new ArrayList<>();
        for (FlowGraph.Flow f : flows) {
            if (!covered.contains(f.source())) {
                out.add(finding(sink, f, steps.get(f.source()), flows));
            }
        }
        return out;
    }

    private Ranked finding(ModelledCall sink, FlowGraph.Flow flow, List<PathStep> path, List<FlowGraph.Flow> all) {
        ModelledCall start = source(flow.source());
        ModelledCall worst = start;
        for (FlowGraph.Flow other : all) {
            ModelledCall c = source(other.source());
            if (other != flow && passesThrough(path, c) && severity(c).compareTo(severity(worst)) > 0) {
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
                .append(sink.api()).append(" in ").append(path.size()).append(" steps");
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

    private static boolean passesThrough(List<PathStep> path, ModelledCall source) {
        for (PathStep s : path) {
            if (s.location().file().equals(source.file().relativePath()) && s.location().line() == source.line()) {
                return true;
            }
        }
        return false;
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
     * deep). The search stops as soon as it meets {@code reader}.
     */
    private List<FlowStep> chainFrom(int anchor, int reader) {
        if (!search(anchor, reader)) {
            return List.of();
        }
        List<FlowStep> chain = new ArrayList<>();
        for (int u = reader; parent[u] != -1; u = parent[u]) {
            FlowStep s = results[parent[u]].calls().get(via[u]).step();
            chain.add(new FlowStep(s.file(), s.line(), s.method(),
                    "calls " + program.units.get(u).shortLabel, null));
        }
        Collections.reverse(chain);
        return chain;
    }

    /** Breadth-first from {@code anchor} until {@code reader} is met; fills parent (-1 at the root) and call index. */
    private boolean search(int anchor, int reader) {
        stamp++;
        int head = 0;
        int tail = 0;
        queue[tail++] = anchor;
        seen[anchor] = stamp;
        parent[anchor] = -1;
        depth[anchor] = 0;
        if (anchor == reader) {
            return true;
        }
        while (head < tail) {
            int at = queue[head++];
            if (depth[at] >= MAX_CHAIN_DEPTH) {
                continue;
            }
            List<UnitResult.CallSite> calls = results[at].calls();
            for (int i = 0; i < calls.size(); i++) {
                int target = calls.get(i).target();
                if (seen[target] != stamp) {
                    seen[target] = stamp;
                    parent[target] = at;
                    via[target] = i;
                    depth[target] = depth[at] + 1;
                    if (target == reader) {
                        return true;
                    }
                    queue[tail++] = target;
                }
            }
        }
        return false;
    }
}
