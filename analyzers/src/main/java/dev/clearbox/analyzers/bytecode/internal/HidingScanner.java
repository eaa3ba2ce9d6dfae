package dev.clearbox.analyzers.bytecode.internal;

import dev.clearbox.analyzers.bytecode.BinaryCoverage.Problem;
import dev.clearbox.analyzers.bytecode.BinaryInput;
import dev.clearbox.analyzers.bytecode.BinaryRule;
import dev.clearbox.analyzers.bytecode.NativeLibrary;
import dev.clearbox.analyzers.bytecode.ShippedClass;
import dev.clearbox.core.Capability;
import dev.clearbox.core.Finding;
import dev.clearbox.core.Location;
import dev.clearbox.core.Severity;
import dev.clearbox.core.Stage;
import dev.clearbox.core.unpack.EntryType;
import dev.clearbox.core.unpack.InventoryEntry;
import dev.clearbox.core.workspace.Workspace;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Looks for what hides code from review, given one input's entries, classes and capability findings:
 * classes defined from bytes, high-entropy resources next to decryption code, native libraries (with
 * their exported symbols), obfuscated names, and classes or jars built differently from the rest.
 * Heuristics, each documented on its rule page.
 */
public final class HidingScanner {
    /** Resources smaller than this are not judged by their entropy. */
    static final int MIN_ENTROPY_BYTES = 512;
    /** Bits per byte above which a resource looks encrypted or packed. */
    static final double HIGH_ENTROPY = 7.2;
    static final int MIN_CLASSES_FOR_NAMES = 10;
    static final double SHORT_NAME_RATIO = 0.5;
    private static final int ENTROPY_SAMPLE = 1024 * 1024;

    /** What the scan found. */
    public record Outcome(List<Finding> findings, List<NativeLibrary> nativeLibraries, List<Problem> problems) {
    }

    private HidingScanner() {
    }

    public static Outcome scan(BinaryInput input, List<ShippedClass> classes, Map<String, ClassFacts> facts,
                               List<Finding> capabilityFindings) {
        List<Finding> out = new ArrayList<>();
        List<NativeLibrary> natives = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        definedClasses(capabilityFindings, out);
        List<String> jars = input.entries().stream().filter(e -> e.type() == EntryType.JAR).map(InventoryEntry::path).toList();
        for (InventoryEntry e : input.entries()) {
            if (e.type() == EntryType.NATIVE_LIBRARY) {
                natives.add(nativeLibrary(input, e, out, problems));
            } else if (e.type() == EntryType.DATA && e.size() >= MIN_ENTROPY_BYTES && !e.path().startsWith("META-INF/")
                    && !e.path().contains("!/META-INF/")) {
                encrypted(input, e, container(e.path(), jars), capabilityFindings, out, problems);
            }
        }
        Map<String, List<ShippedClass>> byContainer = classes.stream()
                .collect(Collectors.groupingBy(ShippedClass::container, java.util.TreeMap::new, Collectors.toList()));
        byContainer.forEach((container, members) -> obfuscation(input, container, members, facts, out));
        byContainer.forEach((container, members) -> foreignClasses(input, container, members, out));
        foreignJars(input, byContainer, out);
        return new Outcome(out, natives, problems);
    }

    private static void definedClasses(List<Finding> findings, List<Finding> out) {
        for (Finding f : findings) {
            String method = f.api().substring(f.api().indexOf('#') + 1);
            if (f.capability() == Capability.CLASS_LOADING && method.startsWith("define")) {
                BinaryRule r = BinaryRule.DEFINED_CLASS;
                out.add(new Finding(r, f.capability(), r.severity(), "defines a class from bytes at run time ("
                        + f.api() + "): the defined code is not among the shipped class files and was not analyzed",
                        f.location(), f.api(), f.resolution(), List.of(), List.of()));
            }
        }
    }

    private static NativeLibrary nativeLibrary(BinaryInput input, InventoryEntry e, List<Finding> out, List<Problem> problems) {
        String file = input.displayPath(e.path());
        NativeLibrary lib;
        if (e.detail().startsWith("ELF") || e.detail().isEmpty()) {
            ElfSymbols.Result r;
            try {
                Path p = Workspace.resolveInside(input.root(), e.path(), Stage.ANALYZE_BINARY, file);
                r = Files.size(p) > ElfSymbols.MAX_BYTES ? new ElfSymbols.Result("ELF", List.of(), "file too large to read its symbols")
                        : ElfSymbols.read(Files.readAllBytes(p));
            } catch (IOException ex) {
                r = new ElfSymbols.Result("native", List.of(), "cannot read: " + ex.getMessage());
            }
            String format = "not ELF".equals(r.format()) ? (e.detail().isEmpty() ? "native" : e.detail()) : r.format();
            String problem = "not ELF".equals(r.format()) ? "symbols are read from ELF files only" : r.problem();
            int jni = (int) r.symbols().stream().filter(s -> s.startsWith("Java_")).count();
            lib = new NativeLibrary(file, format, r.symbols(), jni, problem);
        } else {
            lib = new NativeLibrary(file, e.detail(), List.of(), 0, "symbols are read from ELF files only");
        }
        if (!lib.problem().isEmpty()) {
            problems.add(new Problem(file, "native library: " + lib.problem()));
        }
        BinaryRule r = BinaryRule.NATIVE_LIBRARY;
        List<String> shown = lib.symbols().stream().filter(s -> s.startsWith("Java_")).limit(5).toList();
        if (shown.isEmpty()) {
            shown = lib.symbols().stream().limit(5).toList();
        }
        String message = "ships native code (" + lib.format() + "), which the source review and the bytecode analysis cannot see"
                + (lib.problem().isEmpty() ? "; exports " + lib.symbols().size() + " symbols (" + lib.jniSymbols()
                + " JNI)" + (shown.isEmpty() ? "" : ": " + String.join(", ", shown)) : "; " + lib.problem());
        out.add(new Finding(r, Capability.NATIVE, r.severity(), message, new Location(file, 0, lib.format()),
                "", "inventory", List.of(), List.of()));
        return lib;
    }

    private static void encrypted(BinaryInput input, InventoryEntry e, String container, List<Finding> capabilityFindings,
                                  List<Finding> out, List<Problem> problems) {
        String file = input.displayPath(e.path());
        double entropy;
        try (InputStream in = Files.newInputStream(Workspace.resolveInside(input.root(), e.path(), Stage.ANALYZE_BINARY, file))) {
            entropy = entropy(in.readNBytes(ENTROPY_SAMPLE));
        } catch (IOException ex) {
            problems.add(new Problem(file, "cannot read resource: " + ex.getMessage()));
            return;
        }
        if (entropy < HIGH_ENTROPY) {
            return;
        }
        String prefix = container.isEmpty() ? input.displayPath("") : input.displayPath(container) + "!/";
        List<Finding> decrypting = capabilityFindings.stream()
                .filter(f -> f.capability() == Capability.CRYPTO && f.rule() instanceof BinaryRule
                        && f.location().file().startsWith(prefix)).toList();
        BinaryRule r = BinaryRule.ENCRYPTED_RESOURCE;
        String entropyText = String.format(java.util.Locale.ROOT, "%.2f", entropy);
        if (decrypting.isEmpty()) {
            out.add(new Finding(r, Capability.CRYPTO, Severity.INFO, "resource looks encrypted or packed (entropy "
                    + entropyText + " bits per byte); no decryption code was seen next to it",
                    new Location(file, 0, ""), "", "inventory", List.of(), List.of()));
        } else {
            Finding first = decrypting.get(0);
            out.add(new Finding(r, Capability.CRYPTO, r.severity(), "resource looks encrypted or packed (entropy "
                    + entropyText + " bits per byte) and code next to it decrypts data (" + first.api() + " at "
                    + first.location() + "): its content may be code or data hidden from review",
                    new Location(file, 0, ""), first.api(), "inventory", List.of(), List.of()));
        }
    }

    /** Shannon entropy in bits per byte. */
    static double entropy(byte[] data) {
        if (data.length == 0) {
            return 0;
        }
        long[] counts = new long[256];
        for (byte x : data) {
            counts[x & 0xFF]++;
        }
        double h = 0;
        for (long c : counts) {
            if (c > 0) {
                double p = (double) c / data.length;
                h -= p * Math.log(p) / Math.log(2);
            }
        }
        return h;
    }

    /** {@code container} is a display path (as {@link ShippedClass#container()}), empty for loose classes. */
    private static void obfuscation(BinaryInput input, String container, List<ShippedClass> members,
                                    Map<String, ClassFacts> facts, List<Finding> out) {
        if (members.size() < MIN_CLASSES_FOR_NAMES) {
            return;
        }
        long shortClasses = members.stream().filter(c -> simpleName(c.name()).length() <= 2).count();
        long methods = 0;
        long shortMethods = 0;
        for (ShippedClass c : members) {
            ClassFacts f = facts.get(c.file());
            if (f != null) {
                for (String m : f.methods()) {
                    methods++;
                    shortMethods += m.length() <= 2 ? 1 : 0;
                }
            }
        }
        double classRatio = (double) shortClasses / members.size();
        double methodRatio = methods == 0 ? 0 : (double) shortMethods / methods;
        if (classRatio >= SHORT_NAME_RATIO || methods >= 20 && methodRatio >= SHORT_NAME_RATIO) {
            BinaryRule r = BinaryRule.OBFUSCATED;
            String where = container.isEmpty() ? input.name() : container;
            out.add(new Finding(r, r.capability(), r.severity(), String.format(java.util.Locale.ROOT,
                    "%s looks obfuscated: %d of %d classes and %d of %d methods have names of one or two characters",
                    where, shortClasses, members.size(), shortMethods, methods),
                    new Location(where, 0, ""), "", "inventory", List.of(), List.of()));
        }
    }

    private static String simpleName(String binaryName) {
        String s = binaryName.substring(binaryName.lastIndexOf('.') + 1);
        return s.substring(s.lastIndexOf('$') + 1);
    }

    /** Classes whose major version, or whose debug information, differs from the rest of their jar. */
    private static void foreignClasses(BinaryInput input, String container, List<ShippedClass> members, List<Finding> out) {
        if (members.size() < 3) {
            return;
        }
        int major = dominant(members, ShippedClass::major);
        boolean lines = dominant(members, ShippedClass::lineTable);
        boolean sources = dominant(members, c -> !c.sourceFile().isEmpty());
        for (ShippedClass c : members) {
            List<String> why = new ArrayList<>();
            if (c.major() != major) {
                why.add("class-file major version " + c.major() + " where the rest of "
                        + (container.isEmpty() ? "the input" : container) + " has " + major);
            }
            if (c.lineTable() != lines) {
                why.add(c.lineTable() ? "has line numbers where the rest has none" : "has no line numbers where the rest has them");
            }
            if (c.sourceFile().isEmpty() == sources) {
                why.add(sources ? "has no SourceFile attribute where the rest has one" : "has a SourceFile attribute where the rest has none");
            }
            if (!why.isEmpty()) {
                BinaryRule r = BinaryRule.FOREIGN_BUILD;
                out.add(new Finding(r, r.capability(), r.severity(), c.name() + " was compiled differently from its neighbours: "
                        + String.join("; ", why), new Location(c.file(), 0, ""), "", "inventory", List.of(), List.of()));
            }
        }
    }

    /** Jars whose dominant class-file version or recorded compiler differs from most jars of the input. */
    private static void foreignJars(BinaryInput input, Map<String, List<ShippedClass>> byContainer, List<Finding> out) {
        Map<String, String> build = new HashMap<>();
        byContainer.forEach((container, members) -> {
            if (!container.isEmpty()) {
                String entry = input.archive() ? container.substring(input.name().length() + 2) : container;
                build.put(container, "major " + dominant(members, ShippedClass::major) + ", " + createdBy(input, entry));
            }
        });
        if (build.size() < 3) {
            return;
        }
        String usual = dominant(new ArrayList<>(build.values()), Function.identity());
        build.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            if (!e.getValue().equals(usual)) {
                BinaryRule r = BinaryRule.FOREIGN_BUILD;
                String file = e.getKey();
                out.add(new Finding(r, r.capability(), Severity.LOW, file + " was built differently (" + e.getValue()
                        + ") from most jars of " + input.name() + " (" + usual + ")", new Location(file, 0, ""),
                        "", "inventory", List.of(), List.of()));
            }
        });
    }

    private static String createdBy(BinaryInput input, String jar) {
        String manifest = jar + "!/META-INF/MANIFEST.MF";
        if (input.entries().stream().noneMatch(e -> e.path().equals(manifest))) {
            return "no manifest";
        }
        try (InputStream in = Files.newInputStream(Workspace.resolveInside(input.root(), manifest, Stage.ANALYZE_BINARY, manifest))) {
            Properties p = new Properties();
            p.load(new java.io.StringReader(new String(in.readNBytes(64 * 1024), java.nio.charset.StandardCharsets.UTF_8)));
            String jdk = p.getProperty("Build-Jdk-Spec", p.getProperty("Build-Jdk", ""));
            return "Created-By " + p.getProperty("Created-By", "?").trim() + (jdk.isEmpty() ? "" : ", JDK " + jdk.trim());
        } catch (IOException | RuntimeException e) {
            return "unreadable manifest";
        }
    }

    private static <T, K> K dominant(List<T> items, Function<T, K> key) {
        Map<K, Long> counts = items.stream().collect(Collectors.groupingBy(key, Collectors.counting()));
        return counts.entrySet().stream().max(Comparator.<Map.Entry<K, Long>>comparingLong(Map.Entry::getValue)
                .thenComparing(e -> String.valueOf(e.getKey()))).orElseThrow().getKey();
    }

    /** The longest jar path that {@code path} lies inside, or empty. */
    public static String container(String path, List<String> jars) {
        String best = "";
        for (String jar : jars) {
            if (path.startsWith(jar + "!/") && jar.length() > best.length()) {
                best = jar;
            }
        }
        return best;
    }
}
