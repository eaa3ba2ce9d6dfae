package dev.clearbox.core.compare;

import dev.clearbox.core.ClearboxException;
import dev.clearbox.core.Sha256;
import dev.clearbox.core.Stage;
import dev.clearbox.core.Verdict;
import dev.clearbox.core.compare.Fixtures.E;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Mutated jars (with classes, a manifest, text and a nested jar) thrown at the comparator: only Clearbox's errors
 * may escape, and every verdict must agree with the bytes (identical bytes and only those are REPRODUCIBLE, a
 * difference in the bytes is listed, EQUIVALENT exactly when every listed difference is benign).
 */
class CompareFuzzTest {
    @TempDir
    Path tmp;

    @Test
    void mutatedArchivesGiveAVerdictOrAClearboxError() throws Exception {
        Map<String, byte[]> classes = Fixtures.compile(Map.of("com.acme.Agent", ClassComparisonTest.AGENT));
        byte[] inner = Fixtures.jarBytes(List.of(E.of("x.properties", "a=1\n"), E.of("com/acme/Agent.class",
                classes.get("com/acme/Agent.class"))));
        byte[] original = Fixtures.jarBytes(List.of(E.of("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\nCreated-By: x\n").stored(),
                E.of("com/acme/Agent.class", classes.get("com/acme/Agent.class")).stored(),
                E.of("lib/inner.jar", inner).stored(), E.of("notes.txt", "hello\n").stored()));
        Path reference = Files.write(tmp.resolve("reference.jar"), original);
        Random random = new Random(42);
        ArtifactComparator comparator = new ArtifactComparator();
        Map<Verdict, Integer> verdicts = new EnumMap<>(Verdict.class);
        int errors = 0;
        for (int i = 0; i < 300; i++) {
            byte[] mutated = original.clone();
            for (int k = 0; k < 1 + random.nextInt(4); k++) {
                mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
            }
            Path file = Files.write(tmp.resolve("mutated.jar"), mutated);
            boolean same = Arrays.equals(mutated, original);
            String run = "mutation " + i;
            ArtifactComparison result;
            try {
                result = comparator.compare("mutated.jar", file, "reference.jar", reference);
            } catch (ClearboxException e) {
                assertFalse(same, run + ": identical bytes must not fail: " + e.oneLine());
                assertEquals(Stage.COMPARE, e.stage(), run);
                assertTrue(e.input().contains("mutated.jar"), run + ": the error names the mutated input: " + e.oneLine());
                assertFalse(e.oneLine().contains("\n"), run + ": one line: " + e.oneLine());
                errors++;
                continue;
            }
            verdicts.merge(result.verdict(), 1, Integer::sum);
            assertEquals(same, result.bitIdentical(), run);
            assertEquals(same, result.verdict() == Verdict.REPRODUCIBLE, run + ": " + result.verdict());
            assertEquals(Sha256.hex(mutated), result.shippedSha256(), run);
            if (!same) {
                assertFalse(result.differences().isEmpty(), run + ": bytes differ but no difference is listed");
                assertEquals(result.substantive().isEmpty(), result.verdict() == Verdict.EQUIVALENT, run + ": " + result.verdict());
                assertEquals(result.substantive().isEmpty(), result.equivalent(), run);
            }
        }
        assertTrue(verdicts.getOrDefault(Verdict.NOT_REPRODUCIBLE, 0) > 0 && errors > 0,
                "the mutations reach both verdicts and refusals: " + verdicts + ", " + errors + " errors");
    }
}
