package dev.clearbox.analyzers.source.internal.flow;

import java.util.Arrays;
import java.util.function.UnaryOperator;

/**
 * An abstract value: the graph nodes (sources, parameters, fields, returns...) its data may come from,
 * each with the trail that brought it here. Immutable; {@link #EMPTY} is clean data. Joining keeps the
 * trail already known for an origin, so repeated joins reach a fixed point. At most {@link #MAX_ORIGINS}
 * origins are kept; {@link #truncated()} tells when some were dropped.
 */
final class Taint {
    static final int MAX_ORIGINS = 64;
    static final Taint EMPTY = new Taint(new int[0], new Trail[0], false);

    private final int[] origins;
    private final Trail[] trails;
    private final boolean truncated;

    private Taint(int[] origins, Trail[] trails, boolean truncated) {
        this.origins = origins;
        this.trails = trails;
        this.truncated = truncated;
    }

    static Taint of(int origin, Trail trail) {
        return new Taint(new int[] {origin}, new Trail[] {trail}, false);
    }

    boolean isEmpty() {
        return origins.length == 0;
    }

    int size() {
        return origins.length;
    }

    int origin(int i) {
        return origins[i];
    }

    Trail trail(int i) {
        return trails[i];
    }

    boolean truncated() {
        return truncated;
    }

    boolean contains(int origin) {
        return Arrays.binarySearch(origins, origin) >= 0;
    }

    /** Same origins (trails aside): the test for a fixed point. */
    boolean sameOrigins(Taint other) {
        return Arrays.equals(origins, other.origins);
    }

    Taint join(Taint other) {
        if (other.isEmpty() || other == this) {
            return this;
        }
        if (isEmpty()) {
            return other;
        }
        int[] o = new int[origins.length + other.origins.length];
        Trail[] t = new Trail[o.length];
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < origins.length || j < other.origins.length) {
            if (j >= other.origins.length || (i < origins.length && origins[i] < other.origins[j])) {
                o[n] = origins[i];
                t[n++] = trails[i++];
            } else if (i >= origins.length || other.origins[j] < origins[i]) {
                o[n] = other.origins[j];
                t[n++] = other.trails[j++];
            } else {
                o[n] = origins[i];
                t[n++] = trails[i++];
                j++;
            }
        }
        if (n == origins.length && !other.truncated) {
            return this;
        }
        boolean cut = truncated || other.truncated || n > MAX_ORIGINS;
        int keep = Math.min(n, MAX_ORIGINS);
        return new Taint(Arrays.copyOf(o, keep), Arrays.copyOf(t, keep), cut);
    }

    /** Every trail extended by {@code step}. */
    Taint step(FlowStep step) {
        return map(t -> Trail.add(t, step));
    }

    Taint map(UnaryOperator<Trail> f) {
        if (isEmpty()) {
            return this;
        }
        Trail[] t = new Trail[trails.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = f.apply(trails[i]);
        }
        return new Taint(origins, t, truncated);
    }
}
