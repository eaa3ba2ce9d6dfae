package dev.clearbox.core.unpack;

import dev.clearbox.core.InvalidInputException;
import dev.clearbox.core.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.objectweb.asm.Opcodes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static dev.clearbox.core.unpack.Fixtures.files;
import static dev.clearbox.core.unpack.Fixtures.sha256;
import static dev.clearbox.core.unpack.Fixtures.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UnpackerFormatsTest {
    @TempDir
    Path tmp;

    private static Map<String, InventoryEntry> byPath(PackageInventory inv) {
        return inv.entries().stream().collect(Collectors.toMap(InventoryEntry::path, Function.identity()));
    }

    @Test
    void zipWithNestedJarIsInventoriedWithNestedPathsAndDigests() throws IOException {
        byte[] jar = Fixtures.jar();
        byte[] fooClass = Fixtures.classFile("com/acme/Foo", Opcodes.V17);
        byte[] readme = utf8("read me\n");
        byte[] pkg = Fixtures.zip(files("README.txt", readme, "bin/run.sh", Fixtures.SCRIPT,
                "lib/agent.jar", jar, "lib/native.so", Fixtures.ELF));
        Sandbox box = new Sandbox(tmp);

        PackageInventory inv = box.unpack("update.zip", pkg);

        assertEquals("update.zip", inv.packageName());
        assertEquals("zip", inv.format());
        assertEquals(pkg.length, inv.size());
        assertEquals(sha256(pkg), inv.sha256());
        assertEquals(List.of("README.txt", "bin/run.sh", "lib/agent.jar", "lib/agent.jar!/META-INF/MANIFEST.MF",
                        "lib/agent.jar!/com/acme/Foo.class", "lib/native.so"),
                inv.entries().stream().map(InventoryEntry::path).toList());
        Map<String, InventoryEntry> e = byPath(inv);
        assertEquals(sha256(jar), e.get("lib/agent.jar").sha256());
        assertEquals(EntryType.JAR, e.get("lib/agent.jar").type());
        assertEquals(sha256(fooClass), e.get("lib/agent.jar!/com/acme/Foo.class").sha256());
        assertEquals(fooClass.length, e.get("lib/agent.jar!/com/acme/Foo.class").size());
        assertEquals(EntryType.CLASS, e.get("lib/agent.jar!/com/acme/Foo.class").type());
        assertEquals("com.acme.Foo (Java 17, major 61)", e.get("lib/agent.jar!/com/acme/Foo.class").detail());
        assertEquals(EntryType.SCRIPT, e.get("bin/run.sh").type());
        assertEquals(EntryType.NATIVE_LIBRARY, e.get("lib/native.so").type());
        assertEquals(EntryType.DATA, e.get("README.txt").type());
        assertEquals(sha256(readme), e.get("README.txt").sha256());
        assertEquals(sha256(Fixtures.MANIFEST), e.get("lib/agent.jar!/META-INF/MANIFEST.MF").sha256());
        assertArrayEquals(fooClass, Files.readAllBytes(box.out.resolve("lib/agent.jar!/com/acme/Foo.class")));
        assertArrayEquals(jar, Files.readAllBytes(box.out.resolve("lib/agent.jar")));
        box.assertNothingOutsideDestination();
    }

    @ParameterizedTest
    @CsvSource({"gz, app.tar.gz, tar.gz", "xz, app.tar.xz, tar.xz", "bzip2, app.tar.bz2, tar.bz2",
            "zstd, app.tar.zst, tar.zst"})
    void compressedTarWithNestedZip(String compressor, String name, String format) {
        byte[] plugin = Fixtures.zip(files("plugin.properties", utf8("a=b\n")));
        byte[] data = Fixtures.random(1, 5000);
        byte[] tar = Fixtures.tar(files("app/data.bin", data, "app/plugin.zip", plugin));
        Sandbox box = new Sandbox(tmp);

        PackageInventory inv = box.unpack(name, Fixtures.compress(compressor, tar));

        assertEquals(format, inv.format());
        Map<String, InventoryEntry> e = byPath(inv);
        assertEquals(3, inv.entries().size(), inv.entries().toString());
        assertEquals(sha256(data), e.get("app/data.bin").sha256());
        assertEquals(EntryType.ARCHIVE, e.get("app/plugin.zip").type());
        assertEquals(sha256(utf8("a=b\n")), e.get("app/plugin.zip!/plugin.properties").sha256());
        assertTrue(Files.isRegularFile(box.out.resolve("app/plugin.zip!/plugin.properties")));
        box.assertNothingOutsideDestination();
    }

    @Test
    void sevenZ() {
        byte[] a = Fixtures.random(2, 3000);
        byte[] pkg = Fixtures.sevenZ(tmp, files("dir/a.bin", a, "b.sh", Fixtures.SCRIPT, "empty.txt", new byte[0]));
        Sandbox box = new Sandbox(tmp);

        PackageInventory inv = box.unpack("bundle.7z", pkg);

        assertEquals("7z", inv.format());
        assertEquals(List.of("b.sh", "dir/a.bin", "empty.txt"), inv.entries().stream().map(InventoryEntry::path).toList());
        assertEquals(Fixtures.sha256(new byte[0]), byPath(inv).get("empty.txt").sha256());
        assertEquals(sha256(a), byPath(inv).get("dir/a.bin").sha256());
        assertEquals(EntryType.SCRIPT, byPath(inv).get("b.sh").type());
    }

    @Test
    void ar() {
        byte[] pkg = Fixtures.ar(files("one.txt", utf8("one"), "two.so", Fixtures.ELF));
        PackageInventory inv = new Sandbox(tmp).unpack("lib.a", pkg);
        assertEquals("ar", inv.format());
        assertEquals(sha256(utf8("one")), byPath(inv).get("one.txt").sha256());
        assertEquals(EntryType.NATIVE_LIBRARY, byPath(inv).get("two.so").type());
    }

    @Test
    void gnuArSymbolTableGetsAName() {
        byte[] symbols = {0, 0, 0, 1, 0, 0, 0, 0x44, 'f', 0};
        byte[] member = Fixtures.ELF;
        java.io.ByteArrayOutputStream ar = new java.io.ByteArrayOutputStream();
        ar.writeBytes(utf8("!<arch>\n"));
        ar.writeBytes(utf8(String.format("%-16s%-12s%-6s%-6s%-8s%-10s`\n", "/", "0", "0", "0", "0", symbols.length)));
        ar.writeBytes(symbols);
        ar.writeBytes(utf8(String.format("%-16s%-12s%-6s%-6s%-8s%-10s`\n", "f.o/", "0", "0", "0", "644", member.length)));
        ar.writeBytes(member);
        PackageInventory inv = new Sandbox(tmp).unpack("libf.a", ar.toByteArray());
        assertEquals(List.of("ar-symbol-table", "f.o"), inv.entries().stream().map(InventoryEntry::path).toList());
        assertEquals(sha256(symbols), inv.entries().get(0).sha256());
    }

    @Test
    void incompressibleMembersOfATarGzPassTheRatioCheckDespiteReadAhead() {
        // decompression runs ahead of extraction; the ratio must follow the member being extracted
        Map<String, byte[]> members = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 6; i++) {
            members.put("lib/part" + i + ".bin", Fixtures.random(i, 1_300_000));
        }
        PackageInventory inv = new Sandbox(tmp).unpack("dist.tar.gz", Fixtures.compress("gz", Fixtures.tar(members)));
        assertEquals(6, inv.entries().size());
        assertEquals(sha256(members.get("lib/part5.bin")), byPath(inv).get("lib/part5.bin").sha256());
    }

    @Test
    void bsdArLongNamesPaddedWithNulsAreAccepted() {
        // as macOS ranlib writes them (seen in netty's native static libraries): "#1/24" then a NUL-padded name
        byte[] name = java.util.Arrays.copyOf(utf8("__.SYMDEF SORTED"), 24);
        byte[] symbols = {8, 0, 0, 0, 0, 0, 0, 0};
        java.io.ByteArrayOutputStream ar = new java.io.ByteArrayOutputStream();
        ar.writeBytes(utf8("!<arch>\n"));
        ar.writeBytes(utf8(String.format("%-16s%-12s%-6s%-6s%-8s%-10s`\n", "#1/24", "0", "0", "0", "644",
                name.length + symbols.length)));
        ar.writeBytes(name);
        ar.writeBytes(symbols);
        ar.writeBytes(utf8(String.format("%-16s%-12s%-6s%-6s%-8s%-10s`\n", "f.o", "0", "0", "0", "644", Fixtures.ELF.length)));
        ar.writeBytes(Fixtures.ELF);

        PackageInventory inv = new Sandbox(tmp).unpack("libf.a", ar.toByteArray());

        assertEquals(List.of("__.SYMDEF SORTED", "f.o"), inv.entries().stream().map(InventoryEntry::path).toList());
        assertEquals(sha256(symbols), inv.entries().get(0).sha256());
    }

    @Test
    void corruptNestedArchiveIsNamedByItsNestedPath() {
        byte[] jar = Fixtures.jar();
        byte[] pkg = Fixtures.zip(files("lib/broken.jar", java.util.Arrays.copyOf(jar, jar.length - 30)));
        Sandbox box = new Sandbox(tmp);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> box.unpack("p.zip", pkg));
        assertEquals("p.zip!/lib/broken.jar", e.input());
        assertTrue(e.problem().startsWith("truncated or corrupt archive: "), e.problem());
        box.assertDestinationClean();
    }

    @Test
    void cpioRecordsSafeSymlinkWithoutCreatingIt() {
        byte[] pkg = Fixtures.cpio(files("etc/conf", utf8("x=1"), "symlink:etc/conf.link=conf", new byte[0]));
        Sandbox box = new Sandbox(tmp);
        PackageInventory inv = box.unpack("initrd.cpio", pkg);
        assertEquals("cpio", inv.format());
        InventoryEntry link = byPath(inv).get("etc/conf.link");
        assertEquals(EntryType.LINK, link.type());
        assertEquals("symbolic link to conf", link.detail());
        assertNull(link.sha256());
        assertFalse(Files.exists(box.out.resolve("etc/conf.link"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void tarLinksInsideTheArchiveAreRecorded() {
        byte[] pkg = Fixtures.tar(files("a/b.txt", utf8("b"), "symlink:a/c=b.txt", new byte[0],
                "hardlink:d=a/b.txt", new byte[0], "symlink:a/e=../a/b.txt", new byte[0]));
        Sandbox box = new Sandbox(tmp);
        PackageInventory inv = box.unpack("links.tar", pkg);
        assertEquals("hard link to a/b.txt", byPath(inv).get("d").detail());
        assertEquals(EntryType.LINK, byPath(inv).get("a/e").type());
        assertFalse(Files.exists(box.out.resolve("d")));
    }

    @Test
    void singleGzipFileBecomesOneEntryNamedWithoutSuffix() {
        byte[] text = utf8("plain notes\n".repeat(100));
        PackageInventory inv = new Sandbox(tmp).unpack("notes.txt.gz", Fixtures.compress("gz", text));
        assertEquals("gzip", inv.format());
        assertEquals(1, inv.entries().size());
        assertEquals("notes.txt", inv.entries().get(0).path());
        assertEquals(sha256(text), inv.entries().get(0).sha256());
    }

    @Test
    void formatIsRecognisedByContentNotName() {
        byte[] pkg = Fixtures.zip(files("x.txt", utf8("x")));
        PackageInventory inv = new Sandbox(tmp).unpack("misleading.tar.gz", pkg);
        assertEquals("zip", inv.format());
    }

    @Test
    void nestingDepthLimitRecordsArchiveWithoutDescending() {
        byte[] pkg = Fixtures.zip(files("lib/agent.jar", Fixtures.jar()));
        Sandbox box = new Sandbox(tmp);
        PackageInventory inv = box.unpack("update.zip", pkg, new UnpackLimits(1 << 20, 1 << 20, 100, 100, 0));
        assertEquals(1, inv.entries().size());
        InventoryEntry jar = inv.entries().get(0);
        assertEquals(EntryType.JAR, jar.type());
        assertTrue(jar.detail().contains("not unpacked: nesting depth limit 0"), jar.detail());
        assertFalse(Files.exists(box.out.resolve("lib/agent.jar!")));
    }

    @Test
    void nestingDepthCountsLevels() {
        byte[] level2 = Fixtures.zip(files("deep.txt", utf8("deep")));
        byte[] level1 = Fixtures.zip(files("l2.zip", level2));
        byte[] pkg = Fixtures.zip(files("l1.zip", level1));
        PackageInventory inv = new Sandbox(tmp).unpack("p.zip", pkg, new UnpackLimits(1 << 20, 1 << 20, 100, 100, 1));
        Map<String, InventoryEntry> e = byPath(inv);
        assertTrue(e.containsKey("l1.zip!/l2.zip"));
        assertFalse(e.containsKey("l1.zip!/l2.zip!/deep.txt"));
        assertTrue(e.get("l1.zip!/l2.zip").detail().contains("not unpacked"));
    }

    @Test
    void unrecognisedPackageIsInvalidInput() {
        Sandbox box = new Sandbox(tmp);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> box.unpack("garbage.zip", Fixtures.random(3, 4096)));
        assertEquals("garbage.zip", e.input());
        assertEquals("not a recognised archive format", e.problem());
        box.assertDestinationClean();
    }

    @Test
    void nonEmptyDestinationIsRefusedAndLeftAlone() throws IOException {
        Sandbox box = new Sandbox(tmp);
        Files.createDirectories(box.out);
        Path keep = Files.writeString(box.out.resolve("keep.txt"), "mine");
        Path pkg = box.write("p.zip", Fixtures.zip(files("a", utf8("a"))));
        assertThrows(InvalidInputException.class,
                () -> new Unpacker().unpack(UnpackRequest.of(pkg, box.out), ProgressListener.NONE));
        assertEquals("mine", Files.readString(keep));
    }

    @Test
    void sameInputGivesSameInventory() throws IOException {
        byte[] pkg = Fixtures.zip(files("z.txt", utf8("z"), "a/b.jar", Fixtures.jar(), "m.txt", utf8("m")));
        PackageInventory first = new Sandbox(tmp, "one").unpack("p.zip", pkg);
        PackageInventory second = new Sandbox(Files.createDirectories(tmp.resolve("again")), "two").unpack("p.zip", pkg);
        assertEquals(first, second);
    }
}
