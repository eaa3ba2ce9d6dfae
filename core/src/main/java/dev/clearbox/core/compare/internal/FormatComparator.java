package dev.clearbox.core.compare.internal;

import java.io.IOException;

/**
 * A comparator for one format. {@link Comparators#ALL} holds them in the order they are tried; the first
 * whose {@link #handles} accepts a pair compares it. When it throws {@link FormatMismatch} (the content is not
 * in its format after all) the pair goes to the byte-level fallback, with the reason recorded.
 */
public interface FormatComparator {
    /** A short stable name: {@code zip}, {@code class}, {@code manifest}... */
    String name();

    /** Whether this comparator applies to the pair, judged from names and first bytes. */
    boolean handles(Member shipped, Member rebuilt);

    /** Compares two members whose bytes differ, reporting every difference to {@code context}. */
    void compare(Member shipped, Member rebuilt, CompareContext context) throws IOException, FormatMismatch;

    /** The content is not valid in this comparator's format; the byte-level comparison takes over. */
    final class FormatMismatch extends Exception {
        private static final long serialVersionUID = 1L;

        public FormatMismatch(String message, Throwable cause) {
            super(message, cause);
        }

        public FormatMismatch(String message) {
            super(message);
        }
    }
}
