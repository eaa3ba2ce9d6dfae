package dev.clearbox.reports.model;

import dev.clearbox.analyzers.source.SourceAnalysisLimits;
import dev.clearbox.core.checkout.CheckoutRequest;
import dev.clearbox.core.compare.CompareOptions;
import dev.clearbox.core.rebuild.BuildSpec;
import dev.clearbox.core.rebuild.Isolation;
import dev.clearbox.core.rebuild.RebuildLimits;
import dev.clearbox.core.unpack.UnpackLimits;

import java.util.List;
import java.util.Objects;

/**
 * What only the pipeline knows of a session (not a part of the report's schema): {@link ReportMapping#session} joins
 * it with the stage results into the report's {@link Session}.
 *
 * @param auditors       who ran the session, as given
 * @param startedAt      when the audit began, ISO-8601 UTC
 * @param endedAt        when the last stage before the report ended, ISO-8601 UTC
 * @param stages         the stages run, in order, with their durations
 * @param manifest       the session manifest file and its sha256
 * @param bundleSha256   the sha256 of the git bundle file, or empty when the source is not a bundle
 * @param keyring        the OpenPGP keyring used, or {@code null}
 * @param allowedSigners the SSH allowed-signers file used, or {@code null}
 * @param tools          the tool's components and versions
 * @param unpack         the unpack limits
 * @param checkout       the checkout request (its limits are copied, never its paths)
 * @param build          the build recipe (its time limit and runs are copied)
 * @param rebuildLimits  the rebuild's resource limits
 * @param sourceAnalysis the source analysis's bounds
 * @param compare        the comparison's options
 * @param isolation      the strongest isolation asked for the vendor's build
 * @param unsandboxedAllowed the auditor's consent to a build without a sandbox
 */
public record SessionRun(List<String> auditors, String startedAt, String endedAt, List<Session.StageRun> stages,
                         Session.FileDigest manifest, String bundleSha256, Session.FileDigest keyring,
                         Session.FileDigest allowedSigners, List<Session.ToolVersion> tools, UnpackLimits unpack,
                         CheckoutRequest checkout, BuildSpec build, RebuildLimits rebuildLimits,
                         SourceAnalysisLimits sourceAnalysis, CompareOptions compare, Isolation.Level isolation,
                         boolean unsandboxedAllowed) {
    public SessionRun {
        auditors = List.copyOf(auditors);
        stages = List.copyOf(stages);
        tools = List.copyOf(tools);
        bundleSha256 = bundleSha256 == null ? "" : bundleSha256;
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(unpack, "unpack");
        Objects.requireNonNull(checkout, "checkout");
        Objects.requireNonNull(build, "build");
        Objects.requireNonNull(rebuildLimits, "rebuildLimits");
        Objects.requireNonNull(sourceAnalysis, "sourceAnalysis");
        Objects.requireNonNull(compare, "compare");
        Objects.requireNonNull(isolation, "isolation");
    }
}
