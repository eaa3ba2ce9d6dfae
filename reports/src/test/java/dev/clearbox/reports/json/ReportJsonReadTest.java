package dev.clearbox.reports.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.clearbox.reports.model.AuditReport;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ReportJsonReadTest {
    private static byte[] golden() throws Exception {
        try (InputStream in = ReportJsonReadTest.class.getResourceAsStream("/golden/report.json")) {
            return in.readAllBytes();
        }
    }

    @Test
    void aWrittenReportReadsBackToTheSameBytes() throws Exception {
        byte[] json = golden();
        AuditReport report = ReportJson.read(json);
        assertArrayEquals(json, ReportJson.bytes(report));
    }

    @Test
    void anUnknownFieldIsRefused() throws Exception {
        String json = new String(golden(), StandardCharsets.UTF_8).replaceFirst("\\{", "{\"surprise\": 1,");
        assertThrows(JsonProcessingException.class, () -> ReportJson.read(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aDuplicateKeyIsRefused() throws Exception {
        String json = new String(golden(), StandardCharsets.UTF_8).replaceFirst("\\{", "{\"schema\": \"x\",");
        assertThrows(JsonProcessingException.class, () -> ReportJson.read(json.getBytes(StandardCharsets.UTF_8)));
    }
}
