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

    /** Records a new summary; true when it adds a parameter (callers must then be analysed again). */
    boolean update(int unit, Map<Integer, Trail> paramsToReturn) {
        Map<Integer, Trail> old = get(unit);
        if (old.keySet().containsAll(paramsToReturn.keySet())) {
            return false;
        }
        java.util.TreeMap<Integer, Trail> merged = new java.util.TreeMap<>(paramsToReturn);
        merged.putAll(old);
        byUnit.set(unit, java.util.Collections.unmodifiableMap(merged));
        return true;
    }
}
