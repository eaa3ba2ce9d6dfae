package dev.clearbox.core.io;

import dev.clearbox.core.InvalidInputException;
import dev.clearbox.core.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Only regular files are read, never more than the cap; a FIFO or a device is refused before it is opened. */
class InputFilesTest {
    @TempDir
    Path tmp;

    private static String refusal(Path file, long cap) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> InputFiles.read(file, cap, Stage.MANIFEST, "thing"));
        assertEquals(Stage.MANIFEST, e.stage());
        assertEquals(file.toString(), e.input());
        return e.problem();
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aFifoIsRefusedWithoutBlocking() throws Exception {
        Path fifo = SpecialFiles.fifo(tmp.resolve("pipe"));
        assertEquals("not a regular file (a FIFO); refusing to read it", refusal(fifo, 1024));
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aDeviceIsRefusedWithoutReadingForever() {
        assertEquals("not a regular file (a character device); refusing to read it", refusal(SpecialFiles.DEV_ZERO, 1024));
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aSymbolicLinkToAFifoIsRefusedToo() throws Exception {
        Path fifo = SpecialFiles.fifo(tmp.resolve("pipe"));
        Path link = Files.createSymbolicLink(tmp.resolve("innocent.json"), fifo);
        assertEquals("not a regular file (a FIFO); refusing to read it", refusal(link, 1024));
    }

    @Test
    void aDirectoryIsRefused() {
        assertEquals("not a regular file (a directory); refusing to read it", refusal(tmp, 1024));
    }

    @Test
    void aMissingFileIsNamed() {
        assertEquals("no such file", refusal(tmp.resolve("absent"), 1024));
    }

    @Test
    void theCapIsInclusiveAndOneByteMoreIsRefused() throws Exception {
        Path exact = Files.write(tmp.resolve("exact"), new byte[16]);
        assertArrayEquals(new byte[16], InputFiles.read(exact, 16, Stage.MANIFEST, "thing"));
        Path over = Files.write(tmp.resolve("over"), new byte[17]);
        assertEquals("larger than 16 bytes, the limit for a thing", refusal(over, 16));
    }

    @Test
    void aStreamedFileIsCheckedWithoutBeingRead() throws Exception {
        Path pkg = Files.write(tmp.resolve("update.zip"), new byte[5]);
        assertEquals(5, InputFiles.requireRegularFile(pkg, Long.MAX_VALUE, Stage.MANIFEST, "update package"));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> InputFiles.requireRegularFile(tmp, Long.MAX_VALUE, Stage.MANIFEST, "update package"));
        assertEquals("not a regular file (a directory); refusing to read it", e.problem());
    }
}
