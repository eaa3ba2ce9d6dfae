package dev.clearbox.analyzers.source;

import dev.clearbox.analyzers.source.internal.SourceFiles;
import dev.clearbox.analyzers.source.internal.flow.FlowBounds;

/**
 * The bounds the source analysis works within, as values: where one is reached, the analysis records it in
 * {@link SourceCoverage} ({@code problems} for a file too large, {@code flowLimits} for the flow analysis) instead
 * of running on. The report's session section lists them, so a reader knows what "not found" was searched under.
 *
 * @param maxFileBytes            a larger {@code .java} file is listed as a problem, not parsed
 * @param maxListedUnresolvedCalls unresolved calls listed (all are counted)
 * @param maxOperationsPerMethod  statements and expressions the flow analysis evaluates per method or initializer
 * @param maxLoopRounds           rounds a loop body is evaluated before its fixed point is given up
 * @param maxSummaryRounds        rounds of re-analysis after the first pass before the fixed point is given up
 * @param maxDispatchTargets      implementations a dispatching call links with nodes of its own; a call with more is
 *                                still followed into every one of them, through the nodes it shares with the calls of
 *                                the same target set (none is dropped, so this bound is never "hit")
 * @param maxNameTargets          same-named project methods a call matched by name (a receiver of unknown type, a
 *                                reflective call on a class not known) links with nodes of its own; a call with more
 *                                is still followed into every one of them, through the nodes it shares with the calls
 *                                of that name (none is dropped, so this bound is never "hit")
 * @param maxOriginsPerValue      sources one value remembers
 * @param maxPathSteps            steps one exfiltration path keeps (its middle is shortened beyond)
 * @param minPathEdgesPerSource   path edges the flows of one source keep at least; the run's own budget per source is
 *                                the flow graph's edges shared among the sources that reach a sink, when that is more.
 *                                Every source-to-sink flow is reported; beyond its source's budget, a flow keeps only
 *                                its first and last step
 */
public record SourceAnalysisLimits(long maxFileBytes, int maxListedUnresolvedCalls, int maxOperationsPerMethod,
                                   int maxLoopRounds, int maxSummaryRounds, int maxDispatchTargets, int maxNameTargets,
                                   int maxOriginsPerValue, int maxPathSteps, int minPathEdgesPerSource) {

    /** The limits this version of the analyzer applies (they are constants of the analysis, not options). */
    public static SourceAnalysisLimits inForce() {
        return new SourceAnalysisLimits(SourceFiles.MAX_FILE_BYTES, SourceCoverage.MAX_LISTED_UNRESOLVED,
                FlowBounds.MAX_OPERATIONS, FlowBounds.MAX_LOOP_ROUNDS, FlowBounds.MAX_SUMMARY_ROUNDS,
                FlowBounds.OWN_DISPATCH_TARGETS, FlowBounds.MAX_NAME_TARGETS, FlowBounds.MAX_ORIGINS,
                FlowBounds.MAX_STEPS, FlowBounds.MIN_PATH_EDGES_PER_SOURCE);
    }
}
