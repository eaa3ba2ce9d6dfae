package dev.clearbox.analyzers.source.internal.flow;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The steps a value took, newest first, as a shared persistent list: extending a trail never copies it.
 * Steps on the line of the newest step are merged into it. A trail stops growing at {@link #MAX_STEPS}
 * (the rest of the path is still found; its middle is shortened).
 */
final class Trail {
    static final int MAX_STEPS = 48;

    final FlowStep head;
    final Trail tail;
    final int size;

    private Trail(FlowStep head, Trail tail) {
        this.head = head;
        this.tail = tail;
        this.size = tail == null ? 1 : tail.size + 1;
    }

    /** {@code trail} (may be null: empty) followed by {@code step}. */
    static Trail add(Trail trail, FlowStep step) {
        if (step == null) {
            return trail;
        }
        if (trail == null) {
            return new Trail(step, null);
        }
        if (trail.head.sameLine(step)) {
            FlowStep merged = trail.head.merge(step);
            return merged == trail.head ? trail : new Trail(merged, trail.tail);
        }
        if (trail.size >= MAX_STEPS) {
            return trail;
        }
        return new Trail(step, trail);
    }

    /** {@code first} followed by every step of {@code then}, oldest first. */
    static Trail concat(Trail first, Trail then) {
        Trail out = first;
        for (FlowStep s : steps(then)) {
            out = add(out, s);
        }
        return out;
    }

    /** The steps of a trail, oldest first. */
    static List<FlowStep> steps(Trail trail) {
        List<FlowStep> out = new ArrayList<>(trail == null ? 0 : trail.size);
        for (Trail t = trail; t != null; t = t.tail) {
            out.add(t.head);
        }
        Collections.reverse(out);
        return out;
    }
}
