package dev.clearbox.core.unpack;

import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.ArchiveInputStream;
import org.apache.commons.compress.archivers.ar.ArArchiveInputStream;
import org.apache.commons.compress.archivers.cpio.CpioArchiveEntry;
import org.apache.commons.compress.archivers.cpio.CpioArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongSupplier;

/** Reads the streamed archive formats: tar, ar and cpio, compressed or not. */
final class StreamArchiveReader {
    /** The inventory name of a GNU ar symbol table. */
    static final String AR_SYMBOL_TABLE = "ar-symbol-table";

    private StreamArchiveReader() {
    }

    /**
     * @param consumed bytes read so far from the file on disk, so each entry's compressed share can be measured
     */
    static void read(InputStream in, Format format, Extraction into, LongSupplier consumed) throws IOException {
        ArchiveInputStream<? extends ArchiveEntry> archive = switch (format) {
            case TAR -> new TarArchiveInputStream(in);
            case AR -> new ArArchiveInputStream(in);
            case CPIO -> new CpioArchiveInputStream(in);
            default -> throw new IllegalArgumentException("not a stream archive: " + format);
        };
        ArchiveEntry entry;
        while ((entry = archive.getNextEntry()) != null) {
            String name = entry.getName();
            if (entry instanceof TarArchiveEntry tar) {
                readTar(archive, tar, into, consumed);
            } else if (entry instanceof CpioArchiveEntry cpio) {
                readCpio(archive, cpio, into, consumed);
            } else {
                readFile(archive, entry, arName(name), into, consumed);
            }
        }
    }

    /**
     * GNU ar's symbol tables ({@code /} and {@code /SYM64/}) come back unnamed or absolute; give them a name.
     * BSD ar (macOS {@code ar}, {@code ranlib}) pads long names ({@code #1/N}) with NUL bytes, as in
     * {@code __.SYMDEF SORTED\0\0\0\0}: trailing NULs are padding and are dropped (a NUL inside a name is still
     * refused).
     */
    static String arName(String name) {
        if (name == null || name.isEmpty() || name.equals("/") || name.startsWith("/SYM64")) {
            return AR_SYMBOL_TABLE;
        }
        int end = name.length();
        while (end > 0 && name.charAt(end - 1) == '\0') {
            end--;
        }
        return end == 0 ? AR_SYMBOL_TABLE : name.substring(0, end);
    }

    private static void readTar(ArchiveInputStream<?> archive, TarArchiveEntry e, Extraction into, LongSupplier consumed) {
        String name = e.getName();
        if (e.isSymbolicLink()) {
            into.link(name, e.getLinkName(), false);
        } else if (e.isLink()) {
            into.link(name, e.getLinkName(), true);
        } else if (e.isDirectory()) {
            into.directory(name);
        } else if (e.isCharacterDevice() || e.isBlockDevice() || e.isFIFO()) {
            into.special(name, e.isFIFO() ? "FIFO" : e.isCharacterDevice() ? "character device" : "block device");
        } else {
            readFile(archive, e, name, into, consumed);
        }
    }

    private static void readCpio(ArchiveInputStream<?> archive, CpioArchiveEntry e, Extraction into,
                                 LongSupplier consumed) {
        String name = e.getName();
        if (e.isSymbolicLink()) {
            into.link(name, EntryWriter.readLinkTarget(archive, into.inputOf(name)), false);
        } else if (e.isDirectory()) {
            into.directory(name);
        } else if (e.isRegularFile()) {
            readFile(archive, e, name, into, consumed);
        } else {
            into.special(name, "cpio special file (mode " + Long.toOctalString(e.getMode()) + ")");
        }
    }

    private static void readFile(ArchiveInputStream<?> archive, ArchiveEntry e, String name, Extraction into,
                                 LongSupplier consumed) {
        if (!archive.canReadEntryData(e)) {
            throw Failures.corrupt(into.inputOf(name), "entry uses a feature Commons Compress cannot read");
        }
        long start = consumed.getAsLong();
        boolean sparse = e instanceof TarArchiveEntry tar && (tar.isSparse() || tar.isPaxGNUSparse());
        long expected = sparse ? -1 : e.getSize();
        into.file(name, archive, () -> consumed.getAsLong() - start, expected, -1);
    }
}
