package dev.clearbox.reports;

import dev.clearbox.analyzers.Rules;
import dev.clearbox.reports.json.ReportJson;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.commons.ClassRemapper;
import org.objectweb.asm.commons.Remapper;
import org.objectweb.asm.tree.ClassNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No file-level circles inside {@code analyzers} and {@code reports}: no two top-level classes of one module that
 * reach each other through their references. Read from the compiled classes with ASM (every type a class file
 * names: supertypes, fields, signatures, calls, annotations, class constants), nested classes counted as their
 * file's top-level class; so it sees same-package references that need no import, and misses only compile-time
 * constants, which javac copies into the class that reads them. The circles that remain are listed below, each
 * with its reason; the list must be exactly what is found, so a circle removed is also struck from it.
 */
class FileCirclesTest {
    private static final String FLOW = "dev.clearbox.analyzers.source.internal.flow.";
    /**
     * Each remaining circle (its classes, sorted and joined by " ↔ ") with why it stays. All three are inside the
     * flow analysis' interior, which its own refactor (issue 12: UnitState, an immutable FlowProgram) is taking apart;
     * it strikes them here as it removes them.
     */
    private static final Map<String, String> KNOWN = Map.of(
            FLOW + "Calls ↔ " + FLOW + "Expressions ↔ " + FLOW + "Types ↔ " + FLOW + "UnitInterpreter",
            "the interpreter's helpers share its mutable per-unit state and call back into it",
            FLOW + "FlowProgram ↔ " + FLOW + "TypeInfo ↔ " + FLOW + "Unit",
            "the program and its types and units point at each other while the builder fills them in",
            FLOW + "FlowProgramBuilder ↔ " + FLOW + "TaintAnalysis",
            "the builder borrows the analysis' local-class test, and the analysis runs the builder");

    @Test
    void analyzersHasNoFileLevelCircleButTheListedOnes() {
        assertCircles(classesOf(Rules.class), "dev/clearbox/analyzers/");
    }

    @Test
    void reportsHasNoFileLevelCircleButTheListedOnes() {
        assertCircles(classesOf(ReportJson.class), "dev/clearbox/reports/");
    }

    @Test
    void aCircleIsFoundWhereThereIsOne() {
        Map<String, Set<String>> g = new TreeMap<>();
        g.put("a/A", Set.of("a/B"));
        g.put("a/B", Set.of("a/C"));
        g.put("a/C", Set.of("a/A", "a/D"));
        g.put("a/D", Set.of());
        assertEquals(List.of("a.A ↔ a.B ↔ a.C"), circles(g));
        g.put("a/D", Set.of("a/D"));
        assertEquals(List.of("a.A ↔ a.B ↔ a.C"), circles(g), "a class naming itself is no circle");
    }

    private static void assertCircles(Map<String, Set<String>> graph, String prefix) {
        assertTrue(graph.keySet().stream().anyMatch(c -> c.startsWith(prefix)), "read the module's classes");
        List<String> found = circles(graph);
        List<String> known = KNOWN.keySet().stream().filter(k -> k.startsWith(prefix.replace('/', '.'))).sorted().toList();
        assertEquals(known, found, "file-level circles in " + prefix);
    }

    /** The module's top-level classes, each with the module's top-level classes it references (itself excluded). */
    private static Map<String, Set<String>> classesOf(Class<?> member) {
        Map<String, Set<String>> refs = new TreeMap<>();
        try {
            Path location = Path.of(member.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(location)) {
                try (Stream<Path> s = Files.walk(location)) {
                    for (Path p : s.filter(f -> f.toString().endsWith(".class")).toList()) {
                        try (InputStream in = Files.newInputStream(p)) {
                            read(in, refs);
                        }
                    }
                }
            } else {
                try (JarFile jar = new JarFile(location.toFile())) {
                    for (JarEntry e : jar.stream().filter(e -> e.getName().endsWith(".class")).toList()) {
                        try (InputStream in = jar.getInputStream(e)) {
                            read(in, refs);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        refs.values().forEach(r -> r.retainAll(refs.keySet()));
        refs.forEach((c, r) -> r.remove(c));
        return refs;
    }

    private static void read(InputStream in, Map<String, Set<String>> refs) throws IOException {
        ClassReader reader = new ClassReader(in);
        if (reader.getClassName().equals("module-info")) {
            return;
        }
        Set<String> to = refs.computeIfAbsent(topLevel(reader.getClassName()), k -> new TreeSet<>());
        reader.accept(new ClassRemapper(new ClassNode(), new Remapper() {
            @Override
            public String map(String internalName) {
                to.add(topLevel(internalName));
                return internalName;
            }
        }), 0);
    }

    private static String topLevel(String internalName) {
        int dollar = internalName.indexOf('$');
        return dollar < 0 ? internalName : internalName.substring(0, dollar);
    }

    /** The strongly connected components of more than one class (Tarjan), each as its sorted class names. */
    static List<String> circles(Map<String, Set<String>> graph) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<String> out = new ArrayList<>();
        int[] counter = {0};
        for (String v : graph.keySet()) {
            if (!index.containsKey(v)) {
                strongConnect(v, graph, index, low, stack, onStack, out, counter);
            }
        }
        return out.stream().sorted().toList();
    }

    private static void strongConnect(String v, Map<String, Set<String>> graph, Map<String, Integer> index,
                                      Map<String, Integer> low, Deque<String> stack, Set<String> onStack,
                                      List<String> out, int[] counter) {
        index.put(v, counter[0]);
        low.put(v, counter[0]);
        counter[0]++;
        stack.push(v);
        onStack.add(v);
        for (String w : graph.getOrDefault(v, Set.of())) {
            if (w.equals(v)) {
                continue;
            }
            if (!index.containsKey(w)) {
                strongConnect(w, graph, index, low, stack, onStack, out, counter);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            TreeSet<String> component = new TreeSet<>();
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                component.add(w.replace('/', '.'));
            } while (!w.equals(v));
            if (component.size() > 1) {
                out.add(String.join(" ↔ ", component));
            }
        }
    }
}
