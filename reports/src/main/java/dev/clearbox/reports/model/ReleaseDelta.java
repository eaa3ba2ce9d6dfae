package dev.clearbox.reports.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.clearbox.core.Severity;

import java.util.List;
import java.util.Objects;

/**
 * What a release changed against an earlier one, both read from signed reports ({@code clearbox diff}, and the
 * report's {@code delta} with {@code clearbox audit --baseline}); computed by {@code reports.delta.ReleaseDiff}, see
 * docs/release-delta.md.
 *
 * @param from    the earlier release: the baseline report, as verified
 * @param to      the later release
 * @param counts  how many items were added, removed and changed, per category (every category, in order)
 * @param changes every change: added first, then removed, then changed; within each, by category (capabilities
 *                first), severity (highest first), then subject
 */
@JsonPropertyOrder({"from", "to", "counts", "changes"})
public record ReleaseDelta(Release from, Release to, List<Counts> counts, List<Change> changes) {
    public ReleaseDelta {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        counts = List.copyOf(counts);
        changes = List.copyOf(changes);
    }

    /** Whether nothing changed. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isEmpty() {
        return changes.isEmpty();
    }

    /** The changes of one kind, in order. */
    public List<Change> of(Kind kind) {
        return changes.stream().filter(c -> c.change() == kind).toList();
    }

    /**
     * One side of the delta.
     *
     * @param product      vendor, name and version as the report names them
     * @param commit       the audited commit
     * @param tag          the release tag, empty when none
     * @param generatedAt  when its report was made
     * @param result       its overall result
     * @param reportSha256 the sha256 of its {@code report.json}, the digest its signed Statement names; empty for the
     *                     report that carries this delta (it cannot hold its own digest)
     * @param keyId        the key that signed it, as verified; empty for the report that carries this delta
     */
    public record Release(Product product, String commit, String tag, String generatedAt, Result result,
                          String reportSha256, String keyId) {
        public Release {
            Objects.requireNonNull(product, "product");
        }
    }

    /** How many items of a category were added, removed and changed. */
    public record Counts(Category category, int added, int removed, int changed) {
    }

    /** What happened to an item. */
    public enum Kind {
        ADDED,
        REMOVED,
        CHANGED
    }

    /** What kind of item changed, in the order a delta lists them. */
    public enum Category {
        /** A capability seen in a package, a class or a method (from every source and binary finding). */
        CAPABILITY,
        /** A source flow ({@code CBX-SRC-EXFIL}). */
        FLOW,
        /** A source finding that is not a flow: a call site, a hidden string, ... */
        CALL_SITE,
        /** Behaviour in the shipped binaries with no counterpart in the source ({@code CBX-BIN-ONLY}). */
        BINARY_ONLY,
        /** Any other finding of the binary analysis (binary call sites, flows, classes without source). */
        BINARY_FINDING,
        /** A literal endpoint some finding reaches. */
        ENDPOINT,
        /** The report's overall result. */
        RESULT,
        /** A shipped artifact's verdict. */
        VERDICT,
        /** A finding about a shipped package itself ({@code CBX-PKG-SIGNATURE}). */
        PACKAGE_FINDING,
        /** A shipped package. */
        PACKAGE,
        /** A member of a shipped package (nested members included). */
        ENTRY,
        /** An SBOM component: a shipped jar with Maven coordinates, by group and artifact. */
        COMPONENT
    }

    /**
     * One added, removed or changed item.
     *
     * @param change      added, removed or changed
     * @param category    what kind of item
     * @param scope       for a capability, {@code package}, {@code class} or {@code method}; otherwise empty
     * @param subject     the item: for a capability {@code CAPABILITY in SCOPE-NAME}, for a finding its rule and
     *                    location, for a package, entry, verdict or component its name, for an endpoint the endpoint
     * @param severity    for findings and capabilities, the highest severity (of the new release; of the old one for
     *                    a removed item); {@code null} (and omitted) otherwise
     * @param fingerprint for a finding, its fingerprint ({@link ReportFinding#fingerprint()}) in the release it is
     *                    read from; empty otherwise
     * @param before      the old value for a changed item (a verdict, a digest, a version, a severity); empty otherwise
     * @param after       the new value for a changed item; empty otherwise
     * @param detail      one line for a person: a finding's message, what a capability's findings are
     */
    @JsonPropertyOrder({"change", "category", "scope", "subject", "severity", "fingerprint", "before", "after", "detail"})
    public record Change(Kind change, Category category, String scope, String subject,
                         @JsonInclude(JsonInclude.Include.NON_NULL) Severity severity, String fingerprint,
                         String before, String after, String detail) {
        public Change {
            Objects.requireNonNull(change, "change");
            Objects.requireNonNull(category, "category");
            scope = scope == null ? "" : scope;
            subject = subject == null ? "" : subject;
            fingerprint = fingerprint == null ? "" : fingerprint;
            before = before == null ? "" : before;
            after = after == null ? "" : after;
            detail = detail == null ? "" : detail;
        }
    }
}
