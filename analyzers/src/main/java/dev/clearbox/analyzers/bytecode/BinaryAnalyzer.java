package dev.clearbox.analyzers.bytecode;

import dev.clearbox.analyzers.bytecode.BinaryCoverage.Problem;
import dev.clearbox.analyzers.bytecode.internal.ClassFacts;
import dev.clearbox.analyzers.bytecode.internal.FindingConverter;
import dev.clearbox.analyzers.bytecode.internal.HidingScanner;
import dev.clearbox.analyzers.bytecode.internal.Hit;
import dev.clearbox.analyzers.bytecode.internal.SpotBugsEngine;
import dev.clearbox.analyzers.bytecode.internal.SpotBugsEngine.Detectors;
import dev.clearbox.core.Finding;
import dev.clearbox.core.ProgressListener;
import dev.clearbox.core.Stage;
import dev.clearbox.core.UnsafeInputException;
import dev.clearbox.core.unpack.EntryType;
import dev.clearbox.core.unpack.InventoryEntry;
import dev.clearbox.core.workspace.Workspace;
import edu.umd.cs.findbugs.BugInstance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Analyzes shipped bytecode with SpotBugs: Clearbox's capability detector (driven by the capability
 * model) and, when asked, FindSecBugs, on every jar and class file of each input; then looks for what
 * hides code from review. Class files that cannot be read are coverage problems, never a crash.
 *
 * <p>Each input is analyzed on its own. Inside one input every jar is a code base; a class name shipped
 * twice (two versions of a library) goes to a second SpotBugs run, so every class file is analyzed once.
 */
public final class BinaryAnalyzer {
    /** Stage name used for progress and errors. */
    public static final Stage STAGE = Stage.ANALYZE_BINARY;
    private static final Comparator<Finding> ORDER = Comparator
            .comparing((Finding f) -> f.location().file())
            .thenComparingInt(f -> f.location().line())
            .thenComparing(Finding::ruleId)
            .thenComparing(Finding::api)
            .thenComparing(Finding::message);

    public BinaryAnalysisResult analyze(BinaryAnalysisRequest request, ProgressListener listener) {
        ProgressListener progress = listener == null ? ProgressListener.NONE : listener;
        progress.stageStarted(STAGE, request.inputs().size() + " inputs");
        List<Finding> findings = new ArrayList<>();
        List<ShippedClass> classes = new ArrayList<>();
        List<NativeLibrary> natives = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        int codeBases = 0;
        int analyzed = 0;
        int runs = 0;
        Set<String> missing = new HashSet<>();
        Detectors detectors = request.findSecBugs() ? Detectors.CLEARBOX_AND_FINDSECBUGS : Detectors.CLEARBOX;
        int done = 0;
        for (BinaryInput input : request.inputs()) {
            Units units = units(input, problems);
            classes.addAll(units.classes);
            List<Finding> inputFindings = new ArrayList<>();
            for (List<Unit> layer : layers(units.units)) {
                List<Path> bases = layer.stream().map(u -> u.path).toList();
                List<Path> aux = new ArrayList<>(request.auxClasspath());
                units.units.stream().filter(u -> u.jar && !layer.contains(u)).forEach(u -> aux.add(u.path));
                SpotBugsEngine.Outcome outcome = SpotBugsEngine.run(bases, aux, request.model(), detectors);
                runs++;
                codeBases += bases.size();
                Map<String, String> fileOfClass = new HashMap<>();
                layer.forEach(u -> u.classes.forEach(c -> fileOfClass.put(c.name(), c.file())));
                analyzed += (int) outcome.analyzedClasses().stream().filter(fileOfClass::containsKey).count();
                Function<String, String> fileOf = name -> fileOfClass.getOrDefault(name,
                        input.displayPath(name.replace('.', '/') + ".class"));
                for (Hit hit : outcome.hits()) {
                    inputFindings.add(FindingConverter.convert(hit, fileOf));
                }
                for (BugInstance bug : outcome.bugs()) {
                    FindingConverter.convert(bug, fileOf).ifPresent(inputFindings::add);
                }
                for (String error : outcome.errors()) {
                    problems.add(new Problem(input.name(), "SpotBugs: " + oneLine(error)));
                }
                missing.addAll(outcome.missingClasses());
            }
            HidingScanner.Outcome hiding = HidingScanner.scan(input, units.classes, units.facts, inputFindings);
            findings.addAll(inputFindings);
            findings.addAll(hiding.findings());
            natives.addAll(hiding.nativeLibraries());
            problems.addAll(hiding.problems());
            progress.progress(STAGE, ++done, request.inputs().size(), input.name());
        }
        findings = new ArrayList<>(new java.util.LinkedHashSet<>(findings));
        findings.sort(ORDER);
        classes.sort(Comparator.comparing(ShippedClass::file));
        natives.sort(Comparator.comparing(NativeLibrary::file));
        problems.sort(Comparator.comparing(Problem::file).thenComparing(Problem::problem));
        BinaryCoverage coverage = new BinaryCoverage(codeBases, analyzed, runs, dedupe(problems), missing.size());
        progress.stageFinished(STAGE, findings.size() + " findings in " + analyzed + " classes, "
                + coverage.problems().size() + " problems");
        return new BinaryAnalysisResult(findings, classes, natives, coverage);
    }

    /** A SpotBugs code base: a jar, or one loose class file, with the classes it holds. */
    private record Unit(Path path, boolean jar, List<ShippedClass> classes) {
    }

    private record Units(List<Unit> units, List<ShippedClass> classes, Map<String, ClassFacts> facts) {
    }

    private static Units units(BinaryInput input, List<Problem> problems) {
        List<String> jars = input.entries().stream().filter(e -> e.type() == EntryType.JAR).map(InventoryEntry::path).toList();
        Map<String, List<ShippedClass>> byJar = new TreeMap<>();
        jars.forEach(j -> byJar.put(j, new ArrayList<>()));
        List<Unit> units = new ArrayList<>();
        List<ShippedClass> classes = new ArrayList<>();
        Map<String, ClassFacts> facts = new LinkedHashMap<>();
        for (InventoryEntry e : input.entries()) {
            if (e.type() != EntryType.CLASS) {
                notAClass(input, e).ifPresent(problems::add);
                continue;
            }
            String file = input.displayPath(e.path());
            Path path;
            try {
                path = Workspace.resolveInside(input.root(), e.path(), STAGE, file);
            } catch (UnsafeInputException ex) {
                problems.add(new Problem(file, ex.problem()));
                continue;
            }
            String jar = HidingScanner.container(e.path(), jars);
            ClassFacts f;
            try {
                f = ClassFacts.read(path);
            } catch (IOException ex) {
                problems.add(new Problem(file, "not analyzed: " + oneLine(ex.getMessage())));
                continue;
            }
            ShippedClass c = new ShippedClass(file, jar.isEmpty() ? "" : input.displayPath(jar), f.name(),
                    f.sourceFile(), f.major(), f.lineTable());
            classes.add(c);
            facts.put(file, f);
            if (jar.isEmpty()) {
                units.add(new Unit(path, false, List.of(c)));
            } else {
                byJar.get(jar).add(c);
            }
        }
        byJar.forEach((jar, members) -> {
            Path path = Workspace.resolveInside(input.root(), jar, STAGE, input.displayPath(jar));
            if (Files.isRegularFile(path)) {
                units.add(new Unit(path, true, members));
            }
        });
        return new Units(units, classes, facts);
    }

    /**
     * An entry named like a class file that is not one (typed from its first bytes): a coverage problem, since
     * the JVM may still be asked to load it. Jars so named are analyzed as jars, so they are not problems.
     */
    private static Optional<Problem> notAClass(BinaryInput input, InventoryEntry e) {
        if (!e.path().endsWith(".class") || e.type() == EntryType.JAR) {
            return Optional.empty();
        }
        String why = switch (e.type()) {
            case LINK, SPECIAL -> "a link or special file, not a class file";
            case NATIVE_LIBRARY -> "native code, not a class file";
            default -> e.size() == 0 ? "an empty file (0 bytes), not a class file"
                    : "not a class file (no CAFEBABE magic)";
        };
        return Optional.of(new Problem(input.displayPath(e.path()), "not analyzed: " + why));
    }

    /** Splits code bases into runs in which no class name appears twice. */
    private static List<List<Unit>> layers(List<Unit> units) {
        List<List<Unit>> layers = new ArrayList<>();
        List<Set<String>> names = new ArrayList<>();
        for (Unit u : units) {
            Set<String> mine = new HashSet<>();
            u.classes.forEach(c -> mine.add(c.name()));
            int i = 0;
            while (i < layers.size() && names.get(i).stream().anyMatch(mine::contains)) {
                i++;
            }
            if (i == layers.size()) {
                layers.add(new ArrayList<>());
                names.add(new HashSet<>());
            }
            layers.get(i).add(u);
            names.get(i).addAll(mine);
        }
        return layers;
    }

    private static List<Problem> dedupe(List<Problem> problems) {
        return List.copyOf(new java.util.LinkedHashSet<>(problems));
    }

    private static String oneLine(String text) {
        String t = text == null ? "" : text.strip();
        int nl = t.indexOf('\n');
        return (nl < 0 ? t : t.substring(0, nl)).replaceAll("\\p{Cntrl}", "?");
    }
}
