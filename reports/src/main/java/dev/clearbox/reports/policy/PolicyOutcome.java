package dev.clearbox.reports.policy;

import dev.clearbox.reports.model.AuditReport;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The conditions an auditor asked to fail on ({@code --fail-on}) judged against a report.
 *
 * @param failOn     the conditions asked for, in {@link FailOn} order; empty when none was
 * @param violations those that hold, in the same order, each with its evidence
 */
public record PolicyOutcome(List<FailOn> failOn, List<Violation> violations) {
    public PolicyOutcome {
        failOn = List.copyOf(failOn);
        violations = List.copyOf(violations);
    }

    /**
     * One condition that holds.
     *
     * @param condition the condition
     * @param evidence  why it holds, a short phrase (names and counts)
     */
    public record Violation(FailOn condition, String evidence) {
        /** As {@code word: evidence}. */
        @Override
        public String toString() {
            return condition.word() + ": " + evidence;
        }
    }

    /** Judges {@code report} against {@code conditions} (iterated in {@link FailOn} order). */
    public static PolicyOutcome judge(AuditReport report, Set<FailOn> conditions) {
        List<FailOn> ordered = conditions.stream().sorted().toList();
        List<Violation> out = new ArrayList<>();
        for (FailOn c : ordered) {
            c.evidence(report).ifPresent(e -> out.add(new Violation(c, e)));
        }
        return new PolicyOutcome(ordered, out);
    }

    /** Whether no condition asked for holds (also when none was asked for). */
    public boolean passed() {
        return violations.isEmpty();
    }

    /** The violations as one line: {@code not-reproducible: a.zip!/x.jar; exfil: 11 paths}. */
    public String oneLine() {
        return violations.stream().map(Violation::toString).collect(Collectors.joining("; "));
    }
}
