package dev.clearbox.reports.sign;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

/**
 * An in-toto Statement v1 (https://github.com/in-toto/attestation/blob/main/spec/v1/statement.md):
 * what the attestation is about (subjects, each with digests) and the predicate.
 */
@JsonPropertyOrder({"_type", "subject", "predicateType", "predicate"})
public record Statement(
        @JsonProperty("_type") String type,
        List<Subject> subject,
        String predicateType,
        JsonNode predicate) {

    public static final String TYPE = "https://in-toto.io/Statement/v1";

    public Statement {
        subject = List.copyOf(subject);
    }

    /** A subject: a name and its digests by algorithm ({@code sha256}, {@code gitCommit}). */
    public record Subject(String name, Map<String, String> digest) {
        public Subject {
            digest = Map.copyOf(digest);
        }
    }
}
