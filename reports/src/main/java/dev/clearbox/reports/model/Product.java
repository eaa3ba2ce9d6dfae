package dev.clearbox.reports.model;

/**
 * The audited product as the session manifest names it (the report's {@code product}, and each side of a
 * {@link ReleaseDelta}).
 */
public record Product(String vendor, String name, String version) {
}
