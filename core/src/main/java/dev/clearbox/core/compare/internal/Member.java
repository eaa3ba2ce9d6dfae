package dev.clearbox.core.compare.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * One side of a pair being compared: the artifact itself (a file) or an entry of an archive (bytes in memory).
 *
 * @param path  the nested path shown to people ({@code ""} for the artifact itself)
 * @param name  the entry's own name inside its container (the file name for the artifact), used to pick a comparator
 * @param input the name of the outermost input, for error messages
 * @param file  the file, for the artifact itself; otherwise null
 * @param data  the bytes, for an archive entry; otherwise null
 */
public record Member(String path, String name, String input, Path file, byte[] data) {
    public static Member ofFile(String input, Path file) {
        return new Member("", file.getFileName() == null ? "" : file.getFileName().toString(), input, file, null);
    }

    public static Member ofEntry(Member container, String entryName, byte[] data) {
        String path = container.path.isEmpty() ? entryName : container.path + "!/" + entryName;
        return new Member(path, entryName, container.input, null, data);
    }

    /** The member's bytes (read from disk for the artifact itself). */
    public byte[] bytes() throws IOException {
        return data != null ? data : Files.readAllBytes(file);
    }

    /** Up to {@code n} first bytes. */
    public byte[] head(int n) throws IOException {
        if (data != null) {
            return Arrays.copyOf(data, Math.min(n, data.length));
        }
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(n);
        }
    }

    public InputStream open() throws IOException {
        return data != null ? new java.io.ByteArrayInputStream(data) : Files.newInputStream(file);
    }

    /** The name shown in messages about this member: its nested path, or the input for the artifact itself. */
    public String display() {
        return path.isEmpty() ? input : input + "!/" + path;
    }

    /** The lower-cased file name (last path segment). */
    public String fileName() {
        int slash = name.lastIndexOf('/');
        return name.substring(slash + 1).toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Member m && m.path.equals(path) && m.name.equals(name);
    }

    @Override
    public int hashCode() {
        return path.hashCode() * 31 + name.hashCode();
    }

    @Override
    public String toString() {
        return "Member[" + display() + "]";
    }
}
