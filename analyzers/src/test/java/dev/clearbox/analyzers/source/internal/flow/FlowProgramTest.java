package dev.clearbox.analyzers.source.internal.flow;

import dev.clearbox.analyzers.capability.CapabilityModel;
import dev.clearbox.analyzers.source.internal.ParsedFile;
import dev.clearbox.analyzers.source.internal.Parsing;
import dev.clearbox.analyzers.source.internal.ProjectIndex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.function.Executable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The program the flow analysis runs on is immutable once built, and the per-unit state lives only in the
 * {@link UnitState} of one analysis: one {@link UnitInterpreter} shared by every unit, in any order, gives
 * what a fresh interpreter per unit gives.
 */
class FlowProgramTest {
    @TempDir
    Path root;

    private static final String AGENT = """
            package com.acme;
            public interface Agent {
                String send(String data);
            }
            """;
    private static final String IMPL = """
            package com.acme;
            import java.util.List;
            import java.util.function.Function;
            public class Impl implements Agent {
                static String last;
                String kept;
                static { last = "none"; }
                public Impl(String k) { kept = k; }
                public String send(String data) {
                    last = data;
                    return id(data) + kept;
                }
                static String id(String s) { return s; }
                String many(List<String> xs, int n) {
                    String out = "";
                    for (String x : xs) {
                        try {
                            out = out + switch (n) { case 1 -> x; default -> { yield id(x); } };
                        } catch (RuntimeException e) {
                            throw new IllegalStateException(out, e);
                        }
                    }
                    Function<String, String> f = v -> { return send(v); };
                    Agent a = new Agent() {
                        public String send(String d) { return out + d; }
                    };
                    return f.apply(a.send(out));
                }
            }
            """;
    private static final String OTHER = """
            package com.acme;
            public class Other implements Agent {
                public String send(String data) { return data.trim(); }
            }
            """;

    private FlowProgram program() throws Exception {
        Files.createDirectories(root.resolve("com/acme"));
        Files.writeString(root.resolve("com/acme/Agent.java"), AGENT);
        Files.writeString(root.resolve("com/acme/Impl.java"), IMPL);
        Files.writeString(root.resolve("com/acme/Other.java"), OTHER);
        List<ParsedFile> files = new ArrayList<>();
        for (String name : List.of("Agent", "Impl", "Other")) {
            Path f = root.resolve("com/acme/" + name + ".java");
            files.add(Parsing.parse(f, "com/acme/" + name + ".java").file());
        }
        ProjectIndex index = ProjectIndex.build(root, files, CapabilityModel.builtIn());
        List<List<com.github.javaparser.ast.Node>> locals = files.stream().map(FlowProgramBuilder::localClasses).toList();
        return FlowProgramBuilder.build(index, files, locals, List.of());
    }

    @Test
    void theBuiltProgramCannotBeChanged() throws Exception {
        FlowProgram p = program();
        TypeInfo agent = p.types.get("com.acme.Agent");
        TypeInfo impl = p.types.get("com.acme.Impl");
        Unit any = p.units.get(0);
        List<Executable> writes = List.of(
                () -> p.units.add(any),
                () -> p.types.remove("com.acme.Agent"),
                () -> p.typesByNode.clear(),
                () -> p.unitsByName.get("send/1").add(any),
                () -> p.unitsByName.put("x/0", List.of()),
                () -> p.fieldOwners.get("kept").clear(),
                () -> p.sourceNodes.put(any.callable, 1),
                () -> p.sinks.clear(),
                () -> p.transformerNames.add("encode"),
                () -> agent.subtypes.clear(),
                () -> impl.supers.add("java.lang.Runnable"),
                () -> impl.methods.get("send/1").add(any),
                () -> impl.methods.remove("send/1"),
                () -> impl.constructors.clear(),
                () -> impl.fields.put("other", 0),
                () -> impl.fieldTypes.clear(),
                () -> impl.methodReturnTypes.clear(),
                () -> impl.recordComponents.add("x"));
        for (Executable write : writes) {
            assertThrows(UnsupportedOperationException.class, write);
        }
        // what the builder filled in is all there behind the views
        assertEquals(List.of("com.acme.Agent"), impl.supers);
        assertEquals(List.of("com.acme.Impl", "com.acme.Impl$1", "com.acme.Other"), agent.subtypes.stream().map(t -> t.fqn).toList());
        assertTrue(impl.initializer() != null && impl.initializer().callable == null, "the static block is a unit");
        assertEquals(1, impl.constructors.size());
    }

    @Test
    void callTargetsAreMemoizedFromTheStart() throws Exception {
        FlowProgram p = program();
        TypeInfo agent = p.types.get("com.acme.Agent");
        List<Unit> first = p.targets(agent, "send", 1, true);
        assertEquals(List.of("com.acme.Impl#send(String)", "com.acme.Impl$1#send(String)", "com.acme.Other#send(String)"),
                first.stream().map(u -> u.label).toList());
        assertSame(first, p.targets(agent, "send", 1, true), "memoized on first use: there is no building phase to wait for");
        assertSame(p.selfAndAncestors(agent), p.selfAndAncestors(agent));
    }

    @Test
    void oneSharedInterpreterGivesWhatAFreshOnePerUnitGives() throws Exception {
        FlowProgram p = program();
        Summaries summaries = new Summaries(p.units.size());
        // summaries that say something, so that calls read them
        for (Unit u : p.units) {
            summaries.update(u.id, u.params.isEmpty() ? Map.of() : Map.of(0, Trail.add(null,
                    new FlowStep(u.file, 1, u.label, "inside", null))));
        }
        List<String> fresh = new ArrayList<>();
        for (Unit u : p.units) {
            fresh.add(render(new UnitInterpreter(p, summaries).run(u)));
        }
        UnitInterpreter shared = new UnitInterpreter(p, summaries);
        List<String> sharedResults = new ArrayList<>(p.units.size());
        for (int i = 0; i < p.units.size(); i++) {
            sharedResults.add(null);
        }
        for (int round = 0; round < 2; round++) {
            for (int i = p.units.size() - 1; i >= 0; i--) {
                sharedResults.set(i, render(shared.run(p.units.get(i))));
            }
            assertEquals(fresh, sharedResults);
        }
        String many = fresh.get(p.units.stream().filter(u -> u.label.contains("#many(")).findFirst().orElseThrow().id);
        assertTrue(many.contains("calls=") && many.contains("passed to"), many);
        assertTrue(many.contains("edge"), "the method has edges: " + many);
        // and threads sharing it agree too
        List<Callable<String>> tasks = new ArrayList<>();
        for (Unit u : p.units) {
            tasks.add(() -> render(shared.run(u)));
        }
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<String> parallel = new ArrayList<>();
            for (var f : pool.invokeAll(tasks)) {
                parallel.add(f.get());
            }
            assertEquals(fresh, parallel);
        } finally {
            pool.shutdownNow();
        }
    }

    private static String render(UnitResult r) {
        StringBuilder b = new StringBuilder();
        r.paramsToReturn().forEach((k, v) -> b.append("summary ").append(k).append(steps(v)).append('\n'));
        for (UnitResult.Edge e : r.edges()) {
            b.append("edge ").append(e.from()).append("->").append(e.to()).append(" in ").append(e.unit())
                    .append(steps(e.trail())).append('\n');
        }
        b.append("calls=").append(r.calls().stream().map(c -> c.target() + "@" + c.step().line() + " " + c.step().note())
                .collect(Collectors.joining(", "))).append('\n');
        b.append("limits=").append(r.limits()).append(" local=").append(r.localNodes())
                .append(" consulted=").append(new java.util.TreeMap<>(r.consulted()));
        return b.toString();
    }

    private static String steps(Trail t) {
        return Trail.steps(t).stream().map(s -> s.line() + ":" + s.note()).collect(Collectors.joining(" | ", " [", "]"));
    }
}
