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
 * @param jdk         the JDK used, or {@code null} when none was found
 * @param command     the command as run
 * @param environment the whole environment the build saw, except values that name this machine's paths
 * @param umask       the umask the build ran with
 * @param exitCode    the build's exit code, or -1 when it did not exit on its own
 * @param durationMillis wall-clock time of the build
 * @param log         the build's combined output, inside the workspace (relative to the workspace root in the report)
 * @param artifacts   the outputs collected
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
        List<RebuiltArtifact> artifacts) {

    public RebuildResult {
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
        artifacts = List.copyOf(artifacts);
    }

    /** How a rebuild ended. */
    public enum Status {
        SUCCEEDED, FAILED, TIMED_OUT, JDK_NOT_FOUND, ARTIFACT_MISSING
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
}
