package dev.clearbox.core.rebuild;

import dev.clearbox.core.InvalidInputException;
import dev.clearbox.core.rebuild.internal.BuildTools;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A Maven distribution asked for by version: fetched as an artifact, verified, unpacked into the cache, reused. */
class MavenDistributionsTest {
    @TempDir
    Path dir;

    /** A fetcher serving fixed files by coordinates, counting its calls (no network). */
    static final class Served implements MavenDistributions.Fetcher {
        final Map<String, byte[]> files = new LinkedHashMap<>();
        final List<String> asked = new ArrayList<>();

        @Override
        public Path fetch(String coordinates, Path directory) throws IOException {
            asked.add(coordinates);
            byte[] b = files.get(coordinates);
            if (b == null) {
                throw new IOException(coordinates + " not found");
            }
            Path f = directory.resolve(coordinates.replace(':', '_'));
            Files.write(f, b);
            return f;
        }

        @Override
        public String describe() {
            return "a test fetcher";
        }
    }

    static byte[] maven(String version, Map<String, byte[]> extra) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
            Map<String, byte[]> files = new LinkedHashMap<>();
            String root = "apache-maven-" + version + "/";
            files.put(root + "bin/mvn", "#!/bin/sh\necho maven\n".getBytes(StandardCharsets.US_ASCII));
            files.put(root + "lib/maven-core-" + version + ".jar", jar());
            files.putAll(extra);
            for (var e : files.entrySet()) {
                TarArchiveEntry t = new TarArchiveEntry(e.getKey());
                t.setSize(e.getValue().length);
                t.setMode(e.getKey().contains("/bin/") ? 0755 : 0644);
                tar.putArchiveEntry(t);
                tar.write(e.getValue());
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static byte[] jar() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(b)) {
            z.putNextEntry(new ZipEntry("META-INF/MANIFEST.MF"));
            z.write("Manifest-Version: 1.0\n".getBytes(StandardCharsets.US_ASCII));
        }
        return b.toByteArray();
    }

    private Served serving(String version, byte[] archive, String sha512) {
        Served s = new Served();
        s.files.put(MavenDistributions.coordinates(version), archive);
        s.files.put("org.apache.maven:apache-maven:" + version + ":tar.gz.sha512:bin",
                (sha512 + "  apache-maven-" + version + "-bin.tar.gz\n").getBytes(StandardCharsets.US_ASCII));
        return s;
    }

    private String sha512(byte[] b) throws IOException {
        Path f = Files.write(dir.resolve("x"), b);
        return MavenDistributions.sha512(f);
    }

    @Test
    void fetchesVerifiesUnpacksAndReusesTheCache() throws IOException {
        byte[] archive = maven("3.9.1", Map.of());
        Served served = serving("3.9.1", archive, sha512(archive));
        MavenDistributions d = new MavenDistributions(dir.resolve("tools"), served);
        MavenDistributions.Provided p = d.provide("3.9.1");
        assertTrue(p.fetched());
        assertEquals(dir.resolve("tools/maven/3.9.1/apache-maven-3.9.1"), p.home());
        assertTrue(Files.isExecutable(p.home().resolve("bin/mvn")), "bin/mvn keeps its exec bit");
        assertEquals(sha512(archive), p.sha512());
        assertFalse(Files.exists(dir.resolve("tools/maven/3.9.1/download")), "the download is removed");
        assertEquals(2, served.asked.size());
        MavenDistributions.Provided again = d.provide("3.9.1");
        assertFalse(again.fetched());
        assertEquals(2, served.asked.size(), "the cached distribution is not fetched again");
        assertEquals(p.sha512(), again.sha512());
    }

    @Test
    void aWrongSha512IsRefusedAndNothingIsInstalled() throws IOException {
        byte[] archive = maven("3.9.1", Map.of());
        MavenDistributions d = new MavenDistributions(dir.resolve("tools"), serving("3.9.1", archive, "ab".repeat(64)));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> d.provide("3.9.1"));
        assertTrue(e.getMessage().contains("org.apache.maven:apache-maven:3.9.1:tar.gz:bin"), e.getMessage());
        assertTrue(e.getMessage().contains("but the repository publishes " + "ab".repeat(64)), e.getMessage());
        assertFalse(Files.exists(d.home("3.9.1")));
    }

    @Test
    void anArchiveEntryLeavingTheCacheIsRefused() throws IOException {
        byte[] archive = maven("3.9.1", Map.of("../../../escaped", "x".getBytes(StandardCharsets.US_ASCII)));
        MavenDistributions d = new MavenDistributions(dir.resolve("tools"), serving("3.9.1", archive, sha512(archive)));
        assertThrows(dev.clearbox.core.ClearboxException.class, () -> d.provide("3.9.1"));
        assertFalse(Files.exists(dir.resolve("escaped")));
        assertFalse(Files.exists(dir.resolve("tools/maven/3.9.1/staging")), "nothing half-unpacked is left");
        assertFalse(Files.exists(dir.resolve("tools/escaped")));
        assertFalse(Files.exists(d.home("3.9.1")));
    }

    @Test
    void aMissingDistributionSaysExactlyHowToProvideIt() {
        MavenDistributions d = new MavenDistributions(dir.resolve("tools"), new Served());
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> d.provide("3.9.1"));
        assertTrue(e.getMessage().contains("not found"), e.getMessage());
        assertTrue(e.getMessage().contains(d.home("3.9.1").toString()), e.getMessage());
        assertTrue(e.getMessage().contains("--tools-dir"), e.getMessage());
        assertThrows(InvalidInputException.class, () -> d.provide("3.9.1; rm -rf /"));
    }

    @Test
    void theBuildToolIsTheProvidedMavenAndItsVersionIsRecorded() throws IOException {
        byte[] archive = maven("3.9.1", Map.of());
        MavenDistributions d = new MavenDistributions(dir.resolve("tools"), serving("3.9.1", archive, sha512(archive)));
        BuildTools tools = new BuildTools(List.of(), List.of(), d);
        BuildTools.Found f = tools.locate(BuildTool.MAVEN, "3.9.1", List.of("mvn", "package"), dir);
        assertEquals("3.9.1", f.version());
        assertEquals("", f.problem());
        assertEquals(d.home("3.9.1").resolve("bin"), f.binDir());
        assertTrue(f.description().startsWith("Apache Maven 3.9.1 (fetched as org.apache.maven:apache-maven:3.9.1:tar.gz:bin"),
                f.description());
    }

    @Test
    void toolMvnWithoutAVersionSaysTheInstalledMavenWasUsed() throws IOException {
        Path home = dir.resolve("opt/apache-maven-3.8.7");
        Files.createDirectories(home.resolve("bin"));
        Files.createDirectories(home.resolve("lib"));
        Files.writeString(home.resolve("bin/mvn"), "#!/bin/sh\n");
        Files.write(home.resolve("lib/maven-core-3.8.7.jar"), jar());
        BuildTools tools = new BuildTools(List.of(dir.resolve("opt")), List.of(), null);
        BuildTools.Found f = tools.locate(BuildTool.MAVEN, "", List.of("mvn", "package"), dir);
        assertEquals("3.8.7", f.version());
        assertTrue(f.problem().contains("names no Maven version") && f.problem().contains("installed Maven 3.8.7"), f.problem());
        assertNotNull(f.binDir());
    }
}
