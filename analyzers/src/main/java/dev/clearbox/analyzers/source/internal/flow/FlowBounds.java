package dev.clearbox.analyzers.source.internal.flow;

/**
 * The flow analysis's bounds, read from the classes that apply them, for {@link
 * dev.clearbox.analyzers.source.SourceAnalysisLimits#inForce()}: one place outside this package learns them, so the
 * report states the values the analysis actually used.
 */
public final class FlowBounds {
    public static final int MAX_OPERATIONS = UnitState.MAX_OPERATIONS;
    public static final int MAX_LOOP_ROUNDS = UnitInterpreter.MAX_LOOP_ROUNDS;
    public static final int MAX_SUMMARY_ROUNDS = TaintAnalysis.MAX_ROUNDS;
    public static final int OWN_DISPATCH_TARGETS = FlowProgram.OWN_DISPATCH_TARGETS;
    public static final int MAX_NAME_TARGETS = FlowProgram.MAX_NAME_TARGETS;
    public static final int MAX_ORIGINS = Taint.MAX_ORIGINS;
    public static final int MAX_STEPS = Trail.MAX_STEPS;
    public static final int MIN_PATH_EDGES_PER_SOURCE = FlowGraph.MIN_PATH_EDGES_PER_SOURCE;

    private FlowBounds() {
    }
}
