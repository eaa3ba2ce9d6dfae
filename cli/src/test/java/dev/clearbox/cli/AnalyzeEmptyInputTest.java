package dev.clearbox.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A directory with nothing analysable (or only symbolic links to source folders) is refused in one line. */
class AnalyzeEmptyInputTest {
    @Test
    void directoryOfSymlinksToSourcesIsRefused(@TempDir Path tmp) throws Exception {
        Path src = Files.createDirectories(tmp.resolve("real/src"));
        Files.writeString(src.resolve("A.java"), "class A {}\n");
        Path input = Files.createDirectories(tmp.resolve("input"));
        Files.createSymbolicLink(input.resolve("src"), src);
        CliRun run = CliRun.of("analyze", input, "--format", "json");
        assertEquals(ExitCode.ERROR.code(), run.exit(), run.err());
        assertEquals(1, run.errorLines().size(), run.err());
        assertTrue(run.errorLines().get(0).contains("no Java sources or classes found"), run.err());
        assertEquals("", run.out());
    }

    @Test
    void emptyDirectoryIsRefused(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("README.txt"), "nothing here\n");
        CliRun run = CliRun.of("analyze", tmp);
        assertEquals(ExitCode.ERROR.code(), run.exit(), run.err());
        assertTrue(run.errorLines().get(0).contains("no Java sources or classes found"), run.err());
    }

    @Test
    void directoryWithSourcesIsStillAnalysed(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("A.java"), "class A {}\n");
        CliRun run = CliRun.of("analyze", tmp);
        assertEquals(ExitCode.OK.code(), run.exit(), run.err());
        assertTrue(run.out().contains("1 files"), run.out());
    }
}
