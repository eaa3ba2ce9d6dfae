package dev.clearbox.core.compare.internal;

import dev.clearbox.core.VisibleText;
import dev.clearbox.core.compare.DifferenceClass;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipFile;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Whether a zip archive is the same archive to every reader. A zip has two tables of contents: the local header
 * before each entry's data, which streaming readers ({@code ZipInputStream}, {@code ZipArchiveInputStream}, many
 * installers) follow, and the central directory at the end, which {@code java.util.zip.ZipFile} and the JVM's class
 * loader read. A vendor can make them disagree, or hide bytes between and around entries, so that the jar an
 * auditor's tool compares is not the jar the product loads. This check reads the archive both ways with Commons
 * Compress ({@link ZipFile} for the central directory, {@link ZipArchiveInputStream} for the local headers) and
 * reports, as substantive differences:
 *
 * <ul>
 *   <li>{@link DifferenceClass#ZIP_HEADER_MISMATCH}: the two views do not list the same entries in the same order
 *       with the same name, compression method, sizes and CRC;</li>
 *   <li>{@link DifferenceClass#ZIP_DATA_OUTSIDE_ENTRIES}: bytes before the first entry, between entries, between the
 *       last entry and the central directory, or after the end-of-central-directory record and its comment.</li>
 * </ul>
 *
 * Only the fixed end-of-central-directory record is read directly (to learn where the central directory starts and
 * whether anything follows it); everything else is Commons Compress's reading.
 */
final class ZipStructure {
    private static final int EOCD_SIGNATURE = 0x06054b50;
    private static final int EOCD_LENGTH = 22;
    private static final int MAX_COMMENT = 0xFFFF;
    private static final int MAX_REPORTED = 5;

    private ZipStructure() {
    }

    /** Reports what is wrong with {@code m}'s structure, as differences of the pair at the member's path. */
    static void check(Member m, ZipFile central, String side, CompareContext context) throws IOException {
        List<String> problems = new ArrayList<>();
        List<ZipArchiveEntry> entries = Collections.list(central.getEntriesInPhysicalOrder());
        headersAgree(m, entries, problems, context);
        if (!problems.isEmpty()) {
            context.report(m.path(), DifferenceClass.ZIP_HEADER_MISMATCH, "the " + side + " archive's local headers and its "
                    + "central directory disagree, so streaming readers and the JVM see different contents: "
                    + summary(problems), capped(problems));
        }
        List<String> outside = new ArrayList<>();
        dataOutsideEntries(m, central, entries, outside);
        if (!outside.isEmpty()) {
            context.report(m.path(), DifferenceClass.ZIP_DATA_OUTSIDE_ENTRIES, "the " + side + " archive holds data outside "
                    + "any entry: " + summary(outside), capped(outside));
        }
    }

    private static void headersAgree(Member m, List<ZipArchiveEntry> entries, List<String> problems, CompareContext context)
            throws IOException {
        Charged sink = new Charged(context, m.display());
        int i = 0;
        try (InputStream raw = m.open();
             ZipArchiveInputStream stream = new ZipArchiveInputStream(new BufferedInputStream(raw), "UTF-8", true, true)) {
            ZipArchiveEntry local;
            while ((local = stream.getNextEntry()) != null) {
                long crcLen = stream.transferTo(sink);
                if (i >= entries.size()) {
                    problems.add("local header " + (i + 1) + " '" + VisibleText.oneLine(local.getName())
                            + "' has no central directory entry");
                    i++;
                    continue;
                }
                ZipArchiveEntry c = entries.get(i++);
                String at = "entry " + i + " '" + VisibleText.oneLine(c.getName()) + "'";
                if (!Arrays.equals(local.getRawName(), c.getRawName())) {
                    problems.add(at + ": the local header names it '" + VisibleText.oneLine(local.getName()) + "'");
                }
                if (local.getMethod() != c.getMethod()) {
                    problems.add(at + ": compression method " + local.getMethod() + " in the local header, "
                            + c.getMethod() + " in the central directory");
                }
                if (crcLen != c.getSize()) {
                    problems.add(at + ": " + crcLen + " bytes when streamed, " + c.getSize() + " in the central directory");
                }
                if (local.getCrc() != -1 && local.getCrc() != c.getCrc()) {
                    problems.add(at + ": CRC " + Long.toHexString(local.getCrc()) + " in the local header, "
                            + Long.toHexString(c.getCrc()) + " in the central directory");
                }
                if (local.getCompressedSize() != -1 && local.getCompressedSize() != c.getCompressedSize()) {
                    problems.add(at + ": compressed size " + local.getCompressedSize() + " in the local header, "
                            + c.getCompressedSize() + " in the central directory");
                }
            }
        } catch (dev.clearbox.core.ClearboxException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            problems.add("the local headers cannot be read in sequence after entry " + i + ": " + VisibleText.oneLine(
                    String.valueOf(e.getMessage()), 200));
            return;
        }
        if (i < entries.size()) {
            problems.add((entries.size() - i) + " central directory entries have no local header in sequence (first: '"
                    + VisibleText.oneLine(entries.get(i).getName()) + "')");
        }
    }

    private static void dataOutsideEntries(Member m, ZipFile central, List<ZipArchiveEntry> entries, List<String> out)
            throws IOException {
        long first = central.getFirstLocalFileHeaderOffset();
        if (first > 0) {
            out.add(first + " bytes before the first entry");
        }
        long end = first;
        for (ZipArchiveEntry e : entries) {
            long start = e.getLocalHeaderOffset();
            if (start > end && end >= 0) {
                out.add((start - end) + " bytes before entry '" + VisibleText.oneLine(e.getName()) + "'");
            }
            end = e.getDataOffset() + e.getCompressedSize() + descriptorLength(m, e);
        }
        long[] eocd = endOfCentralDirectory(m);
        if (eocd == null) {
            return; // Commons Compress read a central directory; without a plain record (zip64 only) the ends are not checked
        }
        long cdStart = eocd[1];
        if (cdStart != 0xFFFFFFFFL && cdStart > end) {
            out.add((cdStart - end) + " bytes between the last entry and the central directory");
        }
        if (eocd[2] > 0) {
            out.add(eocd[2] + " bytes after the end of the central directory");
        }
    }

    /** The data descriptor after an entry's data, when its header says there is one: with or without its signature. */
    private static long descriptorLength(Member m, ZipArchiveEntry e) throws IOException {
        if (!e.getGeneralPurposeBit().usesDataDescriptor()) {
            return 0;
        }
        boolean zip64 = e.getCompressedSize() >= 0xFFFFFFFFL || e.getSize() >= 0xFFFFFFFFL;
        long at = e.getDataOffset() + e.getCompressedSize();
        byte[] sig = read(m, at, 4);
        boolean signed = sig.length == 4 && ByteBuffer.wrap(sig).order(ByteOrder.LITTLE_ENDIAN).getInt() == 0x08074b50;
        return (signed ? 4 : 0) + (zip64 ? 20 : 12);
    }

    /**
     * {offset of the record, central directory start, bytes after the record and its comment}, from the last
     * end-of-central-directory record whose comment length fits; null when there is none.
     */
    private static long[] endOfCentralDirectory(Member m) throws IOException {
        long size = m.data() != null ? m.data().length : Files.size(m.file());
        int tail = (int) Math.min(size, EOCD_LENGTH + MAX_COMMENT + 64L * 1024);
        byte[] b = read(m, size - tail, tail);
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = b.length - EOCD_LENGTH; i >= 0; i--) {
            if (buf.getInt(i) == EOCD_SIGNATURE) {
                long recordEnd = (size - tail) + i + EOCD_LENGTH + (buf.getShort(i + 20) & 0xFFFF);
                if (recordEnd <= size) {
                    return new long[] {(size - tail) + i, buf.getInt(i + 16) & 0xFFFFFFFFL, size - recordEnd};
                }
            }
        }
        return null;
    }

    private static byte[] read(Member m, long offset, int length) throws IOException {
        if (m.data() != null) {
            int from = (int) Math.max(0, Math.min(offset, m.data().length));
            return Arrays.copyOfRange(m.data(), from, (int) Math.min(m.data().length, from + (long) length));
        }
        try (SeekableByteChannel ch = Files.newByteChannel(m.file(), StandardOpenOption.READ)) {
            ch.position(Math.max(0, offset));
            ByteBuffer buf = ByteBuffer.allocate(length);
            while (buf.hasRemaining() && ch.read(buf) > 0) {
                // read on
            }
            return Arrays.copyOf(buf.array(), buf.position());
        }
    }

    private static String summary(List<String> problems) {
        return problems.get(0) + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : "");
    }

    private static List<String> capped(List<String> problems) {
        return problems.size() <= MAX_REPORTED ? List.copyOf(problems) : List.copyOf(problems.subList(0, MAX_REPORTED));
    }

    /** Discards the streamed entry data, charging it to the comparison's byte budget so that a bomb stops early. */
    private static final class Charged extends java.io.OutputStream {
        private final CompareContext context;
        private final String input;

        Charged(CompareContext context, String input) {
            this.context = context;
            this.input = input;
        }

        @Override
        public void write(int b) {
            context.charge(input, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            context.charge(input, len);
        }
    }
}
