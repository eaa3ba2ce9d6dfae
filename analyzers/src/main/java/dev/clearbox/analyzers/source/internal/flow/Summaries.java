package dev.clearbox.analyzers.source.internal.flow;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * For each unit, which of its parameters reach its return value, and which reach the exceptions it lets escape,
 * with the trail inside it: the context-sensitive part of the analysis (a call's result, or the exception a
 * caller's handler receives, carries the caller's own argument, not every caller's). Grows monotonically during
 * the fixed-point iteration; safe to read while it is updated.
 */
final class Summaries {
    private final AtomicReferenceArray<Map<Integer, Trail>> byUnit;
    private final AtomicReferenceArray<Map<Integer, Trail>> thrownByUnit;

    Summaries(int units) {
        byUnit = new AtomicReferenceArray<>(units);
        thrownByUnit = new AtomicReferenceArray<>(units);
    }

    Map<Integer, Trail> get(int unit) {
        Map<Integer, Trail> m = byUnit.get(unit);
        return m == null ? Map.of() : m;
    }

    /** The parameters of {@code unit} whose data its escaping exceptions carry, with the trail inside it. */
    Map<Integer, Trail> thrown(int unit) {
        Map<Integer, Trail> m = thrownByUnit.get(unit);
        return m == null ? Map.of() : m;
    }

    /** Records what a unit's escaping exceptions carry; returns the parameters it adds, as {@link #update} does. */
    long updateThrown(int unit, Map<Integer, Trail> paramsToThrown) {
        return update(thrownByUnit, unit, paramsToThrown);
    }

    /**
     * Records a new summary. Returns the parameters it adds ({@link #bit} of each), 0 when it adds none:
     * only callers that passed data at one of those positions must then be analysed again.
     */
    long update(int unit, Map<Integer, Trail> paramsToReturn) {
        return update(byUnit, unit, paramsToReturn);
    }

    private static long update(AtomicReferenceArray<Map<Integer, Trail>> summaries, int unit, Map<Integer, Trail> params) {
        Map<Integer, Trail> old = summaries.get(unit);
        if (old == null) {
            old = Map.of();
        }
        long added = 0;
        for (int p : params.keySet()) {
            if (!old.containsKey(p)) {
                added |= bit(p);
            }
        }
        if (added == 0) {
            return 0;
        }
        java.util.TreeMap<Integer, Trail> merged = new java.util.TreeMap<>(params);
        merged.putAll(old);
        summaries.set(unit, java.util.Collections.unmodifiableMap(merged));
        return added;
    }

    /** The bit of parameter {@code p} in a parameter mask (parameters past 63 share the last bit). */
    static long bit(int p) {
        return 1L << Math.min(p, 63);
    }
}
