package dev.clearbox.core.unpack;

import dev.clearbox.core.Sha256;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * What to unpack and where.
 *
 * @param packageFile    the vendor's update package (untrusted)
 * @param destination    the directory to extract into; it must not exist yet or be empty, and nothing is
 *                       ever written outside it
 * @param limits         the limits that protect the workstation
 * @param expectedSha256 the sha256 the session manifest declares for the package (lowercase hex), or {@code null}
 *                       for none; when given, the unpacker hashes the package before it parses or writes anything
 *                       and refuses it when the digest differs
 */
public record UnpackRequest(Path packageFile, Path destination, UnpackLimits limits, String expectedSha256) {
    public UnpackRequest {
        Objects.requireNonNull(packageFile, "packageFile");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(limits, "limits");
        if (expectedSha256 != null) {
            if (!Sha256.isHex(expectedSha256)) {
                throw new IllegalArgumentException("expectedSha256 must be 64 hex digits");
            }
            expectedSha256 = expectedSha256.toLowerCase(Locale.ROOT);
        }
    }

    /** A request without an expected sha256. */
    public UnpackRequest(Path packageFile, Path destination, UnpackLimits limits) {
        this(packageFile, destination, limits, null);
    }

    /** A request with {@link UnpackLimits#defaults()}. */
    public static UnpackRequest of(Path packageFile, Path destination) {
        return new UnpackRequest(packageFile, destination, UnpackLimits.defaults());
    }

    /** The same request, checked against the sha256 the session manifest declares. */
    public UnpackRequest expecting(String sha256) {
        return new UnpackRequest(packageFile, destination, limits, sha256);
    }
}
