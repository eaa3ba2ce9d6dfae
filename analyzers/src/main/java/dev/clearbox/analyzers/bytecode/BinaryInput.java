package dev.clearbox.analyzers.bytecode;

import dev.clearbox.analyzers.bytecode.internal.DirectoryInventory;
import dev.clearbox.core.unpack.InventoryEntry;
import dev.clearbox.core.unpack.PackageInventory;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One thing to analyze: an unpacked package (its inventory and the directory it was extracted into), or
 * a directory of class files and jars.
 *
 * @param name    how findings name it: the package's file name, or the directory's name
 * @param root    the directory holding the entries (for a package, the unpack destination)
 * @param entries the entries, with '/'-separated paths relative to {@code root}; members of jars written
 *                {@code lib/a.jar!/com/acme/A.class} as the unpacker does
 * @param archive true for a package: findings are then named {@code name!/path}; false for a directory,
 *                whose findings are named by their path relative to it
 */
public record BinaryInput(String name, Path root, List<InventoryEntry> entries, boolean archive) {
    public BinaryInput {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(root, "root");
        entries = List.copyOf(entries);
    }

    /** An unpacked package. */
    public static BinaryInput ofPackage(PackageInventory inventory, Path extractedRoot) {
        return new BinaryInput(inventory.packageName(), extractedRoot, inventory.entries(), true);
    }

    /**
     * A directory of class files (and jars, native libraries, resources), classified by content. Jars in
     * it are analyzed as code bases; their members are not unpacked (use the unpack stage for that).
     */
    public static BinaryInput ofDirectory(Path directory) {
        return new BinaryInput(directory.toAbsolutePath().normalize().getFileName() == null ? "/"
                : directory.toAbsolutePath().normalize().getFileName().toString(),
                directory, DirectoryInventory.list(directory), false);
    }

    /** The name findings use for an entry: {@code package.zip!/lib/a.jar} or, for a directory, the path itself. */
    public String displayPath(String entryPath) {
        return archive ? name + "!/" + entryPath : entryPath;
    }
}
