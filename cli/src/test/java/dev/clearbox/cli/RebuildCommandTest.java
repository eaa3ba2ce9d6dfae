package dev.clearbox.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RebuildCommandTest {
    @TempDir
    Path tmp;

    private Path tree(String script) throws Exception {
        Path src = tmp.resolve("src");
        Files.createDirectories(src);
        Files.writeString(src.resolve("build.sh"), script);
        return src;
    }

    @Test
    void buildspecRecipeRunsTwiceAndReportsTheEnvironment() throws Exception {
        Path src = tree("mkdir -p out && printf 'same' > out/a.txt\n");
        Path spec = Files.writeString(tmp.resolve("a.buildspec"), """
                groupId=org.example
                artifactId=a
                version=1.0
                tool=mvn
                jdk=%d
                newline=lf
                command="sh build.sh"
                """.formatted(Runtime.version().feature()));
        CliRun r = CliRun.of("rebuild", src, "--buildspec", spec, "--artifact", "out/a.txt", "--out", tmp.resolve("out"), "-q");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("status     SUCCEEDED"), r.out());
        assertTrue(r.out().contains("run        build-1") && r.out().contains("run        build-2"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("isolation  ")), r.out());
        assertTrue(r.out().contains("tool       MAVEN"), r.out());
        assertTrue(r.out().contains("umask 0002"), "a .buildspec without umask gets Reproducible Central's default");
    }

    @Test
    void aNonDeterministicBuildAnswersNo() throws Exception {
        Path src = tree("mkdir -p out && date +%s%N > out/a.txt\n");
        CliRun r = CliRun.of("rebuild", src, "--jdk", Runtime.version().feature(), "--artifact", "out/a.txt",
                "--out", tmp.resolve("out"), "-q", "--", "sh", "build.sh");
        assertEquals(1, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("status     NON_DETERMINISTIC"), r.out());
        assertTrue(r.out().contains("unstable   out/a.txt (run 1 vs run 2)"), r.out());
    }

    @Test
    void hostileBuildspecIsOneLineNamingFileAndLine() throws Exception {
        Path src = tree("true\n");
        Path spec = Files.writeString(tmp.resolve("evil.buildspec"), "tool=mvn\ncommand=\"$(touch " + tmp.resolve("pwned") + ")\"\n");
        CliRun r = CliRun.of("rebuild", src, "--buildspec", spec, "--out", tmp.resolve("out"));
        assertEquals(2, r.exit());
        assertEquals(List.of("clearbox: rebuild: " + spec + ":2: command substitution is not allowed"), r.errorLines());
        assertFalse(Files.exists(tmp.resolve("pwned")));
        assertFalse(Files.exists(tmp.resolve("out")), "nothing was built");
    }

    @Test
    void badOptionsAreOneLine() throws Exception {
        Path src = tree("true\n");
        CliRun r = CliRun.of("rebuild", src, "--newline", "cr", "--out", tmp.resolve("out"), "--", "sh", "build.sh");
        assertEquals(2, r.exit());
        assertEquals(List.of("clearbox: rebuild: options: --newline must be lf or crlf, got 'cr'"), r.errorLines());
        CliRun none = CliRun.of("rebuild", src, "--out", tmp.resolve("out"));
        assertEquals(2, none.exit());
        assertTrue(none.errorLines().get(0).contains("give the build command after --, or --buildspec FILE"), none.err());
    }
}
