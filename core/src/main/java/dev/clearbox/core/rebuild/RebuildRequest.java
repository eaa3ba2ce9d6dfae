package dev.clearbox.core.rebuild;

import dev.clearbox.core.session.SessionManifest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What to rebuild.
 *
 * @param sourceTree      the checked-out tree; it is copied, never built in place
 * @param command         the vendor's build command, run in the copy
 * @param jdkFeature      the JDK feature version the build needs
 * @param timeout         the time limit for the build
 * @param sourceDateEpoch SOURCE_DATE_EPOCH for the build (the commit time)
 * @param artifacts       which build outputs to collect
 * @param workDir         the rebuild stage's directory inside the workspace
 */
public record RebuildRequest(
        Path sourceTree,
        List<String> command,
        int jdkFeature,
        Duration timeout,
        long sourceDateEpoch,
        List<SessionManifest.Artifact> artifacts,
        Path workDir) {

    public RebuildRequest {
        Objects.requireNonNull(sourceTree, "sourceTree");
        command = List.copyOf(command);
        artifacts = List.copyOf(artifacts);
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(workDir, "workDir");
        if (command.isEmpty()) {
            throw new IllegalArgumentException("empty build command");
        }
    }
}
