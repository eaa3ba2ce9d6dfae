package dev.clearbox.reports.html;

import dev.clearbox.core.Verdict;
import dev.clearbox.reports.model.Analysis;
import dev.clearbox.reports.model.ArtifactVerdict;
import dev.clearbox.reports.model.AuditReport;
import dev.clearbox.reports.model.ReportFinding;
import dev.clearbox.reports.model.ShippedPackage;
import dev.clearbox.reports.model.Source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static dev.clearbox.reports.html.Html.esc;
import static dev.clearbox.reports.html.Html.row;

/**
 * The HTML rendering of a report: one self-contained page (no scripts, no external resources) for a
 * person to read. Every value from the vendor's input is escaped.
 */
public final class ReportHtml {
    private ReportHtml() {
    }

    public static void write(AuditReport report, Path file) {
        try {
            Files.writeString(file, render(report), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    public static String render(AuditReport r) {
        StringBuilder h = new StringBuilder(64 * 1024);
        String title = "Clearbox audit: " + r.product().vendor() + " " + r.product().name() + " " + r.product().version();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(esc(title)).append("</title>\n<style>\n").append(CSS).append(ReviewHtml.CSS).append("</style>\n</head>\n<body>\n");
        h.append("<h1 style=\"margin:.2rem 0\">").append(esc(title)).append("</h1>\n");
        h.append("<p class=\"meta\">Report generated ").append(esc(r.generatedAt())).append(" by ")
                .append(esc(r.tool().name())).append(' ').append(esc(r.tool().version()))
                .append(", capability model ").append(esc(r.tool().capabilityModelVersion())).append(".</p>\n");
        for (String caveat : r.summary().caveats()) {
            h.append("<p class=\"caveat\" style=\"background:#ffebe9;border:1px solid #cf222e;padding:.5rem\"><strong>").append(esc(caveat)).append("</strong></p>\n");
        }

        if (r.delta() != null) {
            DeltaHtml.section(h, r.delta());
        }
        FirstScreen.render(h, r);

        h.append("<h2 id=\"details\">Details</h2>\n");
        Function<ReportFinding, String> badge = ReviewHtml.badges(r.review());
        if (r.review() != null) {
            open(h, "review", ReviewHtml.title(r.review()));
            ReviewHtml.render(h, r.review());
            close(h);
        }
        open(h, "all-paths", "All exfiltration paths, ranked (" + FirstScreen.rankedPaths(r).size() + ")");
        flows(h, FirstScreen.rankedPaths(r), badge);
        close(h);
        open(h, "differences", "Shipped binaries against the source: every difference");
        verdicts(h, r.verdicts());
        close(h);
        open(h, "findings", "Source findings (" + r.analysis().findings().size() + ")");
        findings(h, r.analysis().findings(), badge);
        close(h);
        open(h, "binary", "Binary analysis (" + r.binaryAnalysis().findings().size() + " findings)");
        BinarySection.render(h, r.binaryAnalysis(), badge);
        close(h);
        open(h, "source", "Source: repository, commit, signatures");
        source(h, r);
        close(h);
        open(h, "coverage", "What the analysis could not see");
        coverage(h, r.analysis().coverage());
        close(h);
        open(h, "rebuild", "Rebuild");
        rebuild(h, r);
        close(h);
        open(h, "packages", "Shipped packages (" + r.packages().size() + ")");
        packages(h, r.packages(), r.packageFindings(), badge);
        close(h);
        open(h, "session", SessionSection.title(r.session()));
        SessionSection.render(h, r.session());
        close(h);
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    /** A collapsible details section, closed: the first screen says what matters, these hold the evidence. */
    private static void open(StringBuilder h, String id, String summary) {
        h.append("<details class=\"section\" id=\"").append(id).append("\"><summary>").append(esc(summary))
                .append("</summary>\n");
    }

    private static void close(StringBuilder h) {
        h.append("</details>\n");
    }

    private static void flows(StringBuilder h, List<ReportFinding> ranked, Function<ReportFinding, String> badge) {
        if (ranked.isEmpty()) {
            h.append("<p>No path from sensitive data to a network or DNS sink.</p>\n");
        }
        int n = 1;
        for (ReportFinding f : ranked) {
            h.append("<div class=\"flow\"><p>").append(n++).append(". <span class=\"sev ").append(f.severity())
                    .append("\">").append(f.severity()).append("</span> <b>").append(esc(FirstScreen.sensitivity(f).label))
                    .append("</b> &middot; ").append(esc(f.ruleId())).append(" ").append(esc(f.message()))
                    .append(badge.apply(f)).append("<br><small>fingerprint <code>").append(esc(f.fingerprint())).append("</code>");
            if (f.flow() != null) {
                h.append("; ").append(esc(f.flow().sensitivity())).append(" (").append(esc(f.flow().classifiedBy()))
                        .append(") into ").append(esc(f.flow().channel()));
                if (f.flow().grouped() > 1) {
                    h.append("; ").append(f.flow().grouped()).append(" paths of this group, the others from ")
                            .append(f.flow().alsoFrom().stream().map(l -> "<code>" + esc(l.toString()) + "</code>")
                                    .collect(java.util.stream.Collectors.joining(", ")));
                }
            }
            h.append("</small></p>\n<ol>\n");
            for (ReportFinding.Step s : f.path()) {
                h.append("<li><code>").append(esc(s.location().toString())).append("</code> in <code>")
                        .append(esc(s.method())).append("</code>")
                        .append(s.note().isEmpty() ? "" : " &mdash; " + esc(s.note()))
                        .append("<pre>").append(esc(s.location().code())).append("</pre></li>\n");
            }
            h.append("</ol></div>\n");
        }
    }

    private static void source(StringBuilder h, AuditReport r) {
        var s = r.source();
        h.append("<table class=\"kv\">\n");
        row(h, "Repository", s.location());
        row(h, "Ref", s.ref() + " (" + s.resolvedRef() + ")");
        row(h, "Commit", s.commitId());
        row(h, "Tree", s.treeId());
        if (s.tag() != null) {
            row(h, "Tag", s.tag().name() + " by " + s.tag().tagger());
        }
        row(h, "Author", s.author());
        row(h, "Committer", s.committer());
        row(h, "Subject", s.subject());
        row(h, "Files", Integer.toString(s.fileCount()));
        if (s.tagSignature() != null) {
            row(h, "Tag signature", signature(s.tagSignature()));
        }
        if (s.commitSignature() != null) {
            row(h, "Commit signature", signature(s.commitSignature()));
        }
        if (s.treeDigest() != null) {
            row(h, "Tree digest", s.treeDigest().recipe() + " " + s.treeDigest().sha256() + " ("
                    + s.treeDigest().files() + " files; recipe in docs/checkout.md)");
        }
        for (var m : s.submodules()) {
            row(h, "Submodule", m.path() + " @ " + m.commit() + ": " + m.status()
                    + (m.reason().isEmpty() ? "" : " (" + m.reason() + ")"));
        }
        for (var p : s.lfsPointers()) {
            row(h, "Git LFS pointer", p.path() + " " + p.oid() + ", " + p.size() + " bytes: content not in the repository");
        }
        for (var l : s.symlinks()) {
            row(h, "Symbolic link", l.path() + " -> " + l.target() + (l.escapes() ? " (points outside the tree)" : "")
                    + "; checked out as a plain file");
        }
        for (var c : s.caseCollisions()) {
            row(h, "Case collision", String.join(", ", c));
        }
        h.append("</table>\n");
    }

    private static String signature(Source.Signature c) {
        return c.status() + (c.signer().isEmpty() ? "" : " by " + c.signer())
                + (c.keyId().isEmpty() ? "" : ", key " + c.keyId()) + " (" + c.detail() + ")";
    }

    private static void verdicts(StringBuilder h, List<ArtifactVerdict> verdicts) {
                if (verdicts.isEmpty()) {
            h.append("<p>No shipped artifact corresponds to a build output named in the session manifest.</p>\n");
            return;
        }
        h.append("<table>\n<tr><th>Shipped artifact</th><th>Verdict</th><th>Details</th></tr>\n");
        for (ArtifactVerdict c : verdicts) {
            h.append("<tr><td><code>").append(esc(c.shipped())).append("</code><br><small>sha256 ")
                    .append(esc(c.shippedSha256())).append("</small></td><td class=\"").append(Html.verdictClass(c.verdict()))
                    .append("\">").append(c.verdict()).append("</td><td>");
            if (c.verdict() == Verdict.NOT_REBUILT || c.verdict() == Verdict.NOT_VERIFIED) {
                h.append(esc(c.reason()));
            } else if (c.differences().isEmpty()) {
                h.append("bit-identical to <code>").append(esc(c.rebuilt())).append("</code> rebuilt from source");
            } else {
                h.append("bit-identical: ").append(c.bitIdentical() ? "yes" : "no").append("; equivalent: ")
                        .append(c.equivalent() ? "yes" : "no").append(" (rebuilt <code>").append(esc(c.rebuilt()))
                        .append("</code>)\n");
                DifferencesHtml.differences(h, c);
            }
            h.append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static void findings(StringBuilder h, List<ReportFinding> findings, Function<ReportFinding, String> badge) {
        h.append("<table>\n<tr><th>Capability</th><th>Where</th><th>API</th><th>Endpoints</th><th>Code</th></tr>\n");
        for (ReportFinding f : findings) {
            if (!f.path().isEmpty()) {
                continue;
            }
            h.append("<tr><td class=\"cap\">").append(esc(f.capability())).append("<br><small>").append(esc(f.ruleId()))
                    .append(" &middot; ").append(f.severity()).append("</small>").append(badge.apply(f))
                    .append("</td><td><code>")
                    .append(esc(f.location().toString())).append("</code><br><small>").append(esc(f.fingerprint()))
                    .append("</small></td><td><code>").append(esc(f.api()))
                    .append("</code><br><small>resolved by ").append(esc(f.resolution())).append("</small></td><td>");
            for (String e : f.endpoints()) {
                h.append("<code>").append(esc(e)).append("</code><br>");
            }
            h.append("</td><td><pre>").append(esc(f.location().code())).append("</pre></td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static void coverage(StringBuilder h, Analysis.Coverage c) {
        h.append("<p>").append(c.filesParsed()).append(" files and ")
                .append(c.linesAnalyzed()).append(" lines analyzed; ").append(c.problems().size())
                .append(" files with problems; ").append(c.unresolvedCallCount()).append(" calls unresolved.</p>\n");
        if (!c.problems().isEmpty()) {
            h.append("<ul>\n");
            for (Analysis.FileProblem p : c.problems()) {
                h.append("<li><code>").append(esc(p.file())).append("</code>: ").append(esc(p.problem())).append("</li>\n");
            }
            h.append("</ul>\n");
        }
        if (!c.unresolvedCalls().isEmpty()) {
            h.append("<details><summary>Unresolved calls</summary><ul>\n");
            for (Analysis.UnresolvedCall u : c.unresolvedCalls()) {
                h.append("<li><code>").append(esc(u.file() + ":" + u.line())).append("</code> <code>")
                        .append(esc(u.call())).append("</code>");
                if (!u.missingTypes().isEmpty()) {
                    h.append(" (supertypes not seen: ").append(esc(String.join(", ", u.missingTypes())))
                            .append("; matched by method name)");
                }
                h.append("</li>\n");
            }
            h.append("</ul></details>\n");
        }
        if (!c.missingTypes().isEmpty()) {
            h.append("<details open><summary>Types nobody could see (").append(c.missingTypes().size())
                    .append("): a model API may hide behind them</summary><ul>\n");
            for (Analysis.MissingType m : c.missingTypes()) {
                h.append("<li><code>").append(esc(m.type())).append("</code>: ").append(m.calls())
                        .append(m.calls() == 1 ? " call" : " calls").append(" in doubt");
                if (!m.jars().isEmpty()) {
                    h.append("; held by <code>").append(esc(String.join(", ", m.jars()))).append("</code>");
                }
                h.append("</li>\n");
            }
            h.append("</ul></details>\n");
        }
        if (!c.flowLimits().isEmpty()) {
            h.append("<details><summary>Where the flow analysis stopped early</summary><ul>\n");
            for (String limit : c.flowLimits()) {
                h.append("<li>").append(esc(limit)).append("</li>\n");
            }
            h.append("</ul></details>\n");
        }
    }

    private static void rebuild(StringBuilder h, AuditReport r) {
        var b = r.rebuild();
        h.append("<table class=\"kv\">\n");
        row(h, "Status", b.status() + (b.reason().isEmpty() ? "" : ": " + b.reason()));
        row(h, "Command", String.join(" ", b.command()));
        row(h, "JDK", b.jdk() == null ? "none" : b.jdk().describe());
        row(h, "Build tool", b.tool() + ": " + b.toolVersion());
        row(h, "Isolation", b.isolation().level() + ": " + b.isolation().detail());
        row(h, "Network", String.valueOf(b.network()));
        row(h, "Line endings", String.valueOf(b.newline()));
        row(h, "Duration", b.durationMillis() + " ms");
        row(h, "Log", b.log());
        row(h, "umask", b.umask());
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(b.environment()).entrySet()) {
            row(h, "env " + e.getKey(), e.getValue());
        }
        for (var run : b.runs()) {
            row(h, "Run " + run.name(), "exit " + run.exitCode() + (run.network() ? ", with network" : ", no network")
                    + ", log " + run.log() + (run.sha256().isEmpty() ? "" : ", " + new java.util.TreeMap<>(run.sha256())));
        }
        for (var u : b.nonDeterministic()) {
            row(h, "Non-deterministic", u.path() + " (run 1 vs run " + u.run() + "): " + String.join("; ", u.differences()));
        }
        for (var f : b.references()) {
            row(h, "Reference " + f.artifact(), String.join("; ", f.evidence()));
        }
        for (var n : b.notes()) {
            row(h, "Note (" + n.kind() + ")", n.message());
        }
        h.append("</table>\n");
    }

    private static void packages(StringBuilder h, List<ShippedPackage> packages, List<ReportFinding> packageFindings,
                                 Function<ReportFinding, String> badge) {
        if (!packageFindings.isEmpty()) {
            h.append("<h3>Package findings (").append(packageFindings.size()).append(")</h3>\n<ul>\n");
            for (ReportFinding f : packageFindings) {
                h.append("<li class=\"pkgfinding\"><b>").append(esc(f.ruleId())).append("</b> &middot; ").append(f.severity())
                        .append(" <code>").append(esc(f.location().file())).append("</code>: ").append(esc(f.message()))
                        .append(badge.apply(f)).append("</li>\n");
            }
            h.append("</ul>\n");
        }
        for (ShippedPackage p : packages) {
            h.append("<details><summary><code>").append(esc(p.packageName())).append("</code> ").append(esc(p.format()))
                    .append(", ").append(p.size()).append(" bytes, ").append(p.entries().size())
                    .append(" entries, sha256 <code>").append(esc(p.sha256())).append("</code></summary>\n")
                    .append("<p class=\"limits\">Unpacked under these limits: ").append(esc(limits(p.limits())))
                    .append(".</p>\n")
                    .append(p.jar() == null ? "" : "<p>The package is a jar: " + esc(jarSummary(p.jar())) + "</p>\n")
                    .append("<table>\n")
                    .append("<tr><th>Entry</th><th>Type</th><th>Size</th><th>sha256</th></tr>\n");
            for (ShippedPackage.Entry e : p.entries()) {
                h.append("<tr><td><code>").append(esc(e.path())).append("</code>")
                        .append(e.detail() == null || e.detail().isEmpty() ? "" : "<br><small>" + esc(e.detail()) + "</small>")
                        .append(e.jar() == null ? "" : "<br><small>" + esc(jarSummary(e.jar())) + "</small>")
                        .append("</td><td>").append(e.type()).append("</td><td>").append(e.size())
                        .append("</td><td><small>").append(esc(e.sha256())).append("</small></td></tr>\n");
            }
            h.append("</table></details>\n");
        }
    }

    /** {@code total 4294967296 bytes, 1073741824 bytes per entry, ...}: the limits the package was unpacked under. */
    static String limits(ShippedPackage.Limits l) {
        return "at most " + l.maxTotalBytes() + " bytes in total, " + l.maxEntryBytes() + " bytes per entry, "
                + l.maxEntries() + " entries, compression ratio " + l.maxCompressionRatio() + ", nesting depth "
                + l.maxNestingDepth();
    }

    /** {@code pkg:maven/g/a@v; signature VERIFIED by CN=...}: a jar's identity and signature in one line. */
    static String jarSummary(ShippedPackage.Jar jar) {
        StringBuilder b = new StringBuilder();
        if (!jar.maven().isEmpty()) {
            b.append("Maven ").append(jar.maven().stream().map(ShippedPackage.Maven::toString)
                    .collect(java.util.stream.Collectors.joining(", "))).append("; ");
        } else if (!jar.implementationTitle().isEmpty()) {
            b.append(jar.implementationTitle()).append(' ').append(jar.implementationVersion()).append("; ");
        }
        ShippedPackage.Signature s = jar.signature();
        b.append("signature ").append(s.status());
        if (!s.signers().isEmpty()) {
            b.append(" by ").append(s.signers().get(0).subject()).append(" (certificate sha256 ")
                    .append(s.signers().get(0).sha256Fingerprint()).append(')');
        }
        if (!s.failedEntry().isEmpty()) {
            b.append(" at ").append(s.failedEntry());
        }
        if (!s.problem().isEmpty()) {
            b.append(": ").append(s.problem());
        }
        return b.toString();
    }

    static final String CSS = """
            body{font-family:system-ui,-apple-system,Segoe UI,sans-serif;margin:.8rem auto;max-width:72rem;padding:0 1rem;color:#1b1f24}
            h1{font-size:1.6rem}h2{margin-top:2rem;border-bottom:1px solid #d0d7de;padding-bottom:.3rem}
            table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border:1px solid #d0d7de;padding:.3rem .5rem;text-align:left;vertical-align:top}
            th{background:#f6f8fa}table.kv th{width:12rem}pre{margin:0;white-space:pre-wrap;font-size:.85rem}
            code{font-size:.85rem;word-break:break-all}small{color:#57606a}.meta{color:#57606a}
            td.ok{background:#dafbe1;font-weight:bold}td.bad{background:#ffebe9;font-weight:bold}td.warn{background:#fff8c5;font-weight:bold}
            .flow{border-left:4px solid #cf222e;padding-left:1rem;margin:1rem 0}td.cap{white-space:nowrap}
            .verdict{border:2px solid #d0d7de;border-radius:6px;padding:.4rem .8rem;margin:.5rem 0}.verdict ul{margin:.2rem 0;padding-left:1.2rem}
            .verdict.bad{border-color:#cf222e;background:#ffebe9}.verdict.warn{border-color:#bf8700;background:#fff8c5}.verdict.ok{border-color:#1a7f37;background:#dafbe1}
            .headline{font-size:1.2rem;font-weight:bold;margin:.2rem 0}li.bad{font-weight:bold}
            .first{display:grid;grid-template-columns:1fr 1fr;gap:0 1.5rem}.first h2{font-size:1.1rem;margin:.6rem 0 .3rem}
            table.compact{font-size:.85rem;margin:.2rem 0}table.compact td,table.compact th{padding:.15rem .35rem}
            ul.tight,ol.tight{margin:.2rem 0;padding-left:1.3rem;font-size:.85rem}ul.tight li,ol.tight li{margin:.15rem 0}
            .note{font-size:.8rem;color:#57606a;margin:.2rem 0}
            .sev{font-size:.75rem;font-weight:bold;padding:0 .25rem;border-radius:3px;background:#eaeef2}.sev.CRITICAL{background:#cf222e;color:#fff}.sev.HIGH{background:#fb8f44}
            details.section{border:1px solid #d0d7de;border-radius:6px;padding:.3rem .8rem;margin:.4rem 0}details.section>summary{font-weight:bold;cursor:pointer}
            @media (max-width:60rem){.first{grid-template-columns:1fr}}
            """;
}
