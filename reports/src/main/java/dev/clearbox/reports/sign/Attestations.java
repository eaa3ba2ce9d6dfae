package dev.clearbox.reports.sign;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Comparator;
import java.util.List;

/** Builds in-toto Statements, signs them into DSSE envelopes, and writes envelopes as JSON. */
public final class Attestations {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private Attestations() {
    }

    /** The Statement's bytes: subjects sorted by name, compact JSON, map keys sorted, so equal inputs give equal bytes. */
    public static byte[] statement(List<Statement.Subject> subjects, String predicateType, JsonNode predicate) {
        List<Statement.Subject> sorted = subjects.stream()
                .sorted(Comparator.comparing(Statement.Subject::name))
                .toList();
        try {
            return MAPPER.writeValueAsBytes(new Statement(Statement.TYPE, sorted, predicateType, predicate));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the statement", e);
        }
    }

    public static Envelope sign(byte[] statement, PrivateKey key, PublicKey publicKey) {
        return Dsse.sign(Dsse.IN_TOTO_PAYLOAD_TYPE, statement, key, publicKey);
    }

    public static void write(Envelope envelope, Path file) {
        try {
            Files.write(file, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(envelope));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
