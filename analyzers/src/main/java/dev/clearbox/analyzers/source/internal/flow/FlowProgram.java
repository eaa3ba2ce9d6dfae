package dev.clearbox.analyzers.source.internal.flow;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.type.Type;
import dev.clearbox.analyzers.source.internal.ImportScope;
import dev.clearbox.analyzers.source.internal.ModelledCall;
import dev.clearbox.analyzers.source.internal.ParsedFile;
import dev.clearbox.analyzers.source.internal.ProjectIndex;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The analysed sources as the flow analysis sees them: every type (named, nested, local, anonymous),
 * every unit of code, the graph nodes (parameters, returns, thrown exceptions, fields, captured
 * variables, model sources and sinks) numbered in a fixed order, and the type hierarchy for dispatch.
 *
 * <p>Immutable: made only by {@link FlowProgramBuilder#build}, from collections the builder filled and
 * then gives up; every collection here (and in its {@link TypeInfo}s) is an unmodifiable view or copy.
 * Ancestors and call targets are memoized in the {@link TypeInfo}s: pure functions of a complete program.
 */
final class FlowProgram {
    /** What a graph node stands for; {@code DISPATCH}: a node of one unit's dispatching call (see {@link FlowGraph}). */
    enum Kind { PARAM, RETURN, THROWN, FIELD, CAPTURE, SOURCE, SINK, DISPATCH, CONTROL }

    /**
     * A call matched by name (a receiver of unknown type, a reflective call on a class not known) reaches every project
     * method of that name; with at most this many it gets dispatch nodes of its own, with more it shares the nodes of
     * its target set ({@link DispatchKey}) with the other calls of that name. No target is ever dropped.
     */
    static final int MAX_NAME_TARGETS = 8;
    /**
     * A dispatching call with at most this many targets gets dispatch nodes of its own; one with more shares the nodes
     * of its target set with every call of the same set ({@link DispatchKey}). No target is ever dropped.
     */
    static final int OWN_DISPATCH_TARGETS = 48;

    final ProjectIndex index;
    final List<Unit> units;
    final Map<String, TypeInfo> types;
    final Map<Node, TypeInfo> typesByNode;
    final Map<String, List<Unit>> unitsByName;
    final Map<String, List<TypeInfo>> fieldOwners;
    private final Map<CompilationUnit, Map<String, TypeInfo>> localTypes;
    final Map<Node, List<ModelledCall>> sources;
    final Map<Node, List<ModelledCall>> sinks;
    final Map<Node, Integer> sourceNodes;
    final Map<Node, Integer> sinkNodes;
    private final Map<String, List<TypeInfo>> libraryImplementors;
    final Set<String> transformerNames;
    private final List<Kind> kinds;
    private final List<Object> owners;
    private final Map<Integer, Integer> controlNodes;
    /** Every library call a step names for its transformer label ({@link FlowStep#labelCall}), by identity. */
    private final Set<Node> labelCalls = Collections.synchronizedSet(Collections.newSetFromMap(new java.util.IdentityHashMap<>()));

    /** What {@link FlowProgramBuilder} hands over: the collections it filled, which nothing else holds. */
    record Parts(ProjectIndex index, List<Unit> units, Map<String, TypeInfo> types, Map<Node, TypeInfo> typesByNode,
                 Map<String, List<Unit>> unitsByName, Map<String, List<TypeInfo>> fieldOwners,
                 Map<CompilationUnit, Map<String, TypeInfo>> localTypes, Map<Node, List<ModelledCall>> sources,
                 Map<Node, List<ModelledCall>> sinks, Map<Node, Integer> sourceNodes, Map<Node, Integer> sinkNodes,
                 Map<String, List<TypeInfo>> libraryImplementors, Set<String> transformerNames, List<Kind> kinds,
                 List<Object> owners, Map<Integer, Integer> controlNodes) {
    }

    /**
     * The program made of {@code b}'s collections. Maps are wrapped, not copied, so that their iteration order is
     * the one the builder made; their list values are wrapped in place.
     */
    FlowProgram(Parts b) {
        this.index = b.index();
        this.units = List.copyOf(b.units());
        this.types = Collections.unmodifiableMap(b.types());
        this.typesByNode = Collections.unmodifiableMap(b.typesByNode());
        this.unitsByName = sealed(b.unitsByName());
        this.fieldOwners = sealed(b.fieldOwners());
        b.localTypes().replaceAll((k, v) -> Collections.unmodifiableMap(v));
        this.localTypes = Collections.unmodifiableMap(b.localTypes());
        this.sources = sealed(b.sources());
        this.sinks = sealed(b.sinks());
        this.sourceNodes = Collections.unmodifiableMap(b.sourceNodes());
        this.sinkNodes = Collections.unmodifiableMap(b.sinkNodes());
        this.libraryImplementors = sealed(b.libraryImplementors());
        this.transformerNames = Set.copyOf(b.transformerNames());
        this.kinds = List.copyOf(b.kinds());
        this.owners = List.copyOf(b.owners());
        this.controlNodes = Map.copyOf(b.controlNodes());
    }

    /** {@code call}, remembered as the label call of a step: its label is looked up before the trees are let go. */
    Node labelCall(Node call) {
        labelCalls.add(call);
        return call;
    }

    /** The label calls of the steps made so far ({@link #labelCall}), a set by identity (nodes compare by structure). */
    Set<Node> labelCalls() {
        Set<Node> out = Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        synchronized (labelCalls) {
            out.addAll(labelCalls);
        }
        return out;
    }

    /**
     * With implicit flows (opt-in): each unit's control node, which what decides whether the unit runs (the data of the
     * conditions its call sites sit under) reaches; -1 without.
     */
    int controlNode(Unit u) {
        return controlNodes.getOrDefault(u.id, -1);
    }

    /** True when the analysis follows implicit flows: data that decides whether a sink runs (control dependence). */
    boolean implicitFlows() {
        return !controlNodes.isEmpty();
    }

    private static <K, V> Map<K, List<V>> sealed(Map<K, List<V>> lists) {
        lists.replaceAll((k, v) -> Collections.unmodifiableList(v));
        return Collections.unmodifiableMap(lists);
    }

    int nodeCount() {
        return kinds.size();
    }

    /** The kind of a node; nodes past {@link #nodeCount()} are the units' own, numbered by {@link FlowGraph}. */
    Kind kind(int node) {
        return node < kinds.size() ? kinds.get(node) : Kind.DISPATCH;
    }

    /** The unit of a parameter, return or thrown node; the type of a field or capture; the call of a source or sink. */
    Object owner(int node) {
        return owners.get(node);
    }

    /** The nearest type declared around {@code n} (not counting {@code n} itself). */
    TypeInfo enclosingType(Node n) {
        return enclosingType(typesByNode, n);
    }

    /** The nearest type of {@code typesByNode} declared around {@code n} (not counting {@code n} itself). */
    static TypeInfo enclosingType(Map<Node, TypeInfo> typesByNode, Node n) {
        Optional<Node> p = n.getParentNode();
        while (p.isPresent()) {
            TypeInfo t = typesByNode.get(p.get());
            if (t != null) {
                return t;
            }
            p = p.get().getParentNode();
        }
        return null;
    }

    /**
     * The fully-qualified name of a type written at {@code at} (in whichever file holds it), or null.
     * Local classes of that file first.
     */
    String resolveType(ParsedFile file, Node at, String written) {
        return resolveType(index, localTypes, file, at, written);
    }

    /** {@link #resolveType(ParsedFile, Node, String)} against the local classes known so far. */
    static String resolveType(ProjectIndex index, Map<CompilationUnit, Map<String, TypeInfo>> localTypes,
                              ParsedFile file, Node at, String written) {
        CompilationUnit cu = at.findCompilationUnit().orElse(file.unit());
        Map<String, TypeInfo> locals = localTypes.get(cu);
        if (locals != null && locals.containsKey(written)) {
            return locals.get(written).fqn;
        }
        ImportScope scope = index.scopeOf(cu);
        return scope == null ? null : scope.resolveType(written).orElse(null);
    }

    /** Project types that are {@code t} or above it, nearest first. */
    List<TypeInfo> selfAndAncestors(TypeInfo t) {
        List<TypeInfo> known = t.selfAndAncestors;
        if (known != null) {
            return known;
        }
        List<TypeInfo> computed = computeSelfAndAncestors(t);
        t.selfAndAncestors = computed;
        return computed;
    }

    private List<TypeInfo> computeSelfAndAncestors(TypeInfo t) {
        List<TypeInfo> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Deque<TypeInfo> queue = new ArrayDeque<>();
        queue.add(t);
        while (!queue.isEmpty() && out.size() < 64) {
            TypeInfo x = queue.poll();
            if (!seen.add(x.fqn)) {
                continue;
            }
            out.add(x);
            for (String s : x.supers) {
                TypeInfo sup = types.get(s);
                if (sup != null) {
                    queue.add(sup);
                }
            }
        }
        return List.copyOf(out);
    }

    /**
     * The units a call of {@code name/arity} on a receiver of static type {@code t} may run: the nearest
     * implementation at or above {@code t} and, when {@code dispatch}, every override below it (all of them, however
     * many: a call with many shares its dispatch nodes, see {@link #OWN_DISPATCH_TARGETS}).
     */
    List<Unit> targets(TypeInfo t, String name, int arity, boolean dispatch) {
        String key = TypeInfo.methodKey(name, arity);
        List<Unit> known = t.targets.get(dispatch ? key : "-" + key);
        if (known == null) {
            known = List.copyOf(computeTargets(t, key, dispatch));
            List<Unit> raced = t.targets.putIfAbsent(dispatch ? key : "-" + key, known);
            known = raced != null ? raced : known;
        }
        return known;
    }

    private List<Unit> computeTargets(TypeInfo t, String key, boolean dispatch) {
        List<Unit> out = new ArrayList<>();
        for (TypeInfo x : selfAndAncestors(t)) {
            List<Unit> found = x.methods.get(key);
            if (found != null) {
                out.addAll(found);
                break;
            }
        }
        if (dispatch) {
            Deque<TypeInfo> queue = new ArrayDeque<>(t.subtypes);
            Set<String> seen = new HashSet<>();
            Set<Unit> added = new HashSet<>(out);
            while (!queue.isEmpty()) {
                TypeInfo x = queue.poll();
                if (!seen.add(x.fqn)) {
                    continue;
                }
                List<Unit> found = x.methods.get(key);
                if (found != null) {
                    for (Unit u : found) {
                        if (added.add(u)) {
                            out.add(u);
                        }
                    }
                }
                queue.addAll(x.subtypes);
            }
        }
        return out;
    }

    /** Project types declared to extend or implement the library type {@code fqn}. */
    List<TypeInfo> implementors(String fqn) {
        return libraryImplementors.getOrDefault(fqn, List.of());
    }

    /** True when {@code t} or a project type above it declares a method {@code name/arity}, with or without body. */
    boolean declaresMethod(TypeInfo t, String name, int arity) {
        String key = TypeInfo.methodKey(name, arity);
        for (TypeInfo x : selfAndAncestors(t)) {
            if (x.methodReturnTypes.containsKey(key)) {
                return true;
            }
        }
        return false;
    }

    /** The field node for {@code name} seen from type {@code t}: its own, its project ancestors', its outer types'. */
    Integer field(TypeInfo t, String name) {
        for (TypeInfo scope = t; scope != null; scope = scope.outer) {
            for (TypeInfo x : selfAndAncestors(scope)) {
                Integer node = x.fields.get(name);
                if (node != null) {
                    return node;
                }
            }
        }
        return null;
    }

    /** The declared type of the field {@code name} seen from {@code t}, or null. */
    Type fieldType(TypeInfo t, String name) {
        for (TypeInfo scope = t; scope != null; scope = scope.outer) {
            for (TypeInfo x : selfAndAncestors(scope)) {
                Type type = x.fieldTypes.get(name);
                if (type != null) {
                    return type;
                }
            }
        }
        return null;
    }
}
