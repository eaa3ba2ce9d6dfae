package dev.clearbox.core.unpack;

import org.apache.commons.compress.archivers.ar.ArArchiveEntry;
import org.apache.commons.compress.archivers.ar.ArArchiveOutputStream;
import org.apache.commons.compress.archivers.cpio.CpioArchiveEntry;
import org.apache.commons.compress.archivers.cpio.CpioArchiveOutputStream;
import org.apache.commons.compress.archivers.cpio.CpioConstants;
import org.apache.commons.compress.archivers.sevenz.SevenZArchiveEntry;
import org.apache.commons.compress.archivers.sevenz.SevenZOutputFile;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.CompressorStreamFactory;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Arrays;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/** Builds archives, benign and hostile, in code with Commons Compress's writers. */
final class Fixtures {
    static final byte[] ELF = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0x3e, 0};
    static final byte[] SCRIPT = "#!/bin/sh\necho hello\n".getBytes(StandardCharsets.UTF_8);
    static final byte[] MANIFEST = "Manifest-Version: 1.0\r\nCreated-By: test\r\n\r\n".getBytes(StandardCharsets.UTF_8);

    private Fixtures() {
    }

    /** An independently computed SHA-256 (the JDK's digest, not Clearbox's helper). */
    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] random(long seed, int size) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** A class file for {@code internalName} with the given major version. */
    static byte[] classFile(String internalName, int major) {
        ClassWriter cw = new ClassWriter(0);
        cw.visit(major, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, internalName, null, "java/lang/Object", null);
        cw.visitEnd();
        return cw.toByteArray();
    }

    /** Ordered name → content map. */
    static Map<String, byte[]> files(Object... nameThenContent) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        for (int i = 0; i < nameThenContent.length; i += 2) {
            m.put((String) nameThenContent[i], (byte[]) nameThenContent[i + 1]);
        }
        return m;
    }

    static byte[] jar() {
        return zip(files("META-INF/MANIFEST.MF", MANIFEST,
                "com/acme/Foo.class", classFile("com/acme/Foo", Opcodes.V17)));
    }

    static byte[] zip(Map<String, byte[]> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                ZipArchiveEntry entry = new ZipArchiveEntry(e.getKey());
                zip.putArchiveEntry(entry);
                zip.write(e.getValue());
                zip.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A zip whose single entry is a Unix symbolic link to {@code target}. */
    static byte[] zipWithSymlink(String name, String target) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes)) {
            ZipArchiveEntry entry = new ZipArchiveEntry(name);
            entry.setUnixMode(0120777);
            zip.putArchiveEntry(entry);
            zip.write(utf8(target));
            zip.closeArchiveEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A zip of the entries, each deflated. {@code zerosEntry} of {@code zeros} zero bytes is streamed. */
    static byte[] zipOfZeros(String name, long zeros) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes)) {
            zip.putArchiveEntry(new ZipArchiveEntry(name));
            byte[] chunk = new byte[1 << 16];
            for (long left = zeros; left > 0; left -= chunk.length) {
                zip.write(chunk, 0, (int) Math.min(chunk.length, left));
            }
            zip.closeArchiveEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Sets the "encrypted" general-purpose bit of every entry, in local headers and central directory. */
    static byte[] markEncrypted(byte[] zip) {
        byte[] b = zip.clone();
        for (int i = 0; i + 4 <= b.length; i++) {
            int sig = (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8 | (b[i + 2] & 0xFF) << 16 | (b[i + 3] & 0xFF) << 24;
            if (sig == 0x04034b50) {
                b[i + 6] |= 1; // local file header: flags at offset 6
            } else if (sig == 0x02014b50) {
                b[i + 8] |= 1; // central directory header: flags at offset 8
            }
        }
        return b;
    }

    /**
     * The overlapping-files construction: a stored entry {@code a.bin} whose data is the complete local
     * header and data of {@code b.txt}, and a central directory listing both, so b's bytes are also a's.
     */
    static byte[] overlappingZip() {
        byte[] zipB = zip(files("b.txt", utf8("the shared bytes")));
        ByteBuffer eocdB = ByteBuffer.wrap(zipB, zipB.length - 22, 22).order(ByteOrder.LITTLE_ENDIAN);
        int cdSizeB = eocdB.getInt(zipB.length - 22 + 12);
        int cdOffsetB = eocdB.getInt(zipB.length - 22 + 16);
        byte[] blob = Arrays.copyOf(zipB, cdOffsetB);
        byte[] cdB = Arrays.copyOfRange(zipB, cdOffsetB, cdOffsetB + cdSizeB);

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes)) {
            ZipArchiveEntry a = new ZipArchiveEntry("a.bin");
            a.setMethod(ZipArchiveEntry.STORED);
            a.setSize(blob.length);
            CRC32 crc = new CRC32();
            crc.update(blob);
            a.setCrc(crc.getValue());
            zip.putArchiveEntry(a);
            zip.write(blob);
            zip.closeArchiveEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] zipA = bytes.toByteArray();
        int bOffset = indexOf(zipA, blob);
        ByteBuffer.wrap(cdB).order(ByteOrder.LITTLE_ENDIAN).putInt(42, bOffset);
        int eocdStart = zipA.length - 22;
        ByteBuffer eocd = ByteBuffer.wrap(Arrays.copyOfRange(zipA, eocdStart, zipA.length)).order(ByteOrder.LITTLE_ENDIAN);
        eocd.putShort(8, (short) 2).putShort(10, (short) 2).putInt(12, eocd.getInt(12) + cdB.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(zipA, 0, eocdStart);
        out.writeBytes(cdB);
        out.writeBytes(eocd.array());
        return out.toByteArray();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new IllegalStateException("not found");
    }

    /** A tar; names starting with {@code "symlink:"} / {@code "hardlink:"} are {@code name=target} links. */
    static byte[] tar(Map<String, byte[]> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            writeTar(tar, entries);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void writeTar(TarArchiveOutputStream tar, Map<String, byte[]> entries) throws IOException {
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            String key = e.getKey();
            if (key.startsWith("symlink:") || key.startsWith("hardlink:")) {
                boolean sym = key.startsWith("symlink:");
                String[] nameTarget = key.substring(key.indexOf(':') + 1).split("=", 2);
                TarArchiveEntry link = new TarArchiveEntry(nameTarget[0], sym ? TarConstants.LF_SYMLINK : TarConstants.LF_LINK);
                link.setLinkName(nameTarget[1]);
                tar.putArchiveEntry(link);
            } else {
                TarArchiveEntry entry = new TarArchiveEntry(key);
                entry.setSize(e.getValue().length);
                tar.putArchiveEntry(entry);
                tar.write(e.getValue());
            }
            tar.closeArchiveEntry();
        }
    }

    /** Compresses with a Commons Compress compressor: {@code gz}, {@code bzip2}, {@code xz}, {@code zstd}. */
    static byte[] compress(String compressor, byte[] data) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new CompressorStreamFactory().createCompressorOutputStream(compressor, bytes)) {
            out.write(data);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    static byte[] sevenZ(Path scratch, Map<String, byte[]> entries) {
        try {
            Path file = Files.createTempFile(scratch, "fixture", ".7z");
            try (SevenZOutputFile out = new SevenZOutputFile(file.toFile())) {
                for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                    SevenZArchiveEntry entry = new SevenZArchiveEntry();
                    entry.setName(e.getKey());
                    entry.setSize(e.getValue().length);
                    out.putArchiveEntry(entry);
                    out.write(e.getValue());
                    out.closeArchiveEntry();
                }
            }
            byte[] data = Files.readAllBytes(file);
            Files.delete(file);
            return data;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] ar(Map<String, byte[]> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ArArchiveOutputStream ar = new ArArchiveOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                ar.putArchiveEntry(new ArArchiveEntry(e.getKey(), e.getValue().length));
                ar.write(e.getValue());
                ar.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A cpio; names starting with {@code "symlink:"} are {@code name=target} links. */
    static byte[] cpio(Map<String, byte[]> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (CpioArchiveOutputStream cpio = new CpioArchiveOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                String name = e.getKey();
                byte[] content = e.getValue();
                long mode = CpioConstants.C_ISREG | 0644;
                if (name.startsWith("symlink:")) {
                    String[] nameTarget = name.substring(8).split("=", 2);
                    name = nameTarget[0];
                    content = utf8(nameTarget[1]);
                    mode = CpioConstants.C_ISLNK | 0777;
                }
                CpioArchiveEntry entry = new CpioArchiveEntry(name, content.length);
                entry.setMode(mode);
                cpio.putArchiveEntry(entry);
                cpio.write(content);
                cpio.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
