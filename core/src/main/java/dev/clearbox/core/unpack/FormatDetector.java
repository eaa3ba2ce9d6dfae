package dev.clearbox.core.unpack;

import org.apache.commons.compress.archivers.ArchiveException;
import org.apache.commons.compress.archivers.ArchiveStreamFactory;
import org.apache.commons.compress.compressors.CompressorException;
import org.apache.commons.compress.compressors.CompressorStreamFactory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Recognises formats by their magic bytes with Commons Compress's own detectors, run over the first
 * {@link #HEAD_BYTES} bytes of the content. Names are never consulted.
 */
final class FormatDetector {
    /** Enough for every detector, including the tar header checksum at offset 0..511. */
    static final int HEAD_BYTES = 1024;

    private FormatDetector() {
    }

    /** The format of {@code head} (the first bytes of some content), or {@code null} if none is recognised. */
    static Format detect(byte[] head) {
        Format archive = detectArchive(head);
        return archive != null ? archive : detectCompressor(head);
    }

    static Format detect(Path file) throws IOException {
        return detect(head(file));
    }

    /** Archive formats only (used on decompressed content to tell tar.gz from a single gzip file). */
    static Format detectArchive(byte[] head) {
        String name;
        try {
            name = ArchiveStreamFactory.detect(new ByteArrayInputStream(head));
        } catch (ArchiveException | RuntimeException e) {
            return null;
        }
        return switch (name) {
            case ArchiveStreamFactory.ZIP, ArchiveStreamFactory.JAR -> Format.ZIP;
            case ArchiveStreamFactory.TAR -> Format.TAR;
            case ArchiveStreamFactory.SEVEN_Z -> Format.SEVEN_Z;
            case ArchiveStreamFactory.AR -> Format.AR;
            case ArchiveStreamFactory.CPIO -> Format.CPIO;
            default -> null;
        };
    }

    static Format detectCompressor(byte[] head) {
        String name;
        try {
            name = CompressorStreamFactory.detect(new ByteArrayInputStream(head));
        } catch (CompressorException | RuntimeException e) {
            return null;
        }
        return switch (name) {
            case CompressorStreamFactory.GZIP -> Format.GZIP;
            case CompressorStreamFactory.BZIP2 -> Format.BZIP2;
            case CompressorStreamFactory.XZ -> Format.XZ;
            case CompressorStreamFactory.ZSTANDARD -> Format.ZSTD;
            default -> null;
        };
    }

    static byte[] head(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(HEAD_BYTES);
        }
    }

    /** Reads up to {@link #HEAD_BYTES} from a mark-supported stream and resets it. */
    static byte[] peek(InputStream in) throws IOException {
        in.mark(HEAD_BYTES);
        byte[] buf = in.readNBytes(HEAD_BYTES);
        in.reset();
        return Arrays.copyOf(buf, buf.length);
    }
}
