package dev.clearbox.analyzers.source.internal.flow;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

class CallLevelsTest {
    /** Unit {@code i} calls the units listed in {@code calls[i]}. */
    private static UnitResult[] graph(int[]... calls) {
        UnitResult[] results = new UnitResult[calls.length];
        for (int u = 0; u < calls.length; u++) {
            List<UnitResult.CallSite> sites = new ArrayList<>();
            for (int t : calls[u]) {
                sites.add(new UnitResult.CallSite(t, null));
            }
            results[u] = new UnitResult(Map.of(), List.of(), sites, List.of(), 0, Map.of());
        }
        return results;
    }

    @Test
    void calleesComeBeforeTheirCallers() {
        // 0 -> 1 -> 2, and 0 -> 2 directly; 3 calls nothing
        assertArrayEquals(new int[] {2, 1, 0, 0}, CallLevels.of(graph(new int[] {1, 2}, new int[] {2}, new int[] {}, new int[] {})));
    }

    @Test
    void aCycleSharesOneLevelAboveWhatItCalls() {
        // 1 <-> 2 (a cycle) calling 3; 0 calls into the cycle; 2 also calls itself
        int[] levels = CallLevels.of(graph(new int[] {1}, new int[] {2}, new int[] {1, 2, 3}, new int[] {}));
        assertArrayEquals(new int[] {2, 1, 1, 0}, levels);
    }

    @Test
    void deepChainsDoNotOverflowTheStack() {
        int n = 100_000;
        int[][] calls = new int[n][];
        for (int u = 0; u < n; u++) {
            calls[u] = u + 1 < n ? new int[] {u + 1} : new int[] {};
        }
        int[] levels = CallLevels.of(graph(calls));
        assertArrayEquals(new int[] {n - 1, n - 2}, new int[] {levels[0], levels[1]});
    }
}
