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

    /**
     * An index file: one item per line, written by a build tool from what it found (ServiceLoader registrations, the
     * Sisu index, Spring's .imports, other text indexes under META-INF).
     */
    static boolean isIndex(String path) {
        String p = path.substring(path.lastIndexOf("!/") + 1).replaceFirst("^/", "");
        int meta = p.indexOf("META-INF/");
        if (meta < 0) {
            return false;
        }
        String rest = p.substring(meta + "META-INF/".length());
        return rest.startsWith("services/") || rest.startsWith("sisu/") || rest.startsWith("spring/") && rest.endsWith(".imports")
                || rest.endsWith(".idx") || rest.endsWith(".index") || rest.endsWith(".list");
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
        if (isIndex(shipped.path())) {
            List<String> ls = Texts.lines(ns);
            List<String> lr = Texts.lines(nr);
            if (ls.size() == lr.size() && ls.stream().sorted().toList().equals(lr.stream().sorted().toList())) {
                // A terminating newline leaves an empty last element; it is no line of the index.
                int count = ns.endsWith("\n") ? ls.size() - 1 : ls.size();
                context.report(shipped.path(), DifferenceClass.INDEX_LINE_ORDER, what + " lists the same " + count
                        + " lines in another order (text diff: - rebuilt, + shipped)", LineDiff.unified(lr, ls, MAX_DIFF_LINES));
                return;
            }
        }
        context.report(shipped.path(), DifferenceClass.RESOURCE_CONTENT, what + " differs (text diff: - rebuilt, + shipped)",
                LineDiff.unified(Texts.lines(nr), Texts.lines(ns), MAX_DIFF_LINES));
    }
}
