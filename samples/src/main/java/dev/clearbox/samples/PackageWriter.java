package dev.clearbox.samples;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** Writes an update package: a zip with entries in the given order, all with the same fixed time. */
final class PackageWriter {

    /** One file of a package. */
    record Entry(String name, byte[] content) {
    }

    private PackageWriter() {
    }

    static void write(Path zip, List<Entry> entries, Instant time) throws IOException {
        long fields = ZipEntryTimes.fieldsOf(time);
        try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(zip)) {
            for (Entry e : entries) {
                ZipArchiveEntry entry = new ZipArchiveEntry(e.name());
                entry.setTime(fields);
                entry.setMethod(ZipArchiveEntry.DEFLATED);
                out.putArchiveEntry(entry);
                out.write(e.content());
                out.closeArchiveEntry();
            }
        }
    }
}
