package dev.clearbox.analyzers.source.internal.flow;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Levels of the call graph, callees first: a unit that calls no other unit is at level 0, a unit at level
 * {@code k} calls only units below {@code k} or in its own cycle (the units of one strongly connected
 * component share a level). Re-analysing level by level lets each caller see its callees' final summaries
 * instead of being analysed again for every callee that changes in a later round.
 */
final class CallLevels {
    private CallLevels() {
    }

    /** The level of each unit, from the call sites its last analysis found. */
    static int[] of(UnitResult[] results) {
        int n = results.length;
        int[][] callees = new int[n][];
        for (int u = 0; u < n; u++) {
            callees[u] = results[u].calls().stream().mapToInt(UnitResult.CallSite::target).distinct().toArray();
        }
        int[] component = new int[n];
        List<int[]> components = components(callees, component);
        int[] componentLevel = new int[components.size()];
        // Tarjan's algorithm closes a component after every component it reaches: callees first.
        for (int c = 0; c < components.size(); c++) {
            int level = 0;
            for (int u : components.get(c)) {
                for (int t : callees[u]) {
                    if (component[t] != c) {
                        level = Math.max(level, componentLevel[component[t]] + 1);
                    }
                }
            }
            componentLevel[c] = level;
        }
        int[] level = new int[n];
        for (int u = 0; u < n; u++) {
            level[u] = componentLevel[component[u]];
        }
        return level;
    }

    /** Tarjan's strongly connected components, iteratively (call chains can be deep). */
    private static List<int[]> components(int[][] edges, int[] component) {
        int n = edges.length;
        int[] index = new int[n];
        int[] low = new int[n];
        boolean[] onStack = new boolean[n];
        Arrays.fill(index, -1);
        int[] stack = new int[n];
        int sp = 0;
        int[] callStack = new int[n];
        int[] edgePos = new int[n];
        int next = 0;
        List<int[]> out = new ArrayList<>();
        for (int root = 0; root < n; root++) {
            if (index[root] >= 0) {
                continue;
            }
            int depth = 0;
            callStack[depth] = root;
            edgePos[root] = 0;
            index[root] = low[root] = next++;
            stack[sp++] = root;
            onStack[root] = true;
            while (depth >= 0) {
                int v = callStack[depth];
                if (edgePos[v] < edges[v].length) {
                    int w = edges[v][edgePos[v]++];
                    if (index[w] < 0) {
                        index[w] = low[w] = next++;
                        stack[sp++] = w;
                        onStack[w] = true;
                        edgePos[w] = 0;
                        callStack[++depth] = w;
                    } else if (onStack[w]) {
                        low[v] = Math.min(low[v], index[w]);
                    }
                    continue;
                }
                if (low[v] == index[v]) {
                    int size = 0;
                    for (int i = sp - 1; stack[i] != v; i--) {
                        size++;
                    }
                    int[] members = new int[size + 1];
                    for (int i = 0; i <= size; i++) {
                        int w = stack[--sp];
                        onStack[w] = false;
                        component[w] = out.size();
                        members[i] = w;
                    }
                    out.add(members);
                }
                depth--;
                if (depth >= 0) {
                    int parent = callStack[depth];
                    low[parent] = Math.min(low[parent], low[v]);
                }
            }
        }
        return out;
    }
}
