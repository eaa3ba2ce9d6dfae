package dev.clearbox.reports.html;

import dev.clearbox.reports.model.ArtifactVerdict;
import dev.clearbox.reports.model.ArtifactVerdict.Difference;

import java.util.List;

import static dev.clearbox.reports.html.Html.esc;

/** The differences of one comparison, as a list: in the comparison's own page and in the audit report's verdicts. */
final class DifferencesHtml {
    private DifferencesHtml() {
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
