package dev.clearbox.core.unpack;

import dev.clearbox.core.workspace.LinkTargets;

import dev.clearbox.core.workspace.Workspace;

import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.function.LongSupplier;

/**
 * One archive level being extracted: the package itself, or a nested archive whose members go under
 * {@code <nested-archive-path>!/}. Readers hand it entries; it applies every per-entry rule, writes files,
 * classifies them, recurses into nested archives and records the inventory.
 */
final class Extraction {
    /** Largest member of a stream format read into memory to be written by a worker. */
    static final int MAX_BUFFERED_ENTRY = 8 * 1024 * 1024;
    /** Most bytes of such members waiting in memory for their workers. */
    static final long MAX_PENDING_BYTES = 64L * 1024 * 1024;
    private final Budget budget;
    private final Path root;
    private final String pathPrefix;
    private final String archiveInput;
    private final int depth;
    private final Set<String> files = new HashSet<>();
    private final Set<String> dirs = new HashSet<>();
    private final Deque<Pending> pending = new ArrayDeque<>();
    private long pendingBytes;
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

    /**
     * A regular file whose bytes are read here, in the archive's order (the stream formats, 7z).
     * {@code expectedSize} and {@code expectedCrc} are -1 when the format gives none.
     *
     * <p>With worker threads, a member of known size up to {@value #MAX_BUFFERED_ENTRY} bytes is read into
     * memory here (every limit checked as it is read) and written, hashed and finished like a zip member;
     * at most {@value #MAX_PENDING_BYTES} bytes wait in memory.
     */
    void file(String rawName, InputStream data, LongSupplier compressed, long expectedSize, long expectedCrc) {
        Member m = prepare(rawName);
        if (budget.workers().parallel() && expectedSize >= 0 && expectedSize <= MAX_BUFFERED_ENTRY) {
            byte[] bytes = EntryWriter.readExactly(data, compressed, budget, m.input(), (int) expectedSize);
            long used = compressed.getAsLong();
            while (!pending.isEmpty() && pendingBytes + bytes.length > MAX_PENDING_BYTES) {
                finish(pending.removeFirst());
            }
            pendingBytes += bytes.length;
            submit(m, () -> new Opened(new ByteArrayInputStream(bytes), () -> used), expectedSize, expectedCrc,
                    bytes.length);
            return;
        }
        EntryWriter.Written w = EntryWriter.write(data, m.target(), compressed, budget, m.input(), expectedSize, false);
        finish(m, w, expectedSize, expectedCrc);
    }

    /** A member's bytes that a worker can read by itself, independently of the other members (zip). */
    @FunctionalInterface
    interface Source {
        /** The decoded bytes and how many compressed bytes they took so far. */
        Opened open() throws IOException;
    }

    record Opened(InputStream data, LongSupplier compressed) implements Closeable {
        @Override
        public void close() throws IOException {
            data.close();
        }
    }

    /** A member being written by a worker, finished in entry order by {@link #finishPending()}. */
    private record Pending(Member member, Future<EntryWriter.Written> written, long size, long crc, long buffered) {
    }

    /**
     * A regular file of {@code declaredSize} bytes (already reserved with {@link Budget#reserveDeclared}),
     * written by a worker. Its name is checked and claimed now; {@link #finishPending()} completes it.
     */
    void fileLater(String rawName, Source source, long declaredSize, long crc) {
        submit(prepare(rawName), source, declaredSize, crc, 0);
    }

    private void submit(Member m, Source source, long size, long crc, long buffered) {
        Future<EntryWriter.Written> written = budget.workers().submit(() -> {
            try (Opened o = source.open()) {
                return EntryWriter.write(o.data(), m.target(), o.compressed(), budget, m.input(), size, true);
            }
        });
        pending.addLast(new Pending(m, written, size, crc, buffered));
    }

    /** Finishes, in entry order, every member handed to a worker. */
    void finishPending() {
        while (!pending.isEmpty()) {
            finish(pending.removeFirst());
        }
    }

    private void finish(Pending p) {
        EntryWriter.Written w;
        try {
            w = Workers.await(p.written());
        } catch (UncheckedIOException e) {
            throw Failures.corrupt(archiveInput, e.getCause());
        }
        pendingBytes -= p.buffered();
        finish(p.member(), w, p.size(), p.crc());
    }

    /** An entry's name, checked, claimed and its parent directories created. */
    private record Member(String input, Path target, String rel) {
    }

    private Member prepare(String rawName) {
        String input = inputOf(rawName);
        budget.countEntry(input);
        Path target = resolve(rawName, input);
        String rel = claim(target, input);
        createParents(target, rel, input);
        if (rel.equals("META-INF/MANIFEST.MF") || rel.endsWith(".class")) {
            jarLike = true;
        }
        return new Member(input, target, rel);
    }

    /**
     * Checks the written bytes against the archive's declarations, opens a nested archive (here, in entry
     * order, so budget and refusals do not depend on timing) and leaves the description (class name, jar
     * identity and signature, which only read the file) to a worker.
     */
    private void finish(Member m, EntryWriter.Written w, long expectedSize, long expectedCrc) {
        if (expectedSize >= 0 && w.size() != expectedSize) {
            throw Failures.corrupt(m.input(), "entry has " + w.size() + " bytes but its header declares "
                    + expectedSize);
        }
        if (expectedCrc >= 0 && w.crc() != expectedCrc) {
            throw Failures.corrupt(m.input(), "CRC-32 mismatch");
        }
        EntryClassifier.Kind kind = EntryClassifier.classify(w.head());
        String path = pathPrefix + m.rel();
        Path target = m.target();
        if (kind.format() == null) {
            budget.record(path, budget.workers().submit(() -> {
                String detail = kind.type() == EntryType.CLASS
                        ? EntryClassifier.classDetail(target, w.size(), kind.detail()) : kind.detail();
                return new InventoryEntry(path, w.size(), w.sha256(), kind.type(), detail);
            }));
            return;
        }
        if (depth < budget.limits().maxNestingDepth()) {
            Extraction nested = nested(target, m.rel(), m.input());
            String format = ArchiveOpener.open(target, kind.format(), nested, target.getFileName().toString());
            String detail = format + ", unpacked under " + path + "!/";
            boolean jar = kind.format() == Format.ZIP && nested.jarLike;
            budget.record(path, budget.workers().submit(() -> jar
                    ? new InventoryEntry(path, w.size(), w.sha256(), EntryType.JAR, detail,
                            JarInspector.inspect(target, budget.limits()))
                    : new InventoryEntry(path, w.size(), w.sha256(), EntryType.ARCHIVE, detail)));
            return;
        }
        String detail = kind.format().id() + ", not unpacked: nesting depth limit "
                + budget.limits().maxNestingDepth() + " reached";
        budget.record(path, budget.workers().submit(() -> {
            JarInfo jar = kind.format() == Format.ZIP ? JarInspector.inspectIfJar(target, budget.limits()) : null;
            return new InventoryEntry(path, w.size(), w.sha256(), jar != null ? EntryType.JAR : kind.type(),
                    detail, jar);
        }));
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
        checkParents(rel, input);
        if (!dirs.contains(rel)) {
            try {
                Files.createDirectories(target);
            } catch (FileAlreadyExistsException | NotDirectoryException e) {
                throw Failures.unsafe(input, "duplicate-entry", "entry is both a file and a directory");
            } catch (IOException e) {
                throw Failures.cannotWrite(input, e);
            }
            addDirectories(rel);
        }
    }

    /** A symbolic ({@code hard == false}) or hard link; recorded, never created. */
    void link(String rawName, String linkTarget, boolean hard) {
        String input = inputOf(rawName);
        budget.countEntry(input);
        Path target = resolve(rawName, input);
        String rel = claim(target, input);
        if (LinkTargets.escapes(rel, linkTarget, hard)) {
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

    /**
     * Registers a non-directory path, refusing a second entry with the same path or below a file. Decided on
     * names alone, in entry order: files are written later, possibly by a worker.
     */
    private String claim(Path target, String input) {
        String rel = relative(target);
        if (dirs.contains(rel) || files.contains(rel)) {
            throw Failures.unsafe(input, "duplicate-entry", "another entry has the same path");
        }
        checkParents(rel, input);
        files.add(rel);
        return rel;
    }

    /** No parent of {@code rel} may be a file; directories already known had their own parents checked. */
    private void checkParents(String rel, String input) {
        for (int slash = rel.lastIndexOf('/'); slash > 0; slash = rel.lastIndexOf('/', slash - 1)) {
            String parent = rel.substring(0, slash);
            if (dirs.contains(parent)) {
                return;
            }
            if (files.contains(parent)) {
                throw Failures.unsafe(input, "duplicate-entry", "a parent of this entry is a file");
            }
        }
    }

    /** Records {@code rel} and all its parents as directories (they exist on disk). */
    private void addDirectories(String rel) {
        for (String d = rel; !d.isEmpty() && dirs.add(d); ) {
            int slash = d.lastIndexOf('/');
            d = slash > 0 ? d.substring(0, slash) : "";
        }
    }

    private void createParents(Path target, String rel, String input) {
        int slash = rel.lastIndexOf('/');
        if (slash <= 0 || dirs.contains(rel.substring(0, slash))) {
            return;
        }
        try {
            Files.createDirectories(target.getParent());
        } catch (FileAlreadyExistsException | NotDirectoryException e) {
            throw Failures.unsafe(input, "duplicate-entry", "a parent of this entry is a file");
        } catch (IOException e) {
            throw Failures.cannotWrite(input, e);
        }
        addDirectories(rel.substring(0, slash));
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
}
