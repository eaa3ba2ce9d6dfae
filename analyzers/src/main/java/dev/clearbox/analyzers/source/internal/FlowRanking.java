package dev.clearbox.analyzers.source.internal;

import dev.clearbox.analyzers.capability.CapabilityModel;
import dev.clearbox.analyzers.capability.FlowSeverity;
import dev.clearbox.core.Capability;
import dev.clearbox.core.Channel;
import dev.clearbox.core.Finding;
import dev.clearbox.core.FlowFacts;
import dev.clearbox.core.Location;
import dev.clearbox.core.PathStep;
import dev.clearbox.core.Sensitivity;
import dev.clearbox.core.Severity;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Ranks and groups the flows the taint analysis found (docs/source-analyzer.md, "Severity of a flow" and
 * "Groups"): each source call gets its class (the model's, or a reclassification rule's by the path or key it
 * reads), each sink its channel; the severity follows from both and the transformations on the way
 * ({@link FlowSeverity}). Flows into the same sink call from the same source API and class with the same
 * transformations are one group: one finding, the shortest of their paths, with the count and the other sources.
 */
public final class FlowRanking {
    private static final int LISTED_IN_MESSAGE = 3;

    private FlowRanking() {
    }

    /**
     * What ranking reads of the syntax trees, looked up while they are there: the argument of each source call
     * ({@link EndpointFinder#sourceArgument}) and the method around each sink call. The flows are ranked after the
     * trees are let go.
     */
    public static final class TreeFacts {
        private final Map<ModelledCall, String> arguments = new IdentityHashMap<>();
        private final Map<ModelledCall, String> methods = new IdentityHashMap<>();

        private TreeFacts() {
        }

        /** The facts of {@code sources} and {@code sinks}, from their trees. */
        public static TreeFacts of(EndpointFinder paths, List<ModelledCall> sources, List<ModelledCall> sinks) {
            TreeFacts out = new TreeFacts();
            for (ModelledCall source : sources) {
                out.arguments.computeIfAbsent(source, s -> argument(paths, s));
            }
            for (ModelledCall sink : sinks) {
                out.methods.computeIfAbsent(sink, s -> Signatures.enclosingMethod(s.call()));
            }
            return out;
        }

        private static String argument(EndpointFinder paths, ModelledCall source) {
            boolean isPath = source.entry().capability() == Capability.FILE_READ;
            try {
                return paths.sourceArgument(source.call(), isPath);
            } catch (RuntimeException | StackOverflowError e) {
                return ""; // not resolvable: the class is the model's
            }
        }

        String argument(ModelledCall source) {
            return known(arguments, source);
        }

        String method(ModelledCall sink) {
            return known(methods, sink);
        }

        private static String known(Map<ModelledCall, String> facts, ModelledCall call) {
            String fact = facts.get(call);
            if (fact == null) {
                throw new IllegalStateException("no facts looked up for " + call.api() + " at "
                        + call.file().relativePath() + ":" + call.line());
            }
            return fact;
        }
    }

    /** The flows ranked and grouped, reading the trees for their facts; other findings pass unchanged. */
    public static List<Ranked> rank(CapabilityModel model, EndpointFinder paths, List<Ranked> flows) {
        List<ModelledCall> sources = new ArrayList<>();
        List<ModelledCall> sinks = new ArrayList<>();
        for (Ranked r : flows) {
            if (r.source() != null && r.sink() != null) {
                sources.add(r.source());
                sinks.add(r.sink());
            }
        }
        return rank(model, TreeFacts.of(paths, sources, sinks), flows);
    }

    /** The flows ranked and grouped; other findings pass unchanged. Deterministic for the same input order. */
    public static List<Ranked> rank(CapabilityModel model, TreeFacts paths, List<Ranked> flows) {
        Map<String, List<Ranked>> groups = new LinkedHashMap<>();
        List<Ranked> out = new ArrayList<>();
        for (Ranked r : flows) {
            if (r.source() == null || r.sink() == null) {
                out.add(r);
                continue;
            }
            Ranked ranked = classify(model, paths, r);
            FlowFacts f = ranked.finding().flow();
            ModelledCall sink = r.sink();
            String key = sink.file().relativePath() + '\u0000' + sink.line() + '\u0000' + sink.column() + '\u0000'
                    + sink.api() + '\u0000' + f.sourceApi() + '\u0000' + f.sensitivity() + '\u0000' + f.channel()
                    + '\u0000' + String.join(",", f.route());
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(ranked);
        }
        for (List<Ranked> group : groups.values()) {
            out.add(group.size() == 1 ? group.get(0) : merge(group));
        }
        return out;
    }

    private static Ranked classify(CapabilityModel model, TreeFacts paths, Ranked r) {
        ModelledCall source = r.source();
        boolean isPath = source.entry().capability() == Capability.FILE_READ;
        String argument = paths.argument(source);
        CapabilityModel.SourceClass cls = model.classify(source.entry(), source.api(), argument, isPath);
        Channel channel = r.sink().entry().channel() != null ? r.sink().entry().channel()
                : dev.clearbox.analyzers.capability.CapabilityEntry.defaultChannel(r.sink().entry().capability());
        List<String> transformations = transformations(r.finding().path());
        Severity severity = FlowSeverity.of(cls.sensitivity(), channel, transformations);
        FlowFacts facts = new FlowFacts(source.api(), source.entry().data(),
                new Location(source.file().relativePath(), source.line(), source.file().line(source.line())), argument,
                cls.sensitivity(), cls.by(), channel, transformations, 1, List.of());
        String message = r.finding().message() + "; " + describe(cls.sensitivity(), cls.by(), argument) + " into "
                + channel.jsonName();
        Finding f = r.finding();
        Finding ranked = new Finding(f.rule(), f.capability(), severity, message, f.location(), f.api(), f.resolution(),
                f.endpoints(), f.path(), paths.method(r.sink()), facts);
        return new Ranked(ranked, r.column(), source, r.sink());
    }

    private static String describe(Sensitivity s, String by, String argument) {
        StringBuilder b = new StringBuilder(s.jsonName()).append(" data");
        if (!argument.isEmpty()) {
            b.append(" (").append(argument).append(")");
        }
        if (!by.equals("model")) {
            b.append(" by rule ").append(by);
        }
        return b.toString();
    }

    /** The transformer labels named on the path ("Base64-encoded here"), in path order, once each. */
    static List<String> transformations(List<PathStep> path) {
        Set<String> out = new LinkedHashSet<>();
        for (PathStep p : path) {
            for (String part : p.note().split("; ")) {
                if (part.endsWith(" here")) {
                    out.add(part.substring(0, part.length() - " here".length()));
                }
            }
        }
        return List.copyOf(out);
    }

    /** One finding for the group: the shortest path (then the first source by file and line), the others listed. */
    private static Ranked merge(List<Ranked> group) {
        Comparator<Ranked> order = Comparator.comparingInt((Ranked r) -> r.finding().path().size())
                .thenComparing(r -> r.finding().flow().source().file())
                .thenComparingInt(r -> r.finding().flow().source().line())
                .thenComparing(r -> r.finding().message());
        List<Ranked> sorted = new ArrayList<>(group);
        sorted.sort(order);
        Ranked first = sorted.get(0);
        List<Location> others = sorted.subList(1, sorted.size()).stream().map(r -> r.finding().flow().source())
                .sorted(Comparator.comparing(Location::file).thenComparingInt(Location::line)).toList();
        FlowFacts facts = first.finding().flow().withGroup(others);
        StringBuilder message = new StringBuilder(first.finding().message()).append("; ").append(facts.grouped())
                .append(" paths of this kind, from ");
        for (int i = 0; i < Math.min(LISTED_IN_MESSAGE, others.size()); i++) {
            Location l = others.get(i);
            message.append(i == 0 ? "" : ", ").append(l.file()).append(':').append(l.line());
        }
        if (others.size() > LISTED_IN_MESSAGE) {
            message.append(" and ").append(others.size() - LISTED_IN_MESSAGE).append(" more");
        }
        message.append(" too");
        Finding f = first.finding().ranked(first.finding().severity(), message.toString(), facts);
        return new Ranked(f, first.column(), first.source(), first.sink());
    }
}
