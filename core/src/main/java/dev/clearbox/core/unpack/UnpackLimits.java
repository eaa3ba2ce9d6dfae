package dev.clearbox.core.unpack;

/**
 * Limits that keep a hostile package from exhausting the auditor's workstation. Every limit is checked
 * against bytes actually produced while streaming. Sizes an archive declares are only used to refuse
 * earlier: a zip's declared member sizes are reserved against {@code maxTotalBytes} before its members are
 * written, and no member may produce more than it declared.
 *
 * @param maxTotalBytes       most bytes written to disk for the whole package, nested archives included
 *                            (a nested archive counts once as a file and again for its members)
 * @param maxEntryBytes       most bytes of any single entry once decompressed
 * @param maxEntries          most entries (files, directories, links, special files) over all levels
 * @param maxCompressionRatio most decompressed bytes per compressed byte of one entry; checked once an
 *                            entry has produced more than {@link #RATIO_GRACE_BYTES}
 * @param maxNestingDepth     how many levels of nested archives are opened below the package itself;
 *                            0 opens none, 1 opens archives that are direct members of the package
 */
public record UnpackLimits(long maxTotalBytes, long maxEntryBytes, int maxEntries, double maxCompressionRatio,
                           int maxNestingDepth) {

    /** Bytes an entry may produce before its compression ratio is checked, so small files of zeros pass. */
    public static final long RATIO_GRACE_BYTES = 1024 * 1024;

    public UnpackLimits {
        if (maxTotalBytes <= 0 || maxEntryBytes <= 0 || maxEntries <= 0) {
            throw new IllegalArgumentException("size and entry limits must be positive");
        }
        if (!(maxCompressionRatio >= 1.0)) {
            throw new IllegalArgumentException("maxCompressionRatio must be at least 1");
        }
        if (maxNestingDepth < 0) {
            throw new IllegalArgumentException("maxNestingDepth must not be negative");
        }
    }

    /** 4 GiB in total, 1 GiB per entry, 100,000 entries, ratio 100, three levels of nesting. */
    public static UnpackLimits defaults() {
        return new UnpackLimits(4L << 30, 1L << 30, 100_000, 100.0, 3);
    }
}
