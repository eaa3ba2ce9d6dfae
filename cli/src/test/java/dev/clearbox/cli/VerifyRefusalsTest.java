package dev.clearbox.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code clearbox verify} given something that is not a regular file — a FIFO, /dev/zero — as the key or the
 * envelope: refused at once with one line and exit code 2, instead of blocking or reading forever.
 */
class VerifyRefusalsTest {
    @TempDir
    static Path tmp;

    static Path publicKey;

    @BeforeAll
    static void keys() {
        assertEquals(0, CliRun.of("keygen", "--out", tmp.resolve("keys")).exit());
        publicKey = tmp.resolve("keys/clearbox-signing.pub.pem");
    }

    private static Path fifo(String name) throws Exception {
        Path path = tmp.resolve(name);
        Process p = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), "mkfifo");
        return path;
    }

    private static String refused(Object... args) {
        CliRun r = CliRun.of(args);
        assertEquals(2, r.exit(), r.err());
        assertEquals(1, r.err().lines().count(), "exactly one line on stderr: " + r.err());
        assertEquals("", r.out(), "nothing claimed verified");
        return r.errorLines().get(0);
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aKeyThatIsDevZeroIsRefused() throws Exception {
        Path envelope = Files.writeString(tmp.resolve("any.dsse.json"), "{}");
        assertEquals("clearbox: keys: /dev/zero: not a regular file (a character device); refusing to read it",
                refused("verify", envelope, "--key", "/dev/zero"));
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aKeyThatIsAFifoIsRefused() throws Exception {
        Path key = fifo("key.pub.pem");
        Path envelope = Files.writeString(tmp.resolve("other.dsse.json"), "{}");
        assertEquals("clearbox: keys: " + key + ": not a regular file (a FIFO); refusing to read it",
                refused("verify", envelope, "--key", key));
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void anEnvelopeThatIsAFifoIsRefused() throws Exception {
        Path envelope = fifo("report.dsse.json");
        assertEquals("clearbox: verify: " + envelope + ": not a regular file (a FIFO); refusing to read it",
                refused("verify", envelope, "--key", publicKey));
    }

    @Test
    void anEnvelopeThatIsADirectoryIsRefused() {
        assertEquals("clearbox: verify: " + tmp + ": not a regular file (a directory); refusing to read it",
                refused("verify", tmp, "--key", publicKey));
    }
}
