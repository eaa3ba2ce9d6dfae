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
 * @param method     the enclosing method: in source {@code pkg.Type#name(ParamType, ...)} ({@code <init>} for
 *                   constructors); in bytecode as the binary analysis names it (name and descriptor); empty when
 *                   not known (findings about files, packages or hidden strings)
 * @param flow       for flows, the source's class, the sink's channel, the transformations and the group; null otherwise
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
        List<PathStep> path,
        String method,
        FlowFacts flow) {

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
        method = method == null ? "" : method;
    }

    /** A finding without an enclosing method and without flow facts. */
    public Finding(Rule rule, Capability capability, Severity severity, String message, Location location, String api,
                   String resolution, List<String> endpoints, List<PathStep> path) {
        this(rule, capability, severity, message, location, api, resolution, endpoints, path, "", null);
    }

    /** This finding with another severity, message and flow facts (ranking and grouping of flows). */
    public Finding ranked(Severity newSeverity, String newMessage, FlowFacts facts) {
        return new Finding(rule, capability, newSeverity, newMessage, location, api, resolution, endpoints, path, method,
                facts);
    }

    /** The rule's id, for rendering; compare {@link #rule()} rather than this. */
    public String ruleId() {
        return rule.id();
    }

    /**
     * A stable identity for review decisions, baselines and SARIF (recipe: docs/report-schema.md, "Fingerprints"):
     * rule, file, enclosing method, api and the code of the line (whitespace collapsed), never a line number, so
     * that lines inserted above a finding or edits elsewhere do not change it. For a flow with {@link #flow} facts,
     * its group's identity joins in: the source's API and class, the sink's channel and the route (the transformations
     * on the way, {@link FlowFacts#route()}); a path without facts joins every step's file, method, note and code instead. The report makes the
     * fingerprints of identical findings (the same call twice on one line of one method) unique by a counter.
     */
    public String fingerprint() {
        List<String> parts = new java.util.ArrayList<>();
        if (flow != null) {
            parts.add(flow.sourceApi());
            parts.add(flow.sensitivity().jsonName());
            parts.add(flow.channel().jsonName());
            parts.add(String.join(",", flow.route()));
        } else {
            path.forEach(s -> parts.add(step(s.location().file(), s.method(), s.note(), s.location().code())));
        }
        return fingerprint(rule.id(), location.file(), method, api, location.code(), parts);
    }

    /** The fingerprint of these parts ({@link #fingerprint()}); for a flow, {@code parts} as it lists them. */
    public static String fingerprint(String ruleId, String file, String method, String api, String code,
                                     List<String> parts) {
        StringBuilder key = new StringBuilder("v2").append('\u0000').append(ruleId).append('\u0000').append(file)
                .append('\u0000').append(method).append('\u0000').append(api).append('\u0000').append(normalise(code));
        for (String part : parts) {
            key.append('\u0000').append(part);
        }
        return Sha256.hex(key.toString().getBytes(StandardCharsets.UTF_8)).substring(0, 32);
    }

    /** One path step's part of a fingerprint: file, method, note and code, not the line. */
    public static String step(String file, String method, String note, String code) {
        return file + '\u0001' + method + '\u0001' + note + '\u0001' + normalise(code);
    }

    /** Code as fingerprints see it: surrounding white space dropped, inner runs of white space as one space. */
    static String normalise(String code) {
        return code.strip().replaceAll("\\s+", " ");
    }
}
