package dev.clearbox.core.compare;

import dev.clearbox.core.ClearboxException;
import dev.clearbox.core.InvalidInputException;
import dev.clearbox.core.Sha256;
import dev.clearbox.core.Stage;
import dev.clearbox.core.Verdict;
import dev.clearbox.core.compare.internal.CompareContext;
import dev.clearbox.core.compare.internal.Member;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Compares a shipped artifact with its rebuilt counterpart, diffoscope-style: one comparator per format, tried
 * in a fixed order (zip/jar, the tar family, class files, MANIFEST.MF, git.properties, properties, other
 * text, bytes), archives recursing into their entries down to {@link CompareOptions#maxDepth()}.
 *
 * <p>Verdict rules: bit-identical files are {@link Verdict#REPRODUCIBLE}; otherwise, when every difference is
 * benign (by its {@link DifferenceClass}, or accepted by the auditor) the artifact is {@link Verdict#EQUIVALENT},
 * else {@link Verdict#NOT_REPRODUCIBLE}. Malformed or hostile input is an error, never a verdict.
 */
public final class ArtifactComparator {
    private static final Stage STAGE = Stage.COMPARE;

    private final CompareOptions options;

    public ArtifactComparator() {
        this(CompareOptions.defaults());
    }

    public ArtifactComparator(CompareOptions options) {
        this.options = options;
    }

    public CompareOptions options() {
        return options;
    }

    /**
     * @param shippedName the shipped artifact's name for the result and for errors
     * @param shipped     the shipped file
     * @param rebuiltName the rebuilt artifact's name
     * @param rebuilt     the rebuilt file
     */
    public ArtifactComparison compare(String shippedName, Path shipped, String rebuiltName, Path rebuilt) {
        for (var side : List.of(new Object[] {shippedName, shipped}, new Object[] {rebuiltName, rebuilt})) {
            if (!Files.isRegularFile((Path) side[1])) {
                throw new InvalidInputException(STAGE, (String) side[0], "no such file");
            }
        }
        String shippedSha = Sha256.hex(shipped);
        String rebuiltSha = Sha256.hex(rebuilt);
        if (shippedSha.equals(rebuiltSha)) {
            return new ArtifactComparison(shippedName, rebuiltName, Verdict.REPRODUCIBLE, true, true, shippedSha,
                    rebuiltSha, List.of(), "");
        }
        CompareContext context = new CompareContext(options);
        try {
            context.compare(Member.ofFile(shippedName, shipped), Member.ofFile(rebuiltName, rebuilt));
        } catch (ClearboxException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new InvalidInputException(STAGE, shippedName + " / " + rebuiltName, "cannot be compared: " + e, e);
        }
        List<Difference> differences = context.differences();
        boolean equivalent = differences.stream().allMatch(Difference::benign);
        return new ArtifactComparison(shippedName, rebuiltName, equivalent ? Verdict.EQUIVALENT : Verdict.NOT_REPRODUCIBLE,
                false, equivalent, shippedSha, rebuiltSha, differences, "");
    }
}
