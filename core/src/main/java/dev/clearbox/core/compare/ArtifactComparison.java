package dev.clearbox.core.compare;

import dev.clearbox.core.Verdict;

import java.util.List;

/**
 * The verdict for one shipped artifact. Strict equality ({@link #bitIdentical}) and normalised equivalence
 * ({@link #equivalent}) are always both reported.
 *
 * @param shipped       the shipped artifact's name, as a nested path (for example {@code update.zip!/lib/agent.jar})
 * @param rebuilt       the rebuilt artifact's name (relative to the source tree), empty when not rebuilt
 * @param verdict       REPRODUCIBLE, EQUIVALENT, NOT_REPRODUCIBLE, NOT_REBUILT or NOT_VERIFIED
 * @param bitIdentical  whether the two files are byte for byte the same
 * @param equivalent    whether every difference is benign (true when bit-identical; false when not compared)
 * @param shippedSha256 digest of the shipped artifact, empty when there is none
 * @param rebuiltSha256 digest of the rebuilt artifact, empty when not rebuilt
 * @param differences   every difference found, sorted by entry, class and member
 * @param reason        for NOT_REBUILT and NOT_VERIFIED, why; otherwise empty
 */
public record ArtifactComparison(
        String shipped,
        String rebuilt,
        Verdict verdict,
        boolean bitIdentical,
        boolean equivalent,
        String shippedSha256,
        String rebuiltSha256,
        List<Difference> differences,
        String reason) {

    public ArtifactComparison {
        differences = List.copyOf(differences);
    }

    /** The verdict for an artifact that could not be rebuilt. */
    public static ArtifactComparison notRebuilt(String shipped, String shippedSha256, String reason) {
        return new ArtifactComparison(shipped, "", Verdict.NOT_REBUILT, false, false, shippedSha256, "", List.of(), reason);
    }

    /** The verdict for an artifact that could not be compared, for example because the reference is missing. */
    public static ArtifactComparison notVerified(String shipped, String shippedSha256, String rebuilt, String reason) {
        return new ArtifactComparison(shipped, rebuilt, Verdict.NOT_VERIFIED, false, false, shippedSha256, "", List.of(), reason);
    }

    /** The differences that make the artifact NOT_REPRODUCIBLE. */
    public List<Difference> substantive() {
        return differences.stream().filter(d -> !d.benign()).toList();
    }
}
