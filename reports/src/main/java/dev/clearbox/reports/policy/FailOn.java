package dev.clearbox.reports.policy;

import dev.clearbox.analyzers.bytecode.BinaryRule;
import dev.clearbox.analyzers.source.SourceRule;
import dev.clearbox.core.InvalidInputException;
import dev.clearbox.core.Severity;
import dev.clearbox.core.Stage;
import dev.clearbox.core.Verdict;
import dev.clearbox.core.rebuild.RebuildResult;
import dev.clearbox.reports.model.ArtifactVerdict;
import dev.clearbox.reports.model.AuditReport;
import dev.clearbox.reports.model.ReportFinding;
import dev.clearbox.reports.model.Result;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The conditions {@code clearbox audit --fail-on} can fail a CI job on, each decided from the signed report alone
 * (so anyone holding the report reaches the same answer). The command-line word of each is its name in lower case
 * with {@code -} for {@code _} ({@link #word()}); {@link #parse} reads a comma-separated list once.
 */
public enum FailOn {
    /** Some shipped artifact's verdict is NOT_REPRODUCIBLE: it is not what its source builds. */
    NOT_REPRODUCIBLE("a shipped artifact is NOT_REPRODUCIBLE"),
    /** Some shipped artifact's verdict is NOT_REBUILT, or the rebuild did not end SUCCEEDED. */
    NOT_REBUILT("an artifact is NOT_REBUILT, or the rebuild did not succeed"),
    /** Some shipped artifact's verdict is NOT_VERIFIED (there was no reference to compare). */
    NOT_VERIFIED("an artifact is NOT_VERIFIED"),
    /** The source analysis found an exfiltration path (CBX-SRC-EXFIL), of any severity. */
    EXFIL("an exfiltration path (CBX-SRC-EXFIL) was found"),
    /** The shipped binaries do something the source does not (CBX-BIN-ONLY). */
    BINARY_ONLY("a behaviour in the shipped binaries has no counterpart in the source (CBX-BIN-ONLY)"),
    /** A finding (source, binary or package) of severity CRITICAL. */
    CRITICAL("a finding of severity CRITICAL"),
    /** A finding (source, binary or package) of severity HIGH or CRITICAL. */
    HIGH("a finding of severity HIGH or above"),
    /** A finding (source, binary or package) of severity MEDIUM or above. */
    MEDIUM("a finding of severity MEDIUM or above"),
    /**
     * Not everything shipped could be checked: one of the INCONCLUSIVE conditions holds (the rebuild did not
     * succeed, an artifact is NOT_REBUILT or NOT_VERIFIED, nothing was compared), whatever the overall result.
     */
    INCONCLUSIVE("the audit could not check everything (the result's INCONCLUSIVE conditions)"),
    /** The overall result is FAILED. */
    FAILED("the overall result is FAILED"),
    /** The overall result is anything but PASSED (the strictest gate). */
    NOT_PASSED("the overall result is not PASSED");

    /** At most this many names are listed in a violation's evidence; the rest are counted. */
    static final int NAMES_SHOWN = 3;

    private final String meaning;

    FailOn(String meaning) {
        this.meaning = meaning;
    }

    /** The word on the command line, such as {@code not-reproducible}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** What holds when this condition fails the audit, in words. */
    public String meaning() {
        return meaning;
    }

    /** Every word with its meaning, one per line, for --help and the docs. */
    public static List<String> describeAll() {
        return Stream.of(values()).map(c -> c.word() + ": " + c.meaning()).toList();
    }

    /**
     * The conditions a comma-separated list names (blanks around words ignored, repeats merged), in declaration order.
     *
     * @throws InvalidInputException for an empty list or an unknown word, naming it and the known words
     */
    public static Set<FailOn> parse(String list) {
        Set<FailOn> out = EnumSet.noneOf(FailOn.class);
        for (String raw : list.split(",", -1)) {
            String w = raw.strip();
            Optional<FailOn> c = Stream.of(values()).filter(v -> v.word().equals(w.toLowerCase(Locale.ROOT))).findFirst();
            if (c.isEmpty()) {
                throw new InvalidInputException(Stage.AUDIT, "--fail-on", (w.isEmpty() ? "an empty condition"
                        : "unknown condition '" + w + "'") + "; known: "
                        + Stream.of(values()).map(FailOn::word).collect(Collectors.joining(", ")));
            }
            out.add(c.get());
        }
        return out;
    }

    /** Why this condition holds for the report (a short phrase), or empty when it does not. */
    public Optional<String> evidence(AuditReport r) {
        return switch (this) {
            case NOT_REPRODUCIBLE -> names(r, Verdict.NOT_REPRODUCIBLE);
            case NOT_REBUILT -> {
                Optional<String> names = names(r, Verdict.NOT_REBUILT);
                boolean rebuildFailed = r.rebuild().status() != RebuildResult.Status.SUCCEEDED;
                yield rebuildFailed ? Optional.of("rebuild " + r.rebuild().status() + names.map(n -> "; " + n).orElse(""))
                        : names;
            }
            case NOT_VERIFIED -> names(r, Verdict.NOT_VERIFIED);
            case EXFIL -> count(findings(r).filter(f -> f.is(SourceRule.EXFIL)).count(), "path", "paths");
            case BINARY_ONLY -> count(findings(r).filter(f -> f.is(BinaryRule.ONLY)).count(),
                    "behaviour", "behaviours");
            case CRITICAL -> atLeast(r, Severity.CRITICAL);
            case HIGH -> atLeast(r, Severity.HIGH);
            case MEDIUM -> atLeast(r, Severity.MEDIUM);
            case INCONCLUSIVE -> {
                List<String> reasons = new ArrayList<>();
                if (r.rebuild().status() != RebuildResult.Status.SUCCEEDED) {
                    reasons.add("rebuild " + r.rebuild().status());
                }
                long unchecked = r.verdicts().stream().filter(v -> v.verdict() == Verdict.NOT_REBUILT
                        || v.verdict() == Verdict.NOT_VERIFIED).count();
                if (unchecked > 0) {
                    reasons.add(unchecked + " artifact" + (unchecked == 1 ? "" : "s") + " not checked");
                }
                if (r.verdicts().isEmpty()) {
                    reasons.add("nothing compared");
                }
                yield reasons.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", reasons));
            }
            case FAILED -> r.summary().result() == Result.FAILED ? Optional.of("result FAILED") : Optional.empty();
            case NOT_PASSED -> r.summary().result() != Result.PASSED
                    ? Optional.of("result " + r.summary().result()) : Optional.empty();
        };
    }

    /** Every finding of the report: source, binary, package. */
    static Stream<ReportFinding> findings(AuditReport r) {
        return Stream.of(r.analysis().findings(), r.binaryAnalysis().findings(), r.packageFindings()).flatMap(List::stream);
    }

    private static Optional<String> names(AuditReport r, Verdict verdict) {
        List<String> names = r.verdicts().stream().filter(v -> v.verdict() == verdict).map(ArtifactVerdict::shipped).toList();
        if (names.isEmpty()) {
            return Optional.empty();
        }
        String shown = String.join(", ", names.subList(0, Math.min(NAMES_SHOWN, names.size())));
        return Optional.of(names.size() > NAMES_SHOWN ? shown + " and " + (names.size() - NAMES_SHOWN) + " more" : shown);
    }

    private static Optional<String> count(long n, String one, String many) {
        return n == 0 ? Optional.empty() : Optional.of(n + " " + (n == 1 ? one : many));
    }

    private static Optional<String> atLeast(AuditReport r, Severity min) {
        return count(findings(r).filter(f -> f.severity().compareTo(min) >= 0).count(), "finding", "findings");
    }
}
