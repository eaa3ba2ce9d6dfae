package dev.clearbox.core.checkout.internal;

import java.time.Duration;
import java.util.Objects;

/**
 * What a fetch is held to: the sizes a fetched pack may declare, checked before JGit inflates anything
 * ({@link PackScan}), and how long a URL source may take to answer.
 *
 * @param maxObjectBytes   the largest object, whole or made by a delta, and the largest delta
 * @param maxInflatedBytes the most bytes all objects of one pack may inflate to, a delta counted once as it is
 *                         stored and once at the size of the object it makes
 * @param timeout          JGit's connect and read timeout for URL sources
 */
public record FetchLimits(long maxObjectBytes, long maxInflatedBytes, Duration timeout) {
    public FetchLimits {
        if (maxObjectBytes <= 0 || maxInflatedBytes <= 0) {
            throw new IllegalArgumentException("pack limits must be positive: " + maxObjectBytes + ", " + maxInflatedBytes);
        }
        Objects.requireNonNull(timeout, "timeout");
    }

    /** The timeout in JGit's unit: whole seconds, at least one. */
    int timeoutSeconds() {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.getSeconds()));
    }
}
