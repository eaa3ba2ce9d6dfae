package dev.clearbox.core.unpack;

import dev.clearbox.core.ClearboxException;
import org.apache.commons.compress.PasswordRequiredException;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Opens one archive file (the package or a nested archive already extracted) in its detected format and
 * feeds its members to an {@link Extraction}. Every exception a decoder throws becomes a Clearbox exception
 * naming this archive.
 */
final class ArchiveOpener {
    /** Memory the xz decoder may use (xz -9 needs about 65 MiB). */
    static final int XZ_MEMORY_LIMIT_KIB = 256 * 1024;

    private ArchiveOpener() {
    }

    /**
     * @param ownName the archive's own file name, used to name the single member of a compressed file
     * @return the format as shown in the inventory: {@code zip}, {@code tar.gz}, {@code gzip}, ...
     */
    static String open(Path file, Format format, Extraction into, String ownName) {
        try {
            String shown = switch (format) {
                case ZIP -> {
                    ZipReader.read(file, into);
                    yield format.id();
                }
                case SEVEN_Z -> {
                    SevenZReader.read(file, into, stripSuffix(ownName));
                    yield format.id();
                }
                default -> openStream(file, format, into, ownName);
            };
            into.finishPending();
            return shown;
        } catch (PasswordRequiredException e) {
            throw Failures.unsafe(into.archiveInput(), "encrypted-entry", "archive is encrypted");
        } catch (ClearboxException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw Failures.corrupt(into.archiveInput(), e);
        }
    }

    private static String openStream(Path file, Format format, Extraction into, String ownName) throws IOException {
        try (CountingInputStream counted = new CountingInputStream(Files.newInputStream(file))) {
            InputStream raw = new BufferedInputStream(counted, 64 * 1024);
            if (!format.isCompressor()) {
                StreamArchiveReader.read(raw, format, into, counted::count);
                return format.id();
            }
            try (ReadAheadInputStream ahead = new ReadAheadInputStream(decompressor(format, raw), counted::count,
                    "clearbox-unpack-" + format.id())) {
                InputStream decompressed = new BufferedInputStream(ahead, 64 * 1024);
                Format inner = FormatDetector.detectArchive(FormatDetector.peek(decompressed));
                if (inner == Format.TAR || inner == Format.AR || inner == Format.CPIO) {
                    StreamArchiveReader.read(decompressed, inner, into, ahead::compressedConsumed);
                    return inner.id() + "." + format.suffix();
                }
                into.file(stripSuffix(ownName), decompressed, ahead::compressedConsumed, -1, -1);
                return format.id();
            }
        }
    }

    static InputStream decompressor(Format format, InputStream in) throws IOException {
        return switch (format) {
            case GZIP -> GzipCompressorInputStream.builder().setInputStream(in).setDecompressConcatenated(true).get();
            case BZIP2 -> new BZip2CompressorInputStream(in, true);
            case XZ -> XZCompressorInputStream.builder().setInputStream(in).setDecompressConcatenated(true)
                    .setMemoryLimitKiB(XZ_MEMORY_LIMIT_KIB).get();
            case ZSTD -> new ZstdCompressorInputStream(in);
            default -> throw new IllegalArgumentException("not a compressor: " + format);
        };
    }

    /** {@code app.tar.gz -> app.tar}, {@code app.tgz -> app.tar}, {@code data.xz -> data}; otherwise unchanged. */
    static String stripSuffix(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (String tarAlias : new String[] {".tgz", ".tbz2", ".tbz", ".txz", ".tzst"}) {
            if (lower.endsWith(tarAlias) && lower.length() > tarAlias.length()) {
                return name.substring(0, name.length() - tarAlias.length()) + ".tar";
            }
        }
        for (String suffix : new String[] {".gz", ".gzip", ".bz2", ".xz", ".zst", ".zstd", ".7z"}) {
            if (lower.endsWith(suffix) && lower.length() > suffix.length()) {
                return name.substring(0, name.length() - suffix.length());
            }
        }
        return name;
    }

    /** Counts bytes read from the underlying file: the compressed side of the ratio check. */
    static final class CountingInputStream extends FilterInputStream {
        private volatile long count; // written by the decompressing thread, read by the extracting one

        CountingInputStream(InputStream in) {
            super(in);
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long k = super.skip(n);
            count += Math.max(0, k);
            return k;
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}
