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
 * @param spec            how to build it
 * @param sourceDateEpoch SOURCE_DATE_EPOCH for the build (the commit time)
 * @param workDir         the rebuild stage's directory inside the workspace
 * @param references      the shipped artifacts the rebuild will be compared with, read before building
 *                        to learn and check the reference build's environment (may be empty)
 * @param limits          what one run may consume
 * @param allowUnsandboxed the auditor's explicit consent to run the vendor's build without a sandbox when this
 *                        machine has none (or when {@code spec.isolation()} asks for less); without it such a build
 *                        is not run and the result is {@link RebuildResult.Status#SANDBOX_UNAVAILABLE}
 * @param buildinfo       where the build writes its {@code .buildinfo} (a .buildspec's {@code buildinfo}), relative
 *                        to the tree, or empty; the outputs it lists are collected too (found by name), when the build writes it
 * @param seedRepository  a prepared Maven repository copied into the session's own ({@link SessionRepository}) before the
 *                        first run, for offline audit rooms; null for an empty one. The seed itself is never shown to the build
 */
public record RebuildRequest(
        Path sourceTree,
        BuildSpec spec,
        long sourceDateEpoch,
        Path workDir,
        List<Path> references,
        RebuildLimits limits,
        boolean allowUnsandboxed,
        String buildinfo,
        Path seedRepository) {

    public RebuildRequest {
        Objects.requireNonNull(sourceTree, "sourceTree");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(workDir, "workDir");
        references = List.copyOf(references);
        Objects.requireNonNull(limits, "limits");
        buildinfo = buildinfo == null ? "" : buildinfo;
    }

    public RebuildRequest(Path sourceTree, BuildSpec spec, long sourceDateEpoch, Path workDir, List<Path> references,
                          RebuildLimits limits, boolean allowUnsandboxed) {
        this(sourceTree, spec, sourceDateEpoch, workDir, references, limits, allowUnsandboxed, "", null);
    }

    /** The same request, also collecting the outputs the build's {@code .buildinfo} lists. */
    public RebuildRequest withBuildinfo(String path) {
        return new RebuildRequest(sourceTree, spec, sourceDateEpoch, workDir, references, limits, allowUnsandboxed, path,
                seedRepository);
    }

    /** The same request, seeding the session's Maven repository from {@code seed} (null: none). */
    public RebuildRequest withSeedRepository(Path seed) {
        return new RebuildRequest(sourceTree, spec, sourceDateEpoch, workDir, references, limits, allowUnsandboxed, buildinfo,
                seed);
    }

    /** A sandboxed rebuild with the default limits. */
    public RebuildRequest(Path sourceTree, BuildSpec spec, long sourceDateEpoch, Path workDir, List<Path> references) {
        this(sourceTree, spec, sourceDateEpoch, workDir, references, RebuildLimits.DEFAULT, false);
    }

    /** The same request with the auditor's consent, or refusal, to build without a sandbox. */
    public RebuildRequest withUnsandboxed(boolean allow) {
        return new RebuildRequest(sourceTree, spec, sourceDateEpoch, workDir, references, limits, allow, buildinfo,
                seedRepository);
    }

    /** The same request with other limits. */
    public RebuildRequest withLimits(RebuildLimits other) {
        return new RebuildRequest(sourceTree, spec, sourceDateEpoch, workDir, references, other, allowUnsandboxed, buildinfo,
                seedRepository);
    }

    /** A command build of the given JDK feature version, with the defaults of {@link BuildSpec#of}. */
    public RebuildRequest(Path sourceTree, List<String> command, int jdkFeature, Duration timeout,
                          long sourceDateEpoch, List<SessionManifest.Artifact> artifacts, Path workDir) {
        this(sourceTree, BuildSpec.of(BuildSpec.toolOf(command), command, JdkRequirement.feature(jdkFeature), timeout,
                artifacts), sourceDateEpoch, workDir, List.of());
    }

    /** The build command. */
    public List<String> command() {
        return spec.command();
    }
}
