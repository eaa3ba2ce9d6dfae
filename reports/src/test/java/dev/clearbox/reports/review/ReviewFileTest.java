package dev.clearbox.reports.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.clearbox.core.InvalidInputException;
import dev.clearbox.reports.model.Review;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * review.json: read strictly (one line naming the file and the problem), written sorted, and described by
 * docs/review.schema.json, which accepts what Clearbox writes and refuses what Clearbox refuses.
 */
class ReviewFileTest {
    static final Path SCHEMA = Path.of("../docs/review.schema.json");
    static final String FP_A = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    static final String FP_B = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

    @TempDir
    Path tmp;

    static String decision(String fields) {
        return "{\"schema\":\"" + ReviewFile.SCHEMA + "\",\"decisions\":[{" + fields + "}]}";
    }

    static final String GOOD = "\"fingerprint\":\"" + FP_A + "\",\"status\":\"accepted\",\"justification\":\"the update check\","
            + "\"reviewer\":\"Auditor One\",\"date\":\"2026-12-02\"";

    static ReviewFile sample() {
        return ReviewFile.empty()
                .with(new ReviewFile.Decision(FP_B, ReviewStatus.QUESTION, "why?", "Auditor Two", "2026-12-02T07:10:00Z",
                        new Review.Origin(true, "Acme Updater 1.4.0 (report.json sha256 " + "0".repeat(64) + ")")))
                .with(new ReviewFile.Decision(FP_A, ReviewStatus.FALSE_POSITIVE, "not reachable", "Auditor One",
                        "2026-12-01", null));
    }

    @Test
    void aWrittenFileReadsBackEqualAndIsSortedByFingerprint() throws Exception {
        Path file = tmp.resolve("review.json");
        sample().write(file);
        ReviewFile.Loaded read = ReviewFile.read(file);
        assertEquals(sample(), read.review());
        assertEquals(List.of(FP_A, FP_B), read.review().decisions().stream().map(ReviewFile.Decision::fingerprint).toList());
        assertEquals("review.json", read.fileName());
        assertEquals(dev.clearbox.core.Sha256.hex(Files.readAllBytes(file)), read.sha256());
        String text = Files.readString(file);
        assertTrue(text.indexOf(FP_A) < text.indexOf(FP_B), text);
        assertTrue(text.contains("\"status\" : \"false-positive\""), text);
        assertFalse(text.substring(0, text.indexOf(FP_B)).contains("origin"), "no origin written when there is none");
        assertArrayEquals(Files.readAllBytes(file), sample().bytes(), "deterministic bytes");
        try (var listing = Files.list(tmp)) {
            assertEquals(List.of(file), listing.toList(), "no temporary file left");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "duplicate key | {\"schema\":\"https://clearbox.dev/schemas/review/v1\",\"decisions\":[],\"decisions\":[]} | duplicate key 'decisions' at line 1",
            "unknown field | {\"schema\":\"https://clearbox.dev/schemas/review/v1\",\"decisions\":[],\"note\":1} | unknown field 'note'",
            "trailing tokens | {\"schema\":\"https://clearbox.dev/schemas/review/v1\",\"decisions\":[]} {} | not the expected JSON structure",
            "wrong schema | {\"schema\":\"https://example.com/other\",\"decisions\":[]} | 'schema' is not https://clearbox.dev/schemas/review/v1",
            "no decisions | {\"schema\":\"https://clearbox.dev/schemas/review/v1\"} | 'decisions' is missing",
            "a number for a string | {\"schema\":\"https://clearbox.dev/schemas/review/v1\",\"decisions\":[{\"fingerprint\":7}]} | 'decisions[0].fingerprint' must be a string",
    })
    void aMalformedFileIsOneLineNamingTheFile(String name, String json, String problem) throws Exception {
        Path file = tmp.resolve("review.json");
        Files.writeString(file, json);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ReviewFile.read(file));
        assertEquals(dev.clearbox.core.Stage.REVIEW, e.stage());
        assertEquals(file.toString(), e.input());
        assertTrue(e.problem().startsWith(problem), e.problem());
        assertFalse(e.oneLine().contains("\n"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "bad status | \"status\":\"accepted\" | \"status\":\"approved\" | 'decisions[0].status' is 'approved', not one of confirmed, accepted, false-positive, question",
            "no justification | ,\"justification\":\"the update check\" | '' | 'decisions[0].justification' is missing",
            "blank justification | \"justification\":\"the update check\" | \"justification\":\" \\t\" | 'decisions[0].justification' is blank",
            "no reviewer | ,\"reviewer\":\"Auditor One\" | '' | 'decisions[0].reviewer' is missing",
            "not a date | \"date\":\"2026-12-02\" | \"date\":\"yesterday\" | 'decisions[0].date' is not an ISO-8601 date",
            "not a fingerprint | \"fingerprint\":\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\" | \"fingerprint\":\"a b\" | 'decisions[0].fingerprint' is not a finding fingerprint",
            "status with controls | \"status\":\"accepted\" | \"status\":\"\\u001b[31m\" | 'decisions[0].status' is a word that is not a plain name",
    })
    void aBadDecisionIsNamedByItsPlace(String name, String from, String to, String problem) {
        String json = decision(GOOD.replace(from, to));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ReviewFile.parse(json.getBytes(), "r.json"));
        assertTrue(e.problem().startsWith(problem), e.problem());
        assertTrue(schemaErrors(json).size() > 0, "the schema refuses it too: " + json);
    }

    @Test
    void aFingerprintDecidedTwiceIsRefused() {
        String json = "{\"schema\":\"" + ReviewFile.SCHEMA + "\",\"decisions\":[{" + GOOD + "},{" + GOOD + "}]}";
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ReviewFile.parse(json.getBytes(), "r.json"));
        assertEquals("'decisions[1]' decides fingerprint " + FP_A + " again (already decided by decisions[0])", e.problem());
    }

    @Test
    void aDirectoryOrAMissingFileIsRefusedByInputFiles() {
        InvalidInputException dir = assertThrows(InvalidInputException.class, () -> ReviewFile.read(tmp));
        assertTrue(dir.problem().startsWith("not a regular file"), dir.problem());
        InvalidInputException missing = assertThrows(InvalidInputException.class, () -> ReviewFile.read(tmp.resolve("no.json")));
        assertEquals("no such file", missing.problem());
    }

    @Test
    void theSchemaAcceptsWhatClearboxWritesAndAGoodHandWrittenOne() throws Exception {
        assertEquals(List.of(), schemaErrors(new String(sample().bytes())));
        assertEquals(List.of(), schemaErrors(decision(GOOD)));
        assertEquals(List.of(), schemaErrors(decision(GOOD.replace("2026-12-02", "2026-12-02T07:10:00+01:00"))));
        ReviewFile.parse(decision(GOOD.replace("2026-12-02", "2026-12-02T07:10:00+01:00")).getBytes(), "r.json");
        assertFalse(schemaErrors(decision(GOOD + ",\"extra\":1")).isEmpty());
    }

    @Test
    void withCarriedOverKeepsTheNewFilesDecisionWhereBothDecide() {
        ReviewFile.Decision carriedA = new ReviewFile.Decision(FP_A, ReviewStatus.ACCEPTED, "old", "Old", "2026-01-01",
                new Review.Origin(true, "old report"));
        ReviewFile.Decision carriedC = new ReviewFile.Decision("cccccccccccccccccccccccccccccccc", ReviewStatus.CONFIRMED,
                "old", "Old", "2026-01-01", new Review.Origin(true, "old report"));
        ReviewFile joined = sample().withCarriedOver(List.of(carriedA, carriedC));
        assertEquals(3, joined.decisions().size());
        assertEquals(ReviewStatus.FALSE_POSITIVE, joined.decision(FP_A).orElseThrow().status(), "the new file wins");
        assertEquals(carriedC, joined.decision("cccccccccccccccccccccccccccccccc").orElseThrow());
    }

    private static List<String> schemaErrors(String json) {
        try {
            Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(new ObjectMapper().readTree(Files.readString(SCHEMA)));
            JsonNode node = new ObjectMapper().readTree(json);
            return schema.validate(node).stream().map(e -> e.getInstanceLocation() + " " + e.getMessage()).toList();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
