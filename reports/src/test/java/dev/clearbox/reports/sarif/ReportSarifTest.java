package dev.clearbox.reports.sarif;

import dev.clearbox.analyzers.source.SourceRule;
import dev.clearbox.core.Capability;

import dev.clearbox.core.CoreRule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clearbox.core.Finding;
import dev.clearbox.core.Location;
import dev.clearbox.core.PathStep;
import dev.clearbox.core.Severity;
import dev.clearbox.reports.ReportFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SARIF rendering's code-scanning properties (docs/report-schema.md, "SARIF"). */
class ReportSarifTest {
    private static final Path RULE_PAGES = Path.of("..", "docs", "rules");

    @TempDir
    Path tmp;

    private JsonNode run() throws Exception {
        Path file = tmp.resolve("report.sarif");
        ReportSarif.write(ReportFixture.report(), file);
        return new ObjectMapper().readTree(file.toFile()).path("runs").get(0);
    }

    @Test
    void rulesCarryTheirPagesTextsAndASecuritySeverity() throws Exception {
        JsonNode rules = run().at("/tool/driver/rules");
        assertTrue(rules.size() > 0);
        for (JsonNode rule : rules) {
            String id = rule.path("id").asText();
            assertFalse(rule.at("/shortDescription/text").asText().isBlank(), id);
            assertFalse(rule.at("/fullDescription/text").asText().isBlank(), id);
            assertFalse(rule.at("/help/text").asText().isBlank(), id);
            assertFalse(rule.at("/help/markdown").asText().isBlank(), id);
            assertTrue(rule.at("/properties/security-severity").asText().matches("\\d+\\.\\d"), id);
            if (Files.exists(RULE_PAGES.resolve(id + ".md"))) {
                String page = Files.readString(RULE_PAGES.resolve(id + ".md"));
                assertTrue(page.startsWith("# " + id + " \u2014 " + rule.at("/shortDescription/text").asText() + "\n"), id);
                assertEquals(page, rule.at("/help/markdown").asText(), id);
                assertEquals(RuleDocs.PAGES + id + ".md", rule.path("helpUri").asText(), id);
            }
        }
        JsonNode exfil = Stream.of(rules).flatMap(r -> java.util.stream.StreamSupport.stream(r.spliterator(), false))
                .filter(r -> r.path("id").asText().equals("CBX-SRC-EXFIL")).findFirst().orElseThrow();
        assertEquals("Sensitive data reaches a network or DNS sink", exfil.at("/shortDescription/text").asText());
        assertEquals("9.5", exfil.at("/properties/security-severity").asText());
    }

    @Test
    void everyRulePageParses() throws Exception {
        try (Stream<Path> pages = Files.list(RULE_PAGES)) {
            for (Path page : pages.filter(p -> p.toString().endsWith(".md")).toList()) {
                String id = page.getFileName().toString().replace(".md", "");
                RuleDocs doc = RuleDocs.of(id).orElseThrow(() -> new AssertionError(id + " is not in the resources"));
                assertFalse(doc.title().isBlank(), id);
                assertTrue(doc.description().length() > 20, id + ": " + doc.description());
                assertFalse(doc.description().contains("`"), id);
            }
        }
    }

    @Test
    void provenanceNamesTheRepositoryAndCommit() throws Exception {
        JsonNode v = run().path("versionControlProvenance").get(0);
        assertEquals("urn:clearbox:bundle:acme-updater.bundle", v.path("repositoryUri").asText());
        assertEquals("0123456789abcdef0123456789abcdef01234567", v.path("revisionId").asText());
        assertEquals("v1.4.0", v.path("revisionTag").asText());
        assertEquals("SRCROOT", v.at("/mappedTo/uriBaseId").asText());
        assertEquals("https://git.example/acme.git", ReportSarif.repositoryUri("https://git.example/acme.git").toString());
        assertEquals("urn:clearbox:bundle:a%20b.bundle", ReportSarif.repositoryUri("/home/x/a b.bundle").toString());
    }

    @Test
    void binaryFindingsSitAtTheirSourceFileWithTheBinaryAsRelatedLocation() throws Exception {
        JsonNode network = null;
        for (JsonNode r : run().path("results")) {
            if (r.path("ruleId").asText().equals("CBX-BIN-NETWORK")) {
                network = r;
            }
        }
        assertEquals("src/main/java/com/acme/agent/AgentMain.java",
                network.at("/locations/0/physicalLocation/artifactLocation/uri").asText());
        assertEquals("SRCROOT", network.at("/locations/0/physicalLocation/artifactLocation/uriBaseId").asText());
        assertEquals(40, network.at("/locations/0/physicalLocation/region/startLine").asInt());
        assertEquals("update.zip!/lib/agent.jar!/com/acme/agent/AgentMain.class",
                network.at("/relatedLocations/0/physicalLocation/artifactLocation/uri").asText());
        assertEquals("PACKAGES", network.at("/relatedLocations/0/physicalLocation/artifactLocation/uriBaseId").asText());
    }

    @Test
    void everyResultHasARegionASecuritySeverityAndAUniqueFingerprint() throws Exception {
        Set<String> fingerprints = new HashSet<>();
        int results = 0;
        for (JsonNode r : run().path("results")) {
            results++;
            JsonNode region = r.at("/locations/0/physicalLocation/region");
            assertTrue(region.path("startLine").asInt() >= 1 || region.has("byteOffset"), r.toString());
            assertTrue(r.at("/properties/security-severity").asText().matches("\\d+\\.\\d"), r.toString());
            assertTrue(fingerprints.add(r.at("/partialFingerprints/clearbox~1v2").asText()), r.toString());
            if (r.path("ruleId").asText().equals(CoreRule.NOT_REPRODUCIBLE.id())) {
                assertEquals(0, region.path("byteOffset").asInt());
                assertEquals(2048, region.path("byteLength").asInt());
                assertEquals("src/main/java/com/acme/agent/AgentMain.java",
                        r.at("/relatedLocations/0/physicalLocation/artifactLocation/uri").asText());
            }
        }
        assertEquals(results, fingerprints.size());
    }

    @Test
    void aFlowsFingerprintDependsOnItsStepsNotOnLines() {
        Location sink = new Location("src/Net.java", 42, "InetAddress.getByName(host);");
        Finding key = flow(sink, "src/Key.java", 10, "Files.readAllBytes(key)", "source: file contents, FILE_READ api");
        Finding config = flow(sink, "src/Config.java", 10, "Files.readString(config)", "source: file contents, FILE_READ api");
        assertNotEquals(key.fingerprint(), config.fingerprint());

        Location moved = new Location("src/Net.java", 47, "InetAddress.getByName(host);");
        Finding shifted = flow(moved, "src/Key.java", 13, "Files.readAllBytes(key)", "source: file contents, FILE_READ api");
        assertEquals(key.fingerprint(), shifted.fingerprint());

        // A finding without a path keeps the identity of rule, file, api and code.
        Finding call = new Finding(SourceRule.DNS, Capability.DNS, Severity.HIGH, "m", sink, "java.net.InetAddress#getByName", "",
                List.of(), List.of());
        assertEquals(Finding.fingerprint(SourceRule.DNS.id(), "src/Net.java", "", "java.net.InetAddress#getByName",
                "InetAddress.getByName(host);", List.of()), call.fingerprint());
        assertEquals(32, call.fingerprint().length());
    }

    @Test
    void repeatedFingerprintsAreNumberedInReportOrder() {
        ReportSarif.Fingerprints f = new ReportSarif.Fingerprints();
        assertEquals("a", f.unique("a"));
        assertEquals("b", f.unique("b"));
        assertEquals("a/2", f.unique("a"));
        assertEquals("a/3", f.unique("a"));
    }

    private static Finding flow(Location sink, String file, int line, String code, String note) {
        return new Finding(SourceRule.EXFIL, Capability.DNS, Severity.CRITICAL, "flow", sink, "java.net.InetAddress#getByName",
                "symbol-solver", List.of(), List.of(new PathStep(new Location(file, line, code), "A#a()", note),
                new PathStep(sink, "Net#send(String)", "sink: DNS java.net.InetAddress#getByName")));
    }

    @Test
    void withABaselineResultsTheReleaseAddedAreNewAndTheOthersUnchanged() {
        var r = ReportFixture.report();
        var first = r.analysis().findings().get(0);
        var notReproducible = r.verdicts().stream().filter(v -> v.verdict() == dev.clearbox.core.Verdict.NOT_REPRODUCIBLE)
                .findFirst().orElseThrow();
        var baseline = new dev.clearbox.reports.model.AuditReport(r.schema(), r.generatedAt(), r.tool(), r.auditor(),
                r.product(), r.source(), r.packages(),
                new dev.clearbox.reports.model.Analysis(r.analysis().findings().subList(1, r.analysis().findings().size()),
                        r.analysis().coverage()),
                r.rebuild(), r.verdicts().stream().filter(v -> v != notReproducible).toList(), r.summary(),
                r.binaryAnalysis(), r.packageFindings(), r.session());
        var next = new dev.clearbox.reports.model.AuditReport(r.schema(), r.generatedAt(), r.tool(), r.auditor(),
                new dev.clearbox.reports.model.Product(r.product().vendor(), r.product().name(), "1.4.1"), r.source(),
                r.packages(), r.analysis(), r.rebuild(), r.verdicts(), r.summary(), r.binaryAnalysis(),
                r.packageFindings(), r.session());
        var delta = dev.clearbox.reports.delta.ReleaseDiff.between(
                new dev.clearbox.reports.delta.VerifiedReport(Path.of("old"), baseline, "0".repeat(64), "k"), next);

        var results = ReportSarif.sarif(next.withDelta(delta)).getRuns().get(0).getResults();

        int fresh = 0;
        for (var res : results) {
            Object fp = res.getPartialFingerprints().getAdditionalProperties().get(ReportSarif.FINGERPRINT);
            boolean isNew = fp.equals(first.fingerprint()) || fp.equals(notReproducible.fingerprint());
            assertEquals(isNew ? com.contrastsecurity.sarif.Result.BaselineState.NEW
                    : com.contrastsecurity.sarif.Result.BaselineState.UNCHANGED, res.getBaselineState(), String.valueOf(fp));
            fresh += isNew ? 1 : 0;
        }
        assertEquals(2, fresh, "the added finding and the added not-reproducible verdict");
        assertTrue(ReportSarif.sarif(r).getRuns().get(0).getResults().stream().allMatch(x -> x.getBaselineState() == null),
                "no baseline, no baseline state");
    }
}
