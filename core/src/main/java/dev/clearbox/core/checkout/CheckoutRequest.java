package dev.clearbox.core.checkout;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * What to check out and where, and the limits the vendor's repository is held to.
 *
 * @param location         a git bundle file, a local repository directory, or a URL
 * @param ref              a tag, branch, full ref name or commit id
 * @param expectedCommit   the commit the ref must resolve to, or {@code null} to accept any
 * @param destination      an empty (or absent) directory inside the workspace
 * @param keyring          the auditor's OpenPGP public keyring (binary or ASCII-armored, as {@code gpg --export}
 *                         writes it) to verify tag and commit signatures against, or {@code null} for none
 *                         (signed objects are then reported as {@code UNKNOWN_KEY})
 * @param allowedSigners   the auditor's SSH allowed-signers file (git's {@code gpg.ssh.allowedSignersFile}, the
 *                         format {@code ssh-keygen -Y verify} reads: {@code PRINCIPALS [OPTIONS] KEYTYPE BASE64-KEY}
 *                         per line) to verify SSH signatures against, or {@code null} for none (well-formed SSH
 *                         signatures are then reported as {@code UNKNOWN_KEY})
 * @param maxBlobBytes     the largest file the checked-out commit may hold (rule {@code blob-too-large}); also the
 *                         largest object, once inflated and deltas applied, a fetched pack may hold, but for that
 *                         never less than {@link #DEFAULT_MAX_BLOB_BYTES} (rule {@code object-too-large})
 * @param maxTreeDepth     the most directories a path of the checked-out commit may be nested in; a deeper tree is
 *                         refused before anything is written (rule {@code tree-too-deep})
 * @param maxInflatedBytes the most bytes a fetched pack may inflate to, all objects together, each delta counted at
 *                         the size of the object it makes; checked on the sizes the pack declares, before JGit
 *                         inflates them (rule {@code pack-too-large})
 * @param timeout          how long a URL source may take to accept a connection, and to send the next bytes;
 *                         whole seconds (JGit's unit), at least one
 */
public record CheckoutRequest(String location, String ref, String expectedCommit, Path destination, Path keyring,
                              Path allowedSigners, long maxBlobBytes, int maxTreeDepth, long maxInflatedBytes,
                              Duration timeout) {
    /** The default limit on a single file (and on a single object of a fetched pack): 512 MiB. */
    public static final long DEFAULT_MAX_BLOB_BYTES = 512L * 1024 * 1024;
    /**
     * The default limit on nested directories: 256. Git itself allows 4096 ({@code core.maxTreeDepth}); a source tree
     * nested deeper than 256 is not one an auditor can read, and deep nesting is what overflows JGit's stack.
     */
    public static final int DEFAULT_MAX_TREE_DEPTH = 256;
    /** The default limit on what one fetched pack inflates to, all objects together: 8 GiB. */
    public static final long DEFAULT_MAX_INFLATED_BYTES = 8L * 1024 * 1024 * 1024;
    /** The default connect and read timeout for URL sources: 60 seconds. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    public CheckoutRequest {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(timeout, "timeout");
        if (maxBlobBytes <= 0) {
            throw new IllegalArgumentException("maxBlobBytes must be positive: " + maxBlobBytes);
        }
        if (maxTreeDepth <= 0) {
            throw new IllegalArgumentException("maxTreeDepth must be positive: " + maxTreeDepth);
        }
        if (maxInflatedBytes <= 0) {
            throw new IllegalArgumentException("maxInflatedBytes must be positive: " + maxInflatedBytes);
        }
        if (timeout.getSeconds() < 1) {
            throw new IllegalArgumentException("timeout must be at least one second: " + timeout);
        }
    }

    /** A request with the default tree depth, inflation and timeout limits. */
    public CheckoutRequest(String location, String ref, String expectedCommit, Path destination, Path keyring,
                           Path allowedSigners, long maxBlobBytes) {
        this(location, ref, expectedCommit, destination, keyring, allowedSigners, maxBlobBytes,
                DEFAULT_MAX_TREE_DEPTH, DEFAULT_MAX_INFLATED_BYTES, DEFAULT_TIMEOUT);
    }

    /** A request with an OpenPGP keyring (or none), no allowed-signers file, and the default limits but the blob limit. */
    public CheckoutRequest(String location, String ref, String expectedCommit, Path destination, Path keyring,
                           long maxBlobBytes) {
        this(location, ref, expectedCommit, destination, keyring, null, maxBlobBytes);
    }

    /** A request without a keyring or allowed-signers file, and with the default limits. */
    public CheckoutRequest(String location, String ref, String expectedCommit, Path destination) {
        this(location, ref, expectedCommit, destination, null, null, DEFAULT_MAX_BLOB_BYTES);
    }

    /** This request with {@code allowedSigners} as the SSH allowed-signers file ({@code null} for none). */
    public CheckoutRequest withAllowedSigners(Path allowedSigners) {
        return new CheckoutRequest(location, ref, expectedCommit, destination, keyring, allowedSigners, maxBlobBytes,
                maxTreeDepth, maxInflatedBytes, timeout);
    }

    /** This request with other limits on the tree's depth and on what a fetched pack inflates to. */
    public CheckoutRequest withLimits(int maxTreeDepth, long maxInflatedBytes) {
        return new CheckoutRequest(location, ref, expectedCommit, destination, keyring, allowedSigners, maxBlobBytes,
                maxTreeDepth, maxInflatedBytes, timeout);
    }

    /** This request with another connect and read timeout for URL sources. */
    public CheckoutRequest withTimeout(Duration timeout) {
        return new CheckoutRequest(location, ref, expectedCommit, destination, keyring, allowedSigners, maxBlobBytes,
                maxTreeDepth, maxInflatedBytes, timeout);
    }
}
