package dev.clearbox.core.workspace;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The one link-escape check, by the link's text, for links found in untrusted trees (a commit's tree, an
 * archive): whether a link target leads out of the tree it was found in. Next to {@link Workspace#resolveInside},
 * the one containment check for names; each stage words its own refusal.
 */
public final class LinkTargets {
    private LinkTargets() {
    }

    /**
     * True when {@code target} leaves the tree: an empty or missing target, a NUL character, an absolute path
     * ({@code /}, {@code \}), a drive letter, or more {@code ..} segments than there are directories to climb.
     * Backslashes count as separators.
     *
     * @param link     the link's own path in the tree, {@code /}-separated
     * @param target   the link's target text
     * @param fromRoot true when the target resolves from the tree's root (tar hard links), false when from the
     *                 link's own directory (symbolic links)
     */
    public static boolean escapes(String link, String target, boolean fromRoot) {
        if (target == null || target.isEmpty()) {
            return true;
        }
        String t = target.replace('\\', '/');
        if (t.startsWith("/") || t.matches("^[A-Za-z]:.*") || t.indexOf('\0') >= 0) {
            return true;
        }
        Deque<String> dir = new ArrayDeque<>();
        if (!fromRoot) {
            String[] parts = link.split("/");
            for (int i = 0; i < parts.length - 1; i++) {
                dir.addLast(parts[i]);
            }
        }
        for (String segment : t.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (dir.isEmpty()) {
                    return true;
                }
                dir.removeLast();
            } else {
                dir.addLast(segment);
            }
        }
        return false;
    }
}
