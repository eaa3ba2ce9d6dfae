package dev.clearbox.audit;

import dev.clearbox.analyzers.capability.CapabilityModel;
import dev.clearbox.core.rebuild.Isolation;
import dev.clearbox.core.unpack.UnpackLimits;

import dev.clearbox.reports.delta.VerifiedReport;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * How to run an audit.
 *
 * @param workspace  the session's workspace directory; created, or reused when it holds an earlier run of Clearbox
 * @param privateKey the signing key (PEM), or {@code null} to create (or reuse) a demo key in the workspace
 * @param publicKey  its public key (PEM), or {@code null} for the file beside it named {@code NAME.pub.pem}
 * @param model      the capability model for the analysis
 * @param limits     the unpack limits
 * @param clock      the clock for the report's declared timestamp
 * @param keyring    the OpenPGP public keyring for the checkout's signature checks; {@code null} for the manifest's
 *                   {@code source.keyring} (or none)
 * @param allowedSigners the SSH allowed-signers file for the checkout's signature checks; {@code null} for the
 *                   manifest's {@code source.allowedSigners} (or none)
 * @param isolation  the strongest isolation wanted for the vendor's build (the manifest cannot choose it)
 * @param unsandboxedBuild the auditor's consent to run the vendor's build without a sandbox where there is none
 *                   (or where {@code isolation} asks for less); the report then says so in its summary
 * @param auditor    who audits, as the report's {@code auditor.identity} ({@code --auditor}); empty for none
 * @param baseline   the earlier release's signed report, verified ({@code --baseline}, {@code --baseline-key}): the
 *                   new report then carries the delta against it, and the decisions of its review carried over;
 *                   {@code null} for none
 * @param review     the review file whose decisions the report carries ({@code --review}, docs/review.md), or
 *                   {@code null} for none
 * @param seedRepository a prepared Maven repository copied into the rebuild's own before its first run
 *                   ({@code --seed-repository}, docs/rebuild.md), or {@code null} for an empty one
 * @param implicitFlows whether the source analysis also follows implicit flows, data that decides whether a sink
 *                   runs ({@code --implicit-flows}, docs/source-analyzer.md); the auditor's choice, never the
 *                   manifest's, and recorded in the report ({@code session.limits.sourceAnalysis.implicitFlows})
 */
public record AuditOptions(Path workspace, Path privateKey, Path publicKey, CapabilityModel model, UnpackLimits limits,
                           Clock clock, Path keyring, Path allowedSigners, Isolation.Level isolation,
                           boolean unsandboxedBuild, String auditor, VerifiedReport baseline, Path review,
                           Path seedRepository, boolean implicitFlows) {
    /** Options without a baseline or a review file. */
    public AuditOptions(Path workspace, Path privateKey, Path publicKey, CapabilityModel model, UnpackLimits limits,
                        Clock clock, Path keyring, Path allowedSigners, Isolation.Level isolation,
                        boolean unsandboxedBuild, String auditor) {
        this(workspace, privateKey, publicKey, model, limits, clock, keyring, allowedSigners, isolation, unsandboxedBuild,
                auditor, null, null, null, false);
    }

    /** Options without an auditor identity. */
    public AuditOptions(Path workspace, Path privateKey, Path publicKey, CapabilityModel model, UnpackLimits limits,
                        Clock clock, Path keyring, Path allowedSigners, Isolation.Level isolation,
                        boolean unsandboxedBuild) {
        this(workspace, privateKey, publicKey, model, limits, clock, keyring, allowedSigners, isolation, unsandboxedBuild, "");
    }

    /** Options with the build sandboxed as strongly as this machine allows, and never without a sandbox. */
    public AuditOptions(Path workspace, Path privateKey, Path publicKey, CapabilityModel model, UnpackLimits limits,
                        Clock clock, Path keyring, Path allowedSigners) {
        this(workspace, privateKey, publicKey, model, limits, clock, keyring, allowedSigners, Isolation.Level.BUBBLEWRAP, false);
    }

    /** Options without a keyring of their own (the manifest's {@code source.keyring}, if any, is used). */
    public AuditOptions(Path workspace, Path privateKey, Path publicKey, CapabilityModel model, UnpackLimits limits,
                        Clock clock) {
        this(workspace, privateKey, publicKey, model, limits, clock, null, null);
    }

    /** Options with a keyring of their own (or none) and the manifest's {@code source.allowedSigners}, if any. */
    public AuditOptions(Path workspace, Path privateKey, Path publicKey, CapabilityModel model, UnpackLimits limits,
                        Clock clock, Path keyring) {
        this(workspace, privateKey, publicKey, model, limits, clock, keyring, null);
    }

    public AuditOptions {
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(isolation, "isolation");
        auditor = auditor == null ? "" : auditor;
    }

    /** The same options with another auditor identity. */
    public AuditOptions withAuditor(String identity) {
        return new AuditOptions(workspace, privateKey, publicKey, model, limits, clock, keyring, allowedSigners, isolation,
                unsandboxedBuild, identity, baseline, review, seedRepository, implicitFlows);
    }

    /** The same options with another isolation and consent for the vendor's build. */
    public AuditOptions withBuildIsolation(Isolation.Level level, boolean unsandboxed) {
        return new AuditOptions(workspace, privateKey, publicKey, model, limits, clock, keyring, allowedSigners, level,
                unsandboxed, auditor, baseline, review, seedRepository, implicitFlows);
    }

    /** The same options with a verified baseline report ({@code null} for none). */
    public AuditOptions withBaseline(VerifiedReport report) {
        return new AuditOptions(workspace, privateKey, publicKey, model, limits, clock, keyring, allowedSigners, isolation,
                unsandboxedBuild, auditor, report, review, seedRepository, implicitFlows);
    }

    /** The same options with a review file ({@code null} for none). */
    public AuditOptions withReview(Path file) {
        return new AuditOptions(workspace, privateKey, publicKey, model, limits, clock, keyring, allowedSigners, isolation,
                unsandboxedBuild, auditor, baseline, file, seedRepository, implicitFlows);
    }

    /**
     * The same options with a prepared Maven repository (an offline audit room's) copied into the rebuild's own
     * before its first run ({@code null}: the rebuild's repository starts empty).
     */
    public AuditOptions withSeedRepository(Path seed) {
        return new AuditOptions(workspace, privateKey, publicKey, model, limits, clock, keyring, allowedSigners, isolation,
                unsandboxedBuild, auditor, baseline, review, seed, implicitFlows);
    }

    /**
     * The same options with implicit flows followed by the source analysis, or not (explicit flows only, the
     * default).
     */
    public AuditOptions withImplicitFlows(boolean follow) {
        return new AuditOptions(workspace, privateKey, publicKey, model, limits, clock, keyring, allowedSigners, isolation,
                unsandboxedBuild, auditor, baseline, review, seedRepository, follow);
    }
}
