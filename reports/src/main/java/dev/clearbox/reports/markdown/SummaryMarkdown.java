package dev.clearbox.reports.markdown;

import dev.clearbox.analyzers.bytecode.BinaryRule;
import dev.clearbox.analyzers.source.SourceRule;
import dev.clearbox.core.Severity;
import dev.clearbox.core.Verdict;
import dev.clearbox.core.VisibleText;
import dev.clearbox.reports.delta.DeltaText;
import dev.clearbox.reports.model.ArtifactVerdict;
import dev.clearbox.reports.model.AuditReport;
import dev.clearbox.reports.model.ReleaseDelta;
import dev.clearbox.reports.model.ReportFinding;
import dev.clearbox.reports.model.Review;
import dev.clearbox.reports.model.Summary;
import dev.clearbox.reports.policy.FailOn;
import dev.clearbox.reports.policy.PolicyOutcome;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A short Markdown summary of a signed report, for CI job pages and pull-request comments (GitHub-flavoured
 * Markdown): the result and its reasons, the policy outcome, a table of the verdicts, the findings by severity, the
 * exfiltration paths and binary-only behaviours, what changed since the baseline release, where the signed report is and how to verify it. Deterministic: the
 * same report and locations give the same bytes.
 *
 * <p>Every string that is not Clearbox's own (vendor text, names from the packages, the auditor's paths) goes through
 * {@link #text}: made one visible line by {@link VisibleText} and every ASCII punctuation character backslash-escaped,
 * which CommonMark allows for all of them, so it cannot open markup, HTML, an entity, a link, an image, a table cell,
 * nor a GFM autolink ({@code https\://}, {@code www\.}, {@code a\@b}). Commands are code spans ({@link #code}).
 */
public final class SummaryMarkdown {
    /** At most this many binary-only behaviours are listed one by one. */
    static final int BEHAVIOURS_LISTED = 20;

    private SummaryMarkdown() {
    }

    /**
     * Where the signed report is and how to check it; paths as the auditor should read them.
     *
     * @param envelope   the DSSE envelope
     * @param reportJson report.json
     * @param reportHtml report.html
     * @param publicKey  the public key that verifies the envelope
     * @param keyId      its key id
     * @param demoKey    whether it is a demo key
     */
    public record Location(String envelope, String reportJson, String reportHtml, String publicKey, String keyId,
                           boolean demoKey) {
    }

    /** The summary. {@code policy} with no conditions means no {@code --fail-on} was given. */
    public static String render(AuditReport r, Location where, PolicyOutcome policy) {
        Summary s = r.summary();
        StringBuilder b = new StringBuilder();
        b.append("# Clearbox audit: ").append(text(r.product().vendor() + " " + r.product().name() + " "
                + r.product().version())).append(": ").append(s.result()).append("\n\n");
        b.append("**Result: ").append(s.result()).append("**");
        b.append(s.resultReasons().isEmpty() ? "\n" : "\n\n");
        for (String reason : s.resultReasons()) {
            b.append("- ").append(text(reason)).append('\n');
        }
        b.append('\n');
        b.append("Commit ").append(text(r.source().commitId())).append(" (").append(text(r.source().ref()))
                .append("), rebuild ").append(r.rebuild().status()).append(", report generated ")
                .append(text(r.generatedAt())).append(".\n\n");
        b.append(policy(policy)).append("\n\n");

        b.append("## Verdicts\n\n");
        if (r.verdicts().isEmpty()) {
            b.append("No shipped artifact was compared with a rebuild.\n\n");
        } else {
            b.append("| Shipped artifact | Verdict | Detail |\n| --- | --- | --- |\n");
            for (ArtifactVerdict v : r.verdicts()) {
                b.append("| ").append(text(v.shipped())).append(" | ").append(verdict(v.verdict())).append(" | ")
                        .append(text(detail(v))).append(" |\n");
            }
            b.append('\n');
        }

        b.append("## Findings\n\n");
        List<Severity> order = List.of(Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW, Severity.INFO);
        b.append(order.stream().map(Severity::name).collect(Collectors.joining(" | ", "| ", " |\n")));
        b.append(order.stream().map(x -> "---:").collect(Collectors.joining(" | ", "| ", " |\n")));
        b.append(order.stream().map(x -> Integer.toString(s.findingsBySeverity().getOrDefault(x, 0)))
                .collect(Collectors.joining(" | ", "| ", " |\n")));
        b.append('\n');
        b.append("- Exfiltration paths from sensitive data to the network (").append(SourceRule.EXFIL.id()).append("): ")
                .append(s.findingsByRule().getOrDefault(SourceRule.EXFIL.id(), 0)).append('\n');
        b.append("- Behaviours in the shipped binaries with no counterpart in the source (").append(BinaryRule.ONLY.id())
                .append("): ").append(s.findingsByRule().getOrDefault(BinaryRule.ONLY.id(), 0)).append('\n');
        b.append("- Endpoints: ").append(s.endpoints().size()).append('\n');
        for (String caveat : s.caveats()) {
            b.append("- **Caveat:** ").append(text(caveat)).append('\n');
        }
        b.append('\n');

        List<ReportFinding> only = r.binaryAnalysis().findings().stream()
                .filter(f -> f.is(BinaryRule.ONLY)).toList();
        if (!only.isEmpty()) {
            b.append("### Binary-only behaviours\n\n");
            for (ReportFinding f : only.subList(0, Math.min(BEHAVIOURS_LISTED, only.size()))) {
                b.append("- ").append(f.severity()).append(' ').append(text(f.location().file()))
                        .append(f.location().line() > 0 ? ":" + f.location().line() : "").append(": ")
                        .append(text(f.message())).append('\n');
            }
            if (only.size() > BEHAVIOURS_LISTED) {
                b.append("- and ").append(only.size() - BEHAVIOURS_LISTED).append(" more in the report\n");
            }
            b.append('\n');
        }

        if (r.delta() != null) {
            delta(b, r.delta());
        }
        if (r.review() != null) {
            review(b, r.review());
        }

        b.append("## Signed report\n\n");
        b.append("- Envelope (DSSE, in-toto Statement): ").append(text(where.envelope())).append('\n');
        b.append("- Report: ").append(text(where.reportJson())).append(", ").append(text(where.reportHtml())).append('\n');
        b.append("- Signed with key ").append(text(where.keyId()))
                .append(where.demoKey() ? " (**demo key**: nobody vouches for this report)" : "")
                .append(r.auditor().identity().isEmpty() ? "" : " by " + text(r.auditor().identity())).append('\n');
        b.append("- Verify: ").append(code("clearbox verify " + where.envelope() + " --key " + where.publicKey()
                + " --artifact PACKAGE")).append('\n');
        return b.toString();
    }

    /**
     * What changed since the baseline release ({@code audit --baseline}): the two releases, the counts per category,
     * and the added items one by one (the delta puts them first, most severe first), then the removed and changed ones.
     */
    private static void delta(StringBuilder b, ReleaseDelta d) {
        b.append("## Since ").append(text(d.from().product().version())).append("\n\n");
        b.append("Baseline ").append(text(d.from().product().version())).append(" (commit ")
                .append(text(d.from().commit())).append(", result ").append(d.from().result()).append(") to ")
                .append(text(d.to().product().version())).append(" (commit ").append(text(d.to().commit()))
                .append(").\n\n");
        if (d.isEmpty()) {
            b.append("No changes: the same capabilities, findings, endpoints, verdicts, packages, entries and components.\n\n");
            return;
        }
        b.append("| Category | Added | Removed | Changed |\n| --- | ---: | ---: | ---: |\n");
        for (ReleaseDelta.Counts c : d.counts()) {
            if (c.added() + c.removed() + c.changed() > 0) {
                b.append("| ").append(DeltaText.name(c.category())).append(" | ").append(c.added()).append(" | ")
                        .append(c.removed()).append(" | ").append(c.changed()).append(" |\n");
            }
        }
        b.append('\n');
        int listed = 0;
        for (ReleaseDelta.Kind kind : ReleaseDelta.Kind.values()) {
            List<ReleaseDelta.Change> changes = d.of(kind);
            for (ReleaseDelta.Change c : changes) {
                if (listed == BEHAVIOURS_LISTED) {
                    break;
                }
                b.append("- ").append(kind == ReleaseDelta.Kind.ADDED ? "**added**" : kind.name().toLowerCase(java.util.Locale.ROOT))
                        .append(' ').append(DeltaText.name(c.category()))
                        .append(c.severity() == null ? "" : " " + c.severity()).append(": ").append(text(c.subject()));
                if (kind == ReleaseDelta.Kind.CHANGED && !(c.before().isEmpty() && c.after().isEmpty())) {
                    b.append(": ").append(text(c.before())).append(" -> ").append(text(c.after()));
                }
                b.append('\n');
                listed++;
            }
        }
        int total = d.changes().size();
        if (total > listed) {
            b.append("- and ").append(total - listed).append(" more in the report\n");
        }
        b.append('\n');
    }

    /** The review: coverage per severity, decisions per status, the stale decisions. */
    private static void review(StringBuilder b, Review v) {
        b.append("## Review\n\n");
        b.append(v.coverage().decided()).append(" of ").append(v.coverage().total()).append(" findings decided")
                .append(v.file().isEmpty() ? "" : " (" + text(v.file()) + ", sha256 " + text(v.sha256()) + ")")
                .append(". Decided findings stay in the report.\n\n");
        List<Severity> order = List.of(Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW, Severity.INFO);
        b.append("| | ").append(order.stream().map(Severity::name).collect(Collectors.joining(" | ")))
                .append(" |\n| --- | ").append(order.stream().map(x -> "---:").collect(Collectors.joining(" | ")))
                .append(" |\n| decided / total |");
        for (Severity x : order) {
            Review.Counts c = v.coverage().bySeverity().getOrDefault(x, new Review.Counts(0, 0));
            b.append(' ').append(c.decided()).append('/').append(c.total()).append(" |");
        }
        b.append("\n\n- By decision: ").append(v.coverage().byStatus().entrySet().stream()
                .sorted(java.util.Map.Entry.comparingByKey()).map(e -> text(e.getKey()) + " " + e.getValue())
                .collect(Collectors.joining(", "))).append('\n');
        b.append("- Stale decisions (no finding has their fingerprint): ").append(v.stale().size()).append('\n');
        for (Review.Decision d : v.stale().subList(0, Math.min(BEHAVIOURS_LISTED, v.stale().size()))) {
            b.append("  - ").append(text(d.fingerprint())).append(' ').append(text(d.status())).append(" by ")
                    .append(text(d.reviewer())).append(": ").append(text(d.justification())).append('\n');
        }
        if (v.stale().size() > BEHAVIOURS_LISTED) {
            b.append("  - and ").append(v.stale().size() - BEHAVIOURS_LISTED).append(" more in the report\n");
        }
        b.append('\n');
    }

    private static String policy(PolicyOutcome p) {
        if (p.failOn().isEmpty()) {
            return "**Policy:** none (`--fail-on` not given; a completed audit exits 0).";
        }
        String asked = code("--fail-on " + p.failOn().stream().map(FailOn::word).collect(Collectors.joining(",")));
        if (p.passed()) {
            return "**Policy:** passed " + asked + ": no listed condition holds.";
        }
        return "**Policy:** FAILED " + asked + ": " + p.violations().stream()
                .map(v -> v.condition().word() + ": " + text(v.evidence())).collect(Collectors.joining("; ")) + ".";
    }

    private static String verdict(Verdict v) {
        return v == Verdict.REPRODUCIBLE || v == Verdict.EQUIVALENT ? v.name() : "**" + v.name() + "**";
    }

    private static String detail(ArtifactVerdict v) {
        if (v.verdict() == Verdict.NOT_REBUILT || v.verdict() == Verdict.NOT_VERIFIED) {
            return v.reason();
        }
        if (v.bitIdentical()) {
            return "bit-identical";
        }
        List<ArtifactVerdict.Difference> substantive = v.substantive();
        int n = v.differences().size();
        String count = n + " difference" + (n == 1 ? "" : "s");
        if (substantive.isEmpty()) {
            return count + ", all benign";
        }
        ArtifactVerdict.Difference first = substantive.get(0);
        return count + ", " + substantive.size() + " not benign; first: " + first.kind() + " "
                + (first.entry().isEmpty() ? "" : first.entry() + ": ") + first.detail();
    }

    /** Text someone else wrote, as inert Markdown: one visible line, every ASCII punctuation character escaped. */
    public static String text(String s) {
        String line = VisibleText.oneLine(s).replace('\t', ' ');
        StringBuilder b = new StringBuilder(line.length() + 16);
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c < 0x80 && isAsciiPunctuation(c)) {
                b.append('\\');
            }
            b.append(c);
        }
        return b.toString();
    }

    /** A code span holding {@code s} as one visible line, delimited by more backticks than any run in it. */
    public static String code(String s) {
        String line = VisibleText.oneLine(s).replace('\t', ' ');
        int longest = 0;
        int run = 0;
        for (int i = 0; i < line.length(); i++) {
            run = line.charAt(i) == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String fence = "`".repeat(longest + 1);
        return fence + " " + line + " " + fence;
    }

    private static boolean isAsciiPunctuation(char c) {
        return c >= '!' && c <= '/' || c >= ':' && c <= '@' || c >= '[' && c <= '`' || c >= '{' && c <= '~';
    }
}
