package dev.clearbox.core.session;

import dev.clearbox.core.InvalidInputException;
import dev.clearbox.core.Stage;
import dev.clearbox.core.UnsafeInputException;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The paths a session manifest names (bundle, repository, packages, keyring, allowed-signers file, buildspec),
 * kept inside the submission directory — the manifest's own directory. A path is refused when its normalised
 * form leaves the directory ({@code ../}, an absolute path elsewhere) or when, with symbolic links resolved
 * ({@link Path#toRealPath}), it leads out of it. A path that does not exist yet is checked through its nearest
 * existing parent, and reported missing by the stage that needs it. Errors name the manifest and the field,
 * never the path the vendor wrote.
 */
final class SubmissionPaths {
    private static final Stage STAGE = Stage.MANIFEST;

    private final Path base;
    private final Path realBase;
    private final String input;

    SubmissionPaths(Path base, String input) {
        this.base = base.toAbsolutePath().normalize();
        this.input = input;
        try {
            this.realBase = this.base.toRealPath();
        } catch (IOException e) {
            throw new InvalidInputException(STAGE, input, "cannot resolve the manifest's directory", e);
        }
    }

    /** The manifest's directory, absolute and normalised. */
    Path base() {
        return base;
    }

    /** {@code value} resolved against the submission directory, refused unless it stays inside. */
    Path resolve(String field, String value) {
        Path target;
        try {
            target = base.resolve(value).normalize();
        } catch (InvalidPathException e) {
            throw new InvalidInputException(STAGE, input, "'" + field + "' is not a valid path");
        }
        return inside(field, target);
    }

    /**
     * A {@code source.url}: {@code file:} URLs and bare paths name this machine, so they are held to the same rule
     * as {@code source.path}; network URLs are returned as they are.
     */
    String url(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        if (lower.startsWith("file:")) {
            Path path;
            try {
                path = Path.of(new URI(value));
            } catch (URISyntaxException | IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
                throw new InvalidInputException(STAGE, input, "'source.url' is not a valid file: URL");
            }
            inside("source.url", path.normalize());
            return value;
        }
        if (!lower.matches("[a-z][a-z0-9+.-]*://.*") && !lower.matches("[^/\\\\:]+@[^/\\\\:]+:.*")) {
            throw new InvalidInputException(STAGE, input,
                    "'source.url' must be a URL (https://, ssh://, file://); name a local repository with 'path'");
        }
        return value;
    }

    private Path inside(String field, Path target) {
        if (!target.startsWith(base)) {
            throw new UnsafeInputException(STAGE, input, "path-traversal",
                    "'" + field + "' names a path outside the submission directory " + base);
        }
        Path existing = target;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        Path real;
        try {
            real = existing == null ? null : existing.toRealPath();
        } catch (IOException e) {
            throw new UnsafeInputException(STAGE, input, "symlink-escape",
                    "'" + field + "' names a symbolic link that cannot be resolved");
        }
        if (real == null || !real.startsWith(realBase)) {
            throw new UnsafeInputException(STAGE, input, "symlink-escape",
                    "'" + field + "' leads out of the submission directory " + base + " through a symbolic link");
        }
        return target;
    }
}
