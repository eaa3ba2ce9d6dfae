package dev.clearbox.core.unpack;

import dev.clearbox.core.ClearboxException;
import dev.clearbox.core.Sha256;
import org.apache.commons.compress.PasswordRequiredException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.CancellationException;
import java.util.function.LongSupplier;
import java.util.zip.CRC32;

/**
 * Streams one entry to a new file, counting the bytes actually produced against the limits and computing
 * the SHA-256, a CRC-32 and the first bytes (for type detection) in the same pass.
 */
final class EntryWriter {
    private static final int BUFFER = 64 * 1024;
    private static final int MAX_LINK_TARGET = 4096;
    private static final int MAX_IDLE_READS = 1000;

    private EntryWriter() {
    }

    record Written(long size, String sha256, byte[] head, long crc) {
    }

    /**
     * @param compressed   bytes of compressed input consumed so far for this entry (for the ratio check)
     * @param expectedSize the size the archive declares, or -1; producing more is a corrupt archive
     * @param reserved     true when the entry's declared size was already counted against the total (zip
     *                     entries, see {@link Budget#reserveDeclared}); false to count bytes as they come
     */
    static Written write(InputStream data, Path target, LongSupplier compressed, Budget budget, String input,
                         long expectedSize, boolean reserved) {
        UnpackLimits limits = budget.limits();
        MessageDigest sha = Sha256.newDigest();
        CRC32 crc = new CRC32();
        byte[] head = new byte[FormatDetector.HEAD_BYTES];
        int headLen = 0;
        long size = 0;
        byte[] buf = new byte[BUFFER];
        try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            int idle = 0;
            for (int n; (n = read(data, buf, input)) >= 0; ) {
                if (n == 0) {
                    stalled(++idle, input);
                    continue;
                }
                idle = 0;
                size += n;
                if (size > limits.maxEntryBytes()) {
                    throw Failures.unsafe(input, "entry-too-large",
                            "entry expands to more than " + limits.maxEntryBytes() + " bytes");
                }
                if (expectedSize >= 0 && size > expectedSize) {
                    throw Failures.corrupt(input, "entry has more bytes than the " + expectedSize
                            + " its header declares");
                }
                if (budget.cancelled()) {
                    throw new CancellationException("unpack cancelled");
                }
                if (!reserved) {
                    budget.addBytes(n, input);
                }
                checkRatio(size, compressed, limits, input);
                sha.update(buf, 0, n);
                crc.update(buf, 0, n);
                if (headLen < head.length) {
                    int k = Math.min(n, head.length - headLen);
                    System.arraycopy(buf, 0, head, headLen, k);
                    headLen += k;
                }
                out.write(buf, 0, n);
            }
        } catch (FileAlreadyExistsException e) {
            throw Failures.unsafe(input, "duplicate-entry", "another entry already wrote this path");
        } catch (IOException e) {
            throw Failures.cannotWrite(input, e);
        }
        return new Written(size, HexFormat.of().formatHex(sha.digest()), Arrays.copyOf(head, headLen), crc.getValue());
    }

    /**
     * Reads an entry that declares {@code size} bytes into memory, checking every limit as {@link #write} does
     * and counting the bytes against the total; fewer or more bytes than declared is a corrupt archive.
     */
    static byte[] readExactly(InputStream data, LongSupplier compressed, Budget budget, String input, int size) {
        UnpackLimits limits = budget.limits();
        if (size > limits.maxEntryBytes()) {
            throw Failures.unsafe(input, "entry-too-large",
                    "entry expands to more than " + limits.maxEntryBytes() + " bytes");
        }
        byte[] bytes = new byte[size];
        int len = 0;
        int idle = 0;
        while (len < size) {
            int n = read(data, bytes, len, Math.min(BUFFER, size - len), input);
            if (n < 0) {
                throw Failures.corrupt(input, "entry has " + len + " bytes but its header declares " + size);
            }
            idle = n == 0 ? idle + 1 : 0;
            stalled(idle, input);
            len += n;
            budget.addBytes(n, input);
            checkRatio(len, compressed, limits, input);
        }
        if (read(data, new byte[1], 0, 1, input) >= 0) {
            throw Failures.corrupt(input, "entry has more bytes than the " + size + " its header declares");
        }
        return bytes;
    }

    /** Reads a link target stored as entry content (zip, cpio, 7z symlinks), bounded. */
    static String readLinkTarget(InputStream data, String input) {
        byte[] buf = new byte[MAX_LINK_TARGET + 1];
        int len = 0;
        int idle = 0;
        for (int n; len < buf.length && (n = read(data, buf, len, buf.length - len, input)) >= 0; ) {
            len += n;
            idle = n == 0 ? idle + 1 : 0;
            stalled(idle, input);
        }
        if (len > MAX_LINK_TARGET) {
            throw Failures.unsafe(input, "link-escape", "symbolic link target is longer than " + MAX_LINK_TARGET + " bytes");
        }
        return new String(buf, 0, len, StandardCharsets.UTF_8);
    }

    /** A decoder that keeps returning 0 bytes without reaching the end would spin forever. */
    private static void stalled(int idleReads, String input) {
        if (idleReads > MAX_IDLE_READS) {
            throw Failures.corrupt(input, "the decoder stopped making progress");
        }
    }

    private static void checkRatio(long size, LongSupplier compressed, UnpackLimits limits, String input) {
        if (size <= UnpackLimits.RATIO_GRACE_BYTES) {
            return;
        }
        long in = Math.max(1, compressed.getAsLong());
        if (size > limits.maxCompressionRatio() * in) {
            throw Failures.unsafe(input, "compression-ratio", "entry expands more than "
                    + limits.maxCompressionRatio() + " times (" + size + " bytes from " + in + ")");
        }
    }

    private static int read(InputStream in, byte[] buf, String input) {
        return read(in, buf, 0, buf.length, input);
    }

    /** Reads from the archive, turning whatever the decoder throws into a Clearbox exception. */
    private static int read(InputStream in, byte[] buf, int off, int len, String input) {
        try {
            return in.read(buf, off, len);
        } catch (PasswordRequiredException e) {
            throw Failures.unsafe(input, "encrypted-entry", "entry is encrypted");
        } catch (ClearboxException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw Failures.corrupt(input, e);
        }
    }
}
