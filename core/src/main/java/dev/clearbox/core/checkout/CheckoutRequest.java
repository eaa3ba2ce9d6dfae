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
 * @param keyring        the auditor's OpenPGP public keyring (binary or ASCII-armored, as {@code gpg --export}
 *                       writes it) to verify tag and commit signatures against, or {@code null} for none
 *                       (signed objects are then reported as {@code UNKNOWN_KEY})
 * @param allowedSigners the auditor's SSH allowed-signers file (git's {@code gpg.ssh.allowedSignersFile}, the format
 *                       {@code ssh-keygen -Y verify} reads: {@code PRINCIPALS [OPTIONS] KEYTYPE BASE64-KEY} per line)
 *                       to verify SSH signatures against, or {@code null} for none (well-formed SSH signatures are
 *                       then reported as {@code UNKNOWN_KEY})
 * @param maxBlobBytes   the largest file the checked-out commit may hold; a larger blob is refused
 *                       (rule {@code blob-too-large})
 */
public record CheckoutRequest(String location, String ref, String expectedCommit, Path destination, Path keyring,
                              Path allowedSigners, long maxBlobBytes) {
    /** The default limit on a single file: 512 MiB. */
    public static final long DEFAULT_MAX_BLOB_BYTES = 512L * 1024 * 1024;

    public CheckoutRequest {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(destination, "destination");
        if (maxBlobBytes <= 0) {
            throw new IllegalArgumentException("maxBlobBytes must be positive: " + maxBlobBytes);
        }
    }

    /** A request with an OpenPGP keyring (or none) and no allowed-signers file. */
    public CheckoutRequest(String location, String ref, String expectedCommit, Path destination, Path keyring,
                           long maxBlobBytes) {
        this(location, ref, expectedCommit, destination, keyring, null, maxBlobBytes);
    }

    /** A request without a keyring or allowed-signers file, and with the default blob limit. */
    public CheckoutRequest(String location, String ref, String expectedCommit, Path destination) {
        this(location, ref, expectedCommit, destination, null, null, DEFAULT_MAX_BLOB_BYTES);
    }

    /** This request with {@code allowedSigners} as the SSH allowed-signers file ({@code null} for none). */
    public CheckoutRequest withAllowedSigners(Path allowedSigners) {
        return new CheckoutRequest(location, ref, expectedCommit, destination, keyring, allowedSigners, maxBlobBytes);
    }
}
