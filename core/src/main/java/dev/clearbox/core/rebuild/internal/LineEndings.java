package dev.clearbox.core.rebuild.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * Gives a build copy the line endings a Windows checkout would have ({@code core.autocrlf=true}): LF becomes
 * CRLF in text files. What is text follows the root {@code .gitattributes} ({@code binary}, {@code -text},
 * {@code text}, {@code eol=lf}, {@code eol=crlf}; the last matching line wins) and otherwise git's own
 * heuristic (no NUL byte in the first 8000 bytes). {@code .git} and symbolic links are left alone.
 */
public final class LineEndings {
    static final long MAX_FILE = 32L << 20;

    private LineEndings() {
    }

    /** What the conversion did. */
    public record Conversion(int converted, int binary, int keptLf) {
    }

    private record Rule(PathMatcher matcher, Boolean text, String eol) {
    }

    public static Conversion toCrlf(Path root) throws IOException {
        List<Rule> rules = rules(root.resolve(".gitattributes"));
        int[] counts = new int[3];
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return dir.getFileName() != null && dir.getFileName().toString().equals(".git") && !dir.equals(root)
                        ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (!attrs.isRegularFile() || attrs.size() > MAX_FILE || Files.isSymbolicLink(file)) {
                    return FileVisitResult.CONTINUE;
                }
                Path rel = root.relativize(file);
                Boolean text = null;
                String eol = null;
                for (Rule r : rules) {
                    if (r.matcher.matches(rel) || (rel.getNameCount() > 0 && r.matcher.matches(rel.getFileName()))) {
                        if (r.text != null) {
                            text = r.text;
                        }
                        if (r.eol != null) {
                            eol = r.eol;
                        }
                    }
                }
                byte[] bytes = Files.readAllBytes(file);
                if (Boolean.FALSE.equals(text) || (text == null && eol == null && looksBinary(bytes))) {
                    counts[1]++;
                } else if ("lf".equals(eol)) {
                    counts[2]++;
                } else {
                    byte[] out = crlf(bytes);
                    if (out.length != bytes.length) {
                        Files.write(file, out, LinkOption.NOFOLLOW_LINKS);
                        counts[0]++;
                    }
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return new Conversion(counts[0], counts[1], counts[2]);
    }

    static boolean looksBinary(byte[] bytes) {
        int n = Math.min(bytes.length, 8000);
        for (int i = 0; i < n; i++) {
            if (bytes[i] == 0) {
                return true;
            }
        }
        return false;
    }

    static byte[] crlf(byte[] in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length + in.length / 32);
        for (int i = 0; i < in.length; i++) {
            if (in[i] == '\n' && (i == 0 || in[i - 1] != '\r')) {
                out.write('\r');
            }
            out.write(in[i]);
        }
        return out.toByteArray();
    }

    private static List<Rule> rules(Path gitattributes) throws IOException {
        List<Rule> rules = new ArrayList<>();
        if (!Files.isRegularFile(gitattributes, LinkOption.NOFOLLOW_LINKS) || Files.size(gitattributes) > 1 << 20) {
            return rules;
        }
        for (String line : Files.readAllLines(gitattributes, StandardCharsets.UTF_8)) {
            String[] parts = line.strip().split("\\s+");
            if (parts.length < 2 || parts[0].startsWith("#") || parts[0].startsWith("[")) {
                continue;
            }
            Boolean text = null;
            String eol = null;
            for (int i = 1; i < parts.length; i++) {
                switch (parts[i]) {
                    case "binary", "-text" -> text = false;
                    case "text", "text=auto" -> text = parts[i].equals("text") ? Boolean.TRUE : null;
                    case "eol=lf" -> eol = "lf";
                    case "eol=crlf" -> eol = "crlf";
                    default -> {
                    }
                }
            }
            String pattern = parts[0].startsWith("/") ? parts[0].substring(1) : parts[0];
            try {
                rules.add(new Rule(FileSystems.getDefault().getPathMatcher("glob:" + pattern), text, eol));
            } catch (IllegalArgumentException e) {
                // a pattern Java's glob cannot express is skipped; the heuristic decides for those files
            }
        }
        return rules;
    }
}
