package dev.clearbox.core.unpack;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Objects;

/**
 * The result of unpacking one package: what it is and every member found, nested members included.
 *
 * @param packageName the package's file name
 * @param size        the package's size in bytes
 * @param sha256      the package's SHA-256, lowercase hex
 * @param format      the package's format as detected from its content, e.g. {@code zip}, {@code tar.gz}, {@code 7z},
 *                    {@code gzip}
 * @param entries     all members sorted by {@link InventoryEntry#path()}
 * @param limits      the limits the package was unpacked under
 * @param jar         when the package itself is a jar (a zip holding a manifest or class files): its identity and
 *                    signature status; {@code null} otherwise (and omitted from JSON). Jars inside the package
 *                    carry theirs in {@link InventoryEntry#jar()}.
 */
public record PackageInventory(String packageName, long size, String sha256, String format,
                               List<InventoryEntry> entries, UnpackLimits limits,
                               @JsonInclude(JsonInclude.Include.NON_NULL) JarInfo jar) {
    public PackageInventory {
        Objects.requireNonNull(packageName, "packageName");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(format, "format");
        entries = List.copyOf(entries);
        Objects.requireNonNull(limits, "limits");
    }

    /** An inventory of a package that is not itself a jar. */
    public PackageInventory(String packageName, long size, String sha256, String format,
                            List<InventoryEntry> entries, UnpackLimits limits) {
        this(packageName, size, sha256, format, entries, limits, null);
    }
}
