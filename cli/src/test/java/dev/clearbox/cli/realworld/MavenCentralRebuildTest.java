package dev.clearbox.cli.realworld;

import dev.clearbox.core.ProgressListener;
import dev.clearbox.core.Sha256;
import dev.clearbox.core.Stage;
import dev.clearbox.core.Verdict;
import dev.clearbox.core.compare.ArtifactComparator;
import dev.clearbox.core.compare.ArtifactComparison;
import dev.clearbox.core.rebuild.BuildSpec;
import dev.clearbox.core.rebuild.Isolation;
import dev.clearbox.core.rebuild.JdkLocator;
import dev.clearbox.core.rebuild.NetworkPolicy;
import dev.clearbox.core.rebuild.RebuildRequest;
import dev.clearbox.core.rebuild.RebuildResult;
import dev.clearbox.core.rebuild.Rebuilder;
import dev.clearbox.core.rebuild.ReferenceFacts;
import dev.clearbox.core.rebuild.ReproducibleCentralSpec;
import dev.clearbox.core.session.SessionManifest;
import dev.clearbox.core.workspace.Workspace;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A real released project rebuilt from the sources it published on Maven Central and compared with the jar
 * it published there: Apache Maven Shared Utils 3.4.2 (built by its release manager with JDK 17 on Unix;
 * Reproducible Central lists it as fully reproducible). The source is the project's
 * {@code -source-release.zip} on Central, so nothing but Central needs to be reachable. Both files are
 * fetched with the Maven client (this checkout's wrapper running {@code dependency:copy}), which checks them
 * against the repository's checksums; the jar is also checked against the sha256 this test was written with.
 *
 * <p>Slow (downloads, one fetch run and two offline build runs): runs only with {@code -Preal-world}.
 * See docs/rebuild.md.
 */
@Tag("real-world")
class MavenCentralRebuildTest {
    private static final String COORDS = "org.apache.maven.shared:maven-shared-utils:3.4.2";
    private static final String JAR = "maven-shared-utils-3.4.2.jar";
    private static final String SOURCES = "maven-shared-utils-3.4.2-source-release.zip";
    /** The sha256 of the released jar, as downloaded from Central on 2026-11-23. */
    private static final String JAR_SHA256 = "b613357e1bad4dfc1dead801691c9460f9585fe7c6b466bc25186212d7d18487";

    // Written for this test in the Reproducible Central .buildspec format, from the release's own build instructions.
    private static final String BUILDSPEC = """
            groupId=org.apache.maven.shared
            artifactId=maven-shared-utils
            version=3.4.2

            gitRepo=https://github.com/apache/${artifactId}.git
            gitTag=${artifactId}-${version}

            tool=mvn
            jdk=17
            newline=lf
            umask=022

            command="mvn -B -Papache-release clean package -DskipTests -Dmaven.javadoc.skip -Dgpg.skip"
            buildinfo=target/${artifactId}-${version}.buildinfo
            """;

    @Test
    void rebuildsTheReleasedJarBitForBit() throws Exception {
        Path work = Path.of("target", "real-world").toAbsolutePath();
        Path downloads = work.resolve("downloads");
        Files.createDirectories(downloads);
        Path jar = download(downloads, COORDS, JAR);
        Path zip = download(downloads, COORDS + ":zip:source-release", SOURCES);
        assertEquals(JAR_SHA256, Sha256.hex(jar), "the released jar is the one this test was written against");
        assumeTrue(new JdkLocator(List.of(Path.of("/usr/lib/jvm")), System.getenv()).find(17).isPresent()
                || JdkLocator.system().find(17).isPresent(), "JDK 17 is needed");

        Path source = work.resolve("source");
        deleteTree(source);
        unzip(zip, source);
        Path tree = source.resolve("maven-shared-utils-3.4.2");
        Path specFile = Files.writeString(work.resolve("maven-shared-utils-3.4.2.buildspec"), BUILDSPEC);

        BuildSpec spec = ReproducibleCentralSpec.read(specFile).toBuildSpec(Duration.ofMinutes(20),
                        List.of(new SessionManifest.Artifact("target/" + JAR, JAR)))
                .withNetwork(NetworkPolicy.FETCH_FIRST, List.of());
        Path rebuildDir = work.resolve("rebuild");
        deleteTree(rebuildDir);
        // The session repository is seeded from this machine's ~/.m2/repository, so the fetch run downloads only what it lacks.
        Path m2 = Path.of(System.getProperty("user.home"), ".m2", "repository");
        RebuildResult r = new Rebuilder(JdkLocator.system()).rebuild(
                new RebuildRequest(tree, spec, 0, rebuildDir, List.of(jar)).withSeedRepository(Files.isDirectory(m2) ? m2 : null),
                ProgressListener.NONE);
        Files.writeString(work.resolve("result.txt"), r.toString());

        ReferenceFacts ref = r.references().get(0);
        assertEquals(17, ref.jdkFeature(), ref.evidence().toString());
        assertEquals(ReferenceFacts.Tristate.NO, ref.builtOnWindows());
        assertEquals(RebuildResult.Status.SUCCEEDED, r.status(), r.reason());
        assertEquals(17, r.jdk().feature());
        assertEquals(3, r.runs().size(), "one fetch run and two build runs");
        assertTrue(r.command().contains("--offline"), r.command().toString());
        assertTrue(r.command().contains("-Dmaven.repo.local=../repository"), r.command().toString());
        if (r.isolation().level().compareTo(Isolation.Level.USER_NAMESPACE) >= 0) {
            assertTrue(r.isolation().detail().contains("no network"), r.isolation().detail());
        }

        ArtifactComparison c = new ArtifactComparator().compare(JAR, jar, r.artifacts().get(0).path(), r.artifacts().get(0).file());
        assertEquals(Verdict.REPRODUCIBLE, c.verdict(), c.differences().toString());
        assertTrue(c.bitIdentical());
    }

    /**
     * Fetches {@code coords} (group:artifact:version[:packaging[:classifier]]) from Maven Central with the Maven
     * client: this checkout's wrapper runs {@code dependency:copy} (the plugin version the parent pom pins) on the
     * parent pom alone, with strict checksums, into a private directory, and the file {@code name} is moved from
     * there into {@code dir}. A file already in {@code dir} is reused. Skips the test when Maven cannot fetch it,
     * as the download did before when Central answered anything but 200.
     */
    private static Path download(Path dir, String coords, String name) throws Exception {
        Path file = dir.resolve(name);
        if (Files.isRegularFile(file) && Files.size(file) > 0) {
            return file;
        }
        Path root = projectRoot();
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        Path mvnw = root.resolve(windows ? "mvnw.cmd" : "mvnw");
        Path tmp = dir.resolve(name + ".part");
        deleteTree(tmp);
        Path log = dir.resolve(name + ".fetch.log");
        Process p = new ProcessBuilder(mvnw.toString(), "-B", "-q", "-N", "-C", "dependency:copy",
                "-Dartifact=" + coords, "-DoutputDirectory=" + tmp)
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        p.getOutputStream().close();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly); // the wrapper's JVM, not only the script
            p.destroyForcibly().waitFor();
            deleteTree(tmp);
            throw new AssertionError("Maven did not fetch " + coords + " within 10 minutes; its output: " + log);
        }
        Path fetched = tmp.resolve(name);
        boolean ok = p.exitValue() == 0 && Files.isRegularFile(fetched);
        if (!ok) {
            String output = Files.readString(log);
            deleteTree(tmp);
            Files.delete(log);
            assumeTrue(false, "Maven could not fetch " + coords + " (exit " + p.exitValue() + "): " + output);
        }
        Files.move(fetched, file, StandardCopyOption.REPLACE_EXISTING);
        deleteTree(tmp);
        Files.delete(log);
        return file;
    }

    /** The checkout's root: the nearest directory at or above the working directory (the module's) with mvnw. */
    private static Path projectRoot() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("mvnw")) && Files.isRegularFile(d.resolve("pom.xml"))) {
                return d;
            }
        }
        throw new AssertionError("no mvnw at or above " + Path.of("").toAbsolutePath());
    }

    private static void unzip(Path zip, Path dest) throws Exception {
        Files.createDirectories(dest);
        try (ZipFile z = ZipFile.builder().setPath(zip).get()) {
            for (ZipArchiveEntry e : Collections.list(z.getEntries())) {
                Path out = Workspace.resolveInside(dest, e.getName(), Stage.UNPACK, zip + "!/" + e.getName());
                if (e.isDirectory()) {
                    Files.createDirectories(out);
                    continue;
                }
                Files.createDirectories(out.getParent());
                try (InputStream in = z.getInputStream(e)) {
                    Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteTree(Path dir) throws Exception {
        dev.clearbox.core.workspace.Workspace.deleteTree(dir, false);
    }
}
