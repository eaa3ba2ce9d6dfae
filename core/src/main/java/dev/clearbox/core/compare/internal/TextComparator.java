package dev.clearbox.core.compare.internal;

import dev.clearbox.core.compare.DifferenceClass;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Other text (UTF-8 without NUL bytes): the same text with other line endings is {@code LINE_ENDINGS}; otherwise a
 * line diff is the evidence of a {@code RESOURCE_CONTENT} difference.
 */
final class TextComparator implements FormatComparator {
    static final int MAX_DIFF_LINES = 40;
    static final int MAX_TEXT_BYTES = 16 << 20;
    private static final Set<String> BINARY = Set.of("class", "jar", "war", "ear", "zip", "gz", "png", "jpg", "gif",
            "ico", "so", "dll", "dylib", "jnilib", "bin", "dat", "ser", "jks", "p12", "der", "ttf", "otf", "woff", "woff2");

    @Override
    public String name() {
        return "text";
    }

    @Override
    public boolean handles(Member shipped, Member rebuilt) {
        return looksLikeText(shipped) && looksLikeText(rebuilt);
    }

    private static boolean looksLikeText(Member m) {
        String file = m.fileName();
        int dot = file.lastIndexOf('.');
        if (dot >= 0 && BINARY.contains(file.substring(dot + 1).toLowerCase(Locale.ROOT))) {
            return false;
        }
        try {
            byte[] head = m.head(MAX_TEXT_BYTES + 1);
            return head.length <= MAX_TEXT_BYTES && Texts.utf8(head) != null;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void compare(Member shipped, Member rebuilt, CompareContext context) throws IOException, FormatMismatch {
        String s = Texts.utf8(shipped.bytes());
        String r = Texts.utf8(rebuilt.bytes());
        if (s == null || r == null) {
            throw new FormatMismatch("not UTF-8 text");
        }
        String ns = Texts.normaliseLineEndings(s);
        String nr = Texts.normaliseLineEndings(r);
        String what = BytesComparator.describe(shipped);
        if (ns.equals(nr)) {
            context.report(shipped.path(), DifferenceClass.LINE_ENDINGS, what + " has the same text with other line endings ("
                    + Texts.lineEndings(s) + " shipped, " + Texts.lineEndings(r) + " rebuilt)", List.of());
            return;
        }
        context.report(shipped.path(), DifferenceClass.RESOURCE_CONTENT, what + " differs (text diff: - rebuilt, + shipped)",
                LineDiff.unified(Texts.lines(nr), Texts.lines(ns), MAX_DIFF_LINES));
    }
}
