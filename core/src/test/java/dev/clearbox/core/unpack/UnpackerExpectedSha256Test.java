package dev.clearbox.core.unpack;

import dev.clearbox.core.IntegrityException;
import dev.clearbox.core.ProgressListener;
import dev.clearbox.core.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A request that names the sha256 the manifest declares: the package is hashed once, and refused before it is parsed. */
class UnpackerExpectedSha256Test {
    @TempDir
    Path tmp;

    private Path pkg(String name, byte[] bytes) throws Exception {
        return Files.write(tmp.resolve(name), bytes);
    }

    @Test
    void theDeclaredDigestIsTheInventorysDigest() throws Exception {
        byte[] zip = Fixtures.zip(Fixtures.files("lib/a.txt", Fixtures.utf8("a")));
        Path p = pkg("update.zip", zip);
        String declared = Fixtures.sha256(zip);
        PackageInventory inv = new Unpacker(1).unpack(
                UnpackRequest.of(p, tmp.resolve("out")).expecting(declared.toUpperCase(Locale.ROOT)), ProgressListener.NONE);
        assertEquals(declared, inv.sha256());
        assertEquals(1, inv.entries().size());
    }

    @Test
    void anotherDigestIsRefusedAndNothingIsWritten() throws Exception {
        byte[] zip = Fixtures.zip(Fixtures.files("lib/a.txt", Fixtures.utf8("a")));
        Path p = pkg("update.zip", zip);
        Path out = tmp.resolve("out/update.zip");
        String declared = "ab".repeat(32);
        IntegrityException e = assertThrows(IntegrityException.class, () -> new Unpacker().unpack(
                UnpackRequest.of(p, out).expecting(declared), ProgressListener.NONE));
        assertEquals(Stage.UNPACK, e.stage());
        assertEquals(p.toString(), e.input());
        assertEquals("sha256 is " + Fixtures.sha256(zip) + ", but the manifest expects " + declared, e.problem());
        assertFalse(Files.exists(tmp.resolve("out")), "no destination is created");
    }

    @Test
    void theDigestIsCheckedBeforeTheFormat() throws Exception {
        byte[] notAnArchive = Fixtures.utf8("not an archive at all");
        Path p = pkg("update.bin", notAnArchive);
        IntegrityException e = assertThrows(IntegrityException.class, () -> new Unpacker().unpack(
                UnpackRequest.of(p, tmp.resolve("out")).expecting("cd".repeat(32)), ProgressListener.NONE));
        assertEquals("sha256 is " + Fixtures.sha256(notAnArchive) + ", but the manifest expects " + "cd".repeat(32),
                e.problem());
    }
}
