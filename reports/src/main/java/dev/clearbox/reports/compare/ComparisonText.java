package dev.clearbox.reports.compare;

import dev.clearbox.core.compare.ArtifactComparison;
import dev.clearbox.core.compare.Difference;

import java.util.List;

/**
 * The plain-text rendering of one comparison, for people at a terminal: the verdict, strict equality and
 * equivalence, then the substantive differences and the benign ones, each with its class, entry, source file,
 * member and evidence. Deterministic: equal comparisons give equal text.
 */
public final class ComparisonText {
    private ComparisonText() {
    }

    public static String render(ArtifactComparison c) {
        StringBuilder b = new StringBuilder();
        b.append(c.verdict()).append("  ").append(line(c.shipped())).append(c.rebuilt().isEmpty() ? "" : " vs " + line(c.rebuilt()))
                .append('\n');
        if (!c.reason().isEmpty()) {
            b.append("  reason: ").append(line(c.reason())).append('\n');
        }
        b.append("  bit-identical: ").append(yesNo(c.bitIdentical())).append("   equivalent: ").append(yesNo(c.equivalent()))
                .append('\n');
        if (!c.shippedSha256().isEmpty()) {
            b.append("  sha256 shipped ").append(c.shippedSha256()).append('\n');
        }
        if (!c.rebuiltSha256().isEmpty()) {
            b.append("  sha256 rebuilt ").append(c.rebuiltSha256()).append('\n');
        }
        List<Difference> substantive = c.differences().stream().filter(d -> !d.benign()).toList();
        List<Difference> benign = c.differences().stream().filter(Difference::benign).toList();
        section(b, "Substantive differences", substantive);
        section(b, "Benign differences", benign);
        return b.toString();
    }

    private static void section(StringBuilder b, String title, List<Difference> differences) {
        if (differences.isEmpty()) {
            return;
        }
        b.append('\n').append(title).append(" (").append(differences.size()).append(")\n");
        for (Difference d : differences) {
            b.append("  ").append(d.kind()).append(d.benign() && !d.kind().benign() ? " (accepted)" : "").append("  ")
                    .append(d.entry().isEmpty() ? "(the artifact itself)" : line(d.entry())).append('\n');
            if (!d.sourceFile().isEmpty() || !d.member().isEmpty()) {
                b.append("    at ").append(d.sourceFile().isEmpty() ? "?" : line(d.sourceFile()))
                        .append(d.member().isEmpty() ? "" : "  " + line(d.member())).append('\n');
            }
            b.append("    ").append(line(d.detail())).append('\n');
            for (String evidence : d.evidence()) {
                b.append("    | ").append(line(evidence)).append('\n');
            }
        }
    }

    /**
     * A vendor value (entry name, detail, evidence line) kept on its line: CR and LF become {@code \r} and
     * {@code \n}, so a name cannot start a line of its own. Terminal controls are the console's to escape.
     */
    private static String line(String s) {
        return s.indexOf('\n') < 0 && s.indexOf('\r') < 0 ? s : s.replace("\r", "\\r").replace("\n", "\\n");
    }

    private static String yesNo(boolean b) {
        return b ? "yes" : "no";
    }
}
