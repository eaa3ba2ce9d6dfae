package dev.clearbox.samples;

import dev.clearbox.core.Stage;
import dev.clearbox.core.StageFailedException;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipFile;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Makes a tampered copy of a built jar, the way a compromised release pipeline would: extra classes
 * compiled from sources that are not in the repository, and product classes recompiled from a patched
 * copy of their source. Every other entry is copied raw, so it stays byte-identical.
 */
final class TamperedJar {

    /**
     * A change to one product source file: {@code insertion} goes right before the first line equal
     * to {@code anchorLine}.
     */
    record SourcePatch(String path, String anchorLine, String insertion) {
    }

    private TamperedJar() {
    }

    /**
     * @param faithfulJar  the jar the build produced
     * @param classes      the build's class output, the classpath for compiling the extra code
     * @param sourceRoot   the product's source root (for the files to patch)
     * @param extraSources the root of the extra sources (every {@code .java} file under it is compiled)
     * @param patches      changes to product sources, recompiled into the jar
     * @param workDir      an empty scratch directory
     * @param tamperedJar  where to write the result
     */
    static void write(Path faithfulJar, Path classes, Path sourceRoot, Path extraSources, List<SourcePatch> patches,
                      Path workDir, Path tamperedJar) throws IOException {
        Path sources = workDir.resolve("src");
        Path output = workDir.resolve("classes");
        Files.createDirectories(output);
        List<Path> toCompile = new ArrayList<>(javaFiles(extraSources));
        for (SourcePatch patch : patches) {
            Path patched = sources.resolve(patch.path());
            Files.createDirectories(patched.getParent());
            Files.writeString(patched, apply(patch, Files.readString(sourceRoot.resolve(patch.path()))));
            toCompile.add(patched);
        }
        compile(toCompile, classes, output);
        rewrite(faithfulJar, classFiles(output), tamperedJar);
    }

    static String apply(SourcePatch patch, String source) {
        String anchor = "\n" + patch.anchorLine() + "\n";
        int at = source.indexOf(anchor);
        if (at < 0) {
            throw new StageFailedException(Stage.SAMPLE, patch.path(), "the tamper patch's anchor line is missing: "
                    + patch.anchorLine().strip());
        }
        return source.substring(0, at + 1) + patch.insertion() + source.substring(at + 1);
    }

    private static void compile(List<Path> files, Path classpath, Path output) throws IOException {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new StageFailedException(Stage.SAMPLE, "javax.tools", "no Java compiler in this runtime; run on a JDK");
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager fm = compiler.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            List<String> options = List.of("--release", "17", "-encoding", "UTF-8", "-implicit:none",
                    "-classpath", classpath.toString(), "-d", output.toString());
            boolean ok = compiler.getTask(null, fm, diagnostics, options, null,
                    fm.getJavaFileObjectsFromPaths(files)).call();
            if (!ok) {
                StringBuilder problems = new StringBuilder();
                for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                    problems.append('\n').append(d);
                }
                throw new StageFailedException(Stage.SAMPLE, files.toString(), "the tamper code does not compile:" + problems);
            }
        }
    }

    private static void rewrite(Path faithfulJar, Map<String, byte[]> compiled, Path tamperedJar) throws IOException {
        try (ZipFile in = ZipFile.builder().setPath(faithfulJar).get();
             ZipArchiveOutputStream out = new ZipArchiveOutputStream(tamperedJar)) {
            List<ZipArchiveEntry> entries = Collections.list(in.getEntriesInPhysicalOrder());
            Map<String, byte[]> replaced = new TreeMap<>(compiled);
            Map<String, byte[]> added = new TreeMap<>(compiled);
            replaced.keySet().retainAll(entries.stream().map(ZipArchiveEntry::getName).toList());
            added.keySet().removeAll(replaced.keySet());
            for (ZipArchiveEntry entry : entries) {
                byte[] replacement = replaced.get(entry.getName());
                if (replacement != null) {
                    putNew(out, entry.getName(), replacement, entry.getTime());
                } else {
                    try (InputStream raw = in.getRawInputStream(entry)) {
                        out.addRawArchiveEntry(entry, raw);
                    }
                }
                if (entry.isDirectory()) {
                    // new classes go right after the directory entry of their package, as the jar tool orders them
                    for (String name : List.copyOf(added.keySet())) {
                        if (parentOf(name).equals(entry.getName())) {
                            putNew(out, name, added.remove(name), entry.getTime());
                        }
                    }
                }
            }
            if (!added.isEmpty()) {
                throw new StageFailedException(Stage.SAMPLE, faithfulJar.toString(),
                        "no package directory entry for " + added.keySet());
            }
        }
    }

    private static void putNew(ZipArchiveOutputStream out, String name, byte[] content, long time) throws IOException {
        ZipArchiveEntry entry = new ZipArchiveEntry(name);
        entry.setTime(time);
        entry.setMethod(ZipArchiveEntry.DEFLATED);
        out.putArchiveEntry(entry);
        out.write(content);
        out.closeArchiveEntry();
    }

    private static String parentOf(String entryName) {
        return entryName.substring(0, entryName.lastIndexOf('/') + 1);
    }

    private static List<Path> javaFiles(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }

    private static Map<String, byte[]> classFiles(Path root) throws IOException {
        Map<String, byte[]> classes = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
                classes.put(root.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
            }
        }
        return classes;
    }
}
