package dev.clearbox.core.compare;

import dev.clearbox.core.ClearboxException;
import dev.clearbox.core.compare.Fixtures.E;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Mutated jars (with classes, a manifest, text and a nested jar) thrown at the comparator: only Clearbox's errors may escape. */
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
        for (int i = 0; i < 300; i++) {
            byte[] mutated = original.clone();
            for (int k = 0; k < 1 + random.nextInt(4); k++) {
                mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
            }
            Path file = Files.write(tmp.resolve("mutated.jar"), mutated);
            try {
                assertNotNull(comparator.compare("mutated.jar", file, "reference.jar", reference).verdict());
            } catch (ClearboxException e) {
                assertNotNull(e.oneLine());
            }
        }
    }
}
