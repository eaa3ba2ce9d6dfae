package dev.clearbox.core.compare.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * A line diff for evidence: {@code "- "} lines only in the rebuilt side, {@code "+ "} lines only in the shipped side,
 * {@code "  "} context. Common prefix and suffix are trimmed to a few lines of context; the middle is diffed
 * by longest common subsequence when small enough, otherwise shown as removed then added. The output is cut
 * at {@code maxLines} with a line saying how many were left out.
 */
public final class LineDiff {
    static final int CONTEXT = 2;
    static final int MAX_CELLS = 4_000_000;

    private LineDiff() {
    }

    public static List<String> unified(List<String> rebuilt, List<String> shipped, int maxLines) {
        int prefix = 0;
        while (prefix < rebuilt.size() && prefix < shipped.size() && rebuilt.get(prefix).equals(shipped.get(prefix))) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < rebuilt.size() - prefix && suffix < shipped.size() - prefix
                && rebuilt.get(rebuilt.size() - 1 - suffix).equals(shipped.get(shipped.size() - 1 - suffix))) {
            suffix++;
        }
        List<String> a = rebuilt.subList(prefix, rebuilt.size() - suffix);
        List<String> b = shipped.subList(prefix, shipped.size() - suffix);
        List<String> body = (long) a.size() * b.size() <= MAX_CELLS ? lcs(a, b) : blocks(a, b);
        List<String> out = new ArrayList<>();
        if (prefix > CONTEXT) {
            out.add("  ... (" + (prefix - CONTEXT) + " equal lines)");
        }
        for (int i = Math.max(0, prefix - CONTEXT); i < prefix; i++) {
            out.add("  " + rebuilt.get(i));
        }
        out.addAll(collapse(body));
        for (int i = rebuilt.size() - suffix; i < Math.min(rebuilt.size(), rebuilt.size() - suffix + CONTEXT); i++) {
            out.add("  " + rebuilt.get(i));
        }
        if (suffix > CONTEXT) {
            out.add("  ... (" + (suffix - CONTEXT) + " equal lines)");
        }
        if (out.size() > maxLines) {
            int left = out.size() - maxLines;
            out = new ArrayList<>(out.subList(0, maxLines));
            out.add("  ... (" + left + " more diff lines)");
        }
        return out;
    }

    private static List<String> blocks(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>();
        a.forEach(l -> out.add("- " + l));
        b.forEach(l -> out.add("+ " + l));
        return out;
    }

    private static List<String> lcs(List<String> a, List<String> b) {
        int n = a.size();
        int m = b.size();
        int[][] len = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                len[i][j] = a.get(i).equals(b.get(j)) ? len[i + 1][j + 1] + 1 : Math.max(len[i + 1][j], len[i][j + 1]);
            }
        }
        List<String> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < n && j < m) {
            if (a.get(i).equals(b.get(j))) {
                out.add("  " + a.get(i));
                i++;
                j++;
            } else if (len[i + 1][j] >= len[i][j + 1]) {
                out.add("- " + a.get(i++));
            } else {
                out.add("+ " + b.get(j++));
            }
        }
        while (i < n) {
            out.add("- " + a.get(i++));
        }
        while (j < m) {
            out.add("+ " + b.get(j++));
        }
        return out;
    }

    /** Long runs of equal lines inside the body keep only CONTEXT lines on each side. */
    private static List<String> collapse(List<String> body) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < body.size()) {
            if (!body.get(i).startsWith("  ")) {
                out.add(body.get(i++));
                continue;
            }
            int j = i;
            while (j < body.size() && body.get(j).startsWith("  ")) {
                j++;
            }
            int run = j - i;
            if (run > 2 * CONTEXT + 1) {
                out.addAll(body.subList(i, i + CONTEXT));
                out.add("  ... (" + (run - 2 * CONTEXT) + " equal lines)");
                out.addAll(body.subList(j - CONTEXT, j));
            } else {
                out.addAll(body.subList(i, j));
            }
            i = j;
        }
        return out;
    }
}
