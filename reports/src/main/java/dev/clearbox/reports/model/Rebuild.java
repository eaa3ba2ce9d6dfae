package dev.clearbox.reports.model;

import dev.clearbox.core.rebuild.BuildTool;
import dev.clearbox.core.rebuild.Isolation;
import dev.clearbox.core.rebuild.NetworkPolicy;
import dev.clearbox.core.rebuild.Newline;
import dev.clearbox.core.rebuild.RebuildNote;
import dev.clearbox.core.rebuild.RebuildResult;
import dev.clearbox.core.rebuild.ReferenceFacts;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The report's {@code rebuild}: how the product was rebuilt from source (docs/rebuild.md).
 *
 * @param status           how it ended
 * @param reason           why it did not succeed; empty on success
 * @param jdk              the JDK used, or {@code null} when none was found
 * @param command          the build command as run
 * @param environment      the whole environment the build saw, by name, the auditor's directories replaced
 *                         ({@link ReportMapping#environment}: JAVA_HOME as the JDK version, HOME as {@code <home>})
 * @param umask            the umask the build ran with
 * @param exitCode         the exit code of the last build run, -1 when it did not exit on its own
 * @param durationMillis   wall-clock time of all runs (varies between runs)
 * @param log              the first build run's log, relative to the workspace root
 * @param artifacts        the outputs every run produced identically
 * @param tool             the build tool
 * @param toolVersion      the build tool and version as found
 * @param newline          the line-ending policy
 * @param network          the network policy
 * @param isolation        the isolation the build ran under
 * @param runs             every run: the fetch run if any, then each build run
 * @param nonDeterministic outputs that differed between build runs
 * @param references       what each reference artifact tells about its build
 * @param notes            what the auditor should know
 */
public record Rebuild(
        RebuildResult.Status status,
        String reason,
        Jdk jdk,
        List<String> command,
        Map<String, String> environment,
        String umask,
        int exitCode,
        long durationMillis,
        String log,
        List<Artifact> artifacts,
        BuildTool tool,
        String toolVersion,
        Newline newline,
        NetworkPolicy network,
        IsolationInForce isolation,
        List<Run> runs,
        List<Unstable> nonDeterministic,
        List<Reference> references,
        List<Note> notes) {

    public Rebuild {
        command = List.copyOf(command);
        environment = sorted(environment);
        artifacts = List.copyOf(artifacts);
        runs = List.copyOf(runs);
        nonDeterministic = List.copyOf(nonDeterministic);
        references = List.copyOf(references);
        notes = List.copyOf(notes);
    }

    private static Map<String, String> sorted(Map<String, String> map) {
        return Collections.unmodifiableMap(new TreeMap<>(map));
    }

    /** The JDK: version, vendor (or empty), full runtime version. */
    public record Jdk(String version, String implementor, String runtimeVersion) {
        /** "17.0.15+6-Debian-1deb12u1 (Debian)". */
        public String describe() {
            return runtimeVersion + (implementor.isEmpty() ? "" : " (" + implementor + ")");
        }
    }

    /** A collected output: its path in the tree, the shipped entry it corresponds to, sha256, size. */
    public record Artifact(String path, String shippedAs, String sha256, long size) {
    }

    /** The isolation in force: its level and what it means here, in words. */
    public record IsolationInForce(Isolation.Level level, String detail) {
    }

    /** One run: {@code fetch} or {@code build-N}, whether it had network, exit code, log, sha256 of each output. */
    public record Run(String name, boolean network, int exitCode, String log, Map<String, String> sha256) {
        public Run {
            sha256 = sorted(sha256);
        }
    }

    /** An output two runs produced differently: path, the other run, both digests, what differed. */
    public record Unstable(String path, int run, String firstSha256, String otherSha256, List<String> differences) {
        public Unstable {
            differences = List.copyOf(differences);
        }
    }

    /** What a reference artifact tells about its build, with the evidence for each fact. */
    public record Reference(String artifact, int jdkFeature, String jdkVersion, String jdkVendor, String buildTool,
                            int classMajor, ReferenceFacts.Tristate builtOnWindows, List<String> evidence) {
        public Reference {
            evidence = List.copyOf(evidence);
        }
    }

    /** A note for the auditor: what it is about, one sentence. */
    public record Note(RebuildNote.Kind kind, String message) {
    }
}
