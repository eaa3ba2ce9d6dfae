package dev.clearbox.analyzers.source.internal.flow;

import java.util.Arrays;
import java.util.List;

/**
 * The target set of a dispatching call with more than {@link FlowProgram#OWN_DISPATCH_TARGETS} targets, and its
 * number of arguments: every call with the same key shares one set of dispatch nodes ({@link FlowGraph} makes them,
 * with the links to every target once) and one joined summary per pass ({@link Summaries#joined}). Calls whose
 * targets were narrowed (a receiver allocated in the method) have another set, hence another key.
 *
 * @param targets the ids of the target units, in the call's order
 */
record DispatchKey(int[] targets, int arguments) {
    static DispatchKey of(List<Unit> targets, int arguments) {
        int[] ids = new int[targets.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = targets.get(i).id;
        }
        return new DispatchKey(ids, arguments);
    }

    /** The shared nodes of one key: its result, its escaping exceptions, then one per argument. */
    int nodes() {
        return 2 + arguments;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DispatchKey k && k.arguments == arguments && Arrays.equals(k.targets, targets);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(targets) + arguments;
    }

    @Override
    public String toString() {
        return targets.length + " targets, " + arguments + " arguments";
    }
}
