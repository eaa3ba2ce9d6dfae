package dev.clearbox.reports.model;

import dev.clearbox.core.Finding;
import dev.clearbox.core.Rule;
import dev.clearbox.core.Severity;

import java.util.List;
import java.util.Objects;

/**
 * A finding in the report ({@code analysis.findings[]}, {@code binaryAnalysis.findings[]}, {@code packageFindings[]}).
 *
 * @param ruleId     stable rule id
 * @param capability capability name
 * @param severity   how much it matters
 * @param message    one sentence for a person
 * @param location   where it was seen
 * @param api        the API called, {@code fully.qualified.Type#method}; empty when not a call
 * @param resolution how {@code api} was resolved
 * @param endpoints  literal endpoints that reach it
 * @param path       for flows, the steps from source to sink; empty otherwise
 */
public record ReportFinding(String ruleId, String capability, Severity severity, String message, Location location,
                            String api, String resolution, List<String> endpoints, List<Step> path) {
    public ReportFinding {
        Objects.requireNonNull(location, "location");
        endpoints = List.copyOf(endpoints);
        path = List.copyOf(path);
    }

    /**
     * Whether this is a finding of {@code rule}. The report holds the rule as its id (public, signed, and read back
     * from files others wrote), so this is the one place that id is compared with a rule's.
     */
    public boolean is(Rule rule) {
        return ruleId.equals(rule.id());
    }

    /**
     * The identity SARIF and baselines use: rule, file, api and code, and for flows every step's file, method, note
     * and code, never a line number. Computed by {@code core.Finding#fingerprint} from the same parts (a test keeps
     * the two equal), so that the scheme lives in one place.
     */
    public String fingerprint() {
        return Finding.fingerprint(ruleId, location.file(), api, location.code(), path.stream()
                .map(s -> Finding.step(s.location().file(), s.method(), s.note(), s.location().code())).toList());
    }

    /** A file relative to the root it was analyzed from (nested for binaries), a 1-based line (0 unknown), the code. */
    public record Location(String file, int line, String code) {
        @Override
        public String toString() {
            return line > 0 ? file + ":" + line : file;
        }
    }

    /** One step of a path: where, in which method, what happens there. */
    public record Step(Location location, String method, String note) {
    }
}
