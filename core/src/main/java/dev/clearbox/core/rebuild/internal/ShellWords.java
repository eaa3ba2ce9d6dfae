package dev.clearbox.core.rebuild.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Reads shell-like text as data, never running it: variable assignments (for .buildspec files) and
 * command lines split into words. Only quoting and simple variable references are understood; everything
 * a shell would execute or expand in other ways is refused (assignments) or reported as "needs a shell"
 * (commands).
 */
public final class ShellWords {
    private static final String OPERATORS = ";&|<>()";

    private final String text;
    private final BiFunction<Integer, String, RuntimeException> error;
    private final Map<String, String> vars = new LinkedHashMap<>();
    private int pos;
    private int line = 1;

    private ShellWords(String text, BiFunction<Integer, String, RuntimeException> error) {
        this.text = text;
        this.error = error;
    }

    /**
     * Parses {@code name=value} lines, expanding {@code ${name}} and {@code $name} references to names
     * assigned above.
     *
     * @param error makes the exception for a problem on a line (1-based)
     */
    public static Map<String, String> assignments(String text, BiFunction<Integer, String, RuntimeException> error) {
        ShellWords p = new ShellWords(text, error);
        p.parse();
        return p.vars;
    }

    private void parse() {
        while (pos < text.length()) {
            skipBlanks();
            if (pos >= text.length()) {
                break;
            }
            char c = text.charAt(pos);
            if (c == '\n' || c == '\r') {
                newline();
                continue;
            }
            if (c == '#') {
                skipToEol();
                continue;
            }
            int start = pos;
            while (pos < text.length() && isNameChar(text.charAt(pos), pos == start)) {
                pos++;
            }
            if (pos == start || pos >= text.length() || text.charAt(pos) != '=') {
                throw error.apply(line, "not a variable assignment (a .buildspec is read as data, never run): '"
                        + firstLine(start) + "'");
            }
            String name = text.substring(start, pos);
            pos++;
            vars.put(name, word());
            skipBlanks();
            if (pos < text.length() && text.charAt(pos) == '#') {
                skipToEol();
            } else if (pos < text.length() && text.charAt(pos) != '\n' && text.charAt(pos) != '\r') {
                throw error.apply(line, "unexpected text after the value of '" + name + "' (quote values that contain spaces)");
            }
        }
    }

    private String word() {
        StringBuilder out = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                return out.toString();
            }
            pos++;
            switch (c) {
                case '\'' -> {
                    int end = text.indexOf('\'', pos);
                    if (end < 0) {
                        throw error.apply(line, "unterminated single quote");
                    }
                    String lit = text.substring(pos, end);
                    line += count(lit, '\n');
                    out.append(lit);
                    pos = end + 1;
                }
                case '"' -> doubleQuoted(out);
                case '\\' -> {
                    if (pos < text.length()) {
                        char n = text.charAt(pos++);
                        if (n == '\n') {
                            line++;
                        } else {
                            out.append(n);
                        }
                    }
                }
                case '$' -> out.append(expansion());
                case '`' -> throw error.apply(line, "command substitution is not allowed");
                default -> {
                    if (OPERATORS.indexOf(c) >= 0) {
                        throw error.apply(line, "shell operator '" + c + "' is not allowed in a value (quote it)");
                    }
                    out.append(c);
                }
            }
        }
        return out.toString();
    }

    private void doubleQuoted(StringBuilder out) {
        while (true) {
            if (pos >= text.length()) {
                throw error.apply(line, "unterminated double quote");
            }
            char c = text.charAt(pos++);
            switch (c) {
                case '"' -> {
                    return;
                }
                case '\\' -> {
                    if (pos < text.length()) {
                        char n = text.charAt(pos);
                        if (n == '\n') {
                            pos++;
                            line++;
                        } else if (n == '"' || n == '\\' || n == '$' || n == '`') {
                            pos++;
                            out.append(n);
                        } else {
                            out.append('\\');
                        }
                    }
                }
                case '$' -> out.append(expansion());
                case '`' -> throw error.apply(line, "command substitution is not allowed");
                case '\n' -> {
                    line++;
                    out.append(c);
                }
                default -> out.append(c);
            }
        }
    }

    /** After a '$': {@code {name}} or {@code name}. */
    private String expansion() {
        if (pos < text.length() && text.charAt(pos) == '(') {
            throw error.apply(line, "command substitution is not allowed");
        }
        String name;
        if (pos < text.length() && text.charAt(pos) == '{') {
            int end = text.indexOf('}', pos);
            name = end < 0 ? "" : text.substring(pos + 1, end);
            if (!isName(name)) {
                throw error.apply(line, "only ${name} references are supported, got '$"
                        + text.substring(pos, Math.min(text.length(), end < 0 ? pos + 20 : end + 1)) + "'");
            }
            pos = end + 1;
        } else {
            int start = pos;
            while (pos < text.length() && isNameChar(text.charAt(pos), pos == start)) {
                pos++;
            }
            name = text.substring(start, pos);
            if (name.isEmpty()) {
                throw error.apply(line, "only ${name} references are supported after '$'");
            }
        }
        String value = vars.get(name);
        if (value == null) {
            throw error.apply(line, "refers to variable '" + name + "', which is not set above");
        }
        return value;
    }

    /**
     * Splits a command line into words as a shell would for a simple command: whitespace separates words,
     * single and double quotes group. Returns {@code null} when the line needs a real shell (operators,
     * expansions, globs), so that the caller runs it with {@code sh -c} inside the build's isolation.
     */
    public static List<String> split(String command) {
        List<String> words = new ArrayList<>();
        StringBuilder cur = null;
        int i = 0;
        while (i < command.length()) {
            char c = command.charAt(i++);
            if (Character.isWhitespace(c)) {
                if (cur != null) {
                    words.add(cur.toString());
                    cur = null;
                }
                continue;
            }
            if (cur == null) {
                cur = new StringBuilder();
            }
            if (c == '\'') {
                int end = command.indexOf('\'', i);
                if (end < 0) {
                    return null;
                }
                cur.append(command, i, end);
                i = end + 1;
            } else if (c == '"') {
                int end = i;
                StringBuilder q = new StringBuilder();
                while (end < command.length() && command.charAt(end) != '"') {
                    char d = command.charAt(end);
                    if (d == '$' || d == '`') {
                        return null;
                    }
                    if (d == '\\' && end + 1 < command.length() && "\"\\".indexOf(command.charAt(end + 1)) >= 0) {
                        end++;
                        d = command.charAt(end);
                    }
                    q.append(d);
                    end++;
                }
                if (end >= command.length()) {
                    return null;
                }
                cur.append(q);
                i = end + 1;
            } else if (c == '\\' && i < command.length()) {
                cur.append(command.charAt(i++));
            } else if (OPERATORS.indexOf(c) >= 0 || "$`*?[~{".indexOf(c) >= 0) {
                return null;
            } else {
                cur.append(c);
            }
        }
        if (cur != null) {
            words.add(cur.toString());
        }
        return words.isEmpty() ? null : words;
    }

    private void skipBlanks() {
        while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t')) {
            pos++;
        }
    }

    private void skipToEol() {
        while (pos < text.length() && text.charAt(pos) != '\n') {
            pos++;
        }
    }

    private void newline() {
        if (text.charAt(pos) == '\n') {
            line++;
        }
        pos++;
    }

    private String firstLine(int start) {
        int end = text.indexOf('\n', start);
        String s = text.substring(start, end < 0 ? text.length() : end).strip();
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }

    private static boolean isName(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isNameChar(s.charAt(i), i == 0)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isNameChar(char c, boolean first) {
        return c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (!first && c >= '0' && c <= '9');
    }

    private static int count(String s, char c) {
        return (int) s.chars().filter(ch -> ch == c).count();
    }
}
