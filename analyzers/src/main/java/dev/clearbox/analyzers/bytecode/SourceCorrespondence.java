package dev.clearbox.analyzers.bytecode;

import dev.clearbox.analyzers.bytecode.internal.SourceIndex;
import dev.clearbox.core.Capability;
import dev.clearbox.core.Finding;
import dev.clearbox.core.Location;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Puts the binary analysis next to the source analysis. Each shipped class is mapped to its source file
 * by package and {@code SourceFile} attribute (nested and anonymous classes share their outer class's
 * file); then every capability call and flow found in a class is looked up in the source findings of
 * that file, by capability and API, within {@link #LINE_TOLERANCE} lines.
 *
 * <p>A jar (or directory) is <em>built from the source</em> when at least one of its classes has a
 * source file. In such a jar, a class with no source file is reported ({@code CBX-BIN-ONLY} when it has
 * capabilities, {@code CBX-BIN-NO-SOURCE} otherwise), and so is every capability or flow of a mapped
 * class with no counterpart in its source file. Classes of jars with no source at all (third-party
 * libraries) are only listed.
 */
public final class SourceCorrespondence {
    /** How many lines a binary call site may lie from its source counterpart (javac marks the line of the call). */
    public static final int LINE_TOLERANCE = 2;

    private SourceCorrespondence() {
    }

    public static Correspondence compare(BinaryAnalysisResult binary, List<Finding> sourceFindings, Path sourceRoot) {
        SourceIndex sources = SourceIndex.of(sourceRoot);
        Map<String, List<Finding>> byFile = new LinkedHashMap<>();
        for (Finding f : sourceFindings) {
            byFile.computeIfAbsent(f.location().file(), k -> new ArrayList<>()).add(f);
        }
        Map<String, List<Finding>> binaryByClassFile = new LinkedHashMap<>();
        for (Finding f : binary.findings()) {
            if (isBehaviour(f)) {
                binaryByClassFile.computeIfAbsent(f.location().file(), k -> new ArrayList<>()).add(f);
            }
        }
        List<ClassSource> mapped = new ArrayList<>();
        Set<String> builtFromSource = new HashSet<>();
        Set<String> usedSources = new HashSet<>();
        for (ShippedClass c : binary.classes()) {
            String source = sources.sourceOf(c.packageName(), c.name(), c.sourceFile());
            mapped.add(new ClassSource(c.file(), c.name(), source));
            if (!source.isEmpty()) {
                builtFromSource.add(c.container());
                usedSources.add(source);
            }
        }
        List<Finding> out = new ArrayList<>();
        List<String> withoutSource = new ArrayList<>();
        for (int i = 0; i < mapped.size(); i++) {
            ClassSource cs = mapped.get(i);
            ShippedClass c = binary.classes().get(i);
            List<Finding> behaviour = binaryByClassFile.getOrDefault(c.file(), List.of());
            if (cs.sourceFile().isEmpty()) {
                withoutSource.add(c.file());
                if (builtFromSource.contains(c.container())) {
                    out.add(behaviour.isEmpty() ? noSource(c) : onlyInBinary(c, behaviour));
                }
                continue;
            }
            List<Finding> inSource = byFile.getOrDefault(cs.sourceFile(), List.of());
            for (Finding f : behaviour) {
                if (!hasCounterpart(f, inSource)) {
                    out.add(notInSource(c, cs.sourceFile(), f));
                }
            }
        }
        Set<String> sourcesWithoutClass = new TreeSet<>(sources.files());
        sourcesWithoutClass.removeAll(usedSources);
        sourcesWithoutClass.removeIf(s -> s.endsWith("package-info.java") || s.endsWith("module-info.java")
                || s.contains("src/test/"));
        out.sort(Comparator.comparing((Finding f) -> f.location().file()).thenComparingInt(f -> f.location().line())
                .thenComparing(Finding::message));
        return new Correspondence(mapped, withoutSource, List.copyOf(sourcesWithoutClass), out, LINE_TOLERANCE);
    }

    private static boolean isBehaviour(Finding f) {
        return f.rule() == BinaryRule.FLOW || f.rule() instanceof BinaryRule r && r.isCapabilityRule();
    }

    static boolean hasCounterpart(Finding binary, List<Finding> inSource) {
        if (binary.rule() == BinaryRule.FLOW) {
            boolean sourceHasFlows = inSource.stream().anyMatch(s -> !s.path().isEmpty());
            if (sourceHasFlows) {
                return inSource.stream().anyMatch(s -> !s.path().isEmpty() && near(binary.location(), s.location()));
            }
            // No flow analysis result in this file: both ends of the flow must be visible call sites.
            Location start = binary.path().get(0).location();
            Location end = binary.location();
            return callNear(inSource, start.code(), start) && callNear(inSource, binary.api(), end);
        }
        return inSource.stream().anyMatch(s -> s.path().isEmpty() && s.capability() == binary.capability()
                && (binary.location().line() == 0 ? s.api().equals(binary.api())
                : near(binary.location(), s.location())));
    }

    private static boolean callNear(List<Finding> inSource, String api, Location at) {
        return inSource.stream().anyMatch(s -> s.path().isEmpty() && s.api().equals(api)
                && (at.line() == 0 || near(at, s.location())));
    }

    private static boolean near(Location binary, Location source) {
        return Math.abs(binary.line() - source.line()) <= LINE_TOLERANCE;
    }

    private static Finding onlyInBinary(ShippedClass c, List<Finding> behaviour) {
        Map<Capability, Set<String>> apisByCapability = new LinkedHashMap<>();
        Set<String> endpoints = new LinkedHashSet<>();
        Finding flow = null;
        for (Finding f : behaviour) {
            if (f.rule() == BinaryRule.FLOW) {
                flow = flow == null ? f : flow;
            } else {
                apisByCapability.computeIfAbsent(f.capability(), k -> new TreeSet<>()).add(f.api());
            }
            endpoints.addAll(f.endpoints());
        }
        List<String> parts = new ArrayList<>();
        for (Capability capability : List.of(Capability.NETWORK, Capability.DNS)) {
            Set<String> apis = apisByCapability.remove(capability);
            if (apis != null) {
                parts.add((capability == Capability.NETWORK ? "opens network connections" : "resolves host names")
                        + (endpoints.isEmpty() ? "" : " to " + String.join(", ", endpoints)) + " (" + String.join(", ", apis) + ")");
            }
        }
        apisByCapability.forEach((capability, apis) -> parts.add("uses " + capability + " (" + String.join(", ", apis) + ")"));
        Finding first = flow != null ? flow : behaviour.get(0);
        BinaryRule r = BinaryRule.ONLY;
        String message = "the shipped " + where(c) + " contains " + c.name() + ", which is not in the source, and it "
                + String.join("; it ", parts) + (flow == null ? "" : "; in it, " + flow.message());
        return new Finding(r, first.capability(), r.severity(), message,
                new Location(c.file(), first.location().line(), first.location().code()), first.api(), "correspondence",
                List.copyOf(endpoints), flow == null ? List.of() : flow.path());
    }

    private static Finding notInSource(ShippedClass c, String sourceFile, Finding f) {
        BinaryRule r = BinaryRule.ONLY;
        String what = f.rule() == BinaryRule.FLOW ? "has a flow: " + f.message()
                : "calls " + f.api() + " (" + f.capability() + ")" + (f.endpoints().isEmpty() ? ""
                : " to " + String.join(", ", f.endpoints()));
        String message = "the shipped " + where(c) + " has " + c.name() + " at line " + f.location().line()
                + ", whose code " + what + ", but its source " + sourceFile + " has no such " + f.capability()
                + " call within " + LINE_TOLERANCE + " lines";
        return new Finding(r, f.capability(), r.severity(), message, f.location(), f.api(), "correspondence",
                f.endpoints(), f.path());
    }

    private static Finding noSource(ShippedClass c) {
        BinaryRule r = BinaryRule.NO_SOURCE;
        return new Finding(r, r.capability(), r.severity(), "the shipped " + where(c) + " contains " + c.name()
                + ", which is not in the source (no capability call was found in it)",
                new Location(c.file(), 0, ""), "", "correspondence", List.of(), List.of());
    }

    private static String where(ShippedClass c) {
        return c.container().isEmpty() ? c.file() : c.container();
    }
}
