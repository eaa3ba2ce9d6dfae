package dev.clearbox.core.io;

import dev.clearbox.core.InvalidInputException;
import dev.clearbox.core.Stage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The one way Clearbox reads a file it was given (manifest, .buildspec, capability model, keys, envelope,
 * keyring, allowed-signers file) or checks one it will stream (update packages): the path must name a regular
 * file (after following symbolic links) — never a FIFO, device, socket or directory, which could block a read
 * forever or never end — and the file must be no larger than a cap. The check comes before the file is opened,
 * and the read itself stops after {@code cap + 1} bytes, so a file that grows in between is still refused.
 *
 * <p>Every refusal is an {@link InvalidInputException} naming the file, never its content.
 */
public final class InputFiles {
    private InputFiles() {
    }

    /**
     * Reads all of {@code file}.
     *
     * @param maxBytes the largest size accepted
     * @param stage    the stage named in errors
     * @param what     what the file should be, for the size error: {@code "session manifest"}, {@code "PEM key file"}
     * @throws InvalidInputException when it is missing, not a regular file, larger than {@code maxBytes} or unreadable
     */
    public static byte[] read(Path file, long maxBytes, Stage stage, String what) {
        if (maxBytes < 0 || maxBytes >= Integer.MAX_VALUE) {
            throw new IllegalArgumentException("cap out of range: " + maxBytes);
        }
        requireRegularFile(file, maxBytes, stage, what);
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes((int) maxBytes + 1);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(stage, file.toString(), "no such file");
        } catch (IOException e) {
            throw new InvalidInputException(stage, file.toString(), "cannot read: " + reason(e), e);
        }
        if (bytes.length > maxBytes) {
            throw tooLarge(file, maxBytes, stage, what);
        }
        return bytes;
    }

    /**
     * Checks that {@code file} is a regular file no larger than {@code maxBytes}, without reading it (for files
     * that are streamed, such as update packages); returns its size.
     */
    public static long requireRegularFile(Path file, long maxBytes, Stage stage, String what) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(stage, file.toString(), "no such file");
        } catch (IOException e) {
            throw new InvalidInputException(stage, file.toString(), "cannot read: " + reason(e), e);
        }
        if (!attributes.isRegularFile()) {
            throw new InvalidInputException(stage, file.toString(),
                    "not a regular file (" + kind(file, attributes) + "); refusing to read it");
        }
        if (attributes.size() > maxBytes) {
            throw tooLarge(file, maxBytes, stage, what);
        }
        return attributes.size();
    }

    private static InvalidInputException tooLarge(Path file, long maxBytes, Stage stage, String what) {
        return new InvalidInputException(stage, file.toString(), "larger than " + maxBytes + " bytes, the limit for a " + what);
    }

    /** What a non-regular file is, in words; from the POSIX file type where the platform tells it. */
    static String kind(Path file, BasicFileAttributes attributes) {
        if (attributes.isDirectory()) {
            return "a directory";
        }
        try {
            if (Files.getAttribute(file, "unix:mode") instanceof Integer mode) {
                return switch (mode & 0170000) {
                    case 0010000 -> "a FIFO";
                    case 0020000 -> "a character device";
                    case 0060000 -> "a block device";
                    case 0140000 -> "a socket";
                    default -> "a special file";
                };
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            // no unix view: say what every platform can tell
        }
        return "a device, FIFO or socket";
    }

    /** Why the system could not read it: its reason, not the exception's message (which repeats the path). */
    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException f && f.getReason() != null && !f.getReason().isBlank()) {
            return f.getReason().replaceAll("\\s+", " ").strip();
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName()
                : message.replaceAll("\\s+", " ").strip();
    }
}
