package dev.clearbox.core.rebuild;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The compare stage names its two sides "shipped" and "rebuilt". When it compares two runs of the same build
 * (non-determinism), those words are wrong: this rewrites a difference's sentence to name the runs instead.
 */
final class RunLabels {
    private static final Pattern SIDE = Pattern.compile("\\b(shipped|rebuilt)\\b");

    private RunLabels() {
    }

    /**
     * @param first  what the compare stage's shipped side is ({@code run 1})
     * @param second what its rebuilt side is ({@code run 2})
     */
    static String relabel(String detail, String first, String second) {
        String s = detail
                .replace(" is in the shipped artifact but not in the one built from source", " is in " + first + "'s output but not in " + second + "'s")
                .replace(" is built from source but missing from the shipped artifact", " is in " + second + "'s output but not in " + first + "'s");
        Matcher m = SIDE.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1).equals("shipped") ? first : second));
        }
        m.appendTail(out);
        return out.toString();
    }
}
