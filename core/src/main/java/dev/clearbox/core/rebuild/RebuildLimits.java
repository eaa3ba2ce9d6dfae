package dev.clearbox.core.rebuild;

/**
 * What one build run may consume. A build over a limit is stopped and its result says which limit it hit.
 *
 * @param maxLogBytes     the largest build log kept; further output is read and dropped, and the log says so
 * @param maxFileBytes    the largest single file the build may write (RLIMIT_FSIZE)
 * @param maxTreeBytes    the most the build's copy of the tree may hold while it builds; over it, the build is killed
 * @param maxTmpBytes     the size of the build's private /tmp and of its private home (each, in memory)
 */
public record RebuildLimits(long maxLogBytes, long maxFileBytes, long maxTreeBytes, long maxTmpBytes) {
    private static final long MIB = 1024L * 1024;

    /** 64 MiB of log, 2 GiB per file, 16 GiB of tree, 1 GiB of /tmp and of home. */
    public static final RebuildLimits DEFAULT = new RebuildLimits(64 * MIB, 2048 * MIB, 16384 * MIB, 1024 * MIB);

    public RebuildLimits {
        if (maxLogBytes < 1024 || maxFileBytes < 1024 || maxTreeBytes < 1024 || maxTmpBytes < 1024 * 1024) {
            throw new IllegalArgumentException("rebuild limits must be at least 1 KiB (1 MiB for /tmp)");
        }
    }
}
