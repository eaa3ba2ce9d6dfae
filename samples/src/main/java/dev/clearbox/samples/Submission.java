package dev.clearbox.samples;

import java.nio.file.Path;

/**
 * A vendor submission as an auditor receives it: the session manifest, the git bundle it points to,
 * and the update packages it lists.
 *
 * @param manifest        the session manifest ({@code session.json})
 * @param bundle          the git bundle with the product's history
 * @param faithfulPackage the update package whose binaries are built from the tagged source
 * @param tamperedPackage the update package whose jar holds code that is not in the source
 * @param commitId        the commit the release tag points to
 * @param update          release 1.4.1 of the same product, from the same bundle
 */
public record Submission(Path manifest, Path bundle, Path faithfulPackage, Path tamperedPackage, String commitId,
                         Update update) {

    /**
     * The next release in the same submission directory: its session manifest, its package, its tag's commit.
     */
    public record Update(Path manifest, Path updatePackage, String commitId) {
    }
}
