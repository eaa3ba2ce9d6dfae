package dev.clearbox.core.checkout.internal;

import java.io.InterruptedIOException;
import java.util.Optional;

/** What a failed fetch was: a pack {@link PackScan} refused, a URL source that did not answer in time, or neither. */
public final class FetchFailures {
    private static final int MAX_CAUSES = 64;

    private FetchFailures() {
    }

    /** The refusal somewhere in {@code e}'s cause chain, if the fetch failed because a pack was refused. */
    public static Optional<PackScan.Refused> refusal(Throwable e) {
        Throwable t = e;
        for (int i = 0; t != null && i < MAX_CAUSES; i++, t = t.getCause()) {
            if (t instanceof PackScan.Refused r) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /** Whether the fetch failed because the source did not answer within the timeout (connect or read). */
    public static boolean timedOut(Throwable e) {
        Throwable t = e;
        for (int i = 0; t != null && i < MAX_CAUSES; i++, t = t.getCause()) {
            // SocketTimeoutException (connect, read) and JGit's own timeouts are InterruptedIOExceptions
            if (t instanceof InterruptedIOException) {
                return true;
            }
        }
        return false;
    }
}
