package dev.clearbox.analyzers.bytecode.internal;

import dev.clearbox.core.InvalidInputException;
import dev.clearbox.core.Sha256;
import dev.clearbox.core.Stage;
import dev.clearbox.core.unpack.EntryType;
import dev.clearbox.core.unpack.InventoryEntry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Lists a directory of class files the way the unpacker lists a package: path, size, sha256 and a type from the magic bytes. */
public final class DirectoryInventory {
    private DirectoryInventory() {
    }

    public static List<InventoryEntry> list(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new InvalidInputException(Stage.ANALYZE_BINARY, directory.toString(), "not a directory");
        }
        List<InventoryEntry> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                String path = directory.relativize(file).toString().replace('\\', '/');
                out.add(new InventoryEntry(path, Files.size(file), Sha256.hex(file), type(file), ""));
            }
        } catch (IOException e) {
            throw new InvalidInputException(Stage.ANALYZE_BINARY, directory.toString(), "cannot list: " + e.getMessage(), e);
        }
        out.sort(Comparator.comparing(InventoryEntry::path));
        return out;
    }

    static EntryType type(Path file) throws IOException {
        byte[] head = new byte[8];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        }
        if (n >= 8 && (head[0] & 0xFF) == 0xCA && (head[1] & 0xFF) == 0xFE && (head[2] & 0xFF) == 0xBA
                && (head[3] & 0xFF) == 0xBE) {
            return ((head[6] & 0xFF) << 8 | (head[7] & 0xFF)) >= 45 ? EntryType.CLASS : EntryType.NATIVE_LIBRARY;
        }
        if (n >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            return EntryType.JAR;
        }
        if (n >= 4 && head[0] == 0x7F && head[1] == 'E' && head[2] == 'L' && head[3] == 'F'
                || n >= 2 && head[0] == 'M' && head[1] == 'Z'
                || n >= 4 && isMachO(head)) {
            return EntryType.NATIVE_LIBRARY;
        }
        return EntryType.DATA;
    }

    private static boolean isMachO(byte[] h) {
        int m = (h[0] & 0xFF) << 24 | (h[1] & 0xFF) << 16 | (h[2] & 0xFF) << 8 | (h[3] & 0xFF);
        return m == 0xFEEDFACE || m == 0xCEFAEDFE || m == 0xFEEDFACF || m == 0xCFFAEDFE;
    }
}
