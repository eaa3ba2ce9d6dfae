package dev.clearbox.reports.model;

import com.contrastsecurity.sarif.Result;
import com.contrastsecurity.sarif.SarifSchema210;
import com.fasterxml.jackson.databind.JsonNode;
import dev.clearbox.analyzers.source.SourceAnalysisResult;
import dev.clearbox.analyzers.source.SourceCoverage;
import dev.clearbox.core.Finding;
import dev.clearbox.core.checkout.CheckoutResult;
import dev.clearbox.core.rebuild.BuildTool;
import dev.clearbox.core.rebuild.Isolation;
import dev.clearbox.core.rebuild.NetworkPolicy;
import dev.clearbox.core.rebuild.Newline;
import dev.clearbox.core.rebuild.RebuildResult;
import dev.clearbox.core.unpack.EntryType;
import dev.clearbox.core.unpack.InventoryEntry;
import dev.clearbox.core.unpack.JarInfo;
import dev.clearbox.core.unpack.JarSignature;
import dev.clearbox.core.unpack.MavenCoordinates;
import dev.clearbox.core.unpack.PackageInventory;
import dev.clearbox.core.unpack.SignatureFindings;
import dev.clearbox.core.unpack.UnpackLimits;
import dev.clearbox.reports.html.ReportHtml;
import dev.clearbox.reports.json.ReportJson;
import dev.clearbox.reports.sarif.ReportSarif;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A jar whose signature does not verify reaches the report's JSON, HTML and SARIF, with the limits in force. */
class PackageFindingsRenderingTest {
    private static final String SHA = "ab".repeat(32);

    private static AuditReport report() {
        JarSignature invalid = new JarSignature(JarSignature.Status.INVALID, List.of(), "com/acme/Beacon.class",
                List.of(), 0, "SHA-256 digest error for com/acme/Beacon.class");
        JarInfo jar = new JarInfo(List.of(new MavenCoordinates("com.acme", "agent", "1.4.0",
                "META-INF/maven/com.acme/agent/pom.properties")), "", "", "", "", "", invalid);
        PackageInventory inv = new PackageInventory("update.zip", 100, SHA, "zip", List.of(
                new InventoryEntry("README.txt", 5, SHA, EntryType.DATA, ""),
                new InventoryEntry("lib/agent.jar", 50, SHA, EntryType.JAR, "zip, unpacked under lib/agent.jar!/", jar)),
                new UnpackLimits(1L << 30, 1L << 20, 500, 50.0, 2));
        List<Finding> packageFindings = SignatureFindings.of(inv);
        CheckoutResult source = new CheckoutResult(Path.of("tree"), "repo.bundle", "v1", "refs/tags/v1", "c".repeat(40),
                "d".repeat(40), null, "a", "c", 0, "subject", 1, null, null, List.of(), List.of(), List.of(), List.of(), null);
        SourceAnalysisResult analysis = new SourceAnalysisResult(List.of(), new SourceCoverage(1, List.of(), 0, List.of(), 10));
        RebuildResult rebuild = new RebuildResult(RebuildResult.Status.FAILED, "no build", null, List.of("make"), Map.of(),
                "022", 1, 0, "rebuild/build.log", List.of(), BuildTool.COMMAND, "", Newline.LF, NetworkPolicy.OFFLINE,
                new Isolation(Isolation.Level.NONE, "not built"), List.of(), List.of(), List.of(), List.of());
        return new AuditReport(AuditReport.SCHEMA, "2026-01-01T00:00:00Z", new AuditReport.Tool("clearbox", "t", "m", ""),
                new dev.clearbox.reports.model.Auditor("", "0".repeat(64), true),
                new Product("Acme", "Updater", "1.4.0"), source, List.of(inv), analysis, rebuild, List.of(),
                Summary.of(packageFindings, List.of(), 0, 0), null, packageFindings,
                dev.clearbox.reports.ReportFixture.sessionRun());
    }

    @Test
    void jsonHasPackageFindingsAfterPackagesAndJarFactsOnlyOnJars() {
        JsonNode json = ReportJson.tree(report());

        List<String> fields = new ArrayList<>();
        for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
            fields.add(it.next());
        }
        assertEquals(fields.indexOf("packages") + 1, fields.indexOf("packageFindings"), fields.toString());
        assertEquals("CBX-PKG-SIGNATURE", json.at("/packageFindings/0/ruleId").asText());
        assertEquals("update.zip!/lib/agent.jar", json.at("/packageFindings/0/location/file").asText());
        assertEquals("HIGH", json.at("/packageFindings/0/severity").asText());
        assertFalse(json.at("/packages/0/entries/0").has("jar"));
        assertEquals("INVALID", json.at("/packages/0/entries/1/jar/signature/status").asText());
        assertFalse(json.at("/packages/0").has("jar"), "the package itself is not a jar");
        assertEquals(1, json.at("/summary/findingsByRule/CBX-PKG-SIGNATURE").asInt());
    }

    @Test
    void htmlListsThePackageFindingTheJarSignatureAndTheLimits() {
        String html = ReportHtml.render(report());

        assertTrue(html.contains("<h3>Package findings (1)</h3>"), html);
        assertTrue(html.contains("<code>update.zip!/lib/agent.jar</code>: The jar&#39;s signature does not verify at entry"
                + " com/acme/Beacon.class"), html);
        assertTrue(html.contains("Maven com.acme:agent:1.4.0; signature INVALID at com/acme/Beacon.class: SHA-256 digest"
                + " error for com/acme/Beacon.class"), html);
        assertTrue(html.contains("Unpacked under these limits: at most 1073741824 bytes in total, 1048576 bytes per entry,"
                + " 500 entries, compression ratio 50.0, nesting depth 2."), html);
    }

    @Test
    void sarifHasAPackageResultUnderThePackagesBase() {
        SarifSchema210 sarif = ReportSarif.sarif(report());

        List<Result> results = sarif.getRuns().get(0).getResults();
        assertEquals(1, results.size());
        Result r = results.get(0);
        assertEquals("CBX-PKG-SIGNATURE", r.getRuleId());
        assertEquals(Result.Level.ERROR, r.getLevel());
        assertEquals("PACKAGES", r.getLocations().get(0).getPhysicalLocation().getArtifactLocation().getUriBaseId());
        assertEquals("update.zip!/lib/agent.jar", r.getLocations().get(0).getPhysicalLocation().getArtifactLocation().getUri());
    }
}
