package dev.clearbox.samples;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Zip entries store a local date and time (MS-DOS fields) without a zone. To write the same bytes on
 * every machine, the fields are set to the UTC date and time of an instant, as {@code jar --date} does.
 */
final class ZipEntryTimes {

    private ZipEntryTimes() {
    }

    /**
     * The value for {@code ZipArchiveEntry.setTime(long)}, which converts through the default time zone,
     * that yields the UTC date and time of {@code instant} in the entry's fields.
     */
    static long fieldsOf(Instant instant) {
        LocalDateTime utc = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
        return utc.atZone(ZoneId.systemDefault()).toInstant().toEpochMilli();
    }
}
