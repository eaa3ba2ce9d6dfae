package dev.clearbox.reports.html;

import dev.clearbox.reports.model.Session;

import java.util.List;

import static dev.clearbox.reports.html.Html.esc;
import static dev.clearbox.reports.html.Html.row;

/** The session section of the HTML report, its last: how the audit was run (docs/report-schema.md, "Session"). */
final class SessionSection {
    private SessionSection() {
    }

    /** The section's title: says at a glance whether everything given was covered. */
    static String title(Session s) {
        int gaps = gaps(s.notCovered());
        return "Session: how this audit was run, under which limits, and what it did not cover ("
                + (gaps == 0 ? "everything covered" : gaps + " not covered") + ")";
    }

    /** How many items the audit did not cover, counted as the top of the page counts them. */
    static int gaps(Session.NotCovered n) {
        return n.unparsedFiles().size() + n.unresolvedCalls() + n.flowLimitsHit().size() + n.classesNotAnalysed().size()
                + n.missingClasses() + n.notRebuilt().size();
    }

    static void render(StringBuilder h, Session s) {
        h.append("<h3>Who and when</h3>\n<table class=\"kv\">\n");
        row(h, "Auditors", s.auditors().isEmpty() ? "(nobody named: clearbox audit --auditor NAME)" : String.join(", ", s.auditors()));
        row(h, "Started", s.startedAt());
        row(h, "Ended", s.endedAt() + " (then the report was written and signed)");
        h.append("</table>\n<h3>Stages</h3>\n<table>\n<tr><th>Stage</th><th>Duration</th><th>Produced</th></tr>\n");
        for (Session.StageRun r : s.stages()) {
            h.append("<tr><td>").append(esc(r.name())).append("</td><td>").append(r.durationMillis()).append(" ms</td><td>")
                    .append(esc(r.detail())).append("</td></tr>\n");
        }
        h.append("</table>\n<h3>Inputs, by digest</h3>\n<table class=\"kv\">\n");
        Session.Inputs in = s.inputs();
        row(h, "Session manifest", in.manifest().name() + " sha256 " + in.manifest().sha256());
        Session.SourceInput src = in.source();
        row(h, "Source", src.location() + (src.sha256().isEmpty() ? "" : " sha256 " + src.sha256()) + ", commit "
                + src.commitId() + ", tree " + src.treeId() + (src.treeDigest().isEmpty() ? "" : ", tree digest " + src.treeDigest()));
        for (Session.FileDigest p : in.packages()) {
            row(h, "Package", p.name() + " sha256 " + p.sha256());
        }
        row(h, "Capability model", in.capabilityModel().version() + " sha256 " + in.capabilityModel().digest());
        row(h, "OpenPGP keyring", in.keyring() == null ? "none" : in.keyring().name() + " sha256 " + in.keyring().sha256());
        row(h, "SSH allowed signers", in.allowedSigners() == null ? "none"
                : in.allowedSigners().name() + " sha256 " + in.allowedSigners().sha256());
        h.append("</table>\n<h3>Tools</h3>\n<table class=\"kv\">\n");
        for (Session.ToolVersion t : s.tools()) {
            row(h, t.name(), t.version());
        }
        h.append("</table>\n<h3>Limits in force</h3>\n<table class=\"kv\">\n");
        Session.Limits l = s.limits();
        var u = l.unpack();
        row(h, "Unpack", bytes(u.maxTotalBytes()) + " in total, " + bytes(u.maxEntryBytes()) + " per entry, " + u.maxEntries()
                + " entries, compression ratio " + u.maxCompressionRatio() + ", " + u.maxNestingDepth() + " nesting levels");
        var c = l.checkout();
        row(h, "Checkout", bytes(c.maxBlobBytes()) + " per file, " + c.maxTreeDepth() + " directory levels, "
                + bytes(c.maxInflatedBytes()) + " per fetched pack, " + c.timeoutSeconds() + " s URL timeout");
        var b = l.rebuild();
        row(h, "Rebuild", b.runs() + " run" + (b.runs() == 1 ? "" : "s") + " of at most " + b.timeoutSeconds() + " s, "
                + bytes(b.maxLogBytes()) + " of log, " + bytes(b.maxFileBytes()) + " per file, " + bytes(b.maxTreeBytes())
                + " of tree, " + bytes(b.maxTmpBytes()) + " of /tmp and home");
        var a = l.sourceAnalysis();
        row(h, "Source analysis", (a.implicitFlows()
                ? "implicit flows followed (data that decides whether a sink runs, --implicit-flows); "
                : "explicit flows only (implicit flows not followed); ") + bytes(a.maxFileBytes()) + " per file, " + a.maxListedUnresolvedCalls()
                + " unresolved calls listed; flows: " + a.maxOperationsPerMethod() + " operations per method, "
                + a.maxLoopRounds() + " loop rounds, " + a.maxSummaryRounds() + " summary rounds, " + a.maxDispatchTargets()
                + " dispatch targets, " + a.maxNameTargets() + " name targets, " + a.maxOriginsPerValue()
                + " origins per value, " + a.maxPathSteps() + " steps per path, path edges per source at least "
                + a.minPathEdgesPerSource() + " (every flow is reported)");
        var o = l.compare();
        row(h, "Compare", o.maxDepth() + " nested archive levels, " + bytes(o.maxUncompressedBytes()) + " per side"
                + (o.accepted().isEmpty() ? "" : ", accepted as benign: " + o.accepted()));
        Session.Sandbox sb = s.sandbox();
        row(h, "Sandbox", (sb.level() == null ? "no build ran" : sb.level() + ": " + sb.detail()) + " (asked for "
                + sb.requested() + (sb.unsandboxedAllowed() ? "; build without a sandbox allowed" : "") + ")");
        h.append("</table>\n<h3>Not covered</h3>\n");
        Session.NotCovered n = s.notCovered();
        if (n.complete()) {
            h.append("<p>Everything given was analysed, and every shipped build output was checked against the rebuild.</p>\n");
            return;
        }
        h.append("<ul>\n");
        list(h, "source files not analysed, or only partly", n.unparsedFiles());
        if (n.unresolvedCalls() > 0) {
            h.append("<li>").append(n.unresolvedCalls()).append(" calls whose target could not be resolved</li>\n");
        }
        list(h, "places where the flow analysis stopped early", n.flowLimitsHit());
        list(h, "shipped files the binary analysis could not analyse, or only partly", n.classesNotAnalysed());
        if (n.missingClasses() > 0) {
            h.append("<li>").append(n.missingClasses()).append(" classes the shipped code refers to were not available</li>\n");
        }
        list(h, "shipped artifacts not checked against the source", n.notRebuilt().stream()
                .map(x -> x.shipped() + ": " + x.verdict() + (x.reason().isEmpty() ? "" : " (" + x.reason() + ")")).toList());
        h.append("</ul>\n");
    }

    /** A size as the limits are set: in GiB, MiB or KiB when it is a whole number of them, else in bytes. */
    static String bytes(long n) {
        for (String unit : List.of("GiB", "MiB", "KiB")) {
            long size = unit.equals("GiB") ? 1L << 30 : unit.equals("MiB") ? 1L << 20 : 1L << 10;
            if (n >= size && n % size == 0) {
                return n / size + " " + unit;
            }
        }
        return n + " bytes";
    }

    private static void list(StringBuilder h, String what, List<String> items) {
        if (items.isEmpty()) {
            return;
        }
        h.append("<li>").append(items.size()).append(' ').append(esc(what)).append(":<ul>\n");
        for (String i : items) {
            h.append("<li><code>").append(esc(i)).append("</code></li>\n");
        }
        h.append("</ul></li>\n");
    }
}
