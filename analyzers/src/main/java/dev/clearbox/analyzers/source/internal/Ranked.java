package dev.clearbox.analyzers.source.internal;

import dev.clearbox.core.Finding;

/** A finding with the column it was seen at, for sorting (call-site findings and flows alike). */
public record Ranked(Finding finding, int column) {
}
