package dev.clearbox.core.unpack;

import dev.clearbox.core.ClearboxException;
import dev.clearbox.core.InvalidInputException;
import dev.clearbox.core.Stage;
import dev.clearbox.core.UnsafeInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import static dev.clearbox.core.unpack.Fixtures.files;
import static dev.clearbox.core.unpack.Fixtures.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every refusal: its rule id, a message naming package and entry, nothing left outside or inside the destination. */
class UnpackerRefusalTest {
    @TempDir
    Path tmp;

    /** Unpacks, expects a refusal by {@code rule} naming {@code entry}, and checks the file system. */
    private UnsafeInputException refused(String pkgName, byte[] pkg, UnpackLimits limits, String rule, String entry) {
        Sandbox box = new Sandbox(tmp);
        UnsafeInputException e = assertThrows(UnsafeInputException.class, () -> box.unpack(pkgName, pkg, limits));
        assertEquals(rule, e.rule(), e.getMessage());
        assertEquals(Stage.UNPACK, e.stage());
        assertEquals(pkgName + "!/" + entry, e.input(), e.getMessage());
        assertTrue(e.getMessage().startsWith("unpack: " + pkgName + "!/" + entry + ": "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line");
        box.assertDestinationClean();
        return e;
    }

    private UnsafeInputException refused(String pkgName, byte[] pkg, String rule, String entry) {
        return refused(pkgName, pkg, UnpackLimits.defaults(), rule, entry);
    }

    /** Files {@code a} and {@code b}, 300,000 random bytes each (the same bytes). */
    private static Map<String, byte[]> twoRandomFiles(long seed) {
        byte[] payload = Fixtures.random(seed, 300_000);
        return files("a", payload, "b", payload);
    }

    /** A zip of {@code n} copies of {@code inner}, named {@code copy0.EXT}, {@code copy1.EXT}... */
    private static byte[] copies(byte[] inner, String ext, int n) {
        Map<String, byte[]> outer = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            outer.put("copy" + i + "." + ext, inner);
        }
        return Fixtures.zip(outer);
    }

    /** A benign first entry so the refusal has something to clean up. */
    private static Map<String, byte[]> afterBenign(String name, byte[] data) {
        Map<String, byte[]> m = new LinkedHashMap<>(files("ok/first.txt", utf8("first")));
        m.put(name, data);
        return m;
    }

    @Test
    void zipTraversal() {
        refused("evil.zip", Fixtures.zip(afterBenign("../evil.txt", utf8("x"))), "path-traversal", "../evil.txt");
    }

    @Test
    void deepTraversalInsideAFolder() {
        refused("evil.zip", Fixtures.zip(afterBenign("a/../../evil.txt", utf8("x"))), "path-traversal",
                "a/../../evil.txt");
    }

    @Test
    void backslashTraversal() {
        UnsafeInputException e = assertThrows(UnsafeInputException.class, () -> new Sandbox(tmp)
                .unpack("evil.zip", Fixtures.zip(afterBenign("..\\..\\evil.txt", utf8("x")))));
        // Commons Compress may already turn '\' into '/' for FAT-platform entries; either spelling is the entry.
        assertEquals("path-traversal", e.rule());
        assertTrue(e.input().startsWith("evil.zip!/.."), e.input());
    }

    @Test
    void absolutePath() {
        refused("evil.zip", Fixtures.zip(afterBenign("/tmp/evil.txt", utf8("x"))), "absolute-path", "/tmp/evil.txt");
    }

    @ParameterizedTest
    @ValueSource(strings = {"C:/Windows/evil.dll", "c:evil.txt", "D:\\evil.txt"})
    void windowsDriveLetter(String name) {
        UnsafeInputException e = assertThrows(UnsafeInputException.class,
                () -> new Sandbox(tmp).unpack("evil.zip", Fixtures.zip(afterBenign(name, utf8("x")))));
        assertEquals("absolute-path", e.rule());
        assertTrue(e.getMessage().contains("evil.zip!/"), e.getMessage());
    }

    @Test
    void tarTraversal() {
        refused("evil.tar.gz", Fixtures.compress("gz", Fixtures.tar(afterBenign("../../evil.sh", Fixtures.SCRIPT))),
                "path-traversal", "../../evil.sh");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../../etc/passwd", "/etc/passwd", "a/../../../x", "C:\\Windows"})
    void tarSymlinkEscape(String target) {
        refused("evil.tar", Fixtures.tar(afterBenign("symlink:ok/link=" + target, new byte[0])), "link-escape",
                "ok/link");
    }

    @Test
    void tarHardlinkEscape() {
        refused("evil.tar", Fixtures.tar(afterBenign("hardlink:ok/hl=../outside.txt", new byte[0])), "link-escape",
                "ok/hl");
    }

    @Test
    void zipUnixSymlinkEscape() {
        refused("evil.zip", Fixtures.zipWithSymlink("link", "../../../etc/shadow"), "link-escape", "link");
    }

    @Test
    void cpioSymlinkEscape() {
        refused("evil.cpio", Fixtures.cpio(afterBenign("symlink:ok/l=../../x", new byte[0])), "link-escape", "ok/l");
    }

    @Test
    void nestedSymlinkMayNotLeaveItsOwnArchive() {
        byte[] inner = Fixtures.tar(files("symlink:l=../sibling.txt", new byte[0]));
        refused("outer.zip", Fixtures.zip(afterBenign("inner.tar", inner)), "link-escape", "inner.tar!/l");
    }

    @Test
    void duplicateNamesInZip() {
        byte[] first = Fixtures.zip(files("a.txt", utf8("1")));
        // ZipArchiveOutputStream accepts duplicates; build two entries with the same name.
        byte[] dup = zipWithDuplicate("a.txt");
        assertTrue(first.length > 0);
        refused("dup.zip", dup, "duplicate-entry", "a.txt");
    }

    @Test
    void duplicateNamesInTarAfterNormalisation() {
        Map<String, byte[]> m = new LinkedHashMap<>(files("dir/a.txt", utf8("1")));
        m.put("dir/./a.txt", utf8("2"));
        refused("dup.tar", Fixtures.tar(m), "duplicate-entry", "dir/./a.txt");
    }

    @Test
    void fileAndDirectoryWithTheSameName() {
        refused("dup.zip", Fixtures.zip(files("a", utf8("file"), "a/b", utf8("child"))), "duplicate-entry", "a/b");
    }

    @Test
    void reservedNestedArchiveSuffix() {
        refused("evil.zip", Fixtures.zip(afterBenign("lib/x.jar!/Foo.class", utf8("x"))), "reserved-name",
                "lib/x.jar!/Foo.class");
    }

    @Test
    void zipBombByRatio() {
        byte[] pkg = Fixtures.zipOfZeros("zeros.bin", 50L * 1024 * 1024);
        assertTrue(pkg.length < 200_000, "fixture is a real bomb: " + pkg.length);
        UnsafeInputException e = refused("bomb.zip", pkg, "compression-ratio", "zeros.bin");
        assertTrue(e.problem().contains("times"), e.problem());
    }

    @Test
    void singleGzipBombByRatio() {
        byte[] zeros = new byte[20 * 1024 * 1024];
        refused("zeros.bin.gz", Fixtures.compress("gz", zeros), "compression-ratio", "zeros.bin");
    }

    @Test
    void nestedBombIsStoppedInsideTheNestedArchive() {
        byte[] inner = Fixtures.zipOfZeros("zeros.bin", 20L * 1024 * 1024);
        byte[] middle = Fixtures.zip(files("inner.zip", inner));
        byte[] outer = Fixtures.zip(afterBenign("middle.zip", middle));
        refused("nested.zip", outer, "compression-ratio", "middle.zip!/inner.zip!/zeros.bin");
    }

    @Test
    void zipMembersDeclaringMoreThanTheTotalAreRefusedBeforeAnyIsWritten() {
        byte[] inner = Fixtures.zip(twoRandomFiles(5));
        byte[] pkg = copies(inner, "zip", 5);
        Sandbox box = new Sandbox(tmp);
        UnsafeInputException e = assertThrows(UnsafeInputException.class, () -> box.unpack("copies.zip",
                pkg, new UnpackLimits(2_000_000, 1_000_000, 1000, 100, 3)));
        assertEquals("total-size-exceeded", e.rule());
        assertEquals("copies.zip", e.input());
        assertTrue(e.getMessage().contains("the archive declares " + 5L * inner.length + " bytes"), e.getMessage());
        box.assertDestinationClean();
    }

    @Test
    void nestedCopiesExceedTotalSize() {
        // The package's own members fit (5 x ~600 kB); the members of the nested copies, opened in entry
        // order, take it past 4.5 MB in the third copy.
        refused("copies.zip", copies(Fixtures.zip(twoRandomFiles(5)), "zip", 5),
                new UnpackLimits(4_500_000, 1_000_000, 1000, 100, 3),
                "total-size-exceeded", "copy2.zip");
    }

    @Test
    void totalSizeInANestedTarIsCountedAsItIsWritten() {
        // 3 x ~600 kB reserved for the tars, then 600 kB per opened tar: the second tar's second file is one too many.
        refused("copies.zip", copies(Fixtures.tar(twoRandomFiles(6)), "tar", 3),
                new UnpackLimits(3_000_000, 1_000_000, 1000, 100, 3),
                "total-size-exceeded", "copy1.tar!/b");
    }

    @Test
    void entryTooLarge() {
        refused("big.tar", Fixtures.tar(afterBenign("big.bin", Fixtures.random(6, 5000))),
                new UnpackLimits(1 << 20, 4096, 100, 100, 3), "entry-too-large", "big.bin");
    }

    @Test
    void totalSize() {
        Map<String, byte[]> m = new LinkedHashMap<>();
        for (int i = 0; i < 4; i++) {
            m.put("f" + i, Fixtures.random(i, 3000));
        }
        refused("many.tar.xz", Fixtures.compress("xz", Fixtures.tar(m)), new UnpackLimits(10_000, 5000, 100, 100, 3),
                "total-size-exceeded", "f3");
    }

    @Test
    void tooManyEntriesStreamed() {
        Map<String, byte[]> m = new LinkedHashMap<>();
        for (int i = 0; i < 11; i++) {
            m.put("f" + i, utf8("x"));
        }
        refused("many.tar", Fixtures.tar(m), new UnpackLimits(1 << 20, 1 << 20, 10, 100, 3), "too-many-entries", "f10");
    }

    @Test
    void tooManyEntriesDeclaredByTheCentralDirectory() {
        Map<String, byte[]> m = new LinkedHashMap<>();
        for (int i = 0; i < 11; i++) {
            m.put("f" + i, utf8("x"));
        }
        Sandbox box = new Sandbox(tmp);
        UnsafeInputException e = assertThrows(UnsafeInputException.class,
                () -> box.unpack("many.zip", Fixtures.zip(m), new UnpackLimits(1 << 20, 1 << 20, 10, 100, 3)));
        assertEquals("too-many-entries", e.rule());
        assertEquals("many.zip", e.input());
        box.assertDestinationClean();
    }

    @Test
    void encryptedZipEntry() {
        byte[] pkg = Fixtures.markEncrypted(Fixtures.zip(files("secret.txt", utf8("secret"))));
        refused("locked.zip", pkg, "encrypted-entry", "secret.txt");
    }

    @Test
    void localHeaderDisagreeingWithCentralDirectory() {
        byte[] pkg = Fixtures.zip(files("good.txt", utf8("good")));
        // Local header name starts at offset 30: make it "bood.txt" while the central directory says "good.txt".
        pkg[30] = 'b';
        refused("split.zip", pkg, "header-mismatch", "good.txt");
    }

    @Test
    void overlappingZipEntries() {
        refused("overlap.zip", Fixtures.overlappingZip(), "overlapping-entries", "b.txt");
    }

    @Test
    void truncatedZip() {
        byte[] full = Fixtures.zip(files("a.bin", Fixtures.random(7, 20_000), "b.bin", Fixtures.random(8, 20_000)));
        assertCorrupt("cut.zip", Arrays.copyOf(full, full.length / 2));
    }

    @Test
    void truncatedTarGz() {
        byte[] full = Fixtures.compress("gz", Fixtures.tar(files("a.bin", Fixtures.random(9, 50_000))));
        assertCorrupt("cut.tar.gz", Arrays.copyOf(full, full.length * 6 / 10));
    }

    @Test
    void truncatedPlainTar() {
        byte[] full = Fixtures.tar(files("a.bin", Fixtures.random(10, 50_000)));
        assertCorrupt("cut.tar", Arrays.copyOf(full, 20_000));
    }

    @Test
    void corruptedZipDataFailsItsCrc() {
        byte[] pkg = Fixtures.zip(files("a.txt", utf8("hello hello hello hello hello")));
        Sandbox box = new Sandbox(tmp);
        // Flip a bit inside the deflated data (after the 30-byte header and 5-byte name).
        pkg[40] ^= 0x10;
        ClearboxException e = assertThrows(ClearboxException.class, () -> box.unpack("flip.zip", pkg));
        assertTrue(e.input().startsWith("flip.zip"), e.getMessage());
        box.assertDestinationClean();
    }

    @Test
    void randomGarbage() {
        Sandbox box = new Sandbox(tmp);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> box.unpack("noise.bin", Fixtures.random(11, 100_000)));
        assertEquals("noise.bin", e.input());
        box.assertDestinationClean();
    }

    private void assertCorrupt(String name, byte[] pkg) {
        Sandbox box = new Sandbox(tmp);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> box.unpack(name, pkg));
        assertTrue(e.input().startsWith(name), e.getMessage());
        assertTrue(e.problem().startsWith("truncated or corrupt archive: "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line");
        box.assertDestinationClean();
    }

    private static byte[] zipWithDuplicate(String name) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (var zip = new org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream(bytes)) {
            for (String content : new String[] {"first", "second"}) {
                zip.putArchiveEntry(new org.apache.commons.compress.archivers.zip.ZipArchiveEntry(name));
                zip.write(utf8(content));
                zip.closeArchiveEntry();
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
