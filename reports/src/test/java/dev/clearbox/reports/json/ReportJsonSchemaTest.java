package dev.clearbox.reports.json;

import dev.clearbox.reports.model.Product;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.clearbox.reports.GoldenFiles;
import dev.clearbox.reports.ReportFixture;
import dev.clearbox.reports.model.AuditReport;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code report.json} against the published JSON Schema, {@code docs/report.schema.json} (draft 2020-12): the golden
 * report validates; an unknown field, a wrong enum constant or a missing required field does not. The schema's
 * {@code $defs} are checked against the {@code reports.model} records and the enums they use, so the schema and
 * the records cannot drift apart silently: a new, renamed or removed component fails here until the schema says so.
 */
class ReportJsonSchemaTest {
    /** The published schema, relative to the module (the working directory of its tests). */
    static final Path SCHEMA = Path.of("../docs/report.schema.json");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static JsonNode schemaTree() throws IOException {
        return MAPPER.readTree(Files.readString(SCHEMA));
    }

    private static Schema schema() throws IOException {
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(schemaTree());
    }

    private static ObjectNode golden() throws IOException {
        return (ObjectNode) MAPPER.readTree(Files.readString(GoldenFiles.DIRECTORY.resolve("report.json")));
    }

    @Test
    void theSchemaIsDraft2020_12AndItsIdIsTheReportsSchemaUri() throws IOException {
        JsonNode schema = schemaTree();
        assertEquals("https://json-schema.org/draft/2020-12/schema", schema.get("$schema").asText());
        assertTrue(schema.get("$id").asText().startsWith(AuditReport.SCHEMA + "/"), schema.get("$id").asText());
        assertEquals(AuditReport.SCHEMA, schema.at("/$defs/AuditReport/properties/schema/const").asText());
    }

    @Test
    void theGoldenReportValidates() throws IOException {
        assertEquals(List.of(), messages(schema().validate(golden())));
    }

    @Test
    void theFixtureRenderedNowValidates() throws IOException {
        assertEquals(List.of(), messages(schema().validate(ReportJson.tree(ReportFixture.report()))));
    }

    @Test
    void aReportCarryingADeltaValidates() throws IOException {
        AuditReport r = ReportFixture.report();
        AuditReport next = new AuditReport(r.schema(), r.generatedAt(), r.tool(), r.auditor(),
                new Product(r.product().vendor(), r.product().name(), "1.4.1"), r.source(),
                r.packages().subList(0, 1), r.analysis(), r.rebuild(), r.verdicts().subList(0, 2), r.summary(),
                r.binaryAnalysis(), r.packageFindings(), r.session());
        AuditReport withDelta = next.withDelta(dev.clearbox.reports.delta.ReleaseDiff.between(
                new dev.clearbox.reports.delta.VerifiedReport(Path.of("report"), r, "0".repeat(64), "k"), next));
        assertTrue(!withDelta.delta().isEmpty());
        assertEquals(List.of(), messages(schema().validate(ReportJson.tree(withDelta))));
    }

    @Test
    void anUnknownFieldIsRefused() throws IOException {
        ObjectNode report = golden();
        ((ObjectNode) report.at("/rebuild/jdk")).put("home", "/usr/lib/jvm/temurin-17");

        List<String> errors = messages(schema().validate(report));

        assertTrue(errors.stream().anyMatch(e -> e.contains("/rebuild/jdk") && e.contains("home")), errors.toString());
    }

    @Test
    void aWrongEnumConstantIsRefused() throws IOException {
        ObjectNode report = golden();
        ((ObjectNode) report.at("/verdicts/0")).put("verdict", "PROBABLY_FINE");

        List<String> errors = messages(schema().validate(report));

        assertTrue(errors.stream().anyMatch(e -> e.contains("/verdicts/0/verdict")), errors.toString());
    }

    @Test
    void aMissingRequiredFieldIsRefused() throws IOException {
        ObjectNode report = golden();
        ((ObjectNode) report.get("summary")).remove("result");

        List<String> errors = messages(schema().validate(report));

        assertTrue(errors.stream().anyMatch(e -> e.contains("/summary") && e.contains("result")), errors.toString());
    }

    @Test
    void aNullWhereTheSchemaAllowsNoneIsRefused() throws IOException {
        ObjectNode report = golden();
        ((ObjectNode) report.get("auditor")).putNull("keyId");

        List<String> errors = messages(schema().validate(report));

        assertTrue(errors.stream().anyMatch(e -> e.contains("/auditor/keyId")), errors.toString());
    }

    /**
     * Every record reachable from {@link AuditReport} has a {@code $defs} entry of the same name whose properties are
     * its components and whose required properties are those Jackson always writes; every enum it uses has one
     * listing its constants; and the schema defines nothing else.
     */
    @Test
    void theSchemaDefinesExactlyTheModelsRecordsAndEnums() throws IOException {
        JsonNode defs = schemaTree().get("$defs");
        Map<String, Class<?>> model = new TreeMap<>();
        reach(AuditReport.class, model);

        assertEquals(model.keySet(), names(defs.fieldNames()), "the schema's $defs are the model's records and enums");
        List<String> problems = new ArrayList<>();
        model.forEach((name, type) -> {
            JsonNode def = defs.get(name);
            if (type.isEnum()) {
                List<String> constants = Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name()).toList();
                if (!constants.equals(texts(def.get("enum")))) {
                    problems.add(name + ": enum " + texts(def.get("enum")) + ", constants " + constants);
                }
                return;
            }
            List<String> components = new ArrayList<>();
            Set<String> required = new TreeSet<>();
            for (RecordComponent c : type.getRecordComponents()) {
                components.add(c.getName());
                if (!omittedWhenNull(type, c)) {
                    required.add(c.getName());
                }
            }
            Set<String> properties = names(def.get("properties").fieldNames());
            if (!new TreeSet<>(components).equals(properties)) {
                problems.add(name + ": properties " + properties + ", components " + components);
            }
            if (!required.equals(new TreeSet<>(texts(def.get("required"))))) {
                problems.add(name + ": required " + texts(def.get("required")) + ", always written " + required);
            }
            if (!def.path("additionalProperties").isBoolean() || def.get("additionalProperties").asBoolean()) {
                problems.add(name + ": additionalProperties is not false");
            }
        });
        assertEquals(List.of(), problems);
    }

    @Test
    void theReportsTopLevelPropertiesAreAuditReportsComponents() throws IOException {
        List<String> components = Arrays.stream(AuditReport.class.getRecordComponents()).map(RecordComponent::getName)
                .sorted().toList();
        JsonNode properties = schemaTree().at("/$defs/AuditReport/properties");

        assertEquals(components, new ArrayList<>(names(properties.fieldNames())));
        List<String> alwaysWritten = Arrays.stream(AuditReport.class.getRecordComponents())
                .filter(c -> !omittedWhenNull(AuditReport.class, c)).map(RecordComponent::getName).sorted().toList();
        List<String> written = new ArrayList<>(names(golden().fieldNames()));
        assertTrue(written.containsAll(alwaysWritten), "the golden report lacks a field always written: " + written);
        assertTrue(components.containsAll(written), "the golden report has a field the model lacks: " + written);
    }

    private static boolean omittedWhenNull(Class<?> record, RecordComponent c) {
        try {
            JsonInclude include = record.getDeclaredField(c.getName()).getAnnotation(JsonInclude.class);
            return include != null && include.value() == JsonInclude.Include.NON_NULL;
        } catch (NoSuchFieldException e) {
            throw new AssertionError(e);
        }
    }

    /** The records and enums reachable from {@code type}, by their schema name ({@code Outer.Inner}). */
    private static void reach(Class<?> type, Map<String, Class<?>> into) {
        if (into.putIfAbsent(defName(type), type) != null || type.isEnum()) {
            return;
        }
        for (RecordComponent c : type.getRecordComponents()) {
            reach(c.getGenericType(), into);
        }
    }

    private static void reach(Type t, Map<String, Class<?>> into) {
        if (t instanceof ParameterizedType p) {
            for (Type argument : p.getActualTypeArguments()) {
                reach(argument, into);
            }
        } else if (t instanceof Class<?> c && (c.isEnum() || c.isRecord())) {
            reach(c, into);
        }
    }

    private static String defName(Class<?> type) {
        return type.getEnclosingClass() == null ? type.getSimpleName()
                : defName(type.getEnclosingClass()) + "." + type.getSimpleName();
    }

    private static Set<String> names(Iterator<String> it) {
        Set<String> names = new TreeSet<>();
        it.forEachRemaining(names::add);
        return names;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        if (array instanceof ArrayNode a) {
            a.forEach(n -> texts.add(n.asText()));
        }
        return texts;
    }

    private static List<String> messages(List<Error> errors) {
        Set<String> messages = new LinkedHashSet<>();
        errors.forEach(e -> messages.add(e.getInstanceLocation() + " " + e.getMessage()));
        return new ArrayList<>(messages);
    }
}
