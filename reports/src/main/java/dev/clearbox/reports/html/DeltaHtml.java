package dev.clearbox.reports.html;

import dev.clearbox.reports.delta.DeltaText;
import dev.clearbox.reports.model.ReleaseDelta;
import dev.clearbox.reports.model.ReleaseDelta.Change;
import dev.clearbox.reports.model.ReleaseDelta.Kind;

import java.util.List;

import static dev.clearbox.reports.html.Html.esc;

/**
 * The HTML rendering of a {@link ReleaseDelta}: a page of its own ({@code clearbox diff --html}) and the report's
 * section "What changed since VERSION", near the top. Every value is escaped with {@link Html#esc}.
 */
public final class DeltaHtml {
    private DeltaHtml() {
    }

    /** A self-contained page (no scripts, no external resources). */
    public static String page(ReleaseDelta d) {
        StringBuilder h = new StringBuilder(16 * 1024);
        String title = "Clearbox release delta: " + d.from().product().name() + " " + d.from().product().version()
                + " -> " + d.to().product().version();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(esc(title)).append("</title>\n<style>\n").append(ReportHtml.CSS)
                .append("</style>\n</head>\n<body>\n");
        h.append("<h1 style=\"margin:.2rem 0\">").append(esc(title)).append("</h1>\n");
        body(h, d, false);
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    /** The report's section, for a report audited with a baseline. */
    static void section(StringBuilder h, ReleaseDelta d) {
        h.append("<section id=\"delta\">\n<h2>What changed since ").append(esc(d.from().product().version()))
                .append("</h2>\n");
        body(h, d, true);
        h.append("</section>\n");
    }

    /** The releases, the counts and the items; in the report ({@code folded}), only the added items open. */
    private static void body(StringBuilder h, ReleaseDelta d, boolean folded) {
        h.append("<table class=\"kv compact\">\n");
        release(h, "from", d.from());
        release(h, "to", d.to());
        h.append("</table>\n");
        if (d.isEmpty()) {
            h.append("<p><strong>No changes</strong>: the same capabilities, findings, endpoints, verdicts, packages,"
                    + " entries and components.</p>\n");
            return;
        }
        h.append("<p class=\"headline\">").append(d.of(Kind.ADDED).size()).append(" added, ")
                .append(d.of(Kind.REMOVED).size()).append(" removed, ").append(d.of(Kind.CHANGED).size())
                .append(" changed</p>\n");
        for (Kind kind : Kind.values()) {
            List<Change> changes = d.of(kind);
            if (changes.isEmpty()) {
                continue;
            }
            String title = (kind == Kind.ADDED ? "Added" : kind == Kind.REMOVED ? "Removed" : "Changed") + " ("
                    + changes.size() + ")";
            boolean fold = folded && kind != Kind.ADDED;
            h.append(fold ? "<details class=\"section\"><summary>" + title + "</summary>\n" : "<h3>" + title + "</h3>\n");
            h.append("<table class=\"compact\"><tr><th>category</th><th>severity</th><th>item</th><th>detail</th>")
                    .append(kind == Kind.CHANGED ? "<th>before</th><th>after</th>" : "").append("</tr>\n");
            for (Change c : changes) {
                h.append("<tr").append(kind == Kind.ADDED ? " class=\"added\"" : "").append("><td class=\"cap\">")
                        .append(esc(DeltaText.name(c.category())))
                        .append(c.scope().isEmpty() ? "" : " <small>" + esc(c.scope()) + "</small>").append("</td><td>")
                        .append(c.severity() == null ? "" : "<span class=\"sev " + c.severity() + "\">" + c.severity()
                                + "</span>")
                        .append("</td><td><code>").append(esc(c.subject())).append("</code>")
                        .append(c.fingerprint().isEmpty() ? "" : "<br><small>" + esc(c.fingerprint()) + "</small>")
                        .append("</td><td>").append(esc(c.detail())).append("</td>");
                if (kind == Kind.CHANGED) {
                    h.append("<td><code>").append(esc(c.before())).append("</code></td><td><code>")
                            .append(esc(c.after())).append("</code></td>");
                }
                h.append("</tr>\n");
            }
            h.append("</table>\n");
            if (fold) {
                h.append("</details>\n");
            }
        }
    }

    private static void release(StringBuilder h, String side, ReleaseDelta.Release r) {
        h.append("<tr><th>").append(side).append("</th><td>").append(esc(r.product().vendor() + " " + r.product().name()
                        + " " + r.product().version())).append(" &middot; commit <code>").append(esc(r.commit()))
                .append("</code>").append(r.tag().isEmpty() ? "" : " &middot; tag <code>" + esc(r.tag()) + "</code>")
                .append(" &middot; result ").append(esc(String.valueOf(r.result())))
                .append(r.reportSha256().isEmpty() ? "" : " &middot; report.json sha256 <code>" + esc(r.reportSha256())
                        + "</code>")
                .append(r.keyId().isEmpty() ? "" : " &middot; signed by key <code>" + esc(r.keyId()) + "</code>")
                .append("</td></tr>\n");
    }
}
