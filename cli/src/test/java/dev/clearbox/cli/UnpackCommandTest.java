package dev.clearbox.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.cyclonedx.parsers.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code clearbox unpack}: the SBOM option and every limit flag. */
class UnpackCommandTest {
    @TempDir
    Path tmp;

    private static final byte[] CLASS = {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0, 0, 0, 61};

    private static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private Path pkg() throws IOException {
        Map<String, byte[]> jar = new LinkedHashMap<>();
        jar.put("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        jar.put("META-INF/maven/com.acme/agent/pom.properties",
                "groupId=com.acme\nartifactId=agent\nversion=1.4.0\n".getBytes(StandardCharsets.ISO_8859_1));
        jar.put("com/acme/Agent.class", CLASS);
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("lib/agent-1.4.0.jar", zip(jar));
        files.put("data/blob.bin", new byte[2 << 20]); // 2 MiB of zeros: ratio about 1000
        Path p = tmp.resolve("update.zip");
        Files.write(p, zip(files));
        return p;
    }

    @Test
    void writesAValidSbomAndPrintsTheLimitsInForce() throws Exception {
        Path sbom = tmp.resolve("update.cdx.json");
        CliRun r = CliRun.of("unpack", pkg(), "--out", tmp.resolve("out"), "--sbom", sbom, "-q",
                "--max-total-bytes", "64M", "--max-entry-bytes", "4M", "--max-entries", "50", "--max-ratio", "5000",
                "--max-depth", "1");

        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("limits in force: --max-total-bytes 67108864 --max-entry-bytes 4194304"
                + " --max-entries 50 --max-ratio 5000.0 --max-depth 1"), r.out());
        assertTrue(r.out().contains("signature UNSIGNED, com.acme:agent:1.4.0"), r.out());
        byte[] bytes = Files.readAllBytes(sbom);
        assertEquals(List.of(), new JsonParser().validate(bytes, org.cyclonedx.Version.VERSION_16));
        assertEquals("pkg:maven/com.acme/agent@1.4.0",
                new JsonParser().parse(bytes).getComponents().get(0).getPurl());
    }

    @Test
    void jsonInventoryCarriesJarFactsAndLimits() throws Exception {
        CliRun r = CliRun.of("unpack", pkg(), "--out", tmp.resolve("out"), "--format", "json", "-q", "--max-entries", "77",
                "--max-ratio", "5000");

        assertEquals(0, r.exit(), r.err());
        JsonNode inv = new ObjectMapper().readTree(r.out());
        assertEquals(77, inv.at("/limits/maxEntries").asInt());
        JsonNode jar = inv.get("entries").get(1);
        assertEquals("lib/agent-1.4.0.jar", jar.get("path").asText());
        assertEquals("UNSIGNED", jar.at("/jar/signature/status").asText());
        assertEquals("agent", jar.at("/jar/maven/0/artifactId").asText());
        assertFalse(inv.get("entries").get(0).has("jar"), "non-jar entries carry no jar field");
    }

    private static String refusal(CliRun r) {
        assertEquals(2, r.exit(), r.err());
        assertEquals(1, r.errorLines().size(), r.err());
        return r.errorLines().get(0);
    }

    @Test
    void eachLimitCanBeChangedByFlag() throws Exception {
        Path p = pkg();
        assertTrue(refusal(CliRun.of("unpack", p, "--out", tmp.resolve("a"), "-q", "--max-ratio", "5000",
                "--max-entries", "3")).endsWith("[too-many-entries]"));
        assertTrue(refusal(CliRun.of("unpack", p, "--out", tmp.resolve("b"), "-q", "--max-ratio", "5000",
                "--max-entry-bytes", "1K")).contains("update.zip!/data/blob.bin: entry expands to more than 1024 bytes"
                + " [entry-too-large]"));
        assertTrue(refusal(CliRun.of("unpack", p, "--out", tmp.resolve("c"), "-q", "--max-ratio", "5000",
                "--max-total-bytes", "2K")).endsWith("[total-size-exceeded]"));
        assertTrue(refusal(CliRun.of("unpack", p, "--out", tmp.resolve("d"), "-q"))
                .endsWith("[compression-ratio]"), "2 MiB of zeros exceeds the default ratio");
        for (String dir : List.of("a", "b", "c", "d")) {
            assertFalse(Files.exists(tmp.resolve(dir)), "a refused run leaves nothing: " + dir);
        }
        CliRun depth0 = CliRun.of("unpack", p, "--out", tmp.resolve("e"), "-q", "--max-ratio", "5000", "--max-depth", "0");
        assertEquals(0, depth0.exit(), depth0.err());
        assertFalse(depth0.out().contains("agent-1.4.0.jar!/"), "--max-depth 0 opens no nested archive");
    }

    @Test
    void impossibleLimitsAndAnSbomInsideOutAreUsageErrors() throws Exception {
        Path p = pkg();
        CliRun badSize = CliRun.of("unpack", p, "--out", tmp.resolve("a"), "--max-total-bytes", "12Q");
        assertEquals(2, badSize.exit());
        assertTrue(badSize.err().contains("'12Q' is not a size"), badSize.err());
        CliRun zero = CliRun.of("unpack", p, "--out", tmp.resolve("b"), "--max-entries", "0");
        assertEquals(2, zero.exit());
        assertTrue(zero.err().startsWith("clearbox: invalid unpack limit: size and entry limits must be positive"), zero.err());
        CliRun inside = CliRun.of("unpack", p, "--out", tmp.resolve("c"), "--sbom", tmp.resolve("c/bom.json"));
        assertEquals(2, inside.exit());
        assertTrue(inside.err().contains("is inside --out"), inside.err());
        assertFalse(Files.exists(tmp.resolve("c")));
    }

    @Test
    void unpackAndAuditHelpListEveryLimitFlag() {
        for (String command : List.of("unpack", "audit")) {
            String help = CliRun.of(command, "--help").out();
            for (String flag : List.of("--max-total-bytes", "--max-entry-bytes", "--max-entries", "--max-ratio", "--max-depth")) {
                assertTrue(help.contains(flag), command + " --help lists " + flag);
            }
        }
    }
}
