package dev.clearbox.analyzers.source.internal.flow;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * For each unit, which of its parameters reach its return value, and which reach the exceptions it lets escape,
 * with the trail inside it: the context-sensitive part of the analysis (a call's result, or the exception a
 * caller's handler receives, carries the caller's own argument, not every caller's). Grows monotonically during
 * the fixed-point iteration; safe to read while it is updated. Updated only between the passes of the analysis, so
 * that {@link #joined} (computed during a pass) holds for the whole pass.
 */
final class Summaries {
    private final AtomicReferenceArray<Map<Integer, Trail>> byUnit;
    private final AtomicReferenceArray<Map<Integer, Trail>> thrownByUnit;
    /** Memo of {@link #joined}, emptied whenever a summary grows. */
    private final Map<DispatchKey, Joined> joined = new ConcurrentHashMap<>();

    /**
     * One summary entry of one target that a call of a shared target set applies: the data of the call's arguments
     * {@code from..last} reaches {@code target}'s return (or its escaping exceptions) along {@code inside}.
     */
    record Entry(Unit target, int from, int last, Trail inside) {
    }

    /**
     * The summaries of a target set, joined: the entries that can give some argument's data its trail, in the order
     * the targets and their entries come. Joining a value keeps the trail it already has for an origin, so an entry
     * whose arguments all have an earlier entry can never change a result and is left out: at most one entry per
     * argument remains, however many targets the set has.
     */
    record Joined(List<Entry> returned, List<Entry> thrown) {
    }

    /** The {@link Joined} summaries of {@code targets} (those of {@code key}), as they are in this pass. */
    Joined joined(DispatchKey key, List<Unit> targets) {
        Joined known = joined.get(key);
        if (known == null) {
            known = new Joined(entries(byUnit, targets, key.arguments()), entries(thrownByUnit, targets, key.arguments()));
            joined.putIfAbsent(key, known);
        }
        return known;
    }

    private static List<Entry> entries(AtomicReferenceArray<Map<Integer, Trail>> summaries, List<Unit> targets,
                                       int arguments) {
        List<Entry> out = new ArrayList<>();
        boolean[] covered = new boolean[arguments];
        int left = arguments;
        for (int t = 0; t < targets.size() && left > 0; t++) {
            Unit u = targets.get(t);
            Map<Integer, Trail> summary = summaries.get(u.id);
            if (summary == null) {
                continue;
            }
            for (Map.Entry<Integer, Trail> s : summary.entrySet()) {
                int from = s.getKey();
                int last = from == u.params.size() - 1 ? arguments - 1 : Math.min(from, arguments - 1);
                boolean adds = false;
                for (int i = from; i <= last; i++) {
                    if (!covered[i]) {
                        covered[i] = true;
                        left--;
                        adds = true;
                    }
                }
                if (adds) {
                    out.add(new Entry(u, from, last, s.getValue()));
                }
            }
        }
        return List.copyOf(out);
    }

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

    private long update(AtomicReferenceArray<Map<Integer, Trail>> summaries, int unit, Map<Integer, Trail> params) {
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
        joined.clear();
        return added;
    }

    /** The bit of parameter {@code p} in a parameter mask (parameters past 63 share the last bit). */
    static long bit(int p) {
        return 1L << Math.min(p, 63);
    }
}
