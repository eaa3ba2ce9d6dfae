package dev.clearbox.core.rebuild;

import dev.clearbox.core.InvalidInputException;
import dev.clearbox.core.Stage;
import dev.clearbox.core.io.InputFiles;
import dev.clearbox.core.rebuild.internal.ShellWords;
import dev.clearbox.core.session.SessionManifest;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Reproducible Central {@code .buildspec} file (github.com/jvm-repo-rebuild/reproducible-central,
 * doc/BUILDSPEC.md): shell variable assignments naming the release (groupId, artifactId, version), its
 * source (gitRepo, gitTag), the environment (tool, jdk, newline, umask) and the build command.
 *
 * <p>The file is untrusted text and is read as data, never run: each line is blank, a comment, or
 * {@code name=value} where the value is made of plain characters, single-quoted text, double-quoted text
 * and {@code ${name}} / {@code $name} references to variables defined above. Anything else — command
 * substitution, other expansions, commands, redirections — is refused with one line naming the file and
 * the line.
 *
 * @param file      the file read
 * @param variables every variable, expanded, in file order
 */
public record ReproducibleCentralSpec(Path file, Map<String, String> variables) {
    private static final Stage STAGE = Stage.REBUILD;
    static final long MAX_BYTES = 64 * 1024;
    /** The umask Reproducible Central's rebuild.sh uses when the file names none. */
    public static final String DEFAULT_UMASK = "0002";

    public ReproducibleCentralSpec {
        variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
    }

    /** Reads and parses a {@code .buildspec} file. */
    public static ReproducibleCentralSpec read(Path file) {
        byte[] bytes = InputFiles.read(file, MAX_BYTES, STAGE, ".buildspec");
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(STAGE, file.toString(), "not UTF-8 text");
        }
        return parse(file, text);
    }

    /**
     * Parses {@code text} as the content of {@code file}. A problem names the file, the line and what is wrong,
     * never the line's text.
     */
    public static ReproducibleCentralSpec parse(Path file, String text) {
        return new ReproducibleCentralSpec(file, ShellWords.assignments(text, (line, problem) ->
                new InvalidInputException(STAGE, file + ":" + line, withoutQuotedText(problem))));
    }

    /** A parser problem without the file's text it quotes at its end ({@code ...: 'TEXT'}, {@code ..., got 'TEXT'}). */
    static String withoutQuotedText(String problem) {
        for (String quote : List.of(": '", ", got '")) {
            int at = problem.indexOf(quote);
            if (at >= 0) {
                return problem.substring(0, at);
            }
        }
        return problem;
    }

    /** A variable's value, or empty when the file does not set it. */
    public String get(String name) {
        return variables.getOrDefault(name, "");
    }

    /** {@code groupId:artifactId:version}. */
    public String coordinates() {
        return get("groupId") + ":" + get("artifactId") + ":" + get("version");
    }

    /**
     * The build recipe this file describes. The command is split into words like a shell would; a command
     * that needs a shell (several commands, pipes, redirections) runs as {@code /bin/sh -c COMMAND} inside
     * the build's isolation.
     *
     * @param timeout   the time limit of one run
     * @param artifacts the outputs to collect (a .buildspec names none)
     */
    public BuildSpec toBuildSpec(Duration timeout, List<SessionManifest.Artifact> artifacts) {
        for (String required : List.of("tool", "jdk", "command")) {
            if (get(required).isBlank()) {
                throw invalid("missing variable '" + required + "'");
            }
        }
        for (String unsupported : List.of("execBefore", "execAfter", "sourceDistribution")) {
            if (!get(unsupported).isBlank()) {
                throw invalid("'" + unsupported + "' is not supported: Clearbox builds the audited checkout and runs no extra shell code outside the build");
            }
        }
        String toolText = get("tool");
        BuildTool tool;
        String toolVersion = "";
        if (toolText.equals("mvn") || toolText.startsWith("mvn-")) {
            tool = BuildTool.MAVEN;
            toolVersion = toolText.equals("mvn") ? "" : toolText.substring(4);
        } else if (toolText.equals("gradle") || toolText.startsWith("gradle-")) {
            tool = BuildTool.GRADLE;
            toolVersion = toolText.equals("gradle") ? "" : toolText.substring(7);
        } else {
            throw invalid("'tool' is not supported: expected mvn, mvn-VERSION or gradle");
        }
        JdkRequirement jdk;
        try {
            jdk = JdkRequirement.parse(get("jdk"));
        } catch (IllegalArgumentException e) {
            throw invalid(withoutQuotedText(e.getMessage()));
        }
        Newline newline = switch (get("newline")) {
            case "", "lf" -> Newline.LF;
            case "crlf" -> Newline.CRLF;
            default -> throw invalid("'newline' must be lf or crlf");
        };
        String umask = get("umask").isEmpty() ? DEFAULT_UMASK : get("umask");
        List<String> command = ShellWords.split(get("command"));
        if (command == null) {
            command = List.of("/bin/sh", "-c", get("command"));
        }
        String gitTag = get("gitTag");
        if (gitTag.startsWith("git ")) {
            throw invalid("'gitTag' is computed by a git command; give the tag itself");
        }
        Map<String, String> extra = new LinkedHashMap<>();
        if (!get("MAVEN_OPTS").isBlank()) {
            extra.put("MAVEN_OPTS", get("MAVEN_OPTS"));
        }
        try {
            return new BuildSpec(tool, toolVersion, command, jdk, newline, umask, timeout, artifacts,
                    BuildSpec.DEFAULT_RUNS, NetworkPolicy.OFFLINE, List.of(), Isolation.Level.BUBBLEWRAP,
                    new BuildSpec.GitState(get("gitRepo"), gitTag, ""), extra);
        } catch (IllegalArgumentException e) {
            throw invalid(withoutQuotedText(e.getMessage()));
        }
    }

    /** What this file asks for that Clearbox does not reproduce, for the result's notes. */
    public List<RebuildNote> notes() {
        List<RebuildNote> notes = new ArrayList<>();
        if (!get("toolchains").isBlank()) {
            notes.add(new RebuildNote(RebuildNote.Kind.JDK, "the .buildspec asks for toolchains " + get("toolchains")
                    + "; Maven finds them through ~/.m2/toolchains.xml of this machine"));
        }
        if (!get("locale").isBlank() || !get("timezone").isBlank()) {
            notes.add(new RebuildNote(RebuildNote.Kind.BUILD_TOOL, "the .buildspec names locale '" + get("locale")
                    + "' and timezone '" + get("timezone") + "'; Clearbox builds with LC_ALL=C.UTF-8 and TZ=UTC"));
        }
        return notes;
    }

    private InvalidInputException invalid(String problem) {
        return new InvalidInputException(STAGE, file.toString(), problem);
    }
}
