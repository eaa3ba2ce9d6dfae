package dev.clearbox.analyzers.source.internal.flow;

import com.github.javaparser.ast.Node;
import dev.clearbox.analyzers.source.internal.ParsedFile;

/**
 * One step of a flow as the interpreter sees it: where (file and line), in which method, and a note.
 * {@code labelCall} is a library call whose transformer label (for example {@code Base64-encoded}) is
 * looked up only if the step ends up on a reported path.
 */
record FlowStep(ParsedFile file, int line, String method, String note, Node labelCall, FlowStep mergedLabel) {
    /** The line of a step that happens at the call the path comes from (a shared dispatch node's link to a target). */
    static final int AT_CALL_BEFORE = -1;
    /** The line of a step that happens at the call the path goes on from (a target's link to a shared node). */
    static final int AT_CALL_AFTER = -2;

    /**
     * The note is shared with every equal note (the same step is made again on each analysis of a unit, and many steps
     * say the same thing, "passed to Foo.bar"): steps are most of what the analysis keeps, and their notes most of that.
     */
    /**
     * The notes met so far, each kept once. A map of the process rather than {@code String.intern}: the JVM's string
     * table made the flow phase about 8 % slower on Guava and JGit (`FlowCounts 2 2`, flow phase 5.1 s against 4.6-4.7
     * s). It holds the distinct notes of every analysis the process runs (one per command run).
     */
    private static final java.util.concurrent.ConcurrentHashMap<String, String> NOTES = new java.util.concurrent.ConcurrentHashMap<>();

    FlowStep {
        note = NOTES.computeIfAbsent(note, k -> k);
    }

    /**
     * A step of a shared dispatch node's edge ({@link DispatchKey}): it happens at whichever call the path passes
     * through, so it has no place of its own; {@link Paths} gives it the place of the call's step before it
     * ({@link #AT_CALL_BEFORE}) or after it ({@link #AT_CALL_AFTER}).
     */
    static FlowStep atCall(int which, String note) {
        return new FlowStep(null, which, "", note, null);
    }

    /** True for a step placed by {@link Paths} at the call the path passes through ({@link #atCall}). */
    boolean atCall() {
        return file == null;
    }

    /** This step at {@code place}'s file, line and method. */
    FlowStep at(FlowStep place) {
        return new FlowStep(place.file, place.line, place.method, note, labelCall, mergedLabel);
    }

    FlowStep(ParsedFile file, int line, String method, String note, Node labelCall) {
        this(file, line, method, note, labelCall, null);
    }

    /** The library calls on this line whose transformer labels may name the step, innermost first. */
    java.util.List<Node> labelCalls() {
        java.util.List<Node> out = new java.util.ArrayList<>();
        for (FlowStep s = this; s != null && out.size() < 4; s = s.mergedLabel) {
            if (s.labelCall != null && !out.contains(s.labelCall)) {
                out.add(0, s.labelCall);
            }
        }
        return out;
    }

    boolean sameLine(FlowStep other) {
        return other.file == file && other.line == line && other.method.equals(method);
    }

    /** This step with {@code other}'s note and label merged in (both are on the same line). */
    FlowStep merge(FlowStep other) {
        String n = note.isEmpty() ? other.note
                : other.note.isEmpty() || note.contains(other.note) ? note : note + "; " + other.note;
        if (other.labelCall == null || other.labelCall == labelCall) {
            return n.equals(note) ? this : new FlowStep(file, line, method, n, labelCall, mergedLabel);
        }
        return new FlowStep(file, line, method, n, other.labelCall, labelCall == null ? mergedLabel : this);
    }
}
