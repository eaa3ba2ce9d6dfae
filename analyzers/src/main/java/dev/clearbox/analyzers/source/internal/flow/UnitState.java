package dev.clearbox.analyzers.source.internal.flow;

import com.github.javaparser.ast.Node;
import dev.clearbox.analyzers.source.SourceCoverage;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Everything one analysis of one unit accumulates, in one place: the unit analysed (read only), the
 * operation budget, the frames of the returns, {@code try} blocks and {@code switch} expressions being
 * interpreted, and the effects that make its {@link UnitResult}: graph edges, project calls, limits hit,
 * summaries read, the call's own dispatch nodes, the callees whose escaping exceptions are linked.
 *
 * <p>{@link UnitInterpreter}, {@link Expressions} and {@link Calls} hold no per-unit state: each of their
 * methods that has an effect beyond the {@link Env} it is given takes the {@code UnitState} it acts on;
 * {@link Types} reads only the program and the unit. Not thread-safe; one per analysis of one unit.
 */
final class UnitState {
    /** Statements and expressions evaluated per unit before it is cut short. */
    static final int MAX_OPERATIONS = 200_000;
    /** Longest call text in a coverage item. */
    static final int MAX_CALL_TEXT = 120;

    final Unit unit;
    /** Per local name: {value} when it is a local (value null when not constant), {} when it is not a local. */
    final Map<String, Object[]> localConstants = new HashMap<>();
    /** Per local name: {its declaration} when it is initialised and never assigned again, else {null} ({@link Reflection}). */
    final Map<String, Object[]> onceAssigned = new HashMap<>();
    private final List<UnitResult.Edge> edges = new ArrayList<>();
    private final Map<Integer, UnitResult.CallSite> callSites = new LinkedHashMap<>();
    private final List<String> limits = new ArrayList<>();
    /** Returned values of the unit (bottom) and of the lambdas being evaluated inline (above). */
    private final Deque<Taint[]> returnFrames = new ArrayDeque<>();
    /** The try statements being interpreted, innermost first. */
    private final Deque<TryFrame> tryFrames = new ArrayDeque<>();
    /** Values yielded by the switch expressions being interpreted, innermost first. */
    private final Deque<Taint[]> yieldFrames = new ArrayDeque<>();
    /** Nodes of this analysis only ({@code -1, -2, ...}), numbered by {@link FlowGraph} afterwards: per dispatching call, its result then its arguments. */
    private final Map<Node, int[]> dispatchNodes = new IdentityHashMap<>();
    private int localNodes;
    /** Per target set with shared nodes that this unit calls: its own nodes standing for them ({@link UnitResult.Shared}). */
    private final Map<DispatchKey, int[]> shared = new LinkedHashMap<>();
    /** Per shared target set: the arguments (a {@link Summaries#bit} mask) its targets' summaries were read for. */
    private final Map<DispatchKey, Long> sharedConsulted = new HashMap<>();
    /** Shared target sets whose escaping exceptions this unit already receives. */
    private final Set<DispatchKey> sharedThrownLinked = new HashSet<>();
    /** For each unit whose summary this analysis read: the parameters it passed data to (a {@link Summaries#bit} mask). */
    private final Map<Integer, Long> consulted = new HashMap<>();
    /** Callees whose escaping exceptions this unit already receives. */
    private final Set<Integer> thrownLinked = new HashSet<>();
    /** Reflective calls whose targets are not (fully) known, in the order met, each once. */
    private final List<SourceCoverage.UnresolvedCall> unresolved = new ArrayList<>();
    private final Set<Node> unresolvedCalls = Collections.newSetFromMap(new IdentityHashMap<>());
    /** Origins already linked to the unit's escaping exceptions (a throw in a loop links once). */
    private final Set<Integer> escaped = new HashSet<>();
    /** The parameters the unit's escaping exceptions carry, with the trail inside it: its thrown summary. */
    private final Map<Integer, Trail> toThrown = new TreeMap<>();
    private int operations;
    private boolean cut;
    /** With implicit flows: the data of the conditions the current statement runs under, innermost last. */
    private final java.util.ArrayDeque<Taint> control = new java.util.ArrayDeque<>();

    UnitState(Unit unit) {
        this.unit = unit;
    }

    /** Counts one operation; false once the unit's budget is spent (the rest is skipped and reported). */
    boolean budget() {
        if (++operations <= MAX_OPERATIONS) {
            return true;
        }
        if (!cut) {
            cut = true;
            limits.add(unit.label + ": more than " + MAX_OPERATIONS + " operations, rest of the method not analysed");
        }
        return false;
    }

    /** True once the budget is spent. */
    boolean cut() {
        return cut;
    }

    /** Records where the analysis stopped early, one line. */
    void limit(String line) {
        limits.add(line);
    }

    /** Records a call whose target the analysis could not tell ({@code why}), for the coverage; once per call. */
    void unresolved(Node call, String why) {
        if (unresolvedCalls.add(call)) { // by identity: a node's hash reads its whole subtree
            unresolved.add(new SourceCoverage.UnresolvedCall(unit.file.relativePath(),
                    call.getBegin().map(p -> p.line).orElse(0), "reflection: " + callText(call) + " (" + why + ")"));
        }
    }

    private static String callText(Node call) {
        String text = call.toString().strip().replaceAll("\\s+", " ");
        return text.length() > MAX_CALL_TEXT ? text.substring(0, MAX_CALL_TEXT) + "…" : text;
    }

    FlowStep step(Node at, String note) {
        return new FlowStep(unit.file, at.getBegin().map(p -> p.line).orElse(0), unit.label, note, null);
    }

    /** The nodes of a dispatching call (its result, then one per argument), or null when it was not met yet in this analysis. */
    int[] dispatchNodes(Node call) {
        return dispatchNodes.get(call);
    }

    /** New local nodes for a dispatching call ({@code -1} is this analysis' first), kept for the next time it is met. */
    int[] newDispatchNodes(Node call, int arguments) {
        int[] nodes = new int[1 + arguments];
        for (int i = 0; i < nodes.length; i++) {
            nodes[i] = -(++localNodes);
        }
        dispatchNodes.put(call, nodes);
        return nodes;
    }

    /** This unit's nodes for the shared nodes of {@code key} (made the first time the set is called here). */
    int[] sharedNodes(DispatchKey key) {
        return shared.computeIfAbsent(key, k -> {
            int[] nodes = new int[k.nodes()];
            for (int i = 0; i < nodes.length; i++) {
                nodes[i] = -(++localNodes);
            }
            return nodes;
        });
    }

    /**
     * True when a call of the shared set {@code key} passes data at arguments ({@code mask}) for which this unit has
     * not yet read the targets' summaries: the first call of a set in a unit, and one that passes data at more
     * arguments. Only then must the call record its targets (call graph, {@link #consulted}) again.
     */
    boolean consultsShared(DispatchKey key, long mask) {
        Long before = sharedConsulted.get(key);
        if (before != null && (before | mask) == before) {
            return false;
        }
        sharedConsulted.put(key, before == null ? mask : before | mask);
        return true;
    }

    /** As {@link #linkThrown(int)}, for the shared escaping-exception node of a target set. */
    boolean linkThrown(DispatchKey key) {
        return sharedThrownLinked.add(key) | !tryFrames.isEmpty();
    }

    /** Records that a call read unit {@code target}'s summary with data at the parameters of {@code mask}. */
    void consulted(int target, long mask) {
        consulted.merge(target, mask, (a, b) -> a | b);
    }

    /** Records a call of project unit {@code target} (the first step that calls it is kept). */
    void calls(int target, FlowStep at) {
        if (!callSites.containsKey(target)) { // no call site made for the calls met again
            callSites.put(target, new UnitResult.CallSite(target, at));
        }
    }

    /**
     * True when the exceptions a call of {@code target} lets escape must be linked here: the first time a call of it
     * is met, and at every call inside a try statement, whose handlers receive them from that call on.
     */
    boolean linkThrown(int target) {
        return thrownLinked.add(target) | !tryFrames.isEmpty();
    }

    /** The statements interpreted until {@link #popControl} run only as {@code decides} says (implicit flows). */
    void pushControl(Taint decides) {
        control.addLast(decides);
    }

    void popControl() {
        control.removeLast();
    }

    /** The data that decides whether the current statement runs: every enclosing condition's (implicit flows). */
    Taint control() {
        Taint t = Taint.EMPTY;
        for (Taint c : control) {
            t = t.join(c);
        }
        return t;
    }

    /** One edge from node {@code from} to node {@code to}, its trail the single step {@code at}. */
    void link(int from, int to, FlowStep at) {
        edges.add(new UnitResult.Edge(from, to, Trail.add(null, at), unit.id));
    }

    /** Edges from every origin of {@code value} to {@code target}, each trail ending with {@code at}. */
    void emit(Taint value, int target, FlowStep at) {
        for (int i = 0; i < value.size(); i++) {
            edges.add(new UnitResult.Edge(value.origin(i), target, Trail.add(value.trail(i), at), unit.id));
        }
    }

    /**
     * Edges from every origin of {@code value} (other than {@code target} itself) to {@code target}, each trail as the
     * value has it: for data whose last step already says where it was stored (a fresh object's field, written into
     * its field node when the object escapes), so the path reads as if it had been stored there at once.
     */
    void emitAsIs(Taint value, int target) {
        for (int i = 0; i < value.size(); i++) {
            if (value.origin(i) != target) {
                edges.add(new UnitResult.Edge(value.origin(i), target, value.trail(i), unit.id));
            }
        }
    }

    /**
     * A thrown value: held by the catch parameters of the try statements being interpreted, innermost first, up to
     * one whose handlers take every exception; without one, it also escapes the unit: data of the unit's own
     * parameters goes into its thrown summary (applied at each call with that call's arguments), other data to its
     * escaping-exception node.
     */
    void thrown(Taint value, Node at) {
        if (value.isEmpty()) {
            return;
        }
        for (TryFrame f : tryFrames) {
            if (f.catches) {
                f.caught = f.caught.join(value);
            }
            if (f.catchesAll) {
                return;
            }
        }
        FlowStep step = null; // made once an origin escapes for the first time: most thrown values escaped before
        for (int i = 0; i < value.size(); i++) {
            int origin = value.origin(i);
            if (escaped.add(origin)) {
                if (step == null) {
                    step = step(at, "escapes " + unit.shortLabel);
                }
                if (origin >= unit.paramNode(0) && origin < unit.returnNode()) {
                    toThrown.put(origin - unit.paramNode(0), Trail.add(value.trail(i), step));
                } else {
                    edges.add(new UnitResult.Edge(origin, unit.thrownNode(), Trail.add(value.trail(i), step), unit.id));
                }
            }
        }
    }

    /** True while a try statement is interpreted: throw points matter. */
    boolean inTry() {
        return !tryFrames.isEmpty();
    }

    /**
     * {@code env} is the state at a point that can throw: it reaches the handlers of the try statements being
     * interpreted, innermost first, up to one that takes every exception or has a {@code finally} (which passes
     * its own end state on).
     */
    void mayThrow(Env env) {
        if (env.dead) {
            return;
        }
        for (TryFrame f : tryFrames) {
            f.thrown.join(env);
            if (f.stopsExceptions()) {
                return;
            }
        }
    }

    /** {@code env} is the state before a statement: it reaches the handlers that take errors raised anywhere. */
    void point(Env env) {
        if (env.dead) {
            return;
        }
        for (TryFrame f : tryFrames) {
            if (!f.everyPoint) {
                return;
            }
            f.thrown.join(env);
            if (f.stopsExceptions()) {
                return;
            }
        }
    }

    /**
     * {@code env} is the state at a {@code return} (or a {@code yield}): it reaches the innermost {@code finally}
     * block the statement leaves, of a try statement begun in the same method or lambda (switch expression).
     */
    void exiting(Env env, boolean yield) {
        if (env.dead) {
            return;
        }
        for (TryFrame f : tryFrames) {
            if (yield ? f.yieldDepth != yieldFrames.size() : f.returnDepth != returnFrames.size()) {
                return;
            }
            if (f.hasFinally) {
                f.exits.join(env);
                if (yield) {
                    f.yields = true;
                } else {
                    f.returns = true;
                }
                return;
            }
        }
    }

    /** Starts collecting the values returned by the unit or by a lambda evaluated inline. */
    void pushReturn(Taint[] frame) {
        returnFrames.push(frame);
    }

    void popReturn() {
        returnFrames.pop();
    }

    /** Adds a returned value to the innermost return frame. */
    void returned(Taint value) {
        Taint[] frame = returnFrames.peek();
        frame[0] = frame[0].join(value);
    }

    /** True while a lambda body is evaluated inline (a {@code return} there ends the lambda, not the unit). */
    boolean inLambda() {
        return returnFrames.size() > 1;
    }

    /**
     * Starts collecting what reaches the handlers and the {@code finally} block of a try statement (see
     * {@link TryFrame}); {@code everyPoint} is inherited from the enclosing one.
     */
    TryFrame pushTry(boolean catches, boolean catchesAll, boolean hasFinally, boolean everyPoint) {
        boolean inherited = !tryFrames.isEmpty() && tryFrames.peek().everyPoint;
        TryFrame frame = new TryFrame(catches, catchesAll, hasFinally, everyPoint || inherited && !catchesAll,
                returnFrames.size(), yieldFrames.size());
        tryFrames.push(frame);
        return frame;
    }

    void popTry() {
        tryFrames.pop();
    }

    /** Starts collecting what the entries of a switch expression yield. */
    void pushYield(Taint[] frame) {
        yieldFrames.push(frame);
    }

    void popYield() {
        yieldFrames.pop();
    }

    /** Adds a yielded value to the innermost switch expression; nothing outside one. */
    void yielded(Taint value) {
        if (!yieldFrames.isEmpty()) {
            yieldFrames.peek()[0] = yieldFrames.peek()[0].join(value);
        }
    }

    /** The result of the analysis, {@code returned} being what the unit itself returns. */
    UnitResult result(Taint returned) {
        Map<Integer, Trail> toReturn = new TreeMap<>();
        for (int i = 0; i < returned.size(); i++) {
            int origin = returned.origin(i);
            if (origin >= unit.paramNode(0) && origin < unit.returnNode()) {
                toReturn.put(origin - unit.paramNode(0), returned.trail(i));
            } else {
                edges.add(new UnitResult.Edge(origin, unit.returnNode(), returned.trail(i), unit.id));
            }
        }
        if (returned.truncated()) {
            limits.add(unit.label + ": returned value has more than " + Taint.MAX_ORIGINS + " origins; some dropped");
        }
        return new UnitResult(toReturn, List.copyOf(edges), List.copyOf(callSites.values()), List.copyOf(limits),
                localNodes, Map.copyOf(consulted), java.util.Collections.unmodifiableMap(new TreeMap<>(toThrown)),
                List.copyOf(unresolved), shared.entrySet().stream()
                        .map(e -> new UnitResult.Shared(e.getKey(), e.getValue())).toList());
    }
}
