package dev.clearbox.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code clearbox analyze} shows the source analysis's phases, in order, on stderr and never on stdout. */
class AnalyzeProgressTest {
    /** A phase line: the phase begins, with its units where they are known. */
    private static final Pattern PHASE = Pattern.compile("\\[analyze] (parse|call sites|flow|paths)(: 0/(\\d+))?");
    /** A counting line: the phase, done/total, the percentage and perhaps an ETA, then the item. */
    private static final Pattern COUNT = Pattern.compile(
            "\\[analyze] (parse|call sites|flow|paths): (\\d+)/(\\d+) \\((\\d+)%\\)(, ETA \\d+[smh0-9]*)?( .*)?");

    private static Path tree(Path root) throws Exception {
        Path pkg = Files.createDirectories(root.resolve("src/p"));
        Files.writeString(pkg.resolve("Leak.java"), """
                package p;
                class Leak {
                    void run() throws Exception {
                        Send.dns(System.getenv("TOKEN"));
                    }
                }
                """);
        Files.writeString(pkg.resolve("Send.java"), """
                package p;
                import java.net.InetAddress;
                final class Send {
                    static void dns(String name) throws Exception {
                        InetAddress.getByName(name);
                    }
                }
                """);
        Files.writeString(pkg.resolve("Quiet.java"), "package p;\nclass Quiet { int x() { return 1; } }\n");
        return root.resolve("src");
    }

    @Test
    void thePhasesComeInOrderWithTheirUnits(@TempDir Path tmp) throws Exception {
        CliRun run = CliRun.of("analyze", tree(tmp));
        assertEquals(ExitCode.OK.code(), run.exit(), run.err());
        List<String> lines = run.err().lines().toList();
        List<String> phases = lines.stream().map(PHASE::matcher).filter(Matcher::matches).map(m -> m.group(1)).toList();
        assertEquals(List.of("parse", "call sites", "flow", "paths"), phases, run.err());
        assertTrue(lines.contains("[analyze] parse: 0/3"), "parse counts the files: " + run.err());
        assertTrue(lines.contains("[analyze] call sites: 0/3"), "call sites count the parsed files: " + run.err());
        assertTrue(lines.contains("[analyze] paths: 0/1"), "one source to search from: " + run.err());
        assertTrue(lines.get(0).startsWith("[analyze] "), run.err());
        assertTrue(lines.get(lines.size() - 1).startsWith("[analyze] done: "), run.err());
        int counting = 0;
        String current = null;
        for (String line : lines) {
            Matcher phase = PHASE.matcher(line);
            Matcher m = COUNT.matcher(line);
            if (phase.matches()) {
                current = phase.group(1);
            } else if (m.matches()) {
                counting++;
                assertEquals(current, m.group(1), "a counting line names the phase last begun: " + run.err());
                long done = Long.parseLong(m.group(2));
                long total = Long.parseLong(m.group(3));
                assertTrue(done >= 1 && done <= total, line);
                assertEquals(done * 100 / total, Long.parseLong(m.group(4)), line);
            }
        }
        assertTrue(counting >= 1, "the first unit of the run is shown: " + run.err());
        assertTrue(run.out().contains(" findings; 3 files, "), run.out());
        assertFalse(run.out().contains("[analyze]"), "no progress on stdout: " + run.out());
    }

    @Test
    void progressNeverReachesStdoutAndQuietHasNone(@TempDir Path tmp) throws Exception {
        Path src = tree(tmp);
        CliRun loud = CliRun.of("analyze", src, "--format", "json");
        CliRun quiet = CliRun.of("analyze", src, "--format", "json", "--quiet");
        assertEquals(ExitCode.OK.code(), loud.exit(), loud.err());
        assertEquals(ExitCode.OK.code(), quiet.exit(), quiet.err());
        assertEquals(quiet.out(), loud.out(), "stdout does not depend on the progress shown");
        assertTrue(new ObjectMapper().readTree(loud.out()).isObject(), "stdout is the JSON alone");
        assertTrue(loud.err().contains("[analyze] flow"), loud.err());
        assertEquals("", quiet.err());
    }
}
