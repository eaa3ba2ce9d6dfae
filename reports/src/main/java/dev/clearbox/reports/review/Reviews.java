package dev.clearbox.reports.review;

import dev.clearbox.core.Severity;
import dev.clearbox.reports.model.AuditReport;
import dev.clearbox.reports.model.Review;
import dev.clearbox.reports.model.ReportFinding;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The auditor's decisions against a report: the report's {@code review} section ({@link #apply}), the findings still
 * open ({@link #rows}), the coverage ({@link #coverage}) and the carry-over of an earlier report's decisions to a new
 * release's findings ({@link #carryOver}). Decisions are keyed on {@link ReportFinding#fingerprint()}; a decision
 * applies to every finding with its fingerprint.
 */
public final class Reviews {
    private Reviews() {
    }

    /** Every finding of the report, as {@code --fail-on} counts them: source, binary, package. */
    public static List<ReportFinding> findings(AuditReport r) {
        return Stream.of(r.analysis().findings(), r.binaryAnalysis().findings(), r.packageFindings())
                .flatMap(List::stream).toList();
    }

    /** The report's findings by fingerprint, in report order. */
    static Map<String, List<ReportFinding>> byFingerprint(AuditReport r) {
        Map<String, List<ReportFinding>> out = new TreeMap<>();
        for (ReportFinding f : findings(r)) {
            out.computeIfAbsent(f.fingerprint(), k -> new ArrayList<>()).add(f);
        }
        return out;
    }

    /** Whether the report has a finding with this fingerprint. */
    public static boolean contains(AuditReport r, String fingerprint) {
        return findings(r).stream().anyMatch(f -> f.fingerprint().equals(fingerprint));
    }

    /**
     * The report's review section for these decisions: each decision with the findings it applies to, the stale
     * ones (no finding has their fingerprint), and the coverage.
     *
     * @param fileName the review file's name, or empty when the decisions come from no file (only carried over)
     * @param sha256   its SHA-256, or empty
     */
    public static Review apply(AuditReport report, ReviewFile review, String fileName, String sha256) {
        Map<String, List<ReportFinding>> index = byFingerprint(report);
        List<Review.Decision> applied = new ArrayList<>();
        List<Review.Decision> stale = new ArrayList<>();
        for (ReviewFile.Decision d : review.decisions()) {
            List<ReportFinding> matched = index.getOrDefault(d.fingerprint(), List.of());
            Review.Decision out = new Review.Decision(d.fingerprint(), d.status().word(), d.justification(), d.reviewer(),
                    d.date(), d.origin(), matched.stream().map(Reviews::ref).toList());
            (matched.isEmpty() ? stale : applied).add(out);
        }
        return new Review(fileName, sha256, coverage(report, review), applied, stale);
    }

    /** Decided findings against all findings, overall, per severity and per status. */
    public static Review.Coverage coverage(AuditReport report, ReviewFile review) {
        Map<String, ReviewStatus> decided = decidedStatus(review);
        Map<Severity, int[]> counts = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            counts.put(s, new int[2]);
        }
        Map<String, Integer> byStatus = new TreeMap<>();
        for (ReviewStatus s : ReviewStatus.values()) {
            byStatus.put(s.word(), 0);
        }
        int total = 0;
        int done = 0;
        for (ReportFinding f : findings(report)) {
            total++;
            int[] c = counts.get(f.severity());
            c[1]++;
            ReviewStatus s = decided.get(f.fingerprint());
            if (s != null) {
                done++;
                c[0]++;
                byStatus.merge(s.word(), 1, Integer::sum);
            }
        }
        Map<Severity, Review.Counts> bySeverity = new EnumMap<>(Severity.class);
        counts.forEach((s, c) -> bySeverity.put(s, new Review.Counts(c[0], c[1])));
        return new Review.Coverage(done, total, bySeverity, byStatus);
    }

    private static Map<String, ReviewStatus> decidedStatus(ReviewFile review) {
        Map<String, ReviewStatus> out = new TreeMap<>();
        review.decisions().forEach(d -> out.put(d.fingerprint(), d.status()));
        return out;
    }

    /**
     * A finding as {@code review list} shows it.
     *
     * @param status the decision's word, or empty when the finding is open
     */
    public record Row(String fingerprint, Severity severity, String ruleId, String location, String message,
                      String status) {
    }

    /**
     * The report's findings, most severe first (report order within a severity): the open ones, or every one with
     * {@code all}.
     */
    public static List<Row> rows(AuditReport report, ReviewFile review, boolean all) {
        Map<String, ReviewStatus> decided = decidedStatus(review);
        return findings(report).stream()
                .sorted(Comparator.comparing(ReportFinding::severity).reversed())
                .filter(f -> all || !decided.containsKey(f.fingerprint()))
                .map(f -> new Row(f.fingerprint(), f.severity(), f.ruleId(), f.location().toString(), f.message(),
                        decided.containsKey(f.fingerprint()) ? decided.get(f.fingerprint()).word() : ""))
                .toList();
    }

    /** The decisions of a review file whose fingerprint no finding of the report has. */
    public static List<ReviewFile.Decision> stale(AuditReport report, ReviewFile review) {
        Set<String> present = byFingerprint(report).keySet();
        return review.decisions().stream().filter(d -> !present.contains(d.fingerprint())).toList();
    }

    /**
     * The decisions of an earlier report ({@code oldReview}, its {@code review} section) that carry over to a new
     * release: those whose fingerprint is one of {@code newFingerprints}, each marked carried over from
     * {@code fromReport} ({@link #describe}). Stale decisions of the old report carry over too when their finding is
     * back. Reviewer, date, status and justification are kept as they were; the result is sorted by fingerprint.
     * Join them with the new review file by {@link ReviewFile#withCarriedOver}, where the new file wins.
     *
     * @param oldReview the earlier report's review section, or {@code null} for none (nothing is carried over)
     */
    public static List<ReviewFile.Decision> carryOver(Review oldReview, String fromReport,
                                                      Collection<String> newFingerprints) {
        if (oldReview == null) {
            return List.of();
        }
        Set<String> present = Set.copyOf(newFingerprints);
        Map<String, ReviewFile.Decision> out = new TreeMap<>();
        Stream.concat(oldReview.decisions().stream(), oldReview.stale().stream())
                .filter(d -> present.contains(d.fingerprint()))
                .forEach(d -> out.put(d.fingerprint(), new ReviewFile.Decision(d.fingerprint(),
                        ReviewStatus.of(d.status()).orElseThrow(() -> new IllegalArgumentException(
                                "not a review status: " + d.status())),
                        d.justification(), d.reviewer(), d.date(), new Review.Origin(true, fromReport))));
        return List.copyOf(out.values());
    }

    /** The fingerprints of a report's findings, for {@link #carryOver}. */
    public static Set<String> fingerprints(AuditReport report) {
        return byFingerprint(report).keySet();
    }

    /** How a carried-over decision names the report it came from: {@code VENDOR PRODUCT VERSION (report.json sha256 HEX)}. */
    public static String describe(AuditReport old, String reportJsonSha256) {
        return old.product().vendor() + " " + old.product().name() + " " + old.product().version()
                + " (report.json sha256 " + reportJsonSha256 + ")";
    }

    /** The fingerprints whose decision waives {@code --fail-on} (accepted, false-positive) in a report's review. */
    public static Set<String> waived(AuditReport report) {
        if (report.review() == null) {
            return Set.of();
        }
        return report.review().decisions().stream()
                .filter(d -> ReviewStatus.of(d.status()).map(ReviewStatus::waivesPolicy).orElse(false))
                .map(Review.Decision::fingerprint).collect(Collectors.toUnmodifiableSet());
    }

    /** {@code 3/23 findings decided; CRITICAL 1/8, HIGH 2/5, ...} (only the severities with findings). */
    public static String coverageLine(Review.Coverage c) {
        Map<Severity, Review.Counts> shown = new LinkedHashMap<>();
        List<Severity> order = new ArrayList<>(List.of(Severity.values()));
        java.util.Collections.reverse(order);
        for (Severity s : order) {
            Review.Counts n = c.bySeverity().get(s);
            if (n != null && n.total() > 0) {
                shown.put(s, n);
            }
        }
        return c.decided() + "/" + c.total() + " findings decided" + (shown.isEmpty() ? "" : "; " + shown.entrySet()
                .stream().map(e -> e.getKey() + " " + e.getValue().decided() + "/" + e.getValue().total())
                .collect(Collectors.joining(", ")));
    }

    private static Review.FindingRef ref(ReportFinding f) {
        return new Review.FindingRef(f.ruleId(), f.severity(), f.location().toString());
    }
}
