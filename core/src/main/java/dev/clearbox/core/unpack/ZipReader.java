package dev.clearbox.core.unpack;

import org.apache.commons.compress.archivers.zip.GeneralPurposeBit;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.InputStreamStatistics;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipEntry;

/**
 * Reads zip, jar, war and ear files with {@link ZipFile}: the central directory is authoritative, and each
 * entry's local header must agree with it (name and compression method) and must not overlap another entry.
 */
final class ZipReader {
    private static final int LFH_SIG = 0x04034b50;
    private static final int LFH_LEN = 30;
    private static final int INFLATE_BUFFER = 64 * 1024;

    private ZipReader() {
    }

    static void read(Path file, Extraction into) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
             ZipFile zip = ZipFile.builder().setSeekableByteChannel(channel).get()) {
            List<ZipArchiveEntry> entries = Collections.list(zip.getEntriesInPhysicalOrder());
            into.budget().checkDeclaredEntries(entries.size(), into.archiveInput());
            checkLocalHeaders(channel, entries, into);
            checkOverlaps(entries, into);
            long declared = 0;
            for (ZipArchiveEntry e : entries) {
                if (isFile(e) && e.getSize() > 0) {
                    declared += e.getSize();
                }
            }
            into.budget().reserveDeclared(declared, into.archiveInput());
            // Names, links and directories are settled here in order while workers inflate the files;
            // the files are then finished in order too.
            for (ZipArchiveEntry e : entries) {
                readEntry(zip, e, into);
            }
            into.finishPending(); // before the zip is closed
        }
    }

    private static boolean isFile(ZipArchiveEntry e) {
        return !e.isDirectory() && !e.isUnixSymlink();
    }

    /** Handles a directory or link at once; a file is handed to a worker. */
    private static void readEntry(ZipFile zip, ZipArchiveEntry e, Extraction into) throws IOException {
        String name = e.getName();
        String input = into.inputOf(name);
        GeneralPurposeBit gpb = e.getGeneralPurposeBit();
        if (gpb.usesEncryption() || gpb.usesStrongEncryption()) {
            throw Failures.unsafe(input, "encrypted-entry", "entry is encrypted");
        }
        if (e.isUnixSymlink()) {
            try (InputStream in = zip.getInputStream(e)) {
                into.link(name, EntryWriter.readLinkTarget(in, input), false);
            }
            return;
        }
        if (e.isDirectory()) {
            into.directory(name);
            return;
        }
        if (!zip.canReadEntryData(e)) {
            throw Failures.corrupt(input, "unsupported compression method " + e.getMethod());
        }
        if (e.getSize() < 0) { // never from a central directory, but then its bytes are counted as they come
            try (Extraction.Opened o = open(zip, e)) {
                into.file(name, o.data(), o.compressed(), -1, e.getCrc());
            }
            return;
        }
        into.fileLater(name, () -> open(zip, e), e.getSize(), e.getCrc());
    }

    /** An entry's bytes; safe on any thread, since {@link ZipFile} reads a file channel by position. */
    private static Extraction.Opened open(ZipFile zip, ZipArchiveEntry e) throws IOException {
        if (e.getMethod() == ZipEntry.DEFLATED) {
            return inflated(zip, e);
        }
        InputStream in = zip.getInputStream(e);
        LongSupplier compressed = in instanceof InputStreamStatistics stats
                ? stats::getCompressedCount
                : () -> Math.max(0, e.getCompressedSize());
        return new Extraction.Opened(in, compressed);
    }

    /**
     * Deflated entries (nearly all of them) are inflated here from the raw compressed bytes with a 64 KiB input
     * buffer: Commons Compress's own stream feeds the inflater 512 bytes at a time, which costs a native call per
     * 512 bytes. The raw stream is bounded by the central directory's compressed size, and the bytes taken from
     * it are the compressed side of the ratio check.
     */
    private static Extraction.Opened inflated(ZipFile zip, ZipArchiveEntry e) throws IOException {
        Inflater inflater = new Inflater(true);
        ArchiveOpener.CountingInputStream raw = new ArchiveOpener.CountingInputStream(zip.getRawInputStream(e));
        // nowrap inflation wants one extra byte after the data (see Inflater's documentation)
        InputStream in = new InflaterInputStream(new SequenceInputStream(raw, new ByteArrayInputStream(new byte[1])),
                inflater, INFLATE_BUFFER) {
            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    inflater.end();
                }
            }
        };
        return new Extraction.Opened(in, raw::count);
    }

    /** The local header of every entry must carry the central directory's name and compression method. */
    private static void checkLocalHeaders(FileChannel channel, List<ZipArchiveEntry> entries, Extraction into)
            throws IOException {
        for (ZipArchiveEntry e : entries) {
            String input = into.inputOf(e.getName());
            ByteBuffer header = ByteBuffer.allocate(LFH_LEN).order(ByteOrder.LITTLE_ENDIAN);
            readFully(channel, header, e.getLocalHeaderOffset(), input);
            int nameLength = header.getShort(26) & 0xFFFF;
            ByteBuffer name = ByteBuffer.allocate(nameLength);
            readFully(channel, name, e.getLocalHeaderOffset() + LFH_LEN, input);
            boolean same = header.getInt(0) == LFH_SIG
                    && (header.getShort(8) & 0xFFFF) == e.getMethod()
                    && Arrays.equals(name.array(), e.getRawName());
            if (!same) {
                throw Failures.unsafe(input, "header-mismatch",
                        "the entry's local header disagrees with the central directory");
            }
        }
    }

    /** Refuses entries whose data ranges overlap (the overlapping-files zip bomb). */
    private static void checkOverlaps(List<ZipArchiveEntry> entries, Extraction into) {
        List<ZipArchiveEntry> byOffset = new ArrayList<>(entries);
        byOffset.sort(Comparator.comparingLong(ZipArchiveEntry::getLocalHeaderOffset));
        for (int i = 0; i + 1 < byOffset.size(); i++) {
            ZipArchiveEntry e = byOffset.get(i);
            long end = e.getDataOffset() + Math.max(0, e.getCompressedSize());
            if (e.getDataOffset() < 0 || end > byOffset.get(i + 1).getLocalHeaderOffset()) {
                throw Failures.unsafe(into.inputOf(byOffset.get(i + 1).getName()), "overlapping-entries",
                        "the entry's data overlaps another entry");
            }
        }
    }

    private static void readFully(FileChannel channel, ByteBuffer buf, long position, String input) throws IOException {
        long pos = position;
        while (buf.hasRemaining()) {
            int n = channel.read(buf, pos);
            if (n < 0) {
                throw Failures.corrupt(input, "local header lies beyond the end of the file");
            }
            pos += n;
        }
    }
}
