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
     * that unrelated edits above a finding do not change it.
     */
    public String fingerprint() {
        String key = rule.id() + '\u0000' + location.file() + '\u0000' + api + '\u0000' + location.code().strip();
        return Sha256.hex(key.getBytes(StandardCharsets.UTF_8)).substring(0, 32);
    }
}
