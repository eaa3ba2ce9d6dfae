package dev.clearbox.reports.model;

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
 * @param method     the enclosing method's signature ({@code pkg.Type#name(ParamType, ...)}); empty when not known
 * @param flow       for flows ({@code CBX-SRC-EXFIL}): source class, sink channel, transformations, group; null otherwise
 * @param fingerprint the finding's identity in this report, for review decisions, baselines and SARIF
 *                   ({@link #fingerprint()}; recipe in docs/report-schema.md, "Fingerprints")
 */
public record ReportFinding(String ruleId, String capability, Severity severity, String message, Location location,
                            String api, String resolution, List<String> endpoints, List<Step> path, String method,
                            Flow flow, String fingerprint) {
    public ReportFinding {
        Objects.requireNonNull(location, "location");
        endpoints = List.copyOf(endpoints);
        path = List.copyOf(path);
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(fingerprint, "fingerprint");
    }

    /**
     * Whether this is a finding of {@code rule}. The report holds the rule as its id (public, signed, and read back
     * from files others wrote), so this is the one place that id is compared with a rule's.
     */
    public boolean is(Rule rule) {
        return ruleId.equals(rule.id());
    }

    /**
     * The identity review decisions, baselines and SARIF use, unique within its list of the report and stable across
     * line shifts and unrelated edits: {@code core.Finding#fingerprint} (rule, file, enclosing method, api, code, and
     * for flows the source's API and class, the sink's channel and the transformations), with {@code /2}, {@code /3}
     * ... appended to the second and later of identical findings in report order ({@link ReportMapping#findings}).
     */
    @Override
    public String fingerprint() {
        return fingerprint;
    }

    /**
     * What ranks and groups a flow (docs/source-analyzer.md, "Severity of a flow", "Groups").
     *
     * @param sourceApi       the source's API
     * @param sourceData      what the source yields
     * @param source          where the source of the shown path is called
     * @param sourceArgument  the file path or key the source reads ({@code ~} the user's home, {@code {…}} unknown
     *                        parts); empty when not known
     * @param sensitivity     the source's class: {@code secret}, {@code personal}, {@code device-identifier},
     *                        {@code environment} or {@code configuration}
     * @param classifiedBy    {@code model}, or the reclassification rule that gave the class
     * @param channel         the sink's channel: {@code network-payload}, {@code network-destination}, {@code dns-name},
     *                        {@code log}, {@code file} or {@code ipc}
     * @param transformations the transformer labels on the way, in path order
     * @param grouped         how many paths the finding stands for (at least 1)
     * @param alsoFrom        the other paths' source calls
     */
    public record Flow(String sourceApi, String sourceData, Location source, String sourceArgument, String sensitivity,
                       String classifiedBy, String channel, List<String> transformations, int grouped,
                       List<Location> alsoFrom) {
        public Flow {
            transformations = List.copyOf(transformations);
            alsoFrom = List.copyOf(alsoFrom);
        }
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
