package dev.clearbox.reports.review;

import dev.clearbox.core.Severity;
import dev.clearbox.reports.ReportFixture;
import dev.clearbox.reports.model.AuditReport;
import dev.clearbox.reports.model.ReportFinding;
import dev.clearbox.reports.model.Review;
import dev.clearbox.reports.policy.FailOn;
import dev.clearbox.reports.policy.PolicyOutcome;
import org.junit.jupiter.api.Test;

import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Applying decisions to a report, the open rows, the waiver of --fail-on, and the carry-over to a new release. */
class ReviewsTest {
    final AuditReport report = ReportFixture.report().withReview(null);
    final List<ReportFinding> all = Reviews.findings(report);

    private ReviewFile.Decision decide(ReportFinding f, ReviewStatus s) {
        return new ReviewFile.Decision(f.fingerprint(), s, "because", "R", "2026-12-02", null);
    }

    private ReportFinding exfil() {
        return all.stream().filter(f -> f.ruleId().equals("CBX-SRC-EXFIL")).findFirst().orElseThrow();
    }

    @Test
    void applyJoinsEachDecisionToItsFindingsAndSetsTheStaleOnesApart() {
        ReviewFile file = ReviewFile.empty().with(decide(exfil(), ReviewStatus.CONFIRMED))
                .with(new ReviewFile.Decision("dddddddddddddddddddddddddddddddd", ReviewStatus.ACCEPTED, "gone", "R", "2026-01-01", null));
        Review r = Reviews.apply(report, file, "review.json", "");
        assertEquals(1, r.decisions().size());
        assertEquals(List.of(new Review.FindingRef("CBX-SRC-EXFIL", exfil().severity(), exfil().location().toString())),
                r.decisions().get(0).findings());
        assertEquals(List.of("dddddddddddddddddddddddddddddddd"), r.stale().stream().map(Review.Decision::fingerprint).toList());
        assertEquals(1, r.coverage().decided());
        assertEquals(all.size(), r.coverage().total());
        assertEquals(new Review.Counts(1, (int) all.stream().filter(f -> f.severity() == Severity.CRITICAL).count()),
                r.coverage().bySeverity().get(Severity.CRITICAL));
        assertEquals(1, r.coverage().byStatus().get("confirmed"));
        assertEquals(0, r.coverage().byStatus().get("accepted"), "a stale decision decides no finding");
    }

    @Test
    void rowsAreTheOpenFindingsMostSevereFirst() {
        ReportFinding first = all.stream().max(Comparator.comparing(ReportFinding::severity)).orElseThrow();
        ReviewFile file = ReviewFile.empty().with(decide(first, ReviewStatus.QUESTION));
        List<Reviews.Row> open = Reviews.rows(report, file, false);
        List<Reviews.Row> every = Reviews.rows(report, file, true);
        assertEquals(all.size(), every.size());
        assertEquals(all.size() - all.stream().filter(f -> f.fingerprint().equals(first.fingerprint())).count(), open.size());
        assertFalse(open.stream().anyMatch(r -> r.fingerprint().equals(first.fingerprint())));
        assertEquals("question", every.stream().filter(r -> r.fingerprint().equals(first.fingerprint())).findFirst()
                .orElseThrow().status());
        List<Severity> order = every.stream().map(Reviews.Row::severity).toList();
        assertEquals(order.stream().sorted(Comparator.reverseOrder()).toList(), order);
    }

    @Test
    void failOnIgnoresAcceptedAndFalsePositiveFindingsButNotConfirmedOrQuestions() {
        for (ReviewStatus s : ReviewStatus.values()) {
            ReviewFile file = ReviewFile.empty().with(decide(exfil(), s));
            AuditReport reviewed = report.withReview(Reviews.apply(report, file, "review.json", ""));
            PolicyOutcome p = PolicyOutcome.judge(reviewed, EnumSet.of(FailOn.EXFIL));
            assertEquals(s.waivesPolicy(), p.passed(), s + ": " + p.oneLine());
        }
        assertEquals(Set.of(ReviewStatus.ACCEPTED, ReviewStatus.FALSE_POSITIVE),
                EnumSet.copyOf(java.util.Arrays.stream(ReviewStatus.values()).filter(ReviewStatus::waivesPolicy).toList()));
        assertFalse(PolicyOutcome.judge(report, EnumSet.of(FailOn.EXFIL)).passed(), "without a review the path counts");
    }

    @Test
    void carryOverTakesTheDecisionsWhoseFingerprintStillExistsMarkedWithTheOldReport() {
        ReportFinding kept = exfil();
        ReportFinding other = all.stream().filter(f -> !f.fingerprint().equals(kept.fingerprint())).findFirst().orElseThrow();
        ReviewFile oldFile = ReviewFile.empty().with(decide(kept, ReviewStatus.ACCEPTED)).with(decide(other, ReviewStatus.CONFIRMED))
                .with(new ReviewFile.Decision("eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee", ReviewStatus.QUESTION, "was stale", "S", "2025-01-01", null));
        Review oldReview = Reviews.apply(report, oldFile, "review.json", "");
        String from = Reviews.describe(report, "f".repeat(64));

        // The new release: the first finding is still there, the other is gone, the stale one is back.
        List<ReviewFile.Decision> carried = Reviews.carryOver(oldReview, from,
                Set.of(kept.fingerprint(), "eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee", "ffffffffffffffffffffffffffffffff"));

        assertEquals(List.of(kept.fingerprint(), "eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee"),
                carried.stream().map(ReviewFile.Decision::fingerprint).toList());
        ReviewFile.Decision d = carried.get(0);
        assertEquals(ReviewStatus.ACCEPTED, d.status());
        assertEquals("because", d.justification());
        assertEquals("R", d.reviewer());
        assertEquals("2026-12-02", d.date());
        assertEquals(new Review.Origin(true, "Acme <Corp> Updater 1.4.0 (report.json sha256 " + "f".repeat(64) + ")"), d.origin());
        assertEquals(ReviewStatus.QUESTION, carried.get(1).status());
        assertTrue(Reviews.carryOver(null, from, Reviews.fingerprints(report)).isEmpty(), "no old review, nothing carried");
    }

    @Test
    void carriedDecisionsAppliedToTheNewReportKeepTheirOrigin() {
        ReviewFile oldFile = ReviewFile.empty().with(decide(exfil(), ReviewStatus.ACCEPTED));
        Review oldReview = Reviews.apply(report, oldFile, "review.json", "");
        List<ReviewFile.Decision> carried = Reviews.carryOver(oldReview, "old", Reviews.fingerprints(report));
        Review applied = Reviews.apply(report, ReviewFile.empty().withCarriedOver(carried), "", "");
        assertEquals(new Review.Origin(true, "old"), applied.decisions().get(0).origin());
        assertEquals(1, applied.coverage().byStatus().get("accepted"));
    }
}
