package dev.clearbox.analyzers.source.internal.flow;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.body.EnumDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.InitializerDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.RecordDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.stmt.LocalClassDeclarationStmt;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.ast.type.Type;
import dev.clearbox.analyzers.capability.Role;
import dev.clearbox.analyzers.source.internal.ImportScope;
import dev.clearbox.analyzers.source.internal.ModelledCall;
import dev.clearbox.analyzers.source.internal.ParsedFile;
import dev.clearbox.analyzers.source.internal.ProjectIndex;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The analysed sources as the flow analysis sees them: every type (named, nested, local, anonymous),
 * every unit of code, the graph nodes (parameters, returns, thrown exceptions, fields, captured
 * variables, model sources and sinks) numbered in a fixed order, and the type hierarchy for dispatch.
 * Built once, read-only afterwards.
 */
final class FlowProgram {
    enum Kind { PARAM, RETURN, THROWN, FIELD, CAPTURE, SOURCE, SINK }

    /** Calls on a receiver of unknown type reach same-named project methods only when there are this few. */
    static final int MAX_NAME_TARGETS = 8;
    /** Dispatch to more implementations than this is cut (and reported). */
    static final int MAX_DISPATCH_TARGETS = 48;

    final ProjectIndex index;
    final List<Unit> units = new ArrayList<>();
    final Map<String, TypeInfo> types = new HashMap<>();
    final Map<Node, TypeInfo> typesByNode = new IdentityHashMap<>();
    final Map<String, List<Unit>> unitsByName = new HashMap<>();
    final Map<String, List<TypeInfo>> fieldOwners = new HashMap<>();
    final Map<CompilationUnit, Map<String, TypeInfo>> localTypes = new IdentityHashMap<>();
    final Map<Node, List<ModelledCall>> sources = new IdentityHashMap<>();
    final Map<Node, List<ModelledCall>> sinks = new IdentityHashMap<>();
    final Map<Node, Integer> sourceNodes = new IdentityHashMap<>();
    final Map<Node, Integer> sinkNodes = new IdentityHashMap<>();
    final Map<String, List<TypeInfo>> libraryImplementors = new HashMap<>();
    final Set<String> transformerNames = new HashSet<>();
    private final List<Kind> kinds = new ArrayList<>();
    private final List<Object> owners = new ArrayList<>();

    /** Set once the program is complete: from then on ancestors and call targets are memoized. */
    private boolean built;

    private FlowProgram(ProjectIndex index) {
        this.index = index;
    }

    /** The local and anonymous class declarations of a file, in source order (pure: may run in parallel). */
    static List<Node> localClasses(ParsedFile file) {
        return file.unit().findAll(Node.class, n -> n instanceof LocalClassDeclarationStmt
                || n instanceof ObjectCreationExpr o && o.getAnonymousClassBody().isPresent());
    }

    /** @param localClasses {@link #localClasses} of each file, in the order of {@code files} */
    static FlowProgram build(ProjectIndex index, List<ParsedFile> files, List<List<Node>> localClasses,
                             List<ModelledCall> calls) {
        FlowProgram p = new FlowProgram(index);
        for (int i = 0; i < files.size(); i++) {
            ParsedFile file = files.get(i);
            String pkg = file.unit().getPackageDeclaration().map(d -> d.getNameAsString()).orElse("");
            for (TypeDeclaration<?> type : file.unit().getTypes()) {
                p.addNamed(file, pkg.isEmpty() ? type.getNameAsString() : pkg + "." + type.getNameAsString(), type, null);
            }
            for (Node n : localClasses.get(i)) {
                p.addLocal(file, n);
            }
        }
        for (TypeInfo t : p.types.values()) {
            for (String s : t.supers) {
                TypeInfo sup = p.types.get(s);
                if (sup != null) {
                    sup.subtypes.add(t);
                } else {
                    p.libraryImplementors.computeIfAbsent(s, k -> new ArrayList<>()).add(t);
                }
            }
        }
        for (TypeInfo t : p.types.values()) {
            t.subtypes.sort(Comparator.comparing(x -> x.fqn));
        }
        p.libraryImplementors.values().forEach(l -> l.sort(Comparator.comparing(x -> x.fqn)));
        index.model().transformers().forEach(t -> p.transformerNames.add(t.method()));
        List<ModelledCall> sorted = new ArrayList<>(calls);
        sorted.sort(Comparator.comparing((ModelledCall c) -> c.file().relativePath()).thenComparingInt(ModelledCall::line)
                .thenComparingInt(ModelledCall::column).thenComparing(ModelledCall::api));
        for (ModelledCall c : sorted) {
            Role role = c.entry().role();
            Map<Node, List<ModelledCall>> byNode = role == Role.SOURCE ? p.sources : p.sinks;
            Map<Node, Integer> nodes = role == Role.SOURCE ? p.sourceNodes : p.sinkNodes;
            byNode.computeIfAbsent(c.call(), k -> new ArrayList<>()).add(c);
            if (!nodes.containsKey(c.call())) {
                nodes.put(c.call(), p.newNode(role == Role.SOURCE ? Kind.SOURCE : Kind.SINK, c));
            }
        }
        p.built = true;
        return p;
    }

    int nodeCount() {
        return kinds.size();
    }

    Kind kind(int node) {
        return kinds.get(node);
    }

    /** The unit of a parameter, return or thrown node; the type of a field or capture; the call of a source or sink. */
    Object owner(int node) {
        return owners.get(node);
    }

    private int newNode(Kind kind, Object owner) {
        kinds.add(kind);
        owners.add(owner);
        return kinds.size() - 1;
    }

    private void addNamed(ParsedFile file, String fqn, TypeDeclaration<?> decl, TypeInfo outer) {
        boolean isInterface = decl instanceof ClassOrInterfaceDeclaration c && c.isInterface();
        TypeInfo t = register(file, fqn, decl.getNameAsString(), decl, outer, isInterface);
        if (decl instanceof ClassOrInterfaceDeclaration c) {
            c.getExtendedTypes().forEach(s -> addSuper(t, file, c, s));
            c.getImplementedTypes().forEach(s -> addSuper(t, file, c, s));
        } else if (decl instanceof EnumDeclaration e) {
            e.getImplementedTypes().forEach(s -> addSuper(t, file, e, s));
        } else if (decl instanceof RecordDeclaration r) {
            r.getImplementedTypes().forEach(s -> addSuper(t, file, r, s));
            for (Parameter component : r.getParameters()) {
                t.recordComponents.add(component.getNameAsString());
                addField(t, component.getNameAsString(), component.getType());
            }
        }
        addMembers(file, t, decl.getMembers());
    }

    private void addLocal(ParsedFile file, Node n) {
        TypeInfo outer = enclosingType(n);
        if (outer == null) {
            return;
        }
        if (n instanceof LocalClassDeclarationStmt stmt) {
            ClassOrInterfaceDeclaration c = stmt.getClassDeclaration();
            String fqn = unique(outer.fqn + "$" + c.getNameAsString(), 1);
            TypeInfo t = register(file, fqn, c.getNameAsString(), c, outer, c.isInterface());
            c.getExtendedTypes().forEach(s -> addSuper(t, file, c, s));
            c.getImplementedTypes().forEach(s -> addSuper(t, file, c, s));
            localTypes.computeIfAbsent(file.unit(), f -> new HashMap<>()).putIfAbsent(c.getNameAsString(), t);
            addMembers(file, t, c.getMembers());
            addCaptures(t, c);
        } else if (n instanceof ObjectCreationExpr o) {
            String fqn = unique(outer.fqn + "$", 1);
            TypeInfo t = register(file, fqn, outer.simpleName + "$", o, outer, false);
            addSuper(t, file, o, o.getType());
            addMembers(file, t, o.getAnonymousClassBody().orElseThrow());
            addCaptures(t, o);
        }
    }

    /** {@code base} itself when it ends with a name and is free, else {@code base} with the first free number. */
    private String unique(String base, int from) {
        if (!base.endsWith("$") && !types.containsKey(base)) {
            return base;
        }
        for (int i = from; ; i++) {
            if (!types.containsKey(base + i)) {
                return base + i;
            }
        }
    }

    private TypeInfo register(ParsedFile file, String fqn, String simple, Node decl, TypeInfo outer, boolean isInterface) {
        TypeInfo t = new TypeInfo(fqn, simple, file, decl, outer, isInterface);
        types.putIfAbsent(fqn, t);
        typesByNode.put(decl, t);
        return t;
    }

    private void addSuper(TypeInfo t, ParsedFile file, Node at, ClassOrInterfaceType written) {
        String name = resolveType(file, at, written.getNameWithScope());
        if (name != null) {
            t.supers.add(name);
        }
    }

    private void addMembers(ParsedFile file, TypeInfo t, List<BodyDeclaration<?>> members) {
        List<Node> inits = new ArrayList<>();
        for (BodyDeclaration<?> member : members) {
            if (member instanceof FieldDeclaration field) {
                for (VariableDeclarator v : field.getVariables()) {
                    addField(t, v.getNameAsString(), v.getType());
                    if (v.getInitializer().isPresent()) {
                        inits.add(v);
                    }
                }
            } else if (member instanceof InitializerDeclaration init) {
                inits.add(init);
            } else if (member instanceof MethodDeclaration m) {
                t.methodReturnTypes.putIfAbsent(TypeInfo.methodKey(m.getNameAsString(), m.getParameters().size()), m.getType());
                if (m.getBody().isPresent()) {
                    Unit u = addUnit(file, t, m, null);
                    t.methods.computeIfAbsent(TypeInfo.methodKey(m.getNameAsString(), m.getParameters().size()),
                            k -> new ArrayList<>()).add(u);
                    unitsByName.computeIfAbsent(TypeInfo.methodKey(m.getNameAsString(), m.getParameters().size()),
                            k -> new ArrayList<>()).add(u);
                }
            } else if (member instanceof ConstructorDeclaration c) {
                t.constructors.add(addUnit(file, t, c, null));
            } else if (member instanceof TypeDeclaration<?> nested) {
                addNamed(file, t.fqn + "." + nested.getNameAsString(), nested, t);
            }
        }
        if (t.declaration instanceof EnumDeclaration e) {
            inits.addAll(e.getEntries());
        }
        if (!inits.isEmpty()) {
            t.initializer = addUnit(file, t, null, inits);
        }
    }

    private void addField(TypeInfo t, String name, Type type) {
        if (!t.fields.containsKey(name)) {
            t.fields.put(name, newNode(Kind.FIELD, t.fqn + "." + name));
            t.fieldTypes.put(name, type);
            fieldOwners.computeIfAbsent(name, k -> new ArrayList<>()).add(t);
        }
    }

    private void addCaptures(TypeInfo t, Node body) {
        Set<String> names = new LinkedHashSet<>();
        for (NameExpr n : body.findAll(NameExpr.class)) {
            names.add(n.getNameAsString());
        }
        for (String name : names) {
            t.captures.put(name, newNode(Kind.CAPTURE, t.fqn + " captures " + name));
        }
    }

    private Unit addUnit(ParsedFile file, TypeInfo t, CallableDeclaration<?> callable, List<Node> inits) {
        List<String> params = new ArrayList<>();
        String label;
        if (callable != null) {
            List<String> types = new ArrayList<>();
            for (Parameter param : callable.getParameters()) {
                params.add(param.getNameAsString());
                types.add(param.getType().asString());
            }
            String name = callable instanceof ConstructorDeclaration ? "<init>" : callable.getNameAsString();
            label = t.fqn + "#" + name + "(" + String.join(", ", types) + ")";
        } else {
            label = t.fqn + "#<initializers>";
        }
        int first = kinds.size();
        Unit u = new Unit(units.size(), file, t, label, callable, inits == null ? List.of() : List.copyOf(inits),
                List.copyOf(params), first);
        for (int i = 0; i < Unit.nodeCount(params.size()); i++) {
            newNode(i < params.size() ? Kind.PARAM : i == params.size() ? Kind.RETURN : Kind.THROWN, u);
        }
        units.add(u);
        return u;
    }

    /** The nearest type declared around {@code n} (not counting {@code n} itself). */
    TypeInfo enclosingType(Node n) {
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
        if (built) {
            t.selfAndAncestors = computed;
        }
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

    /** What {@link #targets} answered for one type, method and dispatch flag. */
    record Targets(List<Unit> units, boolean cut) {
    }

    /**
     * The units a call of {@code name/arity} on a receiver of static type {@code t} may run: the nearest
     * implementation at or above {@code t} and, when {@code dispatch}, every override below it.
     *
     * @param cut receives true when the targets were cut at {@link #MAX_DISPATCH_TARGETS}
     */
    List<Unit> targets(TypeInfo t, String name, int arity, boolean dispatch, boolean[] cut) {
        String key = TypeInfo.methodKey(name, arity);
        Targets known = built ? t.targets.get(dispatch ? key : "-" + key) : null;
        if (known == null) {
            boolean[] wasCut = {false};
            known = new Targets(List.copyOf(computeTargets(t, key, dispatch, wasCut)), wasCut[0]);
            if (built) {
                t.targets.putIfAbsent(dispatch ? key : "-" + key, known);
            }
        }
        if (known.cut()) {
            cut[0] = true;
        }
        return known.units();
    }

    private List<Unit> computeTargets(TypeInfo t, String key, boolean dispatch, boolean[] cut) {
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
            while (!queue.isEmpty()) {
                TypeInfo x = queue.poll();
                if (!seen.add(x.fqn)) {
                    continue;
                }
                List<Unit> found = x.methods.get(key);
                if (found != null) {
                    for (Unit u : found) {
                        if (!out.contains(u)) {
                            out.add(u);
                        }
                    }
                }
                if (out.size() > MAX_DISPATCH_TARGETS) {
                    cut[0] = true;
                    return out.subList(0, MAX_DISPATCH_TARGETS);
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
