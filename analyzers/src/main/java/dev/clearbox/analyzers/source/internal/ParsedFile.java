package dev.clearbox.analyzers.source.internal;

import com.github.javaparser.ast.CompilationUnit;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * A parsed source file with its path relative to the root and its text (for evidence). The text is kept
 * whole, one string per file with the offsets of its lines, not one string per line: lines are cut from it
 * when a finding asks for one. Equality is identity (as it was for the record this replaces, whose line array
 * compared by identity).
 */
public final class ParsedFile {
    private final Path path;
    private final String relativePath;
    private final CompilationUnit unit;
    private final String text;
    /** The offset in {@link #text} where each line starts; a line ends at the next line's start less its terminator. */
    private final int[] starts;

    public ParsedFile(Path path, String relativePath, CompilationUnit unit, String text) {
        this.path = path;
        this.relativePath = relativePath;
        this.unit = unit;
        this.text = text;
        this.starts = lineStarts(text);
    }

    public Path path() {
        return path;
    }

    public String relativePath() {
        return relativePath;
    }

    public CompilationUnit unit() {
        return unit;
    }

    /** The file's whole text, as read. */
    public String text() {
        return text;
    }

    /**
     * The number of lines as {@code text.split("\r\n|\r|\n", -1)} counts them: a text ending with a line
     * terminator has an empty last line.
     */
    public int lineCount() {
        return starts.length;
    }

    /** The physical lines of the file: {@link #lineCount()} less an empty last line. */
    public int physicalLines() {
        int n = starts.length;
        return n > 0 && starts[n - 1] == text.length() ? n - 1 : n;
    }

    /** The trimmed text of a 1-based line, or empty. */
    public String line(int number) {
        if (number < 1 || number > starts.length) {
            return "";
        }
        int begin = starts[number - 1];
        int end = number < starts.length ? starts[number] : text.length();
        // drop the terminator: \r\n, \r or \n
        if (end > begin && text.charAt(end - 1) == '\n') {
            end--;
        }
        if (end > begin && text.charAt(end - 1) == '\r') {
            end--;
        }
        return text.substring(begin, end).strip();
    }

    private static int[] lineStarts(String text) {
        int[] out = new int[16];
        int n = 0;
        out[n++] = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                if (n == out.length) {
                    out = Arrays.copyOf(out, n * 2);
                }
                out[n++] = i + 1;
            }
        }
        return Arrays.copyOf(out, n);
    }

    @Override
    public String toString() {
        return "ParsedFile[" + relativePath + "]";
    }
}
