package dev.clearbox.core.checkout.internal;

import dev.clearbox.core.Stage;
import dev.clearbox.core.workspace.LinkTargets;

import dev.clearbox.core.UnsafeInputException;
import dev.clearbox.core.checkout.LfsPointer;
import dev.clearbox.core.checkout.SymlinkEntry;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.treewalk.TreeWalk;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads a commit's tree before anything is written and refuses what must not reach the disk: names that
 * leave the tree or enter {@code .git}, names with control characters or backslashes, blobs over the size
 * limit, directories nested deeper than the depth limit. The walk is iterative (JGit's {@code TreeWalk}, entering
 * each subtree by hand), so no nesting can overflow the stack here, and it runs before any JGit call that recurses
 * once per level (checkout's attribute lookup does). It also lists what the report must show: symbolic links (with their targets), Git LFS pointers,
 * gitlinks (submodules) and paths that are equal ignoring case.
 */
public final class TreeScan {
    /** Git LFS pointer files are smaller than this (spec v1). */
    private static final int LFS_POINTER_MAX = 1024;
    private static final byte[] LFS_VERSION = "version https://git-lfs.github.com/spec/v1\n".getBytes(StandardCharsets.US_ASCII);
    private static final int SYMLINK_MAX = 4096;

    /** What the scan found. Paths carry the prefix (the submodule's path) the scan was given. */
    public record Result(int fileCount, List<SymlinkEntry> symlinks, List<LfsPointer> lfsPointers,
                         List<Gitlink> gitlinks, List<String> allPaths) {
    }

    /** A submodule entry of the tree: its path and the commit it records. */
    public record Gitlink(String path, String commit) {
    }

    private TreeScan() {
    }

    /**
     * @param prefix   the path of this tree inside the checkout ("" for the superproject, "lib/x/" for a submodule)
     * @param location the repository, for errors
     * @param maxTreeDepth the most directories a path may be nested in, counting those of the prefix
     */
    public static Result scan(ObjectReader reader, RevTree tree, String prefix, String location, long maxBlobBytes,
                              int maxTreeDepth, Stage stage) throws IOException {
        int prefixDepth = (int) prefix.chars().filter(c -> c == '/').count();
        int files = 0;
        List<SymlinkEntry> symlinks = new ArrayList<>();
        List<LfsPointer> lfs = new ArrayList<>();
        List<Gitlink> gitlinks = new ArrayList<>();
        List<String> all = new ArrayList<>();
        try (TreeWalk tw = new TreeWalk(reader)) {
            tw.addTree(tree);
            tw.setRecursive(false);
            while (tw.next()) {
                String path = prefix + checkedPath(tw, prefix, location, stage);
                all.add(path);
                FileMode mode = tw.getFileMode(0);
                ObjectId id = tw.getObjectId(0);
                if (mode == FileMode.TREE) {
                    int depth = prefixDepth + tw.getDepth() + 1;
                    if (depth > maxTreeDepth) {
                        throw new UnsafeInputException(stage, input(location, path), "tree-too-deep",
                                "directory nested " + depth + " levels deep, over the limit of " + maxTreeDepth);
                    }
                    tw.enterSubtree();
                    continue;
                }
                files++;
                if (mode == FileMode.GITLINK) {
                    gitlinks.add(new Gitlink(path, id.name()));
                    continue;
                }
                long size = reader.getObjectSize(id, Constants.OBJ_BLOB);
                if (size > maxBlobBytes) {
                    throw new UnsafeInputException(stage, input(location, path), "blob-too-large",
                            "file is " + size + " bytes, over the limit of " + maxBlobBytes + " bytes");
                }
                if (mode == FileMode.SYMLINK) {
                    if (size > SYMLINK_MAX) {
                        throw new UnsafeInputException(stage, input(location, path), "bad-symlink",
                                "symbolic link target is longer than " + SYMLINK_MAX + " bytes");
                    }
                    String target = new String(reader.open(id, Constants.OBJ_BLOB).getCachedBytes(SYMLINK_MAX),
                            StandardCharsets.UTF_8);
                    symlinks.add(new SymlinkEntry(path, target, LinkTargets.escapes(path, target, false)));
                } else if (size < LFS_POINTER_MAX) {
                    LfsPointer pointer = lfsPointer(path, reader.open(id, Constants.OBJ_BLOB).getCachedBytes(LFS_POINTER_MAX));
                    if (pointer != null) {
                        lfs.add(pointer);
                    }
                }
            }
        }
        return new Result(files, symlinks, lfs, gitlinks, all);
    }

    /** Groups of paths (files and directories) that are equal ignoring case; each group sorted, groups sorted. */
    public static List<List<String>> caseCollisions(List<String> paths) {
        Map<String, TreeSet<String>> byFolded = new TreeMap<>();
        for (String p : paths) {
            byFolded.computeIfAbsent(p.toLowerCase(Locale.ROOT), k -> new TreeSet<>()).add(p);
        }
        List<List<String>> groups = new ArrayList<>();
        for (TreeSet<String> g : byFolded.values()) {
            if (g.size() > 1) {
                groups.add(List.copyOf(g));
            }
        }
        return groups;
    }

    /** The entry's path (without prefix), after checking its last segment. Parent segments were checked before. */
    private static String checkedPath(TreeWalk tw, String prefix, String location, Stage stage) {
        CanonicalTreeParser entry = tw.getTree(0, CanonicalTreeParser.class);
        byte[] name = new byte[entry.getNameLength()];
        entry.getName(name, 0);
        String nameText;
        try {
            nameText = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(name)).toString();
        } catch (CharacterCodingException e) {
            throw refuse(stage, location, prefix + tw.getPathString(), "bad-path-character", "name is not valid UTF-8");
        }
        String path = tw.getPathString();
        String shown = prefix + path;
        if (nameText.isEmpty()) {
            throw refuse(stage, location, shown, "path-traversal", "tree entry has an empty name");
        }
        if (nameText.startsWith("/")) {
            throw refuse(stage, location, shown, "absolute-path", "tree entry name is an absolute path");
        }
        for (String segment : nameText.split("/", -1)) {
            if (segment.equals("..") || segment.equals(".") || segment.isEmpty()) {
                throw refuse(stage, location, shown, "path-traversal", "path contains '" + segment + "'");
            }
            if (isGitDir(segment)) {
                throw refuse(stage, location, shown, "git-dir-path", "path enters a .git directory");
            }
        }
        if (nameText.contains("/")) {
            throw refuse(stage, location, shown, "path-traversal", "tree entry name contains '/'");
        }
        for (int i = 0; i < nameText.length(); i++) {
            char c = nameText.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\\') {
                throw refuse(stage, location, shown, "bad-path-character",
                        "name contains " + (c == '\\' ? "a backslash" : "a control character"));
            }
        }
        return path;
    }

    /** {@code .git} in any case, with trailing dots or spaces (Windows), or as the 8.3 short name. */
    private static boolean isGitDir(String segment) {
        String s = segment.toLowerCase(Locale.ROOT);
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == '.' || s.charAt(end - 1) == ' ')) {
            end--;
        }
        String trimmed = s.substring(0, end);
        return trimmed.equals(".git") || s.equals("git~1");
    }

    static LfsPointer lfsPointer(String path, byte[] content) {
        if (content.length < LFS_VERSION.length
                || !Arrays.equals(content, 0, LFS_VERSION.length, LFS_VERSION, 0, LFS_VERSION.length)) {
            return null;
        }
        String oid = "";
        long size = -1;
        for (String line : new String(content, StandardCharsets.UTF_8).split("\n")) {
            if (line.startsWith("oid ")) {
                oid = Problems.clean(line.substring(4).trim());
            } else if (line.startsWith("size ")) {
                try {
                    size = Long.parseLong(line.substring(5).trim());
                } catch (NumberFormatException e) {
                    size = -1;
                }
            }
        }
        return new LfsPointer(path, oid, size);
    }

    static String input(String location, String path) {
        return location + "!/" + Problems.clean(path);
    }

    private static UnsafeInputException refuse(Stage stage, String location, String path, String rule, String problem) {
        return new UnsafeInputException(stage, input(location, path), rule, problem);
    }
}
