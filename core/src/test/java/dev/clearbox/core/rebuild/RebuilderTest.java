package dev.clearbox.core.rebuild;

import dev.clearbox.core.ProgressListener;
import dev.clearbox.core.Sha256;
import dev.clearbox.core.session.SessionManifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RebuilderTest {
    @TempDir
    Path tmp;

    private final int feature = Runtime.version().feature();

    private RebuildResult build(String script, Duration timeout, int jdk, String artifact) throws Exception {
        Path tree = tmp.resolve("tree");
        Files.createDirectories(tree);
        Files.writeString(tree.resolve("build.sh"), script);
        RebuildRequest req = new RebuildRequest(tree, List.of("sh", "build.sh"), jdk, timeout, 1709287200L,
                List.of(new SessionManifest.Artifact(artifact, "lib/out.txt")), tmp.resolve("ws/rebuild"));
        return new Rebuilder(JdkLocator.system()).rebuild(req, ProgressListener.NONE);
    }

    @Test
    void runsInNormalisedEnvironmentAndCollectsArtifact() throws Exception {
        RebuildResult r = build("""
                set -eu
                mkdir -p out
                printf '%s|%s|%s|%s|%s\\n' "$SOURCE_DATE_EPOCH" "$TZ" "$LC_ALL" "$(umask)" "${CLEARBOX_LEAK:-unset}" > out/env.txt
                "$JAVA_HOME/bin/java" -version 2>> out/java.txt
                """, Duration.ofSeconds(60), feature, "out/env.txt");
        assertEquals(RebuildResult.Status.SUCCEEDED, r.status(), r.reason());
        assertEquals(1, r.artifacts().size());
        Path out = r.artifacts().get(0).file();
        assertEquals("1709287200|UTC|C.UTF-8|0022|unset", Files.readString(out).strip());
        assertEquals(Sha256.hex(out), r.artifacts().get(0).sha256());
        assertEquals(feature, r.jdk().feature());
        assertEquals("1709287200", r.environment().get("SOURCE_DATE_EPOCH"));
        assertFalse(Files.exists(tmp.resolve("tree/out")), "the build ran in a copy, not in the checked-out tree");
    }

    @Test
    void failedBuildIsAResultWithReasonAndLog() throws Exception {
        RebuildResult r = build("echo compiling; echo 'error: boom' >&2; exit 3\n", Duration.ofSeconds(60), feature, "x");
        assertEquals(RebuildResult.Status.FAILED, r.status());
        assertEquals(3, r.exitCode());
        assertTrue(r.reason().contains("exited with code 3"), r.reason());
        String log = Files.readString(tmp.resolve("ws/rebuild/build.log"));
        assertTrue(log.contains("compiling") && log.contains("error: boom"), log);
        assertTrue(r.artifacts().isEmpty());
    }

    @Test
    void timeoutKillsTheBuild() throws Exception {
        long t0 = System.nanoTime();
        RebuildResult r = build("sleep 30\n", Duration.ofSeconds(1), feature, "x");
        assertEquals(RebuildResult.Status.TIMED_OUT, r.status());
        assertTrue(Duration.ofNanos(System.nanoTime() - t0).toSeconds() < 20);
    }

    @Test
    void missingArtifactAndMissingJdkAreNamed() throws Exception {
        RebuildResult r = build("true\n", Duration.ofSeconds(60), feature, "build/never.jar");
        assertEquals(RebuildResult.Status.ARTIFACT_MISSING, r.status());
        assertTrue(r.reason().contains("build/never.jar"));

        RebuildResult noJdk = build("true\n", Duration.ofSeconds(60), 5, "x");
        assertEquals(RebuildResult.Status.JDK_NOT_FOUND, noJdk.status());
        assertTrue(noJdk.reason().startsWith("JDK 5 not found"), noJdk.reason());
    }

    @Test
    void environmentHoldsOnlyTheNormalisedVariables() {
        Jdk jdk = new Jdk(Path.of("/opt/jdk"), "17.0.15", "Vendor");
        Map<String, String> env = Rebuilder.environment(jdk, 42);
        assertEquals(List.of("HOME", "JAVA_HOME", "LANG", "LC_ALL", "PATH", "SOURCE_DATE_EPOCH", "TZ"),
                List.copyOf(env.keySet()));
        assertTrue(env.get("PATH").startsWith("/opt/jdk/bin:"));
    }

    @Test
    void jdkFeatureVersionParsing() {
        assertEquals(17, new Jdk(Path.of("x"), "17.0.15", "").feature());
        assertEquals(8, new Jdk(Path.of("x"), "1.8.0_402", "").feature());
        assertEquals(25, new Jdk(Path.of("x"), "25", "").feature());
    }
}
