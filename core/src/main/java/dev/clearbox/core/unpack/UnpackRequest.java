package dev.clearbox.core.unpack;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What to unpack and where.
 *
 * @param packageFile the vendor's update package (untrusted)
 * @param destination the directory to extract into; it must not exist yet or be empty, and nothing is
 *                    ever written outside it
 * @param limits      the limits that protect the workstation
 */
public record UnpackRequest(Path packageFile, Path destination, UnpackLimits limits) {
    public UnpackRequest {
        Objects.requireNonNull(packageFile, "packageFile");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(limits, "limits");
    }

    /** A request with {@link UnpackLimits#defaults()}. */
    public static UnpackRequest of(Path packageFile, Path destination) {
        return new UnpackRequest(packageFile, destination, UnpackLimits.defaults());
    }
}
