package dev.clearbox.core.unpack;

import dev.clearbox.core.ProgressListener;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The state shared by every level of one unpack run: counters against the limits and the inventory. */
final class Budget {
    private final UnpackLimits limits;
    private final String packageName;
    private final ProgressListener listener;
    private final List<InventoryEntry> entries = new ArrayList<>();
    private long totalBytes;
    private int entryCount;

    Budget(UnpackLimits limits, String packageName, ProgressListener listener) {
        this.limits = limits;
        this.packageName = packageName;
        this.listener = listener;
    }

    UnpackLimits limits() {
        return limits;
    }

    String packageName() {
        return packageName;
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

    void record(InventoryEntry entry) {
        entries.add(entry);
        listener.progress(Failures.STAGE, entries.size(), -1, entry.path());
    }

    List<InventoryEntry> sortedEntries() {
        List<InventoryEntry> copy = new ArrayList<>(entries);
        copy.sort(Comparator.comparing(InventoryEntry::path));
        return copy;
    }
}
