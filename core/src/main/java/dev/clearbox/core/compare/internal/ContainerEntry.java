package dev.clearbox.core.compare.internal;

import java.io.IOException;
import java.util.Map;

/**
 * One entry of an archive as the container comparison sees it.
 *
 * @param name     the entry name
 * @param time     its modification time in milliseconds, or -1 when the format has none
 * @param mode     its unix permission bits, or -1 when the archive does not record them
 * @param metadata other container-only facts by label (compression method, extra fields, owner...)
 * @param link     the link target for a link entry; otherwise empty
 * @param content  reads the entry's bytes
 */
record ContainerEntry(String name, long time, int mode, Map<String, String> metadata, String link, Content content) {
    /** Reads an entry's content (charged to the comparison's budget by the caller). */
    @FunctionalInterface
    interface Content {
        byte[] read() throws IOException;
    }
}
