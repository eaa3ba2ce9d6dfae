package dev.clearbox.core.rebuild;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What the rebuild did, recorded for the report.
 *
 * @param status      how it ended
 * @param reason      why it did not succeed; empty on success
 * @param jdk         the JDK used (vendor and full version), or {@code null} when none was found
 * @param command     the build command as run (inside the isolation, after the umask is set)
 * @param environment the whole environment the build saw
 * @param umask       the umask the build ran with
 * @param exitCode    the exit code of the last build run, or -1 when it did not exit on its own
 * @param durationMillis wall-clock time of all runs together
 * @param log         the first build run's combined output, inside the workspace (relative to the workspace root)
 * @param artifacts   the outputs collected (from the first run), only those every run produced identically
 * @param tool        the build tool
 * @param toolVersion the build tool and its version as found ({@code Apache Maven 3.8.7 (/usr/share/maven)})
 * @param newline     the line-ending policy
 * @param network     the network policy
 * @param isolation   the isolation the build runs were under
 * @param runs        every run: the fetch run if any, then each build run
 * @param nonDeterministic the outputs that differed between build runs, with what differed
 * @param references  what each reference artifact tells about its build
 * @param notes       what the auditor should know: environment mismatches with the reference, git state, isolation
 */
public record RebuildResult(
        Status status,
        String reason,
        Jdk jdk,
        List<String> command,
        Map<String, String> environment,
        String umask,
        int exitCode,
        long durationMillis,
        String log,
        List<RebuiltArtifact> artifacts,
        BuildTool tool,
        String toolVersion,
        Newline newline,
        NetworkPolicy network,
        Isolation isolation,
        List<BuildRun> runs,
        List<UnstableArtifact> nonDeterministic,
        List<ReferenceFacts> references,
        List<RebuildNote> notes) {

    public RebuildResult {
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
        artifacts = List.copyOf(artifacts);
        runs = List.copyOf(runs);
        nonDeterministic = List.copyOf(nonDeterministic);
        references = List.copyOf(references);
        notes = List.copyOf(notes);
    }

    /** How a rebuild ended. */
    public enum Status {
        SUCCEEDED,
        FAILED,
        TIMED_OUT,
        JDK_NOT_FOUND,
        ARTIFACT_MISSING,
        /** Every run succeeded, but two runs produced different outputs: see {@link #nonDeterministic()}. */
        NON_DETERMINISTIC,
        /** No build sandbox works on this machine and the auditor did not allow an unsandboxed build: nothing was run. */
        SANDBOX_UNAVAILABLE,
        /** The build exceeded a {@link RebuildLimits} limit (its tree grew too large) and was killed. */
        LIMIT_EXCEEDED
    }

    /**
     * A collected build output.
     *
     * @param path      as named in the manifest, relative to the source tree
     * @param shippedAs the shipped entry it corresponds to
     * @param file      where the copy is, inside the workspace
     * @param sha256    its digest
     */
    public record RebuiltArtifact(String path, String shippedAs, @JsonIgnore Path file, String sha256, long size) {
    }

    /**
     * One run of the build.
     *
     * @param name     {@code fetch} or {@code build-N}
     * @param network  whether it could reach the network
     * @param exitCode its exit code, -1 when killed
     * @param log      its log, relative to the workspace root
     * @param sha256   the digest of each collected output, by path
     * @param durationMillis its wall-clock time
     */
    public record BuildRun(String name, boolean network, int exitCode, String log, Map<String, String> sha256,
                           long durationMillis) {
        public BuildRun {
            sha256 = Map.copyOf(sha256);
        }

        /** A run whose time is not known. */
        public BuildRun(String name, boolean network, int exitCode, String log, Map<String, String> sha256) {
            this(name, network, exitCode, log, sha256, 0);
        }
    }

    /**
     * An output that two build runs produced differently.
     *
     * @param path        the output, relative to the tree
     * @param run         the run whose output differs from the first run's
     * @param firstSha256 the first run's digest
     * @param otherSha256 that run's digest
     * @param differences what differed, one line each (from the compare stage)
     */
    public record UnstableArtifact(String path, int run, String firstSha256, String otherSha256, List<String> differences) {
        public UnstableArtifact {
            differences = List.copyOf(differences);
        }
    }
}
