package dev.clearbox.reports.html;

import dev.clearbox.core.compare.ArtifactComparison;
import dev.clearbox.reports.model.ArtifactVerdict;
import dev.clearbox.reports.model.ReportMapping;

import static dev.clearbox.reports.html.Html.esc;

/** The HTML rendering of one comparison as a self-contained page (its difference list is {@link DifferencesHtml}). */
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
        h.append("<table class=\"kv\">\n<tr><th>Verdict</th><td class=\"").append(Html.verdictClass(c.verdict())).append("\">")
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
        DifferencesHtml.differences(h, c);
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    private static void row(StringBuilder h, String key, String value) {
        h.append("<tr><th>").append(esc(key)).append("</th><td>").append(esc(value)).append("</td></tr>\n");
    }

}
