package dev.clearbox.core;

/**
 * The one rule for vendor text shown to a person, on the terminal or in the HTML report: every character that
 * could move the cursor, erase, recolour, reorder or hide text is unsafe and is shown as a visible escape.
 * Unsafe are the C0 and C1 controls and DEL (except tab), the format characters (Unicode category Cf: the bidi
 * marks, embeddings, overrides and isolates such as U+202E, zero-width characters, the byte-order mark, soft
 * hyphen, tag characters…), the line and paragraph separators, and unpaired surrogates. The escapes are
 * {@code \n}, {@code \r}, {@code \x1b} below U+0080, <code>&#92;u202e</code> in the BMP, {@code \U000e0041} beyond.
 */
public final class VisibleText {
    private VisibleText() {
    }

    /** {@code s} as one line: every unsafe character, line breaks included, escaped. */
    public static String oneLine(String s) {
        return oneLine(s, Integer.MAX_VALUE);
    }

    /** {@code s} as one line of at most about {@code max} characters (then {@code ...}), every unsafe character escaped. */
    public static String oneLine(String s, int max) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), max) + 8);
        for (int i = 0; i < s.length() && b.length() < max; ) {
            int cp = s.codePointAt(i);
            if (isUnsafe(cp)) {
                appendEscape(b, cp);
            } else {
                b.appendCodePoint(cp);
            }
            i += Character.charCount(cp);
        }
        if (b.length() >= max && max != Integer.MAX_VALUE) {
            b.append("...");
        }
        return b.toString();
    }

    /** Whether a code point must not reach a reader raw. Tab is safe; so is line feed only where the caller says. */
    public static boolean isUnsafe(int codePoint) {
        if (codePoint == '\t') {
            return false;
        }
        return switch (Character.getType(codePoint)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                    Character.SURROGATE -> true;
            default -> false;
        };
    }

    /** Appends the visible escape of an unsafe code point. */
    public static void appendEscape(StringBuilder b, int codePoint) {
        switch (codePoint) {
            case '\n' -> b.append("\\n");
            case '\r' -> b.append("\\r");
            default -> {
                if (codePoint < 0x80) {
                    b.append(String.format("\\x%02x", codePoint));
                } else if (codePoint <= 0xffff) {
                    b.append(String.format("\\u%04x", codePoint));
                } else {
                    b.append(String.format("\\U%08x", codePoint));
                }
            }
        }
    }
}
