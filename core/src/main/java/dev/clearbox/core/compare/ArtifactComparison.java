package dev.clearbox.core.compare;

import dev.clearbox.core.Verdict;

import java.util.List;

/**
 * The verdict for one shipped artifact.
 *
 * @param shipped       the shipped artifact's name, as a nested path (for example {@code update.zip!/lib/agent.jar})
 * @param rebuilt       the rebuilt artifact's name (relative to the source tree), empty when not rebuilt
 * @param verdict       REPRODUCIBLE, NOT_REPRODUCIBLE or NOT_REBUILT
 * @param bitIdentical  whether the two files are byte for byte the same
 * @param shippedSha256 digest of the shipped artifact
 * @param rebuiltSha256 digest of the rebuilt artifact, empty when not rebuilt
 * @param differences   every difference found, sorted by entry
 * @param reason        for NOT_REBUILT, why; otherwise empty
 */
public record ArtifactComparison(
        String shipped,
        String rebuilt,
        Verdict verdict,
        boolean bitIdentical,
        String shippedSha256,
        String rebuiltSha256,
        List<Difference> differences,
        String reason) {

    public ArtifactComparison {
        differences = List.copyOf(differences);
    }

    /** The verdict for an artifact that could not be rebuilt. */
    public static ArtifactComparison notRebuilt(String shipped, String shippedSha256, String reason) {
        return new ArtifactComparison(shipped, "", Verdict.NOT_REBUILT, false, shippedSha256, "", List.of(), reason);
    }
}
