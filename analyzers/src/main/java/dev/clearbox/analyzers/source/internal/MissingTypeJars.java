package dev.clearbox.analyzers.source.internal;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Finds, among the jars lying beside the sources (a {@code lib/} folder, a build's output), those that hold the
 * types the analysis could not see, so that the auditor can pass them as the classpath. Only the jars' entry
 * names are read, never their contents; a jar that cannot be read is skipped (this is a hint, not evidence).
 */
public final class MissingTypeJars {
    /** At most this many jars are looked into. */
    static final int MAX_JARS = 2000;
    /** Larger jars are not opened. */
    static final long MAX_JAR_BYTES = 512L << 20;
    private static final int MAX_DEPTH = 32;

    private MissingTypeJars() {
    }

    /**
     * For each type (as the sources name it: fully qualified, or a simple name where the imports did not tell),
     * the jars under {@code root} holding a class of that name, relative to {@code root}, sorted; types no jar
     * holds are absent. Jars in {@code classpath} are skipped: their types were already visible.
     */
    public static Map<String, List<String>> find(Path root, Collection<String> types, Collection<Path> classpath) {
        Map<String, Set<String>> found = new TreeMap<>();
        if (types.isEmpty()) {
            return Map.of();
        }
        Set<Path> skip = new HashSet<>();
        for (Path p : classpath) {
            skip.add(p.toAbsolutePath().normalize());
        }
        for (Path jar : jars(root, skip)) {
            Set<String> entries = entryNames(jar);
            if (entries.isEmpty()) {
                continue;
            }
            String relative = root.relativize(jar).toString().replace('\\', '/');
            for (String type : types) {
                if (holds(entries, type)) {
                    found.computeIfAbsent(type, t -> new TreeSet<>()).add(relative);
                }
            }
        }
        Map<String, List<String>> out = new TreeMap<>();
        found.forEach((type, jars) -> out.put(type, List.copyOf(jars)));
        return out;
    }

    /** True when the entry names hold a class file for {@code type}, nested types written with dots included. */
    static boolean holds(Set<String> entries, String type) {
        if (type.indexOf('.') < 0) {
            String suffix = "/" + type + ".class";
            return entries.contains(type + ".class") || entries.stream().anyMatch(e -> e.endsWith(suffix));
        }
        // a.b.C.D may be class a/b/C$D: try each split between package and nested names
        String path = type.replace('.', '/');
        for (int cut = path.length(); cut > 0; cut = path.lastIndexOf('/', cut - 1)) {
            String candidate = path.substring(0, cut) + path.substring(cut).replace('/', '$') + ".class";
            if (entries.contains(candidate)) {
                return true;
            }
        }
        return false;
    }

    private static List<Path> jars(Path root, Set<Path> skip) {
        List<Path> out = new ArrayList<>();
        try {
            Files.walkFileTree(root, EnumSet.noneOf(FileVisitOption.class), MAX_DEPTH, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return dir.getFileName() != null && dir.getFileName().toString().equals(".git")
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    String name = file.getFileName().toString();
                    if (attrs.isRegularFile() && name.endsWith(".jar") && attrs.size() <= MAX_JAR_BYTES
                            && !skip.contains(file.toAbsolutePath().normalize())) {
                        out.add(file);
                    }
                    return out.size() >= MAX_JARS ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // a hint only: what was found so far is kept
        }
        out.sort(null);
        return out;
    }

    private static Set<String> entryNames(Path jar) {
        Set<String> names = new HashSet<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                names.add(entries.nextElement().getName());
            }
        } catch (IOException | RuntimeException e) {
            return Set.of();
        }
        return names;
    }
}
