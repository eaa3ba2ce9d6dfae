package dev.clearbox.reports.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.clearbox.core.Severity;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The report's {@code review}: the auditor's decisions about the findings ({@code clearbox audit --review}), as
 * applied to this report. Present only when a review was applied. Nothing is hidden by a decision: every decided
 * finding is still in its section of the report; this section says what was decided about it, by whom and when.
 * Made by {@code reports.review.Reviews#apply}; see docs/review.md.
 *
 * @param file      the review file's name (without its directory)
 * @param sha256    the review file's SHA-256 (lowercase hex), so the signed report pins the exact decisions file
 * @param coverage  decided findings against all findings, overall and per severity
 * @param decisions the decisions whose fingerprint is a finding of this report, sorted by fingerprint, each with the
 *                  findings it applies to
 * @param stale     the decisions whose fingerprint is no finding of this report (the finding is gone or changed),
 *                  sorted by fingerprint; their {@code findings} are empty
 */
@JsonPropertyOrder({"file", "sha256", "coverage", "decisions", "stale"})
public record Review(String file, String sha256, Coverage coverage, List<Decision> decisions, List<Decision> stale) {
    public Review {
        Objects.requireNonNull(coverage, "coverage");
        decisions = List.copyOf(decisions);
        stale = List.copyOf(stale);
    }

    /**
     * How much of the report was reviewed, counted in findings (source, binary and package findings).
     *
     * @param decided    findings with a decision
     * @param total      all findings
     * @param bySeverity decided and total per severity, every severity listed
     * @param byStatus   findings per decision status ({@code confirmed}, {@code accepted}, {@code false-positive},
     *                   {@code question}), every status listed
     */
    public record Coverage(int decided, int total, Map<Severity, Counts> bySeverity, Map<String, Integer> byStatus) {
        public Coverage {
            bySeverity = Map.copyOf(bySeverity);
            byStatus = Map.copyOf(byStatus);
        }
    }

    /** Decided findings of all findings. */
    public record Counts(int decided, int total) {
    }

    /**
     * One decision, as the review file holds it, with the findings of the report it applies to.
     *
     * @param fingerprint   the findings' fingerprint ({@link ReportFinding#fingerprint()})
     * @param status        {@code confirmed}, {@code accepted} (the product's documented behaviour),
     *                      {@code false-positive} or {@code question} (for the vendor)
     * @param justification why, in the reviewer's words (never blank)
     * @param reviewer      who decided
     * @param date          when, ISO-8601 (a date or a UTC date-time)
     * @param origin        where the decision came from when it was not recorded for this review (carried over from
     *                      an earlier report); absent otherwise
     * @param findings      the findings with this fingerprint; empty for a stale decision
     */
    @JsonPropertyOrder({"fingerprint", "status", "justification", "reviewer", "date", "origin", "findings"})
    public record Decision(String fingerprint, String status, String justification, String reviewer, String date,
                           @JsonInclude(JsonInclude.Include.NON_NULL) Origin origin, List<FindingRef> findings) {
        public Decision {
            Objects.requireNonNull(fingerprint, "fingerprint");
            findings = List.copyOf(findings == null ? List.of() : findings);
        }
    }

    /**
     * Where a decision came from.
     *
     * @param carriedOver whether it was carried over from an earlier report's review (same fingerprint)
     * @param report      the report it came from, as {@code VENDOR PRODUCT VERSION (report.json sha256 HEX)}
     */
    public record Origin(boolean carriedOver, String report) {
    }

    /** A decided finding, for a reader of this section: its rule, severity and location ({@code file:line}). */
    public record FindingRef(String ruleId, Severity severity, String location) {
    }
}
