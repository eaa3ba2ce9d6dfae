package dev.clearbox.reports.html;

import dev.clearbox.core.compare.ArtifactComparison;
import dev.clearbox.reports.model.ArtifactVerdict;
import dev.clearbox.reports.model.ArtifactVerdict.Difference;
import dev.clearbox.reports.model.ReportMapping;

import java.util.List;

import static dev.clearbox.reports.html.ReportHtml.esc;

/** The HTML rendering of one comparison: a self-contained page, and the difference list the audit report reuses. */
public final class ComparisonHtml {
    private ComparisonHtml() {
    }

    public static String render(ArtifactComparison comparison) {
        ArtifactVerdict c = ReportMapping.verdict(comparison);
        StringBuilder h = new StringBuilder(16 * 1024);
        String title = "Clearbox compare: " + c.shipped() + (c.rebuilt().isEmpty() ? "" : " vs " + c.rebuilt());
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(esc(title)).append("</title>\n<style>\n").append(ReportHtml.CSS)
                .append("</style>\n</head>\n<body>\n<h1>").append(esc(title)).append("</h1>\n");
        h.append("<table class=\"kv\">\n<tr><th>Verdict</th><td class=\"").append(ReportHtml.verdictClass(c.verdict())).append("\">")
                .append(c.verdict()).append("</td></tr>\n");
        row(h, "Bit-identical", c.bitIdentical() ? "yes" : "no");
        row(h, "Equivalent", c.equivalent() ? "yes" : "no");
        row(h, "Shipped", c.shipped() + "  sha256 " + c.shippedSha256());
        if (!c.rebuilt().isEmpty()) {
            row(h, "Rebuilt", c.rebuilt() + "  sha256 " + c.rebuiltSha256());
        }
        if (!c.reason().isEmpty()) {
            row(h, "Reason", c.reason());
        }
        h.append("</table>\n");
        differences(h, c);
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    private static void row(StringBuilder h, String key, String value) {
        h.append("<tr><th>").append(esc(key)).append("</th><td>").append(esc(value)).append("</td></tr>\n");
    }

    /** The substantive, then the benign differences, each with class, entry, source file, member and evidence. */
    static void differences(StringBuilder h, ArtifactVerdict c) {
        List<Difference> substantive = c.differences().stream().filter(d -> !d.benign()).toList();
        List<Difference> benign = c.differences().stream().filter(Difference::benign).toList();
        list(h, "Substantive differences", substantive);
        list(h, "Benign differences", benign);
    }

    private static void list(StringBuilder h, String title, List<Difference> differences) {
        if (differences.isEmpty()) {
            return;
        }
        h.append("<p><b>").append(esc(title)).append(" (").append(differences.size()).append(")</b></p>\n<ul>\n");
        for (Difference d : differences) {
            h.append("<li><b>").append(d.kind()).append("</b>").append(d.benign() && !d.kind().benign() ? " (accepted)" : "")
                    .append(" <code>").append(esc(d.entry().isEmpty() ? "(the artifact itself)" : d.entry())).append("</code>");
            if (!d.sourceFile().isEmpty() || !d.member().isEmpty()) {
                h.append(" at <code>").append(esc(d.sourceFile())).append("</code>");
                if (!d.member().isEmpty()) {
                    h.append(" <code>").append(esc(d.member())).append("</code>");
                }
            }
            h.append(": ").append(esc(d.detail()));
            if (!d.evidence().isEmpty()) {
                h.append("<pre>").append(esc(String.join("\n", d.evidence()))).append("</pre>");
            }
            h.append("</li>\n");
        }
        h.append("</ul>\n");
    }
}
