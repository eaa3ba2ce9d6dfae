package dev.clearbox.core.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Files that are not regular files, for tests: a FIFO (made with coreutils' mkfifo) and /dev/zero. */
public final class SpecialFiles {
    /** A character device that never ends. */
    public static final Path DEV_ZERO = Path.of("/dev/zero");

    private SpecialFiles() {
    }

    /** Makes a FIFO at {@code path}; reading it would block until someone writes. */
    public static Path fifo(Path path) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS), "mkfifo finished");
        assertEquals(0, p.exitValue(), "mkfifo " + path);
        return path;
    }
}
