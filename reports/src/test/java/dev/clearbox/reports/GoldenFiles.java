package dev.clearbox.reports;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Golden files of the {@code reports} tests, in {@code src/test/resources/golden}: an output is compared byte for
 * byte with its golden file. Goldens are only rewritten when the build is run with
 * {@code -Dclearbox.regenerateGoldens=true}; review the diff before committing it.
 */
public final class GoldenFiles {
    /** Where the golden files are, relative to the module (the working directory of its tests). */
    public static final Path DIRECTORY = Path.of("src/test/resources/golden");
    /** The system property that rewrites the golden files from the current output. */
    public static final String REGENERATE = "clearbox.regenerateGoldens";

    private GoldenFiles() {
    }

    /** Asserts that {@code actual} is the golden file {@code name}, as UTF-8 text. */
    public static void assertGolden(String name, String actual) throws IOException {
        assertGolden(name, actual.getBytes(StandardCharsets.UTF_8));
    }

    /** Asserts that {@code actual} is the golden file {@code name}, byte for byte (shown as UTF-8 when it is not). */
    public static void assertGolden(String name, byte[] actual) throws IOException {
        Path file = DIRECTORY.resolve(name);
        if (Boolean.getBoolean(REGENERATE)) {
            Files.createDirectories(DIRECTORY);
            Files.write(file, actual);
        }
        if (!Files.isRegularFile(file)) {
            fail("no golden file " + file + "; create it with -D" + REGENERATE + "=true and review it");
        }
        assertEquals(Files.readString(file, StandardCharsets.UTF_8), new String(actual, StandardCharsets.UTF_8),
                name + " differs from the golden file; if the change is intended, rerun with -D" + REGENERATE + "=true");
    }
}
