package dev.clearbox.reports.delta;

import dev.clearbox.reports.model.ReleaseDelta;
import dev.clearbox.reports.model.ReleaseDelta.Change;
import dev.clearbox.reports.model.ReleaseDelta.Kind;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The plain-text rendering of a {@link ReleaseDelta}, one item per line (the command line prints it through its
 * terminal filter): the two releases, the counts, then the added, removed and changed items in the delta's order.
 */
public final class DeltaText {
    private DeltaText() {
    }

    public static List<String> lines(ReleaseDelta d) {
        List<String> out = new ArrayList<>();
        out.add("Release delta: " + d.from().product().vendor() + " " + d.from().product().name() + " "
                + d.from().product().version() + " -> " + d.to().product().name() + " " + d.to().product().version());
        out.add("  from " + release(d.from()));
        out.add("  to   " + release(d.to()));
        if (d.isEmpty()) {
            out.add("No changes: the same capabilities, findings, endpoints, verdicts, packages, entries and components.");
            return out;
        }
        out.add("  " + d.of(Kind.ADDED).size() + " added, " + d.of(Kind.REMOVED).size() + " removed, "
                + d.of(Kind.CHANGED).size() + " changed");
        for (ReleaseDelta.Counts c : d.counts()) {
            if (c.added() + c.removed() + c.changed() > 0) {
                out.add(String.format(Locale.ROOT, "    %-16s +%d -%d ~%d", name(c.category()), c.added(), c.removed(),
                        c.changed()));
            }
        }
        for (Kind kind : Kind.values()) {
            List<Change> changes = d.of(kind);
            if (changes.isEmpty()) {
                continue;
            }
            out.add("");
            out.add(title(kind) + " (" + changes.size() + ")");
            for (Change c : changes) {
                out.add(line(c));
                if (!c.detail().isEmpty()) {
                    out.add("      " + c.detail());
                }
            }
        }
        return out;
    }

    public static String render(ReleaseDelta d) {
        return String.join("\n", lines(d)) + "\n";
    }

    /** One change on one line: +, - or ~, category, severity, subject, before -> after, fingerprint. */
    public static String line(Change c) {
        StringBuilder b = new StringBuilder("  ").append(switch (c.change()) {
            case ADDED -> '+';
            case REMOVED -> '-';
            case CHANGED -> '~';
        }).append(' ').append(String.format(Locale.ROOT, "%-15s", name(c.category())));
        if (c.severity() != null) {
            b.append(' ').append(c.severity());
        }
        b.append(' ').append(c.subject());
        if (c.change() == Kind.CHANGED && !(c.before().isEmpty() && c.after().isEmpty())) {
            b.append(": ").append(c.before()).append(" -> ").append(c.after());
        }
        if (!c.fingerprint().isEmpty()) {
            b.append("  [").append(c.fingerprint()).append(']');
        }
        return b.toString();
    }

    /** The category's name as the JSON writes it. */
    public static String name(ReleaseDelta.Category c) {
        return c.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static String title(Kind kind) {
        return switch (kind) {
            case ADDED -> "Added";
            case REMOVED -> "Removed";
            case CHANGED -> "Changed";
        };
    }

    static String release(ReleaseDelta.Release r) {
        return r.product().version() + "  commit " + r.commit() + (r.tag().isEmpty() ? "" : "  tag " + r.tag())
                + "  result " + r.result() + (r.generatedAt().isEmpty() ? "" : "  generated " + r.generatedAt())
                + (r.reportSha256().isEmpty() ? "" : "  report.json sha256 " + r.reportSha256())
                + (r.keyId().isEmpty() ? "" : "  signed by key " + r.keyId());
    }
}
