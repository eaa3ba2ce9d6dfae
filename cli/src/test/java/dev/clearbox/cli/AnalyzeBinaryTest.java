package dev.clearbox.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code clearbox analyze} on a jar and on a class directory, standalone and against a source tree. The jar
 * holds a product class (so it counts as built from the source) and the sample's beacon, which has no source.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnalyzeBinaryTest {
    @TempDir
    static Path tmp;
    Path classes;
    Path jar;
    Path source;

    @BeforeAll
    void build() throws Exception {
        Path beacon = dev.clearbox.samples.AcmeUpdaterSample.locateSampleDir().resolve("tamper/com/acme/agent/net/HealthBeacon.java");
        classes = Files.createDirectories(tmp.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        Path labels = dev.clearbox.samples.AcmeUpdaterSample.productDir(dev.clearbox.samples.AcmeUpdaterSample.locateSampleDir())
                .resolve("src/main/java/com/acme/agent/net/ProbeLabels.java");
        assertEquals(0, javac.run(null, null, null, "-g", "-d", classes.toString(), beacon.toString(), labels.toString()));
        jar = tmp.resolve("agent.jar");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new ZipEntry("com/acme/agent/net/HealthBeacon.class"));
            out.write(Files.readAllBytes(classes.resolve("com/acme/agent/net/HealthBeacon.class")));
            out.closeEntry();
            out.putNextEntry(new ZipEntry("com/acme/agent/net/ProbeLabels.class"));
            out.write(Files.readAllBytes(classes.resolve("com/acme/agent/net/ProbeLabels.class")));
            out.closeEntry();
        }
        source = dev.clearbox.samples.AcmeUpdaterSample.productDir(dev.clearbox.samples.AcmeUpdaterSample.locateSampleDir());
    }

    @Test
    void aJarIsAnalyzedAsBytecodeAndComparedWithTheSource() {
        CliRun r = CliRun.of("analyze", jar, "--source", source, "-q");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("agent.jar!/com/acme/agent/net/HealthBeacon.class:27  HIGH  CBX-BIN-NETWORK  java.net.Socket#<init>  203.0.113.7"), r.out());
        assertTrue(r.out().contains("CRITICAL  CBX-BIN-ONLY"), r.out());
        assertTrue(r.out().contains("com.acme.agent.net.HealthBeacon, which is not in the source"), r.out());
    }

    @Test
    void aClassDirectoryIsAnalyzedWithoutFindSecBugs() {
        CliRun r = CliRun.of("analyze", classes, "--no-findsecbugs", "-q");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("com/acme/agent/net/HealthBeacon.class:27  HIGH  CBX-BIN-NETWORK"), r.out());
        assertTrue(!r.out().contains("FSB-"), r.out());
    }

    @Test
    void aMissingInputIsOneErrorLine() {
        Path missing = tmp.resolve("nothing.jar");
        CliRun r = CliRun.of("analyze", missing);
        assertEquals(2, r.exit());
        assertEquals(List.of("clearbox: analyze: " + missing + ": no such file or directory"), r.errorLines());
    }
}
