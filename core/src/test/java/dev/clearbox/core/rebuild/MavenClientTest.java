package dev.clearbox.core.rebuild;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Maven client's command line and its failures, with a fake {@code mvn}: a script that records its arguments and
 * environment and acts as {@code dependency:copy} from a directory laid out as a Maven repository (no network).
 */
class MavenClientTest {
    @TempDir
    Path tmp;

    /**
     * A fake {@code mvn} serving {@code repo} (GROUP/AS/PATH/ARTIFACT/VERSION/ARTIFACT-VERSION[-CLASSIFIER].EXT), recording
     * each call's arguments, one a line, then {@code MAVEN_SKIP_RC} and whether stdin is empty, into {@code record}.
     */
    static Path fakeMaven(Path dir, Path repo, Path record) throws IOException {
        Path mvn = dir.resolve("fake-mvn");
        Files.writeString(mvn, """
                #!/bin/sh
                for a in "$@"; do echo "$a"; done > '%2$s'
                echo "MAVEN_SKIP_RC=$MAVEN_SKIP_RC" >> '%2$s'
                echo "stdin=$(cat | wc -c)" >> '%2$s'
                art=""; out=""
                for a in "$@"; do
                  case "$a" in -Dartifact=*) art="${a#-Dartifact=}";; -DoutputDirectory=*) out="${a#-DoutputDirectory=}";; esac
                done
                g=$(echo "$art" | cut -d: -f1); a=$(echo "$art" | cut -d: -f2); v=$(echo "$art" | cut -d: -f3)
                e=$(echo "$art" | cut -s -d: -f4); c=$(echo "$art" | cut -s -d: -f5)
                f="$a-$v${c:+-$c}.${e:-jar}"
                src="%1$s/$(echo "$g" | tr . /)/$a/$v/$f"
                if [ -f "$src" ]; then cp "$src" "$out/$f"; echo "[INFO] Copying $f"; exit 0; fi
                echo "[ERROR] Could not find artifact $art"
                exit 1
                """.formatted(repo, record));
        Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));
        return mvn;
    }

    private Path released(String relative, String content) throws IOException {
        Path f = tmp.resolve("repo").resolve(relative);
        Files.createDirectories(f.getParent());
        return Files.writeString(f, content);
    }

    @Test
    void anArtifactIsCopiedWithStrictChecksumsAndNoUserConfiguration() throws Exception {
        released("org/example/a/1.0/a-1.0-tests.jar", "tests jar");
        Path record = tmp.resolve("args.txt");
        MavenClient client = new MavenClient(fakeMaven(tmp, tmp.resolve("repo"), record));
        Path out = Files.createDirectories(tmp.resolve("out"));
        Path got = client.fetch("org.example:a:1.0:jar:tests", out);
        assertEquals(out.resolve("a-1.0-tests.jar"), got);
        assertEquals("tests jar", Files.readString(got));
        assertEquals(List.of("-B", "-q", "-N", "-C", "org.apache.maven.plugins:maven-dependency-plugin:3.11.0:copy",
                "-Dartifact=org.example:a:1.0:jar:tests", "-DoutputDirectory=" + out.toAbsolutePath(),
                "-Dmdep.overWriteReleases=true", "MAVEN_SKIP_RC=true", "stdin=0"), Files.readAllLines(record));
        assertTrue(Files.readString(out.resolve("fetch-a-1.0-tests.jar.log")).contains("Copying a-1.0-tests.jar"), "the client's log is kept");
        assertTrue(client.describe().contains("maven-dependency-plugin:3.11.0:copy"), client.describe());
    }

    @Test
    void aChecksumFileIsFetchedWithoutChecksumChecking() throws Exception {
        released("org/apache/maven/apache-maven/3.9.1/apache-maven-3.9.1-bin.tar.gz.sha512", "abc");
        Path record = tmp.resolve("args.txt");
        MavenClient client = new MavenClient(fakeMaven(tmp, tmp.resolve("repo"), record));
        Path got = client.fetch("org.apache.maven:apache-maven:3.9.1:tar.gz.sha512:bin", Files.createDirectories(tmp.resolve("out")));
        assertEquals("apache-maven-3.9.1-bin.tar.gz.sha512", got.getFileName().toString());
        List<String> args = Files.readAllLines(record);
        assertEquals(List.of("-B", "-q", "-N", "org.apache.maven.plugins:maven-dependency-plugin:3.11.0:copy"), args.subList(0, 4),
                "a checksum file has no checksum of its own: no -C");
    }

    @Test
    void aFailureNamesTheCoordinatesTheExitCodeAndTheLog() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("out"));
        MavenClient client = new MavenClient(fakeMaven(tmp, tmp.resolve("repo"), tmp.resolve("args.txt")));
        IOException e = assertThrows(IOException.class, () -> client.fetch("org.example:a:2.0", out));
        assertEquals("org.example:a:2.0 could not be fetched (the Maven client exited with 1; see " + out.resolve("fetch-a-2.0.jar.log")
                + ")", e.getMessage());
        assertTrue(Files.readString(out.resolve("fetch-a-2.0.jar.log")).contains("Could not find artifact org.example:a:2.0"));
    }

    @Test
    void aClientThatSucceedsWithoutTheFileHasFailed() throws Exception {
        Path mvn = Files.writeString(tmp.resolve("mvn"), "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path out = Files.createDirectories(tmp.resolve("out"));
        IOException e = assertThrows(IOException.class, () -> new MavenClient(mvn).fetch("org.example:a:1.0", out));
        assertTrue(e.getMessage().startsWith("org.example:a:1.0 could not be fetched (the Maven client exited with 0;"), e.getMessage());
    }
}
