package dev.clearbox.core.unpack;

import org.apache.commons.compress.archivers.sevenz.SevenZArchiveEntry;
import org.apache.commons.compress.archivers.sevenz.SevenZFile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/** Reads 7z archives with {@link SevenZFile} (which verifies each entry's CRC itself). */
final class SevenZReader {
    /** Memory the 7z decoders may use. */
    static final int MEMORY_LIMIT_KIB = 256 * 1024;
    private static final int UNIX_EXTENSION = 0x8000;
    private static final int S_IFMT = 0170000;
    private static final int S_IFLNK = 0120000;

    private SevenZReader() {
    }

    static void read(Path file, Extraction into, String defaultName) throws IOException {
        try (SevenZFile archive = SevenZFile.builder().setPath(file).setMaxMemoryLimitKiB(MEMORY_LIMIT_KIB).get()) {
            long declared = 0;
            for (SevenZArchiveEntry ignored : archive.getEntries()) {
                declared++;
            }
            into.budget().checkDeclaredEntries(declared, into.archiveInput());
            SevenZArchiveEntry e;
            while ((e = archive.getNextEntry()) != null) {
                String name = e.getName() != null ? e.getName() : defaultName;
                InputStream data = new EntryStream(archive);
                if (e.isAntiItem()) {
                    into.special(name, "7z anti-item (deletion marker)");
                } else if (e.isDirectory()) {
                    into.directory(name);
                } else if (isSymlink(e)) {
                    into.link(name, EntryWriter.readLinkTarget(data, into.inputOf(name)), false);
                } else {
                    into.file(name, data, () -> archive.getStatisticsForCurrentEntry().getCompressedCount(),
                            e.hasStream() ? e.getSize() : 0, -1);
                }
            }
        }
    }

    /** p7zip stores Unix mode bits in the high half of the attributes, flagged by 0x8000. */
    private static boolean isSymlink(SevenZArchiveEntry e) {
        if (!e.getHasWindowsAttributes()) {
            return false;
        }
        int attributes = e.getWindowsAttributes();
        return (attributes & UNIX_EXTENSION) != 0 && ((attributes >>> 16) & S_IFMT) == S_IFLNK;
    }

    /** The current entry's bytes. */
    private static final class EntryStream extends InputStream {
        private final SevenZFile archive;

        EntryStream(SevenZFile archive) {
            this.archive = archive;
        }

        @Override
        public int read() throws IOException {
            return archive.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return archive.read(b, off, len);
        }
    }
}
