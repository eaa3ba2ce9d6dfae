package dev.clearbox.core;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * One fact with evidence.
 *
 * <p>In JSON the rule is written as its id under {@code ruleId} and the capability as its name, so the
 * typed record writes the same bytes as the strings it once held.
 *
 * @param rule       the rule that reports it; its id is public in SARIF and baselines, for example {@code CBX-SRC-NETWORK}
 * @param capability what it is about, for example {@link Capability#NETWORK}
 * @param severity   how much it matters
 * @param message    one sentence for a person
 * @param location   where it was seen
 * @param api        the API called, as {@code fully.qualified.Type#method}; empty when not a call
 * @param resolution how {@code api} was resolved (for example {@code symbol-solver} or {@code imports})
 * @param endpoints  literal endpoints (URLs, host names, addresses) that reach this call, in source order
 * @param path       for flows, the ordered steps from source to sink; empty otherwise
 */
public record Finding(
        @JsonProperty("ruleId") Rule rule,
        Capability capability,
        Severity severity,
        String message,
        Location location,
        String api,
        String resolution,
        List<String> endpoints,
        List<PathStep> path) {

    public Finding {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(capability, "capability");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(location, "location");
        api = api == null ? "" : api;
        resolution = resolution == null ? "" : resolution;
        endpoints = List.copyOf(endpoints == null ? List.of() : endpoints);
        path = List.copyOf(path == null ? List.of() : path);
    }

    /** The rule's id, for rendering; compare {@link #rule()} rather than this. */
    public String ruleId() {
        return rule.id();
    }

    /**
     * A stable identity for baselines and SARIF: rule, file, api and code, but not the line number, so
     * that unrelated edits above a finding do not change it. For a flow (a non-empty {@link #path}) every
     * step's file, method, note and code are part of it too, again without lines: two flows into the same
     * sink from different sources, or along different methods, are different findings. A finding without a
     * path keeps the identity it had before paths took part.
     */
    public String fingerprint() {
        return fingerprint(rule.id(), location.file(), api, location.code(),
                path.stream().map(s -> step(s.location().file(), s.method(), s.note(), s.location().code())).toList());
    }

    /** The fingerprint of these parts ({@link #fingerprint()}); {@code steps} made by {@link #step}. */
    public static String fingerprint(String ruleId, String file, String api, String code, List<String> steps) {
        StringBuilder key = new StringBuilder(ruleId).append('\u0000').append(file).append('\u0000').append(api)
                .append('\u0000').append(code.strip());
        for (String step : steps) {
            key.append('\u0000').append(step);
        }
        return Sha256.hex(key.toString().getBytes(StandardCharsets.UTF_8)).substring(0, 32);
    }

    /** One path step's part of a fingerprint: file, method, note and code, not the line. */
    public static String step(String file, String method, String note, String code) {
        return file + '\u0001' + method + '\u0001' + note + '\u0001' + code.strip();
    }
}
