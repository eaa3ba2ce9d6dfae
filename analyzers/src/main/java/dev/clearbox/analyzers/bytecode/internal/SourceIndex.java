package dev.clearbox.analyzers.bytecode.internal;

import dev.clearbox.core.InvalidInputException;
import dev.clearbox.core.Stage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code .java} files of a source tree keyed by package and file name, so that a class file's package
 * and {@code SourceFile} attribute find the file wherever its source root lies ({@code src/main/java},
 * {@code src}, a module...). Skips {@code build/}, {@code target/} and {@code .git/}, like the source analyzer.
 */
public final class SourceIndex {
    private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+([\\w.]+)\\s*;");
    private static final Pattern COMMENTS = Pattern.compile("(?s)/\\*.*?\\*/|//[^\\n]*");
    private static final Set<String> SKIPPED = Set.of("build", "target", ".git");

    private final Map<String, String> byKey;

    private SourceIndex(Map<String, String> byKey) {
        this.byKey = byKey;
    }

    public static SourceIndex of(Path root) {
        if (!Files.isDirectory(root)) {
            throw new InvalidInputException(Stage.ANALYZE_BINARY, root.toString(), "source root is not a directory");
        }
        Map<String, String> byKey = new TreeMap<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return !dir.equals(root) && SKIPPED.contains(String.valueOf(dir.getFileName()))
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile() && file.getFileName().toString().endsWith(".java")) {
                        String relative = root.relativize(file).toString().replace('\\', '/');
                        byKey.putIfAbsent(packageOf(file) + "/" + file.getFileName(), relative);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new SourceIndex(byKey);
    }

    /** The source file of a class (relative path), or empty. */
    public String sourceOf(String packageName, String className, String sourceFileAttribute) {
        String file = sourceFileAttribute;
        if (file.isEmpty() || !file.endsWith(".java")) {
            String simple = className.substring(className.lastIndexOf('.') + 1);
            int dollar = simple.indexOf('$');
            file = (dollar > 0 ? simple.substring(0, dollar) : simple) + ".java";
        }
        return byKey.getOrDefault(packageName + "/" + file, "");
    }

    /** Every indexed source file, relative to the root. */
    public List<String> files() {
        return new ArrayList<>(byKey.values());
    }

    private static String packageOf(Path file) {
        try {
            byte[] head = Files.readAllBytes(file);
            String text = new String(head, 0, Math.min(head.length, 64 * 1024), StandardCharsets.UTF_8);
            Matcher m = PACKAGE.matcher(COMMENTS.matcher(text).replaceAll(" "));
            return m.find() ? m.group(1) : "";
        } catch (IOException e) {
            return "";
        }
    }

}
