package dev.clearbox.reports.html;

import dev.clearbox.core.Severity;
import dev.clearbox.reports.model.Review;
import dev.clearbox.reports.model.ReportFinding;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import static dev.clearbox.reports.html.Html.esc;

/**
 * The review in the HTML: a badge beside every decided finding (its status; the justification, reviewer and date as
 * the badge's title and in the review section) and the review section (coverage per severity, every decision with
 * the findings it applies to, the stale decisions). Without a review, no badge and no section.
 */
final class ReviewHtml {
    private ReviewHtml() {
    }

    /** The badges' style, added to the report page's. */
    static final String CSS = """
            .decision{font-size:.75rem;font-weight:bold;padding:0 .25rem;border-radius:3px;border:1px solid #8c959f}.decision.open{color:#57606a;font-weight:normal}
            .decision.confirmed{background:#ffebe9;border-color:#cf222e}.decision.accepted{background:#dafbe1;border-color:#1a7f37}
            .decision.false-positive{background:#eaeef2}.decision.question{background:#fff8c5;border-color:#bf8700}
            """;

    /** The badge for a finding: empty when there is no review or no decision for it. */
    static Function<ReportFinding, String> badges(Review review) {
        if (review == null) {
            return f -> "";
        }
        Map<String, Review.Decision> byFingerprint = new TreeMap<>();
        review.decisions().forEach(d -> byFingerprint.put(d.fingerprint(), d));
        return f -> {
            Review.Decision d = byFingerprint.get(f.fingerprint());
            return d == null ? " <span class=\"decision open\">open</span>" : badge(d);
        };
    }

    private static String badge(Review.Decision d) {
        return " <span class=\"decision " + esc(d.status()) + "\" title=\"" + esc(d.justification() + " (" + d.reviewer()
                + ", " + d.date() + ")") + "\">" + esc(d.status()) + (d.origin() != null && d.origin().carriedOver()
                ? " (carried over)" : "") + "</span>";
    }

    /** The section's summary line. */
    static String title(Review r) {
        return "Review: " + r.coverage().decided() + " of " + r.coverage().total() + " findings decided"
                + (r.stale().isEmpty() ? "" : ", " + r.stale().size() + " stale decision" + (r.stale().size() == 1 ? "" : "s"));
    }

    static void render(StringBuilder h, Review r) {
        h.append("<p>Decisions from <code>").append(esc(r.file().isEmpty() ? "(no file: carried over only)" : r.file()))
                .append("</code>").append(r.sha256().isEmpty() ? "" : " (sha256 <code>" + esc(r.sha256()) + "</code>)")
                .append(". Decided findings stay in every section of this report, marked with their decision.</p>\n");
        h.append("<table class=\"compact\">\n<tr><th>Severity</th><th>Decided</th><th>Total</th></tr>\n");
        List<Severity> order = List.of(Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW, Severity.INFO);
        for (Severity s : order) {
            Review.Counts c = r.coverage().bySeverity().getOrDefault(s, new Review.Counts(0, 0));
            h.append("<tr><td><span class=\"sev ").append(s).append("\">").append(s).append("</span></td><td>")
                    .append(c.decided()).append("</td><td>").append(c.total()).append("</td></tr>\n");
        }
        h.append("<tr><th>All</th><th>").append(r.coverage().decided()).append("</th><th>").append(r.coverage().total())
                .append("</th></tr>\n</table>\n");
        h.append("<p>By decision: ");
        StringBuilder statuses = new StringBuilder();
        r.coverage().byStatus().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e ->
                statuses.append(statuses.length() == 0 ? "" : ", ").append(esc(e.getKey())).append(' ').append(e.getValue()));
        h.append(statuses).append(".</p>\n");
        decisions(h, "Decisions (" + r.decisions().size() + ")", r.decisions(), true);
        if (!r.stale().isEmpty()) {
            h.append("<p class=\"caveat\"><strong>Stale decisions: no finding of this report has their fingerprint"
                    + " (the finding is gone, or changed).</strong></p>\n");
            decisions(h, "Stale decisions (" + r.stale().size() + ")", r.stale(), false);
        }
    }

    private static void decisions(StringBuilder h, String heading, List<Review.Decision> decisions, boolean withFindings) {
        h.append("<h3>").append(esc(heading)).append("</h3>\n");
        if (decisions.isEmpty()) {
            h.append("<p>None.</p>\n");
            return;
        }
        h.append("<table>\n<tr><th>Fingerprint</th><th>Decision</th><th>Justification</th><th>Reviewer, date</th>")
                .append(withFindings ? "<th>Findings</th>" : "").append("</tr>\n");
        for (Review.Decision d : decisions) {
            h.append("<tr><td><code>").append(esc(d.fingerprint())).append("</code></td><td>").append(badge(d))
                    .append("</td><td>").append(esc(d.justification())).append("</td><td>").append(esc(d.reviewer()))
                    .append("<br><small>").append(esc(d.date())).append("</small>")
                    .append(d.origin() == null ? "" : "<br><small>carried over from " + esc(d.origin().report()) + "</small>")
                    .append("</td>");
            if (withFindings) {
                h.append("<td>");
                for (Review.FindingRef f : d.findings()) {
                    h.append("<span class=\"sev ").append(f.severity()).append("\">").append(f.severity())
                            .append("</span> ").append(esc(f.ruleId())).append(" <code>").append(esc(f.location()))
                            .append("</code><br>");
                }
                h.append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n");
    }
}
