package dev.clearbox.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clearbox.samples.AcmeUpdaterSample;
import dev.clearbox.samples.Submission;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code clearbox compare} on the sample's faithful and tampered jars, without a session. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CompareCommandTest {
    @TempDir
    static Path tmp;

    Path faithful;
    Path tampered;
    Path repacked;

    @BeforeAll
    void extractTheSampleJars() throws Exception {
        Submission s = AcmeUpdaterSample.create(AcmeUpdaterSample.locateSampleDir(), tmp.resolve("submission"));
        faithful = Files.write(tmp.resolve("faithful.jar"), AcmeUpdaterSample.readEntry(s.faithfulPackage(), AcmeUpdaterSample.SHIPPED_JAR));
        tampered = Files.write(tmp.resolve("tampered.jar"), AcmeUpdaterSample.readEntry(s.tamperedPackage(), AcmeUpdaterSample.SHIPPED_JAR));
        repacked = repack(faithful, tmp.resolve("repacked.jar"));
    }

    /** The same entries in reverse order with other timestamps: what another packer makes of the same build. */
    private static Path repack(Path jar, Path out) throws Exception {
        try (ZipFile in = ZipFile.builder().setPath(jar).get(); ZipArchiveOutputStream zip = new ZipArchiveOutputStream(out)) {
            List<ZipArchiveEntry> entries = new ArrayList<>(Collections.list(in.getEntriesInPhysicalOrder()));
            Collections.reverse(entries);
            for (ZipArchiveEntry e : entries) {
                ZipArchiveEntry copy = new ZipArchiveEntry(e.getName());
                copy.setTime(1_500_000_000_000L);
                zip.putArchiveEntry(copy);
                try (InputStream data = in.getInputStream(e)) {
                    data.transferTo(zip);
                }
                zip.closeArchiveEntry();
            }
        }
        return out;
    }

    @Test
    void theTamperedJarIsNotReproducibleWithTheInsertedCallShown() {
        CliRun r = CliRun.of("compare", tampered, faithful);
        assertEquals(1, r.exit(), r.err());
        String out = r.out();
        assertTrue(out.startsWith("NOT_REPRODUCIBLE  " + tampered + " vs " + faithful + "\n"), out);
        assertTrue(out.contains("  ONLY_IN_SHIPPED  com/acme/agent/net/HealthBeacon.class\n"
                + "    at com/acme/agent/net/HealthBeacon.java\n"), out);
        assertTrue(out.contains("  METHOD_CODE_CHANGED  com/acme/agent/AgentMain.class\n    at com/acme/agent/AgentMain.java  "), out);
        assertTrue(out.contains("    | + INVOKESTATIC com/acme/agent/net/HealthBeacon.start ()V\n"), out);
        assertTrue(out.contains("bit-identical: no   equivalent: no"), out);
    }

    @Test
    void jsonNamesEveryDifferenceWithItsClassSourceAndMember() throws Exception {
        CliRun r = CliRun.of("compare", tampered, faithful, "--format", "json");
        assertEquals(1, r.exit(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals("NOT_REPRODUCIBLE", json.get("verdict").asText());
        assertFalse(json.get("bitIdentical").asBoolean());
        assertFalse(json.get("equivalent").asBoolean());
        List<String> substantive = new ArrayList<>();
        for (JsonNode d : json.get("differences")) {
            if (!d.get("benign").asBoolean()) {
                substantive.add(d.get("kind").asText() + " " + d.get("entry").asText() + " " + d.get("member").asText());
            }
        }
        assertEquals(2, substantive.size(), substantive.toString());
        assertTrue(substantive.get(0).startsWith("METHOD_CODE_CHANGED com/acme/agent/AgentMain.class "), substantive.toString());
        assertEquals("ONLY_IN_SHIPPED com/acme/agent/net/HealthBeacon.class ", substantive.get(1));
    }

    @Test
    void theSameJarIsReproducibleAndARepackedOneEquivalent() {
        CliRun same = CliRun.of("compare", faithful, faithful);
        assertEquals(0, same.exit(), same.err());
        assertTrue(same.out().startsWith("REPRODUCIBLE  "), same.out());

        CliRun equivalent = CliRun.of("compare", repacked, faithful);
        assertEquals(0, equivalent.exit(), equivalent.out());
        assertTrue(equivalent.out().startsWith("EQUIVALENT  "), equivalent.out());
        assertTrue(equivalent.out().contains("  ENTRY_ORDER  (the artifact itself)\n"), equivalent.out());
        assertTrue(equivalent.out().contains("  CONTAINER_METADATA  (the artifact itself)\n"), equivalent.out());
        assertFalse(equivalent.out().contains("Substantive"), equivalent.out());

        CliRun strict = CliRun.of("compare", repacked, faithful, "--strict");
        assertEquals(1, strict.exit());
    }

    @Test
    void htmlGoesToTheOutFile() throws Exception {
        Path html = tmp.resolve("compare.html");
        CliRun r = CliRun.of("compare", tampered, faithful, "--format", "html", "--out", html);
        assertEquals(1, r.exit(), r.err());
        assertEquals("NOT_REPRODUCIBLE  " + tampered + " vs " + faithful + "  (html written to " + html + ")\n", r.out());
        String page = Files.readString(html);
        assertTrue(page.startsWith("<!DOCTYPE html>"));
        assertTrue(page.contains("+ INVOKESTATIC com/acme/agent/net/HealthBeacon.start ()V"), page);
        assertTrue(page.contains("<td class=\"bad\">NOT_REPRODUCIBLE</td>"), page);
    }

    @Test
    void refusalsAreOneLineWithExitTwo() {
        CliRun missing = CliRun.of("compare", tmp.resolve("nope.jar"), faithful);
        assertEquals(2, missing.exit());
        assertEquals(List.of("clearbox: compare: " + tmp.resolve("nope.jar") + ": no such file"), missing.errorLines());

        CliRun accept = CliRun.of("compare", tampered, faithful, "--accept", "ONLY_IN_SHIPPED");
        assertEquals(2, accept.exit());
        assertEquals(List.of("clearbox: compare: accept ONLY_IN_SHIPPED: is substantive and cannot be accepted; "
                + "only KNOWN_COMPILER_CHANGE can"), accept.errorLines());
    }
}
