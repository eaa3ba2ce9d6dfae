package dev.clearbox.analyzers.source.internal.flow;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * For each unit, which of its parameters reach its return value and the trail inside it: the
 * context-sensitive part of the analysis (a call's result carries the caller's own argument, not every
 * caller's). Grows monotonically during the fixed-point iteration; safe to read while it is updated.
 */
final class Summaries {
    private final AtomicReferenceArray<Map<Integer, Trail>> byUnit;

    Summaries(int units) {
        byUnit = new AtomicReferenceArray<>(units);
    }

    Map<Integer, Trail> get(int unit) {
        Map<Integer, Trail> m = byUnit.get(unit);
        return m == null ? Map.of() : m;
    }

    /**
     * Records a new summary. Returns the parameters it adds ({@link #bit} of each), 0 when it adds none:
     * only callers that passed data at one of those positions must then be analysed again.
     */
    long update(int unit, Map<Integer, Trail> paramsToReturn) {
        Map<Integer, Trail> old = get(unit);
        long added = 0;
        for (int p : paramsToReturn.keySet()) {
            if (!old.containsKey(p)) {
                added |= bit(p);
            }
        }
        if (added == 0) {
            return 0;
        }
        java.util.TreeMap<Integer, Trail> merged = new java.util.TreeMap<>(paramsToReturn);
        merged.putAll(old);
        byUnit.set(unit, java.util.Collections.unmodifiableMap(merged));
        return added;
    }

    /** The bit of parameter {@code p} in a parameter mask (parameters past 63 share the last bit). */
    static long bit(int p) {
        return 1L << Math.min(p, 63);
    }
}
