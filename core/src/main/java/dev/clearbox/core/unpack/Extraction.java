package dev.clearbox.core.unpack;

import dev.clearbox.core.workspace.Workspace;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * One archive level being extracted: the package itself, or a nested archive whose members go under
 * {@code <nested-archive-path>!/}. Readers hand it entries; it applies every per-entry rule, writes files,
 * classifies them, recurses into nested archives and records the inventory.
 */
final class Extraction {
    private final Budget budget;
    private final Path root;
    private final String pathPrefix;
    private final String archiveInput;
    private final int depth;
    private final Set<String> files = new HashSet<>();
    private final Set<String> dirs = new HashSet<>();
    private boolean jarLike;

    private Extraction(Budget budget, Path root, String pathPrefix, String archiveInput, int depth) {
        this.budget = budget;
        this.root = root;
        this.pathPrefix = pathPrefix;
        this.archiveInput = archiveInput;
        this.depth = depth;
    }

    /** The package level: members go directly under {@code root}. */
    static Extraction top(Budget budget, Path root) {
        return new Extraction(budget, root, "", budget.packageName(), 0);
    }

    Budget budget() {
        return budget;
    }

    /** The archive this level reads, as named in messages: {@code update.zip} or {@code update.zip!/lib/a.jar}. */
    String archiveInput() {
        return archiveInput;
    }

    /** How an entry of this level is named in messages: {@code update.zip!/lib/a.jar!/com/Foo.class}. */
    String inputOf(String rawName) {
        return archiveInput + "!/" + Failures.printable(rawName == null ? "" : rawName);
    }

    /** True once a member named {@code META-INF/MANIFEST.MF} or {@code *.class} was seen. */
    boolean jarLike() {
        return jarLike;
    }

    /** A regular file. {@code expectedSize} and {@code expectedCrc} are -1 when the format gives none. */
    void file(String rawName, InputStream data, LongSupplier compressed, long expectedSize, long expectedCrc) {
        String input = inputOf(rawName);
        budget.countEntry(input);
        Path target = resolve(rawName, input);
        String rel = claim(target, input);
        createParents(target, input);
        EntryWriter.Written w = EntryWriter.write(data, target, compressed, budget, input);
        if (expectedSize >= 0 && w.size() != expectedSize) {
            throw Failures.corrupt(input, "entry has " + w.size() + " bytes but its header declares " + expectedSize);
        }
        if (expectedCrc >= 0 && w.crc() != expectedCrc) {
            throw Failures.corrupt(input, "CRC-32 mismatch");
        }
        if (rel.equals("META-INF/MANIFEST.MF") || rel.endsWith(".class")) {
            jarLike = true;
        }
        EntryClassifier.Kind kind = EntryClassifier.classify(w.head(), w.size(), target);
        String detail = kind.detail();
        EntryType type = kind.type();
        JarInfo jar = null;
        if (kind.format() != null) {
            if (depth < budget.limits().maxNestingDepth()) {
                Extraction nested = nested(target, rel, input);
                String format = ArchiveOpener.open(target, kind.format(), nested, target.getFileName().toString());
                type = kind.format() == Format.ZIP && nested.jarLike ? EntryType.JAR : EntryType.ARCHIVE;
                detail = format + ", unpacked under " + pathPrefix + rel + "!/";
            } else {
                detail = kind.format().id() + ", not unpacked: nesting depth limit "
                        + budget.limits().maxNestingDepth() + " reached";
                if (kind.format() == Format.ZIP) {
                    jar = JarInspector.inspectIfJar(target, budget.limits());
                    type = jar != null ? EntryType.JAR : type;
                }
            }
        }
        if (type == EntryType.JAR && jar == null) {
            jar = JarInspector.inspect(target, budget.limits());
        }
        budget.record(new InventoryEntry(pathPrefix + rel, w.size(), w.sha256(), type, detail, jar));
    }

    void directory(String rawName) {
        String input = inputOf(rawName);
        budget.countEntry(input);
        if (isRoot(rawName)) {
            return;
        }
        Path target = resolve(rawName, input);
        String rel = relative(target);
        if (files.contains(rel)) {
            throw Failures.unsafe(input, "duplicate-entry", "entry is both a file and a directory");
        }
        if (dirs.add(rel)) {
            try {
                Files.createDirectories(target);
            } catch (FileAlreadyExistsException | NotDirectoryException e) {
                throw Failures.unsafe(input, "duplicate-entry", "entry is both a file and a directory");
            } catch (IOException e) {
                throw Failures.cannotWrite(input, e);
            }
        }
    }

    /** A symbolic ({@code hard == false}) or hard link; recorded, never created. */
    void link(String rawName, String linkTarget, boolean hard) {
        String input = inputOf(rawName);
        budget.countEntry(input);
        Path target = resolve(rawName, input);
        String rel = claim(target, input);
        if (escapes(rel, linkTarget, hard)) {
            throw Failures.unsafe(input, "link-escape", (hard ? "hard" : "symbolic") + " link target '"
                    + Failures.printable(linkTarget) + "' leaves the archive");
        }
        budget.record(new InventoryEntry(pathPrefix + rel, 0, null, EntryType.LINK,
                (hard ? "hard link to " : "symbolic link to ") + Failures.printable(linkTarget)));
    }

    /** A device node, FIFO or other special file; recorded, never created. */
    void special(String rawName, String kind) {
        String input = inputOf(rawName);
        budget.countEntry(input);
        Path target = resolve(rawName, input);
        String rel = claim(target, input);
        budget.record(new InventoryEntry(pathPrefix + rel, 0, null, EntryType.SPECIAL, kind + ", not created"));
    }

    private Extraction nested(Path archiveFile, String rel, String input) {
        Path dir = archiveFile.resolveSibling(archiveFile.getFileName() + "!");
        try {
            Files.createDirectory(dir);
        } catch (FileAlreadyExistsException e) {
            throw Failures.unsafe(input, "duplicate-entry", "the nested archive's directory already exists");
        } catch (IOException e) {
            throw Failures.cannotWrite(input, e);
        }
        return new Extraction(budget, dir, pathPrefix + rel + "!/", input, depth + 1);
    }

    private Path resolve(String rawName, String input) {
        if (rawName != null) {
            for (String segment : rawName.replace('\\', '/').split("/")) {
                if (segment.endsWith("!")) {
                    throw Failures.unsafe(input, "reserved-name",
                            "a path segment ends with '!', which Clearbox reserves for nested archives");
                }
            }
        }
        return Workspace.resolveInside(root, rawName, Failures.STAGE, input);
    }

    /** Registers a non-directory path, refusing a second entry with the same path. */
    private String claim(Path target, String input) {
        String rel = relative(target);
        if (dirs.contains(rel) || !files.add(rel)) {
            throw Failures.unsafe(input, "duplicate-entry", "another entry has the same path");
        }
        return rel;
    }

    private void createParents(Path target, String input) {
        try {
            Files.createDirectories(target.getParent());
        } catch (FileAlreadyExistsException | NotDirectoryException e) {
            throw Failures.unsafe(input, "duplicate-entry", "a parent of this entry is a file");
        } catch (IOException e) {
            throw Failures.cannotWrite(input, e);
        }
    }

    private String relative(Path target) {
        return root.relativize(target).toString().replace('\\', '/');
    }

    private static boolean isRoot(String rawName) {
        if (rawName == null) {
            return false;
        }
        for (String segment : rawName.replace('\\', '/').split("/")) {
            if (!segment.isEmpty() && !segment.equals(".")) {
                return false;
            }
        }
        return !rawName.startsWith("/") && !rawName.startsWith("\\");
    }

    /**
     * True when a link target leaves this archive's root. Symbolic links resolve from the link's own
     * directory, hard links from the root. Absolute targets and drive letters always escape.
     */
    static boolean escapes(String rel, String linkTarget, boolean hard) {
        if (linkTarget == null || linkTarget.isEmpty()) {
            return true;
        }
        String t = linkTarget.replace('\\', '/');
        if (t.startsWith("/") || t.matches("^[A-Za-z]:.*") || t.indexOf('\0') >= 0) {
            return true;
        }
        Deque<String> stack = new ArrayDeque<>();
        if (!hard) {
            String[] parts = rel.split("/");
            for (int i = 0; i < parts.length - 1; i++) {
                stack.addLast(parts[i]);
            }
        }
        for (String segment : t.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (stack.isEmpty()) {
                    return true;
                }
                stack.removeLast();
            } else {
                stack.addLast(segment);
            }
        }
        return false;
    }
}
