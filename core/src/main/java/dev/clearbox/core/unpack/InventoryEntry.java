package dev.clearbox.core.unpack;

import java.util.Objects;

/**
 * One member of a package.
 *
 * @param path   the member's path with {@code /} separators; members of nested archives are written
 *               {@code lib/agent.jar!/com/acme/Foo.class}
 * @param size   bytes actually extracted (0 for links and special files)
 * @param sha256 lowercase hex SHA-256 of the extracted bytes; {@code null} for links and special files,
 *               which have no content on disk
 * @param type   the kind of content
 * @param detail a human-readable description: class name and version, archive format and whether it was
 *               descended into, link target
 */
public record InventoryEntry(String path, long size, String sha256, EntryType type, String detail) {
    public InventoryEntry {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(detail, "detail");
    }
}
