package dev.clearbox.core.checkout;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What to check out and where.
 *
 * @param location       a git bundle file, a local repository directory, or a URL
 * @param ref            a tag, branch, full ref name or commit id
 * @param expectedCommit the commit the ref must resolve to, or {@code null} to accept any
 * @param destination    an empty (or absent) directory inside the workspace
 */
public record CheckoutRequest(String location, String ref, String expectedCommit, Path destination) {
    public CheckoutRequest {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(destination, "destination");
    }
}
