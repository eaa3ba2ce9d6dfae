package dev.clearbox.samples;

import dev.clearbox.core.workspace.Workspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A temporary directory that is deleted, with everything in it, on {@link #close()}. */
final class ScratchDir implements AutoCloseable {

    private final Path path;

    ScratchDir(String prefix) {
        try {
            this.path = Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory", e);
        }
    }

    Path path() {
        return path;
    }

    @Override
    public void close() {
        try {
            Workspace.deleteTree(path, false);
        } catch (IOException e) {
            // a leftover temporary file is not worth failing the sample for
        }
    }
}
