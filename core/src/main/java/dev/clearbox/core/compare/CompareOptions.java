package dev.clearbox.core.compare;

import dev.clearbox.core.InvalidInputException;
import dev.clearbox.core.Stage;

import java.util.EnumSet;
import java.util.Set;

/**
 * How to compare.
 *
 * @param maxDepth             how deep to open nested archives: 0 opens only the artifact itself; nested archives
 *                             that differ below the limit are recorded as {@link DifferenceClass#DEPTH_LIMIT_REACHED}
 * @param accepted             substantive classes the auditor accepts as benign (only {@link DifferenceClass#acceptable()} ones)
 * @param maxUncompressedBytes uncompressed bytes read from each side at most, a guard against archive bombs
 */
public record CompareOptions(int maxDepth, Set<DifferenceClass> accepted, long maxUncompressedBytes) {
    public static final int DEFAULT_MAX_DEPTH = 5;
    public static final long DEFAULT_MAX_UNCOMPRESSED_BYTES = 4L << 30;

    public CompareOptions {
        if (maxDepth < 0) {
            throw new InvalidInputException(Stage.COMPARE, "max depth", "must not be negative: " + maxDepth);
        }
        if (maxUncompressedBytes <= 0) {
            throw new InvalidInputException(Stage.COMPARE, "max uncompressed bytes", "must be positive: " + maxUncompressedBytes);
        }
        accepted = accepted.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(accepted));
        for (DifferenceClass c : accepted) {
            if (!c.acceptable()) {
                throw new InvalidInputException(Stage.COMPARE, "accept " + c, c.benign()
                        ? "is benign already" : "is substantive and cannot be accepted; only KNOWN_COMPILER_CHANGE can");
            }
        }
    }

    public static CompareOptions defaults() {
        return new CompareOptions(DEFAULT_MAX_DEPTH, Set.of(), DEFAULT_MAX_UNCOMPRESSED_BYTES);
    }

    public CompareOptions withAccepted(Set<DifferenceClass> classes) {
        return new CompareOptions(maxDepth, classes, maxUncompressedBytes);
    }

    public CompareOptions withMaxDepth(int depth) {
        return new CompareOptions(depth, accepted, maxUncompressedBytes);
    }

    /** Whether a difference of this class counts as benign under these options. */
    public boolean countsAsBenign(DifferenceClass c) {
        return c.benign() || accepted.contains(c);
    }
}
