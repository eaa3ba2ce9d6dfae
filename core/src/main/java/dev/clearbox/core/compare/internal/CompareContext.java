package dev.clearbox.core.compare.internal;

import dev.clearbox.core.ClearboxException;
import dev.clearbox.core.Stage;
import dev.clearbox.core.UnsafeInputException;
import dev.clearbox.core.compare.CompareOptions;
import dev.clearbox.core.compare.Difference;
import dev.clearbox.core.compare.DifferenceClass;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The state of one comparison: the options, how deep inside nested archives it is, the uncompressed-bytes
 * budget, and the differences found so far. {@link #compare} dispatches a pair to the first comparator in
 * {@link Comparators#ALL} that handles it, and falls back to bytes when that comparator finds the content is
 * not in its format.
 */
public final class CompareContext {
    static final Stage STAGE = Stage.COMPARE;

    private final CompareOptions options;
    private final int depth;
    private final Shared shared;

    private static final class Shared {
        final List<Difference> differences = new ArrayList<>();
        long bytesRead;
    }

    public CompareContext(CompareOptions options) {
        this(options, 0, new Shared());
    }

    private CompareContext(CompareOptions options, int depth, Shared shared) {
        this.options = options;
        this.depth = depth;
        this.shared = shared;
    }

    public CompareOptions options() {
        return options;
    }

    /** 0 for the artifact itself, 1 inside it, 2 inside a nested archive... */
    public int depth() {
        return depth;
    }

    /** The context for the members of an archive at this depth. */
    public CompareContext inside() {
        return new CompareContext(options, depth + 1, shared);
    }

    /** Compares two members whose bytes differ. */
    public void compare(Member shipped, Member rebuilt) throws IOException {
        for (FormatComparator c : Comparators.ALL) {
            if (!c.handles(shipped, rebuilt)) {
                continue;
            }
            int before = shared.differences.size();
            try {
                c.compare(shipped, rebuilt, this);
                return;
            } catch (FormatComparator.FormatMismatch e) {
                shared.differences.subList(before, shared.differences.size()).clear();
                BytesComparator.compare(shipped, rebuilt, this,
                        "not comparable as " + c.name() + " (" + e.getMessage() + "), so compared byte for byte");
                return;
            }
        }
        throw new IllegalStateException("the byte comparator handles every pair");
    }

    /** Records a difference; its benign flag follows the class and the auditor's accepted classes. */
    public void report(String entry, DifferenceClass kind, String detail, String sourceFile, String member,
                       List<String> evidence) {
        shared.differences.add(new Difference(entry, kind, options.countsAsBenign(kind), detail, sourceFile, member,
                evidence));
    }

    public void report(String entry, DifferenceClass kind, String detail, List<String> evidence) {
        report(entry, kind, detail, "", "", evidence);
    }

    /** Counts uncompressed bytes read; refuses to go past the limit (an archive bomb guard). */
    public void charge(String input, long bytes) {
        shared.bytesRead += bytes;
        if (shared.bytesRead > 2 * options.maxUncompressedBytes()) {
            throw new UnsafeInputException(STAGE, input, "total-size-exceeded",
                    "more than " + options.maxUncompressedBytes() + " uncompressed bytes");
        }
    }

    /** Reads a stream to the end, charging every chunk to the budget, so that a bomb is stopped early. */
    public byte[] readAll(java.io.InputStream in, String input) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] buf = new byte[64 * 1024];
        for (int n; (n = in.read(buf)) > 0; ) {
            charge(input, n);
            if (out.size() + (long) n > MAX_ENTRY_BYTES) {
                throw new UnsafeInputException(STAGE, input, "entry-too-large", "an entry of more than " + MAX_ENTRY_BYTES + " bytes");
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    /** The largest entry compared (entries are held in memory). */
    static final long MAX_ENTRY_BYTES = Integer.MAX_VALUE - 64;

    /** How many differences have been found so far. */
    public int count() {
        return shared.differences.size();
    }

    /** Every difference found, sorted by entry, class and member. */
    public List<Difference> differences() {
        List<Difference> sorted = new ArrayList<>(shared.differences);
        sorted.sort(Comparator.comparing(Difference::entry).thenComparing(Difference::kind)
                .thenComparing(Difference::member).thenComparing(Difference::detail));
        return sorted;
    }

    /** Rethrows Clearbox's own errors; wraps anything else that went wrong reading {@code m} as a format mismatch. */
    static FormatComparator.FormatMismatch mismatch(String what, Exception e) {
        if (e instanceof ClearboxException ce) {
            throw ce;
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new FormatComparator.FormatMismatch(what + ": " + message, e);
    }
}
