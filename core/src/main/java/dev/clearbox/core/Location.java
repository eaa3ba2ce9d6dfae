package dev.clearbox.core;

import java.util.Objects;

/**
 * Where a fact was seen: a file relative to the root it was analyzed from ('/'-separated; for binaries a
 * nested path such as {@code pkg.zip!/lib/a.jar!/com/acme/A.class}), a 1-based line (0 when unknown), and
 * the code at that place, trimmed to one line.
 */
public record Location(String file, int line, String code) {
    public Location {
        Objects.requireNonNull(file, "file");
        code = code == null ? "" : code;
        if (line < 0) {
            throw new IllegalArgumentException("line must be >= 0: " + line);
        }
    }

    @Override
    public String toString() {
        return line > 0 ? file + ":" + line : file;
    }
}
