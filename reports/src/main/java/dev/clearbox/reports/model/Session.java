package dev.clearbox.reports.model;

import dev.clearbox.core.Verdict;
import dev.clearbox.core.compare.DifferenceClass;
import dev.clearbox.core.rebuild.Isolation;

import java.util.List;
import java.util.Objects;

/**
 * The report's {@code session}: the evidence of how this audit was run, in one section (docs/report-schema.md,
 * "Session"). Everything in it is gathered from what the pipeline did and from the stage results the other sections
 * hold in detail; it says who ran the session, when, which stages ran and for how long, which inputs by digest, with
 * which tools, under which limits and sandbox, and what the audit did not cover.
 *
 * <p>{@code startedAt}, {@code endedAt} and every stage's {@code durationMillis} vary between runs on the same inputs;
 * they are declared in {@link AuditReport#VARYING_FIELDS}. Everything else is deterministic.
 *
 * @param auditors   who ran the session, as given ({@code clearbox audit --auditor}); empty when nobody was named.
 *                   The report's {@code auditor} block says who signed
 * @param startedAt  when the audit began, ISO-8601 UTC, seconds
 * @param endedAt    when the last stage before the report ended (the report's {@code generatedAt}); the report and
 *                   sign stages come after and are not timed in the report they make
 * @param stages     the stages run, in order, each with its duration and what it produced
 * @param inputs     what was audited, by digest
 * @param tools      the tool, the Java runtime it ran on and the libraries its analyses use, with versions
 * @param limits     the limits in force, per stage
 * @param sandbox    the isolation asked for and the one the vendor's build ran in
 * @param notCovered what the audit did not cover
 */
public record Session(
        List<String> auditors,
        String startedAt,
        String endedAt,
        List<StageRun> stages,
        Inputs inputs,
        List<ToolVersion> tools,
        Limits limits,
        Sandbox sandbox,
        NotCovered notCovered) {

    public Session {
        auditors = List.copyOf(auditors);
        stages = List.copyOf(stages);
        tools = List.copyOf(tools);
        Objects.requireNonNull(inputs, "inputs");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(sandbox, "sandbox");
        Objects.requireNonNull(notCovered, "notCovered");
    }

    /**
     * One stage as run.
     *
     * @param name           the stage's id ({@code core.Stage#id()}, also its workspace directory), as rendered
     * @param durationMillis how long it took (varies between runs)
     * @param detail         what it produced, in one line (deterministic)
     */
    public record StageRun(String name, long durationMillis, String detail) {
    }

    /**
     * The inputs of the audit, by digest.
     *
     * @param manifest        the session manifest file: its name and the sha256 of the bytes read
     * @param source          the repository
     * @param packages        each update package: file name and sha256 (checked against the manifest before it was parsed)
     * @param capabilityModel the capability model as loaded
     * @param keyring         the OpenPGP keyring signatures were checked against, or {@code null} for none
     * @param allowedSigners  the SSH allowed-signers file signatures were checked against, or {@code null} for none
     */
    public record Inputs(FileDigest manifest, SourceInput source, List<FileDigest> packages, ModelInput capabilityModel,
                         FileDigest keyring, FileDigest allowedSigners) {
        public Inputs {
            packages = List.copyOf(packages);
        }
    }

    /** A file by name (never a directory of the auditor's machine) and the lowercase hex sha256 of its bytes. */
    public record FileDigest(String name, String sha256) {
    }

    /**
     * The repository audited.
     *
     * @param location    as in {@code source.location}: a URL as given, a bundle or local repository by its file name
     * @param sha256      the sha256 of the bundle file, hashed before the checkout read it; empty for a repository
     *                    directory or URL (the commit and tree ids, git's own digests, name the content)
     * @param commitId    the commit checked out
     * @param treeId      its tree
     * @param treeDigest  the sha256 of the checked-out tree ({@code source.treeDigest}), empty when none was made
     */
    public record SourceInput(String location, String sha256, String commitId, String treeId, String treeDigest) {
    }

    /** The capability model: its version and digest, as in {@code tool}. */
    public record ModelInput(String version, String digest) {
    }

    /** A component of the tool and its version ({@code unknown} where the component does not say). */
    public record ToolVersion(String name, String version) {
    }

    /**
     * The limits in force. A limit reached is either a refusal (unpack, checkout: the audit stops, no report) or a
     * coverage item of the report (source analysis: {@code notCovered}; rebuild: its status; compare: a
     * {@code DEPTH_LIMIT_REACHED} difference).
     *
     * @param unpack         what a package may unpack to (as in every {@code packages[].limits})
     * @param checkout       what the repository may hold
     * @param rebuild        what the vendor's build may take
     * @param sourceAnalysis the bounds of the source analysis
     * @param compare        how deep and how much the comparison reads
     */
    public record Limits(ShippedPackage.Limits unpack, CheckoutLimits checkout, RebuildLimits rebuild,
                         SourceLimits sourceAnalysis, CompareLimits compare) {
    }

    /**
     * The checkout's limits (docs/checkout.md).
     *
     * @param maxBlobBytes     the largest file of the commit
     * @param maxTreeDepth     the deepest directory nesting
     * @param maxInflatedBytes what a fetched pack may inflate to
     * @param timeoutSeconds   connect and read timeout for a URL source
     */
    public record CheckoutLimits(long maxBlobBytes, int maxTreeDepth, long maxInflatedBytes, long timeoutSeconds) {
    }

    /**
     * The rebuild's limits (docs/rebuild.md).
     *
     * @param timeoutSeconds one build run's time limit
     * @param runs           how many times the build runs (outputs that differ between runs are non-deterministic)
     * @param maxLogBytes    the largest build log kept
     * @param maxFileBytes   the largest file the build may write
     * @param maxTreeBytes   the most the build's tree may hold
     * @param maxTmpBytes    the size of the build's private /tmp and home
     */
    public record RebuildLimits(long timeoutSeconds, int runs, long maxLogBytes, long maxFileBytes, long maxTreeBytes,
                                long maxTmpBytes) {
    }

    /**
     * The source analysis's mode and bounds ({@code dev.clearbox.analyzers.source.SourceAnalysisLimits}); where a
     * bound was reached is in {@code notCovered}.
     *
     * @param implicitFlows whether the analysis also followed implicit flows (data that decides whether a sink runs,
     *                      {@code --implicit-flows}): the same sources give other findings with it, so the report
     *                      says which mode made them; taken from the analysis's own result
     */
    public record SourceLimits(boolean implicitFlows, long maxFileBytes, int maxListedUnresolvedCalls, int maxOperationsPerMethod,
                               int maxLoopRounds, int maxSummaryRounds, int maxDispatchTargets, int maxNameTargets,
                               int maxOriginsPerValue, int maxPathSteps, int minPathEdgesPerSource) {
    }

    /**
     * The comparison's limits.
     *
     * @param maxDepth             nested archive levels opened
     * @param maxUncompressedBytes bytes read from each side at most
     * @param accepted             substantive difference classes the auditor accepted as benign (sorted)
     */
    public record CompareLimits(int maxDepth, long maxUncompressedBytes, List<DifferenceClass> accepted) {
        public CompareLimits {
            accepted = List.copyOf(accepted);
        }
    }

    /**
     * The sandbox.
     *
     * @param requested          the strongest isolation the auditor asked for
     * @param unsandboxedAllowed whether the auditor consented to a build without a sandbox ({@code --unsandboxed-build})
     * @param level              the isolation the vendor's build ran in ({@code rebuild.isolation.level}), or
     *                           {@code null} when no build ran
     * @param detail             what that isolation was, in words; empty when no build ran
     */
    public record Sandbox(Isolation.Level requested, boolean unsandboxedAllowed, Isolation.Level level, String detail) {
        public Sandbox {
            Objects.requireNonNull(requested, "requested");
            detail = detail == null ? "" : detail;
        }
    }

    /**
     * What the audit did not cover, gathered from the coverage of each stage.
     *
     * @param unparsedFiles      source files not analysed, or only partly ({@code analysis.coverage.problems})
     * @param unresolvedCalls    calls whose target could not be resolved ({@code analysis.coverage.unresolvedCallCount})
     * @param flowLimitsHit      where the flow analysis stopped early ({@code analysis.coverage.flowLimits})
     * @param classesNotAnalysed shipped files the binary analysis could not analyse, or only partly
     *                           ({@code binaryAnalysis.coverage.problems})
     * @param missingClasses     classes the shipped code refers to that were not available
     * @param notRebuilt         shipped artifacts not checked against the source (NOT_REBUILT, NOT_VERIFIED)
     */
    public record NotCovered(List<String> unparsedFiles, int unresolvedCalls, List<String> flowLimitsHit,
                             List<String> classesNotAnalysed, int missingClasses, List<NotChecked> notRebuilt) {
        public NotCovered {
            unparsedFiles = List.copyOf(unparsedFiles);
            flowLimitsHit = List.copyOf(flowLimitsHit);
            classesNotAnalysed = List.copyOf(classesNotAnalysed);
            notRebuilt = List.copyOf(notRebuilt);
        }

        /** Whether the audit covered everything it was given. */
        public boolean complete() {
            return unparsedFiles.isEmpty() && unresolvedCalls == 0 && flowLimitsHit.isEmpty()
                    && classesNotAnalysed.isEmpty() && missingClasses == 0 && notRebuilt.isEmpty();
        }
    }

    /** A shipped artifact not checked against the source: {@code PACKAGE!/ENTRY}, its verdict and the reason. */
    public record NotChecked(String shipped, Verdict verdict, String reason) {
    }
}
