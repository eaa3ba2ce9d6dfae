package dev.clearbox.core.unpack;

import com.fasterxml.jackson.annotation.JsonInclude;

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
 * @param jar    for a {@link EntryType#JAR}: its identity (Maven metadata, manifest) and signature status;
 *               {@code null} for every other type (and omitted from JSON)
 */
public record InventoryEntry(String path, long size, String sha256, EntryType type, String detail,
                             @JsonInclude(JsonInclude.Include.NON_NULL) JarInfo jar) {
    public InventoryEntry {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(detail, "detail");
    }

    /** An entry that is not a jar, or a jar that was not inspected. */
    public InventoryEntry(String path, long size, String sha256, EntryType type, String detail) {
        this(path, size, sha256, type, detail, null);
    }
}
