package dev.clearbox.core.rebuild;

import dev.clearbox.core.InvalidInputException;
import dev.clearbox.core.ProgressListener;
import dev.clearbox.core.Verdict;
import dev.clearbox.core.compare.ArtifactComparison;
import dev.clearbox.core.compare.CompareOptions;
import dev.clearbox.core.session.SessionManifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Released files of a recipe's coordinates fetched as references: one that cannot be fetched is NOT_VERIFIED, never an error. */
class ReleasedReferencesTest {
    @TempDir
    Path tmp;

    /** A fetcher serving fixed bytes by coordinates, as the Maven client names the files (no network). */
    private static MavenDistributionsTest.Served served(String... coordinatesAndContent) {
        MavenDistributionsTest.Served s = new MavenDistributionsTest.Served();
        for (int i = 0; i < coordinatesAndContent.length; i += 2) {
            s.files.put(coordinatesAndContent[i], coordinatesAndContent[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return s;
    }

    @Test
    void coordinatesFollowFromTheFileName() {
        assertEquals(Optional.of("org.example:a:1.0:jar"), ReleasedReferences.coordinates("org.example", "a", "1.0", "a-1.0.jar"));
        assertEquals(Optional.of("org.example:a:1.0:jar:tests"),
                ReleasedReferences.coordinates("org.example", "a", "1.0", "a-1.0-tests.jar"));
        assertEquals(Optional.of("org.example:a:1.0:tar.gz:bin"),
                ReleasedReferences.coordinates("org.example", "a", "1.0", "a-1.0-bin.tar.gz"));
        assertEquals(Optional.empty(), ReleasedReferences.coordinates("org.example", "a", "1.0", "a-1.0.pom"), "poms come from pom.xml");
        assertEquals(Optional.empty(), ReleasedReferences.coordinates("org.example", "a", "1.0", "b-1.0.jar"));
        assertEquals(Optional.empty(), ReleasedReferences.coordinates("org.example", "a", "1.0", "a-1.0"));
        assertEquals(Optional.empty(), ReleasedReferences.coordinates("org.example", "a", "1.0", "a-1.0-.jar"));
        assertEquals(Optional.empty(), ReleasedReferences.coordinates("org.example", "a", "1.0", "a-1.0-x:y.jar"));
    }

    @Test
    void aCoordinateThatIsNotAMavenNameIsRefused() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new ReleasedReferences(served(), tmp.resolve("refs"), "org.example", "a", "1.0:jar:evil"));
        assertTrue(e.getMessage().contains("version '1.0:jar:evil' is not a Maven coordinate"), e.getMessage());
        assertThrows(InvalidInputException.class, () -> new ReleasedReferences(served(), tmp.resolve("refs"), "", "a", "1.0"));
    }

    @Test
    void theMainJarIsFetchedUnderItsNameAndAFailureIsAReasonNotAnError() throws Exception {
        ReleasedReferences ok = new ReleasedReferences(served("org.example:a:1.0", "released"), tmp.resolve("refs"),
                "org.example", "a", "1.0");
        ReleasedReferences.Reference main = ok.main();
        assertTrue(main.fetched(), main.problem());
        assertEquals(tmp.resolve("refs/a-1.0.jar"), main.file(), "the fetched file carries the released name it is compared under");
        assertEquals("released", Files.readString(main.file()));
        assertEquals(64, main.sha256().length());
        assertTrue(ok.unavailable().isEmpty());

        ReleasedReferences missing = new ReleasedReferences(served(), tmp.resolve("refs2"), "org.example", "a", "1.0");
        ReleasedReferences.Reference none = missing.main();
        assertFalse(none.fetched());
        assertNull(none.file());
        assertEquals("the released file could not be fetched as org.example:a:1.0 with a test fetcher: org.example:a:1.0 not found",
                none.problem());
        assertEquals(List.of("a-1.0.jar"), List.copyOf(missing.unavailable().keySet()));

        ReleasedReferences noClient = new ReleasedReferences(null, tmp.resolve("refs3"), "org.example", "a", "1.0");
        assertTrue(noClient.main().problem().endsWith("no Maven client (mvn) was found on the PATH"));
    }

    @Test
    void eachRebuiltOutputGetsItsReleasedFileOrNotVerifiedWithTheReason() throws Exception {
        Path tree = Files.createDirectories(tmp.resolve("src"));
        Files.writeString(tree.resolve("build.sh"), """
                mkdir -p target
                printf 'main' > target/a-1.0.jar
                printf 'tests rebuilt' > target/a-1.0-tests.jar
                printf 'sources' > target/a-1.0-sources.jar
                printf 'module' > target/m-1.0.jar
                printf 'outputs.0.coordinates=org.example:a\\noutputs.1.coordinates=org.example.mods:m\\noutputs.1.0.filename=m-1.0.jar\\n' > target/a.buildinfo
                """);
        List<SessionManifest.Artifact> outputs = new ArrayList<>();
        for (String n : List.of("a-1.0.jar", "a-1.0-tests.jar", "a-1.0-sources.jar", "m-1.0.jar")) {
            outputs.add(new SessionManifest.Artifact("**/" + n, n));
        }
        BuildSpec spec = BuildSpec.of(BuildTool.COMMAND, List.of("sh", "build.sh"), JdkRequirement.feature(Runtime.version().feature()),
                Duration.ofSeconds(60), outputs).withRuns(1);
        ReleasedReferences released = new ReleasedReferences(served(
                "org.example:a:1.0", "main",
                "org.example:a:1.0:jar:tests", "tests released",
                "org.example.mods:m:1.0:jar", "module"), tmp.resolve("ws/references"), "org.example", "a", "1.0");
        List<Path> refs = new ArrayList<>();
        refs.add(released.main().file());
        RebuildResult r = new Rebuilder(JdkLocator.system()).rebuild(new RebuildRequest(tree, spec, 0, tmp.resolve("ws/rebuild"), refs)
                .withUnsandboxed(true), ProgressListener.NONE);
        assertEquals(RebuildResult.Status.SUCCEEDED, r.status(), r.reason());
        List<ReleasedReferences.Reference> after = released.forOutputs(r, List.of("a-1.0.jar"), tmp.resolve("ws/rebuild/tree"),
                "target/a.buildinfo");
        assertEquals(List.of("a-1.0-tests.jar", "a-1.0-sources.jar", "m-1.0.jar"),
                after.stream().map(ReleasedReferences.Reference::name).toList());
        assertEquals("org.example.mods:m:1.0:jar", after.get(2).coordinates(), "the .buildinfo names the module's coordinates");
        after.stream().filter(ReleasedReferences.Reference::fetched).forEach(x -> refs.add(x.file()));

        List<ArtifactComparison> verdicts = RebuildVerdicts.of(r, refs, released.unavailable(), CompareOptions.defaults());
        assertEquals(List.of("a-1.0.jar REPRODUCIBLE", "a-1.0-tests.jar NOT_REPRODUCIBLE", "m-1.0.jar REPRODUCIBLE",
                        "a-1.0-sources.jar NOT_VERIFIED"),
                verdicts.stream().map(v -> v.shipped() + " " + v.verdict()).toList());
        ArtifactComparison sources = verdicts.get(3);
        assertEquals(Verdict.NOT_VERIFIED, sources.verdict());
        assertEquals("target/a-1.0-sources.jar", sources.rebuilt());
        assertEquals("reference missing: the released file could not be fetched as org.example:a:1.0:jar:sources with a test "
                + "fetcher: org.example:a:1.0:jar:sources not found, so the rebuilt output was not compared", sources.reason());
    }

    @Test
    void aReferenceThatCouldNotBeFetchedNorRebuiltIsStillNotVerified() {
        RebuildResult failed = new RebuildResult(RebuildResult.Status.FAILED, "exit 1", null, List.of("make"), java.util.Map.of(),
                "0022", 1, 0, "", List.of(), BuildTool.COMMAND, "", Newline.LF, NetworkPolicy.OFFLINE, null, List.of(),
                List.of(), List.of(), List.of());
        List<ArtifactComparison> v = RebuildVerdicts.of(failed, List.of(), java.util.Map.of("a-1.0.jar", "not found"),
                CompareOptions.defaults());
        assertEquals(1, v.size());
        assertEquals(Verdict.NOT_VERIFIED, v.get(0).verdict());
        assertEquals("reference missing: not found; the rebuild did not produce it either (rebuild FAILED)", v.get(0).reason());
    }
}
