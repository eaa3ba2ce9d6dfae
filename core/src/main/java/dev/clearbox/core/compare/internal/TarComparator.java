package dev.clearbox.core.compare.internal;

import dev.clearbox.core.ClearboxException;
import dev.clearbox.core.UnsafeInputException;
import org.apache.commons.compress.archivers.ArchiveStreamFactory;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.CompressorStreamFactory;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The tar family: tar, and tar compressed with gzip, bzip2, xz or zstd. Members are read into memory (within
 * the comparison's byte budget) and compared entry by entry like zip entries; the owner, group and type are
 * container metadata, the mode is a permission.
 */
final class TarComparator implements FormatComparator {
    static final int XZ_MEMORY_LIMIT_KIB = 256 * 1024;

    @Override
    public String name() {
        return "tar";
    }

    @Override
    public boolean handles(Member shipped, Member rebuilt) {
        return isTar(shipped) && isTar(rebuilt);
    }

    private static boolean isTar(Member m) {
        try {
            byte[] head = m.head(1024);
            if (isTarHead(head)) {
                return true;
            }
            if (!isCompressed(head)) {
                return false;
            }
            try (InputStream in = open(m)) {
                return isTarHead(in.readNBytes(1024));
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static boolean isTarHead(byte[] head) {
        try {
            return ArchiveStreamFactory.TAR.equals(ArchiveStreamFactory.detect(new ByteArrayInputStream(head)));
        } catch (org.apache.commons.compress.archivers.ArchiveException | RuntimeException e) {
            return false;
        }
    }

    private static boolean isCompressed(byte[] head) {
        try {
            String c = CompressorStreamFactory.detect(new ByteArrayInputStream(head));
            return c.equals(CompressorStreamFactory.GZIP) || c.equals(CompressorStreamFactory.BZIP2)
                    || c.equals(CompressorStreamFactory.XZ) || c.equals(CompressorStreamFactory.ZSTANDARD);
        } catch (org.apache.commons.compress.compressors.CompressorException | RuntimeException e) {
            return false;
        }
    }

    /** The member's content, decompressed when it is gzip, bzip2, xz or zstd. */
    private static InputStream open(Member m) throws IOException {
        InputStream raw = new BufferedInputStream(m.open(), 64 * 1024);
        String compressor;
        try {
            compressor = CompressorStreamFactory.detect(raw);
        } catch (org.apache.commons.compress.compressors.CompressorException e) {
            return raw;
        }
        return switch (compressor) {
            case CompressorStreamFactory.GZIP -> GzipCompressorInputStream.builder().setInputStream(raw)
                    .setDecompressConcatenated(true).get();
            case CompressorStreamFactory.BZIP2 -> new BZip2CompressorInputStream(raw, true);
            case CompressorStreamFactory.XZ -> XZCompressorInputStream.builder().setInputStream(raw)
                    .setDecompressConcatenated(true).setMemoryLimitKiB(XZ_MEMORY_LIMIT_KIB).get();
            case CompressorStreamFactory.ZSTANDARD -> new ZstdCompressorInputStream(raw);
            default -> raw;
        };
    }

    @Override
    public void compare(Member shipped, Member rebuilt, CompareContext context) throws IOException, FormatMismatch {
        if (context.depth() > context.options().maxDepth()) {
            ZipComparator.DepthLimit.report(shipped, context, "tar");
            return;
        }
        ContainerDiff.compare(shipped, rebuilt, entries(shipped, context), entries(rebuilt, context), context, "tar");
    }

    private static Map<String, ContainerEntry> entries(Member m, CompareContext context) throws FormatMismatch {
        Map<String, ContainerEntry> entries = new LinkedHashMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(open(m))) {
            for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
                String where = m.display() + "!/" + e.getName();
                if (entries.containsKey(e.getName())) {
                    throw new UnsafeInputException(CompareContext.STAGE, where, "duplicate-entry",
                            "the archive holds two entries with this name");
                }
                byte[] data = e.isFile() ? readEntry(tar, where, context) : new byte[0];
                Map<String, String> meta = new TreeMap<>();
                meta.put("owner", e.getLongUserId() + ":" + e.getLongGroupId() + " " + e.getUserName() + ":" + e.getGroupName());
                meta.put("entry type", Character.toString((char) typeFlag(e)));
                meta.put("size", Long.toString(data.length));
                String link = e.isSymbolicLink() || e.isLink() ? e.getLinkName() : "";
                entries.put(e.getName(), new ContainerEntry(e.getName(), e.getModTime().getTime(), e.getMode() & 07777, meta,
                        link, () -> data));
            }
        } catch (ClearboxException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            if (m.path().isEmpty()) {
                throw new dev.clearbox.core.InvalidInputException(CompareContext.STAGE, m.input(),
                        "not a readable tar archive: " + e.getMessage(), e);
            }
            throw new FormatMismatch("not a readable tar archive: " + e.getMessage(), e);
        }
        return entries;
    }

    private static int typeFlag(TarArchiveEntry e) {
        if (e.isDirectory()) {
            return '5';
        }
        if (e.isSymbolicLink()) {
            return '2';
        }
        if (e.isLink()) {
            return '1';
        }
        return e.isFile() ? '0' : '?';
    }

    private static byte[] readEntry(TarArchiveInputStream tar, String where, CompareContext context) throws IOException {
        return context.readAll(tar, where);
    }
}
