package dev.clearbox.reports.html;

import dev.clearbox.core.Verdict;
import dev.clearbox.core.VisibleText;

/** What every HTML rendering shares: escaping, a key-value row, and the style class of a verdict. */
final class Html {
    private Html() {
    }

    /** Escapes text for HTML element content and double-quoted attribute values. */
    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> {
                    if (c != '\n' && VisibleText.isUnsafe(c)) {
                        VisibleText.appendEscape(b, c); // controls, bidi overrides, zero-width: shown, never obeyed
                    } else {
                        b.appendCodePoint(c);
                    }
                }
            }
        }
        return b.toString();
    }

    /** One row of a key-value table, both escaped. */
    static void row(StringBuilder h, String key, String value) {
        h.append("<tr><th>").append(esc(key)).append("</th><td>").append(esc(value)).append("</td></tr>\n");
    }

    /** The style class of a verdict's cell: ok, bad or warn. */
    static String verdictClass(Verdict v) {
        return switch (v) {
            case REPRODUCIBLE, EQUIVALENT -> "ok";
            case NOT_REPRODUCIBLE -> "bad";
            case NOT_REBUILT, NOT_VERIFIED -> "warn";
        };
    }
}
