package dev.clearbox.core.compare.internal;

import dev.clearbox.core.ClearboxException;
import dev.clearbox.core.InvalidInputException;
import dev.clearbox.core.UnsafeInputException;
import dev.clearbox.core.compare.DifferenceClass;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Zip, jar, war and other zip-based archives, read with Commons Compress, compared entry by entry by
 * {@link ContainerDiff}. The artifact itself that cannot be read is an error; a nested one falls back to bytes.
 */
final class ZipComparator implements FormatComparator {
    @Override
    public String name() {
        return "zip";
    }

    @Override
    public boolean handles(Member shipped, Member rebuilt) {
        return isZip(shipped) && isZip(rebuilt);
    }

    static boolean isZip(Member m) {
        try {
            byte[] h = m.head(4);
            return h.length == 4 && h[0] == 'P' && h[1] == 'K' && ((h[2] == 3 && h[3] == 4) || (h[2] == 5 && h[3] == 6));
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void compare(Member shipped, Member rebuilt, CompareContext context) throws IOException, FormatMismatch {
        if (context.depth() > context.options().maxDepth()) {
            DepthLimit.report(shipped, context, "zip");
            return;
        }
        try (ZipFile s = open(shipped); ZipFile r = open(rebuilt)) {
            ZipStructure.check(shipped, s, "shipped", context);
            ZipStructure.check(rebuilt, r, "rebuilt", context);
            ContainerDiff.compare(shipped, rebuilt, entries(shipped, s, context), entries(rebuilt, r, context), context, "zip");
        }
    }

    private static ZipFile open(Member m) throws FormatMismatch {
        try {
            return m.file() != null ? ZipFile.builder().setPath(m.file()).get()
                    : ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(m.data())).get();
        } catch (IOException | RuntimeException e) {
            throw unreadable(m, e);
        }
    }

    private static FormatMismatch unreadable(Member m, Exception e) {
        if (e instanceof ClearboxException ce) {
            throw ce;
        }
        String problem = "not a readable zip archive: " + e.getMessage();
        if (m.path().isEmpty()) {
            throw new InvalidInputException(CompareContext.STAGE, m.input(), problem, e);
        }
        return new FormatMismatch(problem, e);
    }

    private static Map<String, ContainerEntry> entries(Member m, ZipFile zip, CompareContext context) throws FormatMismatch {
        Map<String, ContainerEntry> entries = new LinkedHashMap<>();
        try {
            for (ZipArchiveEntry e : Collections.list(zip.getEntriesInPhysicalOrder())) {
                String where = m.display() + "!/" + e.getName();
                if (entries.containsKey(e.getName())) {
                    throw new UnsafeInputException(CompareContext.STAGE, where, "duplicate-entry",
                            "the archive holds two entries with this name");
                }
                if (!zip.canReadEntryData(e)) {
                    throw new InvalidInputException(CompareContext.STAGE, where,
                            "entry data cannot be read (encrypted or unsupported compression)");
                }
                int mode = e.getPlatform() == ZipArchiveEntry.PLATFORM_UNIX ? e.getUnixMode() & 07777 : -1;
                entries.put(e.getName(), new ContainerEntry(e.getName(), e.getTime(), mode, metadata(e), "",
                        () -> read(zip, e, where, context)));
            }
        } catch (RuntimeException e) {
            throw unreadable(m, e);
        }
        return entries;
    }

    private static Map<String, String> metadata(ZipArchiveEntry e) {
        Map<String, String> m = new TreeMap<>();
        m.put("compression method", Integer.toString(e.getMethod()));
        m.put("compressed size", Long.toString(e.getCompressedSize()));
        m.put("extra fields", HexFormat.of().formatHex(e.getExtra()) + "/" + HexFormat.of().formatHex(e.getCentralDirectoryExtra()));
        m.put("entry comment", e.getComment() == null ? "" : e.getComment());
        m.put("creator version and platform", e.getVersionMadeBy() + "/" + e.getPlatform());
        m.put("external attributes", Long.toString(e.getPlatform() == ZipArchiveEntry.PLATFORM_UNIX
                ? e.getExternalAttributes() & 0xFFFF : e.getExternalAttributes()));
        return m;
    }

    private static byte[] read(ZipFile zip, ZipArchiveEntry e, String where, CompareContext context) throws IOException {
        try (InputStream in = zip.getInputStream(e)) {
            return context.readAll(in, where);
        } catch (ClearboxException x) {
            throw x;
        } catch (IOException | RuntimeException x) {
            throw new InvalidInputException(CompareContext.STAGE, where, "entry cannot be read: " + x.getMessage(), x);
        }
    }

    /** The differences nested below the depth limit. */
    static final class DepthLimit {
        private DepthLimit() {
        }

        static void report(Member shipped, CompareContext context, String format) {
            context.report(shipped.path(), DifferenceClass.DEPTH_LIMIT_REACHED, "the nested " + format + " archive "
                    + shipped.path() + " differs but lies at depth " + context.depth() + ", beyond the limit of "
                    + context.options().maxDepth() + ", so it was not opened", List.of());
        }
    }
}
