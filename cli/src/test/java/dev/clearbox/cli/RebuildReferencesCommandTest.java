package dev.clearbox.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code clearbox rebuild --fetch-references} (the released files from the Maven client, here a fake {@code mvn} serving a
 * local directory laid out as a Maven repository) and {@code --seed-repository} (the session's own Maven repository).
 */
class RebuildReferencesCommandTest {
    @TempDir
    Path tmp;

    private static final String BUILD = """
            mkdir -p target
            printf 'main' > target/a-1.0.jar
            printf 'tests rebuilt' > target/a-1.0-tests.jar
            printf 'sources' > target/a-1.0-sources.jar
            printf 'outputs.0.coordinates=org.example:a\\noutputs.0.0.filename=a-1.0.pom\\noutputs.0.1.filename=a-1.0.jar\\noutputs.0.2.filename=a-1.0-tests.jar\\noutputs.0.3.filename=a-1.0-sources.jar\\n' > target/a-1.0.buildinfo
            """;

    private Path repo() throws Exception {
        Path repo = Files.createDirectories(tmp.resolve("repo"));
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            Files.writeString(repo.resolve("build.sh"), BUILD);
            Files.writeString(repo.resolve(".gitignore"), "target/\n");
            git.add().addFilepattern(".").call();
            var c = git.commit().setMessage("1.0").setAuthor("a", "a@example.org").setCommitter("a", "a@example.org").call();
            git.tag().setName("1.0").setObjectId(c).setAnnotated(false).call();
        }
        return repo;
    }

    private Path buildspec() throws Exception {
        return Files.writeString(tmp.resolve("a-1.0.buildspec"), """
                groupId=org.example
                artifactId=a
                version=1.0
                gitRepo=https://git.example.org/a.git
                gitTag=1.0
                tool=mvn
                jdk=%d
                command="sh build.sh"
                buildinfo=target/a-1.0.buildinfo
                """.formatted(Runtime.version().feature()));
    }

    /** A fake Maven client: {@code dependency:copy} from {@code released} (GROUP/AS/PATH/ARTIFACT/VERSION/FILE). */
    private Path fakeMaven(Path released) throws Exception {
        Path mvn = tmp.resolve("fake-mvn");
        Files.writeString(mvn, """
                #!/bin/sh
                art=""; out=""
                for a in "$@"; do
                  case "$a" in -Dartifact=*) art="${a#-Dartifact=}";; -DoutputDirectory=*) out="${a#-DoutputDirectory=}";; esac
                done
                echo "$art" >> '%2$s'
                g=$(echo "$art" | cut -d: -f1); a=$(echo "$art" | cut -d: -f2); v=$(echo "$art" | cut -d: -f3)
                e=$(echo "$art" | cut -s -d: -f4); c=$(echo "$art" | cut -s -d: -f5)
                f="$a-$v${c:+-$c}.${e:-jar}"
                src="%1$s/$(echo "$g" | tr . /)/$a/$v/$f"
                if [ -f "$src" ]; then cp "$src" "$out/$f"; exit 0; fi
                echo "[ERROR] Could not find artifact $art"
                exit 1
                """.formatted(released, tmp.resolve("asked.txt")));
        Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));
        return mvn;
    }

    private Path released(String file, String content) throws Exception {
        Path f = tmp.resolve("released/org/example/a/1.0").resolve(file);
        Files.createDirectories(f.getParent());
        return Files.writeString(f, content);
    }

    @Test
    void theReleasedFilesAreFetchedAndComparedAndOneNotFetchedIsNotVerified() throws Exception {
        Path repo = repo();
        released("a-1.0.jar", "main");
        released("a-1.0-tests.jar", "tests released");
        Path out = tmp.resolve("out");
        CliRun r = CliRun.of("rebuild", "--buildspec", buildspec(), "--repo", repo, "--fetch-references",
                "--maven-client", fakeMaven(tmp.resolve("released")), "--out", out, "-q");
        assertEquals(1, r.exit(), r.out() + r.err());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("verdict    REPRODUCIBLE  a-1.0.jar: bit-identical")), r.out());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("verdict    NOT_REPRODUCIBLE  a-1.0-tests.jar")), r.out());
        assertTrue(lines.contains("verdict    NOT_VERIFIED  a-1.0-sources.jar: reference missing: the released file could not be "
                + "fetched as org.example:a:1.0:jar:sources with the Maven client (" + tmp.resolve("fake-mvn") + " "
                + "org.apache.maven.plugins:maven-dependency-plugin:3.11.0:copy): org.example:a:1.0:jar:sources could not be fetched "
                + "(the Maven client exited with 1; see " + out.resolve("references/fetch-a-1.0-sources.jar.log")
                + "), so the rebuilt output was not compared"), r.out());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("fetched    a-1.0.jar: org.example:a:1.0 (sha256 ")), r.out());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("fetched    a-1.0-sources.jar: NOT FETCHED: ")), r.out());
        assertEquals(List.of("org.example:a:1.0", "org.example:a:1.0:jar:tests", "org.example:a:1.0:jar:sources"),
                Files.readAllLines(tmp.resolve("asked.txt")), "the main jar, then each output the .buildinfo lists; no pom");
        JsonNode verdicts = new ObjectMapper().readTree(out.resolve("verdicts.json").toFile());
        assertEquals(3, verdicts.size());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("reference  a-1.0.jar: ")),
                "the main jar, fetched before the build, was read for reference inference: " + r.out());
    }

    @Test
    void whenNothingCanBeFetchedEveryArtifactIsNotVerifiedAndTheJsonSaysWhy() throws Exception {
        Path repo = repo();
        Path out = tmp.resolve("out");
        CliRun r = CliRun.of("rebuild", "--buildspec", buildspec(), "--repo", repo, "--fetch-references", "--runs", "1",
                "--maven-client", fakeMaven(tmp.resolve("released")), "--out", out, "--format", "json", "-q");
        assertEquals(0, r.exit(), r.out() + r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        JsonNode verdicts = json.get("verdicts");
        assertEquals(3, verdicts.size(), r.out());
        for (JsonNode v : verdicts) {
            assertEquals("NOT_VERIFIED", v.get("verdict").asText(), v.toString());
            assertTrue(v.get("reason").asText().startsWith("reference missing: the released file could not be fetched as org.example:a:1.0"),
                    v.toString());
        }
        assertEquals("target/a-1.0.jar", verdicts.get(0).get("rebuilt").asText(), "the main jar was still rebuilt and collected");
        JsonNode fetched = json.get("fetchedReferences");
        assertEquals(3, fetched.size());
        assertEquals("org.example:a:1.0", fetched.get(0).get("coordinates").asText());
        assertFalse(fetched.get(0).get("problem").asText().isEmpty());
    }

    @Test
    void fetchingNeedsARecipeWithCoordinatesAndBadPathsAreOneLine() throws Exception {
        Path src = Files.createDirectories(tmp.resolve("src"));
        CliRun noRecipe = CliRun.of("rebuild", src, "--fetch-references", "--out", tmp.resolve("o"), "--", "sh", "build.sh");
        assertEquals(2, noRecipe.exit());
        assertEquals(List.of("clearbox: rebuild: --fetch-references: --fetch-references needs a .buildspec naming groupId, artifactId and version"),
                noRecipe.errorLines());
        CliRun noSeed = CliRun.of("rebuild", src, "--seed-repository", tmp.resolve("nowhere"), "--out", tmp.resolve("o"), "--", "sh", "build.sh");
        assertEquals(2, noSeed.exit());
        assertEquals(List.of("clearbox: rebuild: " + tmp.resolve("nowhere") + ": the seed repository is not a directory (--seed-repository)"),
                noSeed.errorLines());
        CliRun noClient = CliRun.of("rebuild", src, "--maven-client", tmp.resolve("no-mvn"), "--out", tmp.resolve("o"), "--", "sh", "build.sh");
        assertEquals(2, noClient.exit());
        assertEquals(List.of("clearbox: rebuild: " + tmp.resolve("no-mvn") + ": not an executable file (--maven-client)"),
                noClient.errorLines());
        assertFalse(Files.exists(tmp.resolve("o")), "nothing was built");
    }

    @Test
    void theSeedIsCopiedIntoTheSessionRepositoryAndTheRecordSaysSo() throws Exception {
        Path repo = repo();
        Path seed = Files.createDirectories(tmp.resolve("room/m2/org/example/dep/2.0"));
        Files.writeString(seed.resolve("dep-2.0.jar"), "dependency");
        Path out = tmp.resolve("out");
        CliRun r = CliRun.of("rebuild", "--buildspec", buildspec(), "--repo", repo, "--seed-repository", tmp.resolve("room/m2"),
                "--runs", "1", "--out", out, "-q");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("note       DEPENDENCIES: the build's Maven repository (maven.repo.local) is the session's own, "
                + "out/repository, seeded from " + tmp.resolve("room/m2") + " (1 files, 10 bytes copied;"), r.out());
        assertEquals("dependency", Files.readString(out.resolve("repository/org/example/dep/2.0/dep-2.0.jar")));
        JsonNode rebuild = new ObjectMapper().readTree(out.resolve("rebuild.json").toFile());
        assertTrue(rebuild.get("notes").findValuesAsText("kind").contains("DEPENDENCIES"), rebuild.toString());
    }
}
