package dev.clearbox.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clearbox.analyzers.capability.CapabilityModel;
import dev.clearbox.analyzers.source.SourceRule;
import dev.clearbox.core.InvalidInputException;
import dev.clearbox.core.ProgressListener;
import dev.clearbox.core.rebuild.Isolation;
import dev.clearbox.core.session.SessionManifest;
import dev.clearbox.core.session.SessionManifests;
import dev.clearbox.core.unpack.UnpackLimits;
import dev.clearbox.reports.model.ReportFinding;
import dev.clearbox.reports.sign.EnvelopeVerifier;
import dev.clearbox.reports.sign.KeyFiles;
import dev.clearbox.samples.ImplicitFlowSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A session whose source lets a secret decide whether a network call runs, audited twice: with implicit flows
 * ({@link AuditOptions#withImplicitFlows}) the signed report has the exfiltration path and says
 * {@code implicitFlows: true}; with the default options it has neither. The manifest cannot choose the mode.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditImplicitFlowsTest {
    @TempDir
    static Path tmp;

    private final ObjectMapper mapper = new ObjectMapper();
    Path manifestFile;
    AuditOutcome plain;
    AuditOutcome implicit;

    @BeforeAll
    void auditBothWays() {
        manifestFile = ImplicitFlowSession.create(tmp.resolve("submission"));
        SessionManifest manifest = SessionManifests.load(manifestFile);
        // No build runs (no sandbox asked for, no consent to go without): what the report finds is the analysis's.
        AuditOptions options = new AuditOptions(tmp.resolve("plain"), null, null, CapabilityModel.builtIn(),
                UnpackLimits.defaults(), Clock.systemUTC()).withBuildIsolation(Isolation.Level.NONE, false);
        plain = new AuditPipeline("implicit-test").run(manifest, options, ProgressListener.NONE);
        implicit = new AuditPipeline("implicit-test").run(manifest, new AuditOptions(tmp.resolve("implicit"), null, null,
                CapabilityModel.builtIn(), UnpackLimits.defaults(), Clock.systemUTC())
                .withBuildIsolation(Isolation.Level.NONE, false).withImplicitFlows(true), ProgressListener.NONE);
    }

    private static List<ReportFinding> exfil(AuditOutcome o) {
        return o.report().analysis().findings().stream().filter(f -> f.is(SourceRule.EXFIL)).toList();
    }

    private JsonNode json(Path file) throws Exception {
        return mapper.readTree(file.toFile());
    }

    @Test
    void withImplicitFlowsTheSecretThatDecidesTheCallIsAPathAndTheReportSaysSo() throws Exception {
        List<ReportFinding> paths = exfil(implicit);
        assertEquals(1, paths.size(), implicit.report().analysis().findings().toString());
        ReportFinding f = paths.get(0);
        assertEquals(ImplicitFlowSession.SOURCE_FILE, f.location().file());
        assertEquals(ImplicitFlowSession.CALL_LINE, f.location().line());
        assertEquals("java.net.InetAddress#getByName", f.api());
        assertTrue(f.path().stream().anyMatch(s -> s.note().contains("controls whether it runs")), f.path().toString());
        assertTrue(f.path().stream().anyMatch(s -> s.note().contains("decides whether what follows runs")), f.path().toString());

        assertTrue(implicit.report().session().limits().sourceAnalysis().implicitFlows());
        JsonNode mode = json(implicit.reportJson()).at("/session/limits/sourceAnalysis/implicitFlows");
        assertTrue(mode.isBoolean() && mode.booleanValue(), "report.json: " + mode);
        assertTrue(json(tmp.resolve("implicit/analyze/findings.json")).get("implicitFlows").booleanValue(),
                "the analyze stage's findings.json says the mode too");
        assertTrue(Files.readString(implicit.reportHtml()).contains("implicit flows followed"));
    }

    @Test
    void byDefaultNeitherThePathNorTheModeIsThere() throws Exception {
        assertEquals(List.of(), exfil(plain));
        // The analysis did see the call: it is a DNS finding of its own, only no data reaches it.
        assertTrue(plain.report().analysis().findings().stream().anyMatch(f -> f.is(SourceRule.DNS)
                        && f.location().line() == ImplicitFlowSession.CALL_LINE && f.flow() == null),
                plain.report().analysis().findings().toString());
        assertFalse(plain.report().session().limits().sourceAnalysis().implicitFlows());
        JsonNode mode = json(plain.reportJson()).at("/session/limits/sourceAnalysis/implicitFlows");
        assertTrue(mode.isBoolean() && !mode.booleanValue(), "report.json: " + mode);
        assertFalse(json(tmp.resolve("plain/analyze/findings.json")).get("implicitFlows").booleanValue());
        assertTrue(Files.readString(plain.reportHtml()).contains("explicit flows only"));
    }

    @Test
    void bothReportsValidateAgainstThePublishedSchemaAndTheirSignaturesVerify() throws Exception {
        com.networknt.schema.Schema schema = com.networknt.schema.SchemaRegistry
                .withDefaultDialect(com.networknt.schema.SpecificationVersion.DRAFT_2020_12)
                .getSchema(mapper.readTree(Path.of("../docs/report.schema.json").toFile()));
        for (AuditOutcome o : List.of(plain, implicit)) {
            List<String> errors = schema.validate(json(o.reportJson())).stream()
                    .map(e -> e.getInstanceLocation() + " " + e.getMessage()).distinct().toList();
            assertEquals(List.of(), errors, o.reportJson().toString());
            new EnvelopeVerifier().verify(o.envelope(), KeyFiles.readPublicKey(o.publicKey()), List.of());
        }
        // A report that lost the field no longer validates: the schema requires it.
        ObjectNode stripped = (ObjectNode) json(implicit.reportJson());
        ((ObjectNode) stripped.at("/session/limits/sourceAnalysis")).remove("implicitFlows");
        assertFalse(schema.validate(stripped).isEmpty(), "implicitFlows is required");
    }

    @Test
    void theVendorsManifestCannotTurnItOn() throws Exception {
        ObjectNode m = (ObjectNode) json(manifestFile);
        ((ObjectNode) m.get("build")).put("implicitFlows", true);
        Path hostile = manifestFile.resolveSibling("session-implicit.json");
        mapper.writeValue(hostile.toFile(), m);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> SessionManifests.load(hostile));
        assertTrue(e.getMessage().contains("unknown field 'build.implicitFlows'"), e.getMessage());
    }
}
