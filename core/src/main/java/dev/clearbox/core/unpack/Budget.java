package dev.clearbox.core.unpack;

import dev.clearbox.core.ProgressListener;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

/**
 * The state shared by every level of one unpack run: counters against the limits, the worker threads and the
 * inventory. Counters are touched only by the thread that reads the archives (see {@link Workers}).
 */
final class Budget {
    private final UnpackLimits limits;
    private final String packageName;
    private final ProgressListener listener;
    private final Workers workers;
    private final List<Future<InventoryEntry>> entries = new ArrayList<>();
    private long totalBytes;
    private int entryCount;

    Budget(UnpackLimits limits, String packageName, ProgressListener listener, Workers workers) {
        this.limits = limits;
        this.packageName = packageName;
        this.listener = listener;
        this.workers = workers;
    }

    UnpackLimits limits() {
        return limits;
    }

    String packageName() {
        return packageName;
    }

    Workers workers() {
        return workers;
    }

    boolean cancelled() {
        return workers.cancelled();
    }

    /** Counts one more entry of any kind. */
    void countEntry(String input) {
        entryCount++;
        if (entryCount > limits.maxEntries()) {
            throw Failures.unsafe(input, "too-many-entries",
                    "the package has more than " + limits.maxEntries() + " entries");
        }
    }

    /** Refuses early when an archive's directory already declares more entries than remain allowed. */
    void checkDeclaredEntries(long declared, String input) {
        if (declared > (long) limits.maxEntries() - entryCount) {
            throw Failures.unsafe(input, "too-many-entries", "the archive declares " + declared
                    + " entries, more than the limit of " + limits.maxEntries() + " allows");
        }
    }

    /**
     * Counts the sizes an archive's directory declares for its members before any of them is written; each
     * member is then held to its declared size while it is written.
     */
    void reserveDeclared(long declaredBytes, String input) {
        if (declaredBytes > limits.maxTotalBytes() - totalBytes) {
            throw Failures.unsafe(input, "total-size-exceeded", "the archive declares " + declaredBytes
                    + " bytes of members, which would take the package past " + limits.maxTotalBytes() + " bytes");
        }
        totalBytes += declaredBytes;
    }

    /** Adds bytes actually written. */
    void addBytes(long n, String input) {
        totalBytes += n;
        if (totalBytes > limits.maxTotalBytes()) {
            throw Failures.unsafe(input, "total-size-exceeded",
                    "the package expands to more than " + limits.maxTotalBytes() + " bytes");
        }
    }

    long totalBytes() {
        return totalBytes;
    }

    /** An entry whose description may still be computed by a worker. */
    void record(String path, Future<InventoryEntry> entry) {
        entries.add(entry);
        listener.progress(Failures.STAGE, entries.size(), -1, path);
    }

    void record(InventoryEntry entry) {
        record(entry.path(), CompletableFuture.completedFuture(entry));
    }

    /** Every entry, once described, sorted by path. */
    List<InventoryEntry> sortedEntries() {
        List<InventoryEntry> copy = new ArrayList<>(entries.size());
        for (Future<InventoryEntry> f : entries) {
            copy.add(Workers.await(f));
        }
        copy.sort(Comparator.comparing(InventoryEntry::path));
        return copy;
    }
}
