package dev.clearbox.reports.html;

import dev.clearbox.analyzers.bytecode.BinaryRule;
import dev.clearbox.reports.model.BinaryReport;
import dev.clearbox.reports.model.ReportFinding;

import java.util.List;

import static dev.clearbox.reports.html.Html.esc;

/** The report page's section on the shipped binaries: what they do that the source does not, then the rest. */
final class BinarySection {
    private static final int MAX_LISTED = 200;

    private BinarySection() {
    }

    static void render(StringBuilder h, BinaryReport b) {
        List<ReportFinding> only = b.findings().stream().filter(f -> f.is(BinaryRule.ONLY)
                || f.is(BinaryRule.NO_SOURCE)).toList();
        h.append("<h3>Behaviour not in the source (").append(only.size()).append(")</h3>\n");
        if (only.isEmpty()) {
            h.append("<p>Every capability found in the shipped classes has a counterpart in the reviewed source.</p>\n");
        }
        for (ReportFinding f : only) {
            h.append("<div class=\"flow\"><p><b>").append(esc(f.ruleId())).append("</b> ").append(f.severity())
                    .append(" &middot; <code>").append(esc(f.location().toString())).append("</code><br>")
                    .append(esc(f.message())).append("</p>");
            if (!f.path().isEmpty()) {
                h.append("<ol>");
                for (ReportFinding.Step s : f.path()) {
                    h.append("<li><code>").append(esc(s.location().toString())).append("</code> <code>")
                            .append(esc(s.location().code())).append("</code> &mdash; ").append(esc(s.note())).append("</li>");
                }
                h.append("</ol>");
            }
            h.append("</div>\n");
        }
        List<ReportFinding> rest = b.findings().stream().filter(f -> !only.contains(f)).toList();
        h.append("<h3>Findings (").append(rest.size()).append(")</h3>\n");
        h.append("<table>\n<tr><th>Rule</th><th>Where</th><th>API</th><th>Endpoints</th><th>Message</th></tr>\n");
        for (ReportFinding f : rest) {
            h.append("<tr><td class=\"cap\">").append(esc(f.capability())).append("<br><small>").append(esc(f.ruleId()))
                    .append(" &middot; ").append(f.severity()).append("</small></td><td><code>")
                    .append(esc(f.location().toString())).append("</code></td><td><code>").append(esc(f.api()))
                    .append("</code></td><td>");
            for (String e : f.endpoints()) {
                h.append("<code>").append(esc(e)).append("</code><br>");
            }
            h.append("</td><td>").append(esc(f.message())).append("</td></tr>\n");
        }
        h.append("</table>\n");
        correspondence(h, b.correspondence());
        natives(h, b.nativeLibraries());
        coverage(h, b.coverage());
    }

    private static void correspondence(StringBuilder h, BinaryReport.Correspondence c) {
        long mapped = c.classes().stream().filter(x -> !x.sourceFile().isEmpty()).count();
        h.append("<h3>Classes and sources</h3>\n<p>").append(c.classes().size()).append(" shipped classes, ")
                .append(mapped).append(" with a source file; ").append(c.classesWithoutSource().size())
                .append(" without; ").append(c.sourcesWithoutClass().size())
                .append(" source files with no shipped class. Call sites match within ").append(c.lineTolerance())
                .append(" lines.</p>\n");
        list(h, "Classes without source", c.classesWithoutSource());
        list(h, "Sources without class", c.sourcesWithoutClass());
        h.append("<details><summary>Class → source</summary><table>\n");
        int n = 0;
        for (BinaryReport.ClassSource s : c.classes()) {
            if (n++ >= MAX_LISTED) {
                h.append("<tr><td colspan=\"2\">… ").append(c.classes().size() - MAX_LISTED).append(" more</td></tr>\n");
                break;
            }
            h.append("<tr><td><code>").append(esc(s.classFile())).append("</code></td><td><code>")
                    .append(esc(s.sourceFile().isEmpty() ? "(none)" : s.sourceFile())).append("</code></td></tr>\n");
        }
        h.append("</table></details>\n");
    }

    private static void list(StringBuilder h, String title, List<String> items) {
        if (items.isEmpty()) {
            return;
        }
        h.append("<details><summary>").append(esc(title)).append(" (").append(items.size()).append(")</summary><ul>\n");
        items.stream().limit(MAX_LISTED).forEach(i -> h.append("<li><code>").append(esc(i)).append("</code></li>\n"));
        if (items.size() > MAX_LISTED) {
            h.append("<li>… ").append(items.size() - MAX_LISTED).append(" more</li>\n");
        }
        h.append("</ul></details>\n");
    }

    private static void natives(StringBuilder h, List<BinaryReport.NativeLibrary> libs) {
        if (libs.isEmpty()) {
            return;
        }
        h.append("<h3>Native libraries</h3>\n<table><tr><th>File</th><th>Format</th><th>Exported symbols</th></tr>\n");
        for (BinaryReport.NativeLibrary l : libs) {
            h.append("<tr><td><code>").append(esc(l.file())).append("</code></td><td>").append(esc(l.format()))
                    .append("</td><td>").append(l.problem().isEmpty() ? l.symbols().size() + " (" + l.jniSymbols() + " JNI) "
                            + esc(String.join(", ", l.symbols().stream().limit(20).toList())) : esc(l.problem()))
                    .append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static void coverage(StringBuilder h, BinaryReport.Coverage c) {
        h.append("<h3>What the binary analysis could not see</h3>\n<p>").append(c.classesAnalyzed())
                .append(" classes analyzed in ").append(c.codeBases()).append(" code bases (").append(c.spotBugsRuns())
                .append(" SpotBugs runs); ").append(c.problems().size()).append(" files with problems; ")
                .append(c.missingClasses()).append(" referenced classes missing from the class path.</p>\n");
        if (!c.problems().isEmpty()) {
            h.append("<ul>\n");
            for (BinaryReport.Problem p : c.problems()) {
                h.append("<li><code>").append(esc(p.file())).append("</code>: ").append(esc(p.problem())).append("</li>\n");
            }
            h.append("</ul>\n");
        }
    }
}
