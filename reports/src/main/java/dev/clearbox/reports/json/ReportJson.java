package dev.clearbox.reports.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.clearbox.reports.model.AuditReport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The JSON rendering of a report: pretty-printed, map keys sorted, UTF-8, ending with a newline. */
public final class ReportJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private ReportJson() {
    }

    public static byte[] bytes(AuditReport report) {
        try {
            byte[] json = MAPPER.writeValueAsBytes(report);
            byte[] out = java.util.Arrays.copyOf(json, json.length + 1);
            out[json.length] = '\n';
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render the report as JSON", e);
        }
    }

    /** The report as a JSON tree, for embedding as an in-toto predicate. */
    public static JsonNode tree(AuditReport report) {
        return MAPPER.valueToTree(report);
    }

    /**
     * Reads a report that Clearbox wrote, into the same records it was rendered from (for {@code diff}, {@code review}
     * and {@code --baseline}). The reader is strict, as for any JSON someone else may have written: duplicate keys,
     * trailing tokens and unknown fields are refused. Check the report's signature and digest before trusting it.
     *
     * @throws JsonProcessingException with a problem {@link dev.clearbox.core.io.UntrustedJson#problem} can put in
     *                                 one line
     */
    public static AuditReport read(byte[] json) throws IOException {
        return READER.readValue(json, AuditReport.class);
    }

    private static final ObjectMapper READER = dev.clearbox.core.io.UntrustedJson.mapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    public static void write(AuditReport report, Path file) {
        try {
            Files.write(file, bytes(report));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
