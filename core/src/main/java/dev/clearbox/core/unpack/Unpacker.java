package dev.clearbox.core.unpack;

import dev.clearbox.core.workspace.Workspace;
import dev.clearbox.core.ClearboxException;
import dev.clearbox.core.IntegrityException;
import dev.clearbox.core.InvalidInputException;
import dev.clearbox.core.ProgressListener;
import dev.clearbox.core.Sha256;
import dev.clearbox.core.StageFailedException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;

/**
 * The unpack stage: extracts a vendor's update package, recognised by content, into a destination
 * directory and returns its inventory. Nested archives are unpacked recursively under
 * {@code <path-of-nested-archive>!/}.
 *
 * <p>The package is hostile until proven otherwise. Nothing is ever written outside the destination,
 * links and special files are never created, and every size and ratio limit of {@link UnpackLimits} is
 * enforced on bytes actually decoded while streaming. A refused package throws
 * {@link dev.clearbox.core.UnsafeInputException} with a stable rule id; a malformed one throws
 * {@link InvalidInputException}. In both cases everything the run wrote is deleted, so a partial
 * extraction is never left looking complete.
 *
 * <p>Zip members are inflated, hashed and written on worker threads, and written files are described
 * (class names, jar identity and signature) there too; every decision that can refuse the package is taken
 * in entry order on the calling thread, so the result and any refusal do not depend on the number of
 * threads (see {@code Workers}).
 *
 * <p>Instances are stateless and may be shared.
 */
public final class Unpacker {
    /** Most worker threads (besides the reading one): beyond this, the disk and the reading thread are the limit. */
    private static final int MAX_THREADS = 4;

    private final int threads;

    /** Extraction on one worker thread per core (at most four). */
    public Unpacker() {
        this(Math.min(MAX_THREADS, Runtime.getRuntime().availableProcessors()));
    }

    /** With {@code threads} threads in all; 1 does everything on the caller's thread. */
    Unpacker(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1");
        }
        this.threads = threads;
    }

    /**
     * Unpacks {@code request.packageFile()} into {@code request.destination()}, which must not exist or be
     * an empty directory.
     *
     * @return the inventory, entries sorted by path
     * @throws dev.clearbox.core.UnsafeInputException when a rule refuses the package
     * @throws IntegrityException when the request expects a sha256 and the package has another (nothing is written)
     * @throws InvalidInputException when the package is unreadable, unrecognised, truncated or corrupt,
     *                               or the destination is not usable
     * @throws StageFailedException when the destination cannot be written
     */
    public PackageInventory unpack(UnpackRequest request, ProgressListener listener) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(listener, "listener");
        Path pkg = request.packageFile();
        String name = pkg.getFileName() == null ? pkg.toString() : pkg.getFileName().toString();
        if (!Files.isRegularFile(pkg) || !Files.isReadable(pkg)) {
            throw new InvalidInputException(Failures.STAGE, name, "not a readable file");
        }
        listener.stageStarted(Failures.STAGE, name);
        // Checked before anything is parsed or written: bytes that are not the declared package are never unpacked.
        String verified = request.expectedSha256() == null ? null : verifiedDigest(pkg, name, request.expectedSha256());
        long size;
        Format format;
        try {
            size = Files.size(pkg);
            format = FormatDetector.detect(pkg);
        } catch (IOException e) {
            throw new InvalidInputException(Failures.STAGE, name, "cannot read: " + Failures.describe(e), e);
        }
        if (format == null) {
            throw new InvalidInputException(Failures.STAGE, name, "not a recognised archive format");
        }
        Path created = prepareDestination(request.destination(), name);
        FutureTask<String> sha256Task;
        if (verified != null) {
            sha256Task = new FutureTask<>(() -> verified);
            sha256Task.run();
        } else {
            // The package's own SHA-256 is computed on a second thread while the extraction runs.
            sha256Task = new FutureTask<>(() -> digest(pkg));
            Thread hasher = new Thread(sha256Task, "clearbox-unpack-sha256");
            hasher.setDaemon(true);
            hasher.start();
        }
        Workers workers = new Workers(threads);
        Budget budget = new Budget(request.limits(), name, listener, workers);
        String shownFormat;
        JarInfo jar;
        List<InventoryEntry> entries;
        try (workers) {
            try {
                Path root = request.destination().toRealPath();
                Extraction top = Extraction.top(budget, root);
                shownFormat = ArchiveOpener.open(pkg, format, top, name);
                Future<JarInfo> topJar = workers.submit(() -> format == Format.ZIP && top.jarLike()
                        ? JarInspector.inspect(pkg, request.limits()) : null);
                entries = budget.sortedEntries();
                jar = Workers.await(topJar);
            } catch (RuntimeException | Error e) {
                workers.cancel();
                throw e;
            }
        } catch (IOException | RuntimeException e) {
            ClearboxException failure = e instanceof ClearboxException c ? c : Failures.corrupt(name, e);
            sha256Task.cancel(true);
            cleanUp(request.destination(), created, failure);
            throw failure;
        } catch (Error e) {
            sha256Task.cancel(true);
            cleanUp(request.destination(), created, e);
            throw e;
        }
        String sha256 = awaitDigest(sha256Task, name, request.destination(), created);
        PackageInventory inventory = new PackageInventory(name, size, sha256, shownFormat,
                entries, request.limits(), jar);
        listener.stageFinished(Failures.STAGE, inventory.entries().size() + " entries, "
                + budget.totalBytes() + " bytes extracted from " + shownFormat);
        return inventory;
    }

    private static String awaitDigest(FutureTask<String> task, String name, Path destination, Path created) {
        ClearboxException failure;
        try {
            return task.get();
        } catch (ExecutionException e) {
            failure = new InvalidInputException(Failures.STAGE, name, "cannot read: " + Failures.describe(e.getCause()),
                    e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = new StageFailedException(Failures.STAGE, name, "interrupted while hashing the package", e);
        }
        cleanUp(destination, created, failure);
        throw failure;
    }

    /** The package's sha256, when it is {@code expected}; otherwise the refusal, naming the package's path. */
    private static String verifiedDigest(Path pkg, String name, String expected) {
        String actual;
        try {
            actual = digest(pkg);
        } catch (IOException e) {
            throw new InvalidInputException(Failures.STAGE, name, "cannot read: " + Failures.describe(e), e);
        }
        if (!actual.equals(expected)) {
            throw new IntegrityException(Failures.STAGE, pkg.toString(),
                    "sha256 is " + actual + ", but the manifest expects " + expected);
        }
        return actual;
    }

    private static String digest(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return Sha256.hex(in);
        }
    }

    /**
     * Makes sure the destination exists and is empty. Returns the topmost directory this run created
     * (to remove on failure), or {@code null} if the destination already existed.
     */
    private static Path prepareDestination(Path destination, String name) {
        Path dest = destination.toAbsolutePath().normalize();
        try {
            if (Files.exists(dest, LinkOption.NOFOLLOW_LINKS)) {
                if (!Files.isDirectory(dest)) {
                    throw new InvalidInputException(Failures.STAGE, dest.toString(), "destination is not a directory");
                }
                try (DirectoryStream<Path> children = Files.newDirectoryStream(dest)) {
                    if (children.iterator().hasNext()) {
                        throw new InvalidInputException(Failures.STAGE, dest.toString(),
                                "destination is not empty; unpack " + name + " into a new directory");
                    }
                }
                return null;
            }
            Path topmost = dest;
            while (topmost.getParent() != null && !Files.exists(topmost.getParent(), LinkOption.NOFOLLOW_LINKS)) {
                topmost = topmost.getParent();
            }
            Files.createDirectories(dest);
            return topmost;
        } catch (IOException e) {
            throw new StageFailedException(Failures.STAGE, dest.toString(),
                    "cannot create destination: " + Failures.describe(e), e);
        }
    }

    /** Deletes what this run wrote: the destination's contents, and the directories it created. */
    private static void cleanUp(Path destination, Path created, Throwable failure) {
        Path dest = destination.toAbsolutePath().normalize();
        try {
            Workspace.deleteTree(created != null ? created : dest, created == null);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }
}
