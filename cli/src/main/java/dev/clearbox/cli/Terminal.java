package dev.clearbox.cli;

import dev.clearbox.core.VisibleText;

/**
 * The one rule for text that reaches the auditor's terminal: every character that could move the cursor,
 * erase, recolour, reorder or hide text is shown as a visible escape instead of being sent raw. Vendor
 * strings (manifest fields, file and entry names, endpoints, commit messages, tag names, error messages
 * built from them) hold anything; printed raw, {@code ESC[2J} clears the screen, a CR overwrites a line
 * and U+202E reverses what follows.
 *
 * <p>Escaped, with lower-case hex:
 * <ul>
 *   <li>line feed and carriage return inside a value: {@code \n}, {@code \r};</li>
 *   <li>the other C0 controls and DEL: {@code \x00} ... {@code \x1f}, {@code \x7f};</li>
 *   <li>C1 controls (U+0080 to U+009F): <code>&#92;u0080</code> ... <code>&#92;u009f</code>;</li>
 *   <li>format characters (Unicode category Cf: the bidi marks, embeddings, overrides and isolates U+061C,
 *       U+200E, U+200F, U+202A to U+202E, U+2066 to U+2069, the zero-width space, joiners and word joiner,
 *       the byte-order mark, soft hyphen, tag characters...), the line and paragraph separators U+2028 and
 *       U+2029, and unpaired surrogates: <code>&#92;u202e</code>, or {@code \U000e0041} beyond the BMP.</li>
 * </ul>
 * Tab is kept: it only advances the cursor and cannot erase or start a line. Everything else, accented
 * letters, CJK, emoji (whose joiners are escaped, so a joined emoji shows its parts), passes unchanged.
 * A backslash is not escaped: a vendor string holding the text {@code \x1b} shows as that text, which is
 * as harmless as the escape it imitates; the JSON output is the exact record.
 *
 * <p>{@link #escape} is for a value put into one line: line breaks are escaped too, so a value cannot
 * start a line of its own. {@link TerminalWriter} applies the rule to everything the commands write.
 */
public final class Terminal {
    private Terminal() {
    }

    /** {@code s} for one line of the terminal: every unsafe character, line breaks included, escaped. */
    public static String escape(String s) {
        return escape(s, false);
    }

    /** {@code s} with every unsafe character escaped except the line feeds, which stay line breaks. */
    static String escapeKeepingLines(String s) {
        return escape(s, true);
    }

    private static String escape(String s, boolean keepLineFeeds) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = null;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            boolean unsafe = cp == '\n' ? !keepLineFeeds : isUnsafe(cp);
            if (unsafe && b == null) {
                b = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (unsafe) {
                appendEscape(b, cp);
            } else if (b != null) {
                b.appendCodePoint(cp);
            }
            i += Character.charCount(cp);
        }
        return b == null ? s : b.toString();
    }

    /** Whether a code point must not reach the terminal raw ({@link VisibleText#isUnsafe}). */
    static boolean isUnsafe(int codePoint) {
        return VisibleText.isUnsafe(codePoint);
    }

    /** Appends the visible escape of an unsafe code point ({@link VisibleText#appendEscape}). */
    static void appendEscape(StringBuilder b, int codePoint) {
        VisibleText.appendEscape(b, codePoint);
    }
}
