package dev.clearbox.core.compare;

import java.util.Objects;

/**
 * One difference between a shipped artifact and its rebuilt counterpart.
 *
 * @param entry  the entry path inside the artifact, or {@code ""} for the artifact as a whole
 * @param kind   what differs
 * @param detail one sentence for a person
 */
public record Difference(String entry, Kind kind, String detail) {
    public Difference {
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(detail, "detail");
    }

    /** What differs. */
    public enum Kind {
        /** The entry exists in the shipped artifact only: code or data that the source did not build. */
        ONLY_IN_SHIPPED,
        /** The entry exists in the rebuilt artifact only: the shipped artifact lacks something the source builds. */
        ONLY_IN_REBUILT,
        /** The entry exists on both sides with different content. */
        CONTENT_DIFFERS,
        /** Same content, different container metadata (timestamps, compression, extra fields, order). */
        METADATA_DIFFERS
    }
}
