package dev.clearbox.reports.html;

import dev.clearbox.analyzers.bytecode.BinaryRule;

import dev.clearbox.core.Severity;
import dev.clearbox.core.Verdict;
import dev.clearbox.reports.model.ArtifactVerdict;
import dev.clearbox.reports.model.AuditReport;
import dev.clearbox.reports.model.BinaryReport;
import dev.clearbox.reports.model.ReportFinding;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static dev.clearbox.reports.html.Html.esc;

/**
 * The top of the HTML report, what a reader sees first (docs/report-schema.md, "HTML layout"): the verdict summary,
 * each shipped artifact with its verdict and what differs, the behaviours only the shipped binaries have, every
 * endpoint with where it is used, and the exfiltration paths ranked most severe first ({@link #RANKING}).
 */
final class FirstScreen {
    /** How many ranked exfiltration paths the first screen lists; all of them are in the details below. */
    static final int TOP_PATHS = 5;
    /** How many places the endpoint list names per endpoint. */
    static final int PLACES = 3;

    /** Text on a path that names a private key, a credential store or a password: the most sensitive sources. */
    private static final Pattern SECRET = Pattern.compile("\\.ssh\\b|id_(rsa|dsa|ecdsa|ed25519)|\\.gnupg|\\.aws\\b"
            + "|credentials|\\.netrc|\\.pgpass|\\.kube\\b|\\.docker\\b|keystore|key store|\\.pem\\b|\\.p12\\b|\\.pfx\\b"
            + "|\\.jks\\b|password|passwd|/etc/shadow|wallet|private key|secret", Pattern.CASE_INSENSITIVE);
    /** Notes of sources that yield a person's data rather than facts about the device. */
    private static final Pattern USER_DATA = Pattern.compile("source: (file contents|clipboard|screen)",
            Pattern.CASE_INSENSITIVE);

    /**
     * The exfiltration-path ranking: severity (highest first), then how sensitive the source is
     * ({@link Sensitivity}: a private key or credential, then a person's data — file contents, clipboard, screen —,
     * then facts about the device or environment), then the number of steps (fewest first: the most direct path),
     * then the report's order.
     */
    static final Comparator<ReportFinding> RANKING = Comparator
            .comparing(ReportFinding::severity, Comparator.reverseOrder())
            .thenComparing(FirstScreen::sensitivity, Comparator.reverseOrder())
            .thenComparingInt(f -> f.path().size());

    private FirstScreen() {
    }

    /** How sensitive the data a path carries is, least first. */
    enum Sensitivity {
        DEVICE("device or environment data"),
        USER_DATA("a person's data (file contents, clipboard or screen)"),
        SECRET("a private key or credential");

        final String label;

        Sensitivity(String label) {
            this.label = label;
        }
    }

    static Sensitivity sensitivity(ReportFinding f) {
        if (f.flow() != null) {
            // the class the analysis gave the source (capability model, docs/capability-model.md)
            return switch (f.flow().sensitivity()) {
                case "secret" -> Sensitivity.SECRET;
                case "personal" -> Sensitivity.USER_DATA;
                default -> Sensitivity.DEVICE;
            };
        }
        for (ReportFinding.Step s : f.path()) {
            if (SECRET.matcher(s.location().code()).find() || SECRET.matcher(s.note()).find()) {
                return Sensitivity.SECRET;
            }
        }
        for (ReportFinding.Step s : f.path()) {
            if (USER_DATA.matcher(s.note()).find()) {
                return Sensitivity.USER_DATA;
            }
        }
        return Sensitivity.DEVICE;
    }

    /** The flows of the source analysis, ranked. */
    static List<ReportFinding> rankedPaths(AuditReport r) {
        return r.analysis().findings().stream().filter(f -> !f.path().isEmpty()).sorted(RANKING).toList();
    }

    /** The step that shows what leaves: the one naming the secret, else the last source step, else the first. */
    static ReportFinding.Step evidence(ReportFinding f) {
        ReportFinding.Step lastSource = null;
        for (ReportFinding.Step s : f.path()) {
            if (SECRET.matcher(s.location().code()).find()) {
                return s;
            }
            if (s.note().startsWith("source:")) {
                lastSource = s;
            }
        }
        return lastSource != null ? lastSource : f.path().get(0);
    }

    /** A flow's class, channel and group size, as {@code ; secret into dns-name; 3 paths}; empty for other findings. */
    static String flowFacts(ReportFinding f) {
        if (f.flow() == null) {
            return "";
        }
        return "; " + esc(f.flow().sensitivity()) + " into " + esc(f.flow().channel())
                + (f.flow().grouped() > 1 ? "; " + f.flow().grouped() + " paths" : "");
    }

    static void render(StringBuilder h, AuditReport r) {
        summary(h, r);
        h.append("<div class=\"first\">\n<div class=\"col\">\n");
        artifacts(h, r.verdicts());
        binaryOnly(h, r.binaryAnalysis());
        paths(h, rankedPaths(r));
        h.append("</div>\n<div class=\"col\">\n");
        endpoints(h, r);
        h.append("</div>\n</div>\n");
    }

    private static String count(long n, String thing) {
        return n + " " + thing + (n == 1 ? "" : "s");
    }

    private static void summary(StringBuilder h, AuditReport r) {
        List<ReportFinding> all = new ArrayList<>(r.analysis().findings());
        all.addAll(r.binaryAnalysis().findings());
        all.addAll(r.packageFindings());
        Map<Severity, Long> bySeverity = new TreeMap<>(Comparator.reverseOrder());
        all.forEach(f -> bySeverity.merge(f.severity(), 1L, Long::sum));
        Map<Verdict, Long> verdicts = new TreeMap<>();
        r.verdicts().forEach(v -> verdicts.merge(v.verdict(), 1L, Long::sum));
        long binaryOnly = r.binaryAnalysis().findings().stream().filter(f -> f.is(BinaryRule.ONLY)).count();
        List<ReportFinding> flows = r.analysis().findings().stream().filter(f -> !f.path().isEmpty()).toList();
        long criticalFlows = flows.stream().filter(f -> f.severity() == Severity.CRITICAL).count();

        List<String> bad = new ArrayList<>();
        List<String> warn = new ArrayList<>();
        long notReproducible = verdicts.getOrDefault(Verdict.NOT_REPRODUCIBLE, 0L);
        if (notReproducible > 0) {
            bad.add(notReproducible + " of " + r.verdicts().size() + " shipped artifacts NOT_REPRODUCIBLE from the source");
        }
        if (binaryOnly > 0) {
            bad.add(binaryOnly + (binaryOnly == 1 ? " behaviour" : " behaviours") + " only in the shipped binaries");
        }
        if (!flows.isEmpty()) {
            (criticalFlows > 0 ? bad : warn).add(flows.size() + " exfiltration " + (flows.size() == 1 ? "path" : "paths")
                    + (criticalFlows > 0 ? " (" + criticalFlows + " CRITICAL)" : ""));
        }
        long unchecked = verdicts.getOrDefault(Verdict.NOT_REBUILT, 0L) + verdicts.getOrDefault(Verdict.NOT_VERIFIED, 0L);
        if (unchecked > 0) {
            warn.add(unchecked + " shipped " + (unchecked == 1 ? "artifact" : "artifacts") + " not checked (NOT_REBUILT or NOT_VERIFIED)");
        }
        if (!r.summary().caveats().isEmpty()) {
            warn.add(r.summary().caveats().size() + (r.summary().caveats().size() == 1 ? " caveat" : " caveats")
                    + " weaken this report");
        }
        // The signed overall result leads; the lines below it say what makes it so, section by section.
        String cls = switch (r.summary().result()) {
            case FAILED -> "bad";
            case INCONCLUSIVE, PASSED_WITH_FINDINGS -> "warn";
            case PASSED -> "ok";
        };
        String headline = "Result: " + r.summary().result() + switch (r.summary().result()) {
            case FAILED -> " \u2014 the shipped product is not what the source builds, or does what the source does not";
            case INCONCLUSIVE -> " \u2014 not every shipped artifact could be checked against the source";
            case PASSED_WITH_FINDINGS -> " \u2014 the binaries match the source; findings to review";
            case PASSED -> " \u2014 the binaries match the source and nothing of note was found";
        };
        h.append("<section id=\"verdict\" class=\"verdict ").append(cls).append("\">\n<p class=\"headline\">")
                .append(esc(headline)).append("</p>\n<ul>\n");
        for (String s : bad) {
            h.append("<li class=\"bad\">").append(esc(s)).append("</li>\n");
        }
        for (String s : warn) {
            h.append("<li class=\"warn\">").append(esc(s)).append("</li>\n");
        }
        h.append("<li>findings by severity: ").append(bySeverity.isEmpty() ? "none" : esc(bySeverity.entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", ")))).append("</li>\n");
        // The report's summary counts, and what the session did not cover (the last section says which).
        h.append("<li>artifacts: ").append(r.summary().verdicts().isEmpty() ? "none compared" : esc(r.summary().verdicts()
                .entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "))))
                .append("; endpoints: ").append(r.summary().endpoints().size()).append("</li>\n");
        var n = r.session().notCovered();
        h.append("<li>not covered: ").append(String.join(", ", count(n.unparsedFiles().size(), "source file"),
                        count(n.unresolvedCalls(), "unresolved call"), count(n.flowLimitsHit().size(), "flow limit") + " hit",
                        count(n.classesNotAnalysed().size(), "shipped file") + " not analysed",
                        count(n.notRebuilt().size(), "artifact") + " not checked"))
                .append(" \u2014 <a href=\"#session\">session</a></li>\n");
        h.append("</ul>\n</section>\n");
    }

    private static void artifacts(StringBuilder h, List<ArtifactVerdict> verdicts) {
        h.append("<section id=\"artifacts\">\n<h2>Shipped binaries against the source</h2>\n");
        if (verdicts.isEmpty()) {
            h.append("<p>No shipped artifact corresponds to a build output named in the session manifest.</p>\n</section>\n");
            return;
        }
        h.append("<table class=\"compact\">\n<tr><th>Shipped artifact</th><th>Verdict</th><th>What differs</th></tr>\n");
        for (ArtifactVerdict v : verdicts) {
            h.append("<tr><td><code>").append(esc(v.shipped())).append("</code></td><td class=\"")
                    .append(Html.verdictClass(v.verdict())).append("\">").append(v.verdict()).append("</td><td>")
                    .append(whatDiffers(v)).append("</td></tr>\n");
        }
        h.append("</table>\n</section>\n");
    }

    /** One cell: the substantive differences (up to three), or why there is no comparison, or that none differ. */
    static String whatDiffers(ArtifactVerdict v) {
        if (v.verdict() == Verdict.NOT_REBUILT || v.verdict() == Verdict.NOT_VERIFIED) {
            return esc(v.reason());
        }
        if (v.differences().isEmpty()) {
            return "nothing: bit-identical to the rebuild";
        }
        List<ArtifactVerdict.Difference> substantive = v.substantive();
        if (substantive.isEmpty()) {
            Set<String> kinds = new LinkedHashSet<>();
            v.differences().forEach(d -> kinds.add(d.kind().name()));
            return v.differences().size() + " benign: " + esc(String.join(", ", kinds));
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < Math.min(3, substantive.size()); i++) {
            ArtifactVerdict.Difference d = substantive.get(i);
            b.append(i == 0 ? "" : "<br>").append("<b>").append(d.kind()).append("</b> <code>")
                    .append(esc(d.entry().isEmpty() ? "(the artifact)" : d.entry())).append("</code>")
                    .append(d.member().isEmpty() ? "" : " <code>" + esc(d.member()) + "</code>");
        }
        if (substantive.size() > 3) {
            b.append("<br>and ").append(substantive.size() - 3).append(" more");
        }
        return b.toString();
    }

    private static void binaryOnly(StringBuilder h, BinaryReport b) {
        List<ReportFinding> only = b.findings().stream().filter(f -> f.is(BinaryRule.ONLY)).toList();
        h.append("<section id=\"binary-only\">\n<h2>Only in the shipped binaries (").append(only.size()).append(")</h2>\n");
        if (only.isEmpty()) {
            h.append("<p>No behaviour of the shipped binaries lacks a counterpart in the source.</p>\n</section>\n");
            return;
        }
        h.append("<ul class=\"tight\">\n");
        for (ReportFinding f : only) {
            int cut = f.message().indexOf("; ");
            h.append("<li><span class=\"sev ").append(f.severity()).append("\">").append(f.severity()).append("</span> ")
                    .append(esc(cut < 0 ? f.message() : f.message().substring(0, cut) + "; \u2026 (all of it under Binary analysis)"));
            if (!f.endpoints().isEmpty()) {
                h.append(" &rarr; ").append(f.endpoints().stream().map(e -> "<code>" + esc(e) + "</code>")
                        .collect(Collectors.joining(", ")));
            }
            h.append("<br><small><code>").append(esc(f.location().toString())).append("</code></small></li>\n");
        }
        h.append("</ul>\n</section>\n");
    }

    /** Every endpoint with where it is used: source locations, and binary ones at their source file where known. */
    static Map<String, Set<String>> endpointPlaces(AuditReport r) {
        Map<String, String> sources = new TreeMap<>();
        for (BinaryReport.ClassSource c : r.binaryAnalysis().correspondence().classes()) {
            if (!c.sourceFile().isEmpty()) {
                sources.put(c.classFile(), c.sourceFile());
            }
        }
        Map<String, Set<String>> places = new TreeMap<>();
        for (ReportFinding f : r.analysis().findings()) {
            for (String e : f.endpoints()) {
                places.computeIfAbsent(e, k -> new LinkedHashSet<>()).add(f.location().toString());
            }
        }
        List<ReportFinding> binary = new ArrayList<>(r.binaryAnalysis().findings());
        binary.addAll(r.packageFindings());
        for (ReportFinding f : binary) {
            for (String e : f.endpoints()) {
                String mapped = sources.get(f.location().file());
                String where = mapped == null ? f.location().toString() + " (binary only)"
                        : (f.location().line() > 0 ? mapped + ":" + f.location().line() : mapped);
                Set<String> set = places.computeIfAbsent(e, k -> new LinkedHashSet<>());
                if (mapped == null || !set.contains(where)) {
                    set.add(where);
                }
            }
        }
        return places;
    }

    private static void endpoints(StringBuilder h, AuditReport r) {
        Map<String, Set<String>> places = endpointPlaces(r);
        h.append("<section id=\"endpoints\">\n<h2>Endpoints (").append(places.size()).append(")</h2>\n");
        if (places.isEmpty()) {
            h.append("<p>No network or DNS call with a known endpoint.</p>\n</section>\n");
            return;
        }
        h.append("<table class=\"compact\">\n<tr><th>Endpoint</th><th>Used at</th></tr>\n");
        boolean partial = false;
        for (Map.Entry<String, Set<String>> e : places.entrySet()) {
            partial |= e.getKey().contains("{\u2026}");
            List<String> at = byFile(e.getValue());
            h.append("<tr><td><code>").append(esc(e.getKey())).append("</code> <small>").append(kind(e.getKey()))
                    .append("</small></td><td><small>");
            for (int i = 0; i < Math.min(PLACES, at.size()); i++) {
                h.append(i == 0 ? "" : "<br>").append("<code>").append(esc(at.get(i))).append("</code>");
            }
            if (at.size() > PLACES) {
                h.append("<br>and ").append(at.size() - PLACES).append(" more");
            }
            h.append("</small></td></tr>\n");
        }
        h.append("</table>\n");
        if (partial) {
            h.append("<p class=\"note\"><code>{\u2026}</code> is a part the analysis could not resolve: it follows values "
                    + "within one method, not through parameters or other methods' results (docs/source-analyzer.md, "
                    + "Endpoints), so hosts passed in that way are not listed.</p>\n");
        }
        h.append("</section>\n");
    }

    /** {@code a.java:3}, {@code a.java:7} and {@code b.java:1} as {@code a.java:3, 7} and {@code b.java:1}. */
    static List<String> byFile(Set<String> places) {
        Map<String, List<String>> lines = new java.util.LinkedHashMap<>();
        for (String place : places) {
            String suffix = place.endsWith(" (binary only)") ? " (binary only)" : "";
            String p = place.substring(0, place.length() - suffix.length());
            int colon = p.lastIndexOf(':');
            boolean line = colon > 0 && p.substring(colon + 1).matches("\\d+");
            String file = (line ? p.substring(0, colon) : p) + suffix;
            List<String> l = lines.computeIfAbsent(file, k -> new ArrayList<>());
            if (line) {
                l.add(p.substring(colon + 1));
            }
        }
        List<String> out = new ArrayList<>();
        lines.forEach((file, l) -> {
            String suffix = file.endsWith(" (binary only)") ? " (binary only)" : "";
            String f = file.substring(0, file.length() - suffix.length());
            out.add(l.isEmpty() ? file : f + ":" + String.join(", ", l) + suffix);
        });
        return out;
    }

    /** IP address, URL, host name, or partly unknown. */
    static String kind(String endpoint) {
        if (endpoint.contains("{\u2026}")) {
            return "partly unknown";
        }
        String lower = endpoint.toLowerCase(Locale.ROOT);
        if (lower.matches("\\d{1,3}(\\.\\d{1,3}){3}(:\\d+)?") || lower.matches("\\[?[0-9a-f:]+]?(:\\d+)?") && lower.contains(":")) {
            return "IP address";
        }
        return lower.contains("://") ? "URL" : "host";
    }

    private static void paths(StringBuilder h, List<ReportFinding> ranked) {
        h.append("<section id=\"exfiltration\">\n<h2>Exfiltration paths, most severe first (").append(ranked.size())
                .append(")</h2>\n");
        if (ranked.isEmpty()) {
            h.append("<p>No path from sensitive data to a network or DNS sink.</p>\n</section>\n");
            return;
        }
        h.append("<ol class=\"tight\">\n");
        for (int i = 0; i < Math.min(TOP_PATHS, ranked.size()); i++) {
            ReportFinding f = ranked.get(i);
            ReportFinding.Step from = evidence(f);
            h.append("<li><span class=\"sev ").append(f.severity()).append("\">").append(f.severity()).append("</span> <b>")
                    .append(esc(sensitivity(f).label)).append("</b>: <code>").append(esc(from.location().code().strip()))
                    .append("</code> <small>").append(esc(from.location().toString())).append("</small> &rarr; <code>")
                    .append(esc(f.api())).append("</code> <small>").append(esc(f.location().toString())).append(", ")
                    .append(f.path().size()).append(" steps").append(flowFacts(f)).append("</small></li>\n");
        }
        h.append("</ol>\n");
        if (ranked.size() > TOP_PATHS) {
            h.append("<p class=\"note\">").append(ranked.size() - TOP_PATHS)
                    .append(" more below, under \u201cAll exfiltration paths\u201d.</p>\n");
        }
        h.append("</section>\n");
    }
}
