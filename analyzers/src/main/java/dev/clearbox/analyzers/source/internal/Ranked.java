package dev.clearbox.analyzers.source.internal;

import dev.clearbox.core.Finding;

/**
 * A finding with the column it was seen at, for sorting (call-site findings and flows alike); for a flow also its
 * source and sink calls, which {@link FlowRanking} classifies (null for other findings).
 */
public record Ranked(Finding finding, int column, ModelledCall source, ModelledCall sink) {
    public Ranked(Finding finding, int column) {
        this(finding, column, null, null);
    }
}
