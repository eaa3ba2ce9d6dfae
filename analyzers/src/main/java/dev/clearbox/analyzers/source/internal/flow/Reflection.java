package dev.clearbox.analyzers.source.internal.flow;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.ArrayCreationExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.ClassExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.NullLiteralExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import dev.clearbox.analyzers.capability.CapabilityEntry;
import dev.clearbox.analyzers.capability.Role;
import dev.clearbox.analyzers.source.internal.ModelledCall;
import dev.clearbox.analyzers.source.internal.ParsedFile;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reflective calls whose class and member names are constants: {@code Method.invoke} of a method obtained with
 * {@code getMethod}/{@code getDeclaredMethod} on a class given by {@code X.class}, {@code Class.forName("…")},
 * {@code loader.loadClass("…")} or {@code obj.getClass()}, and {@code Constructor.newInstance} /
 * {@code Class.newInstance}. Names are folded like conditions ({@code UnitInterpreter.constantString}: literals,
 * {@code static final} constants, never-reassigned locals, concatenations); the values are followed back through
 * never-reassigned locals and final fields with an initializer, at most {@link #MAX_DEPTH} steps.
 *
 * <p>Reads the program, the static {@link Types} and the unit's constants; changes nothing but its caches in the
 * {@link UnitState}. What it cannot
 * resolve (a name that is not constant, a class it cannot tell, a method value from a parameter, a method handle)
 * it says so, and the caller reports the call in the coverage.
 */
final class Reflection {
    /** How many locals, fields and casts a reflective value is followed back through. */
    static final int MAX_DEPTH = 8;

    private static final String METHOD = "java.lang.reflect.Method";
    private static final String CONSTRUCTOR = "java.lang.reflect.Constructor";
    private static final String CLASS = "java.lang.Class";
    private static final String METHOD_HANDLE = "java.lang.invoke.MethodHandle";
    private static final Set<String> CALLS = Set.of("invoke", "newInstance", "invokeExact", "invokeWithArguments");
    private static final Set<String> METHOD_LOOKUPS = Set.of("getMethod", "getDeclaredMethod");
    private static final Set<String> CONSTRUCTOR_LOOKUPS = Set.of("getConstructor", "getDeclaredConstructor");
    private static final Set<String> MEMBER_LISTS = Set.of("getMethods", "getDeclaredMethods", "getConstructors",
            "getDeclaredConstructors", "getEnclosingMethod", "getEnclosingConstructor");
    private static final Set<String> HANDLE_LOOKUPS = Set.of("findVirtual", "findStatic", "findSpecial",
            "findConstructor", "unreflect", "unreflectConstructor", "unreflectSpecial", "bind");

    private final FlowProgram program;
    private final Types types;
    private final Constants statements;

    /**
     * What reflection needs of the interpreter's constant folding, without naming the interpreter (which reaches
     * this class through {@link Calls}): {@link UnitInterpreter#constantString} and
     * {@link UnitInterpreter#onceAssignedLocal}.
     */
    interface Constants {
        /** The constant text of {@code e} seen from {@code owner} in the unit of {@code st}, or null. */
        String constantString(Expression e, TypeInfo owner, UnitState st);

        /** The declaration of a local of {@code unit} that is initialised and never assigned again, or null. */
        VariableDeclarator onceAssignedLocal(Unit unit, String name);
    }

    Reflection(FlowProgram program, Types types, Constants statements) {
        this.program = program;
        this.types = types;
        this.statements = statements;
    }

    /**
     * What a reflective call runs.
     *
     * @param written     the written arguments, a trailing array literal spread into its elements
     * @param first       where the reflected call's own arguments start in {@code written} (1 after
     *                    {@code invoke}'s receiver, 0 for {@code newInstance})
     * @param spreadAll   the reflected arguments are one array of unknown length: its data reaches every parameter
     * @param methods     the project methods it runs (empty when none, or a constructor)
     * @param constructed the project type whose constructors it runs, or null
     * @param label       what is called, for the steps of a path ({@code A.log}, {@code new A})
     * @param unresolved  why the target is not (fully) known, or null: the call is then a coverage item
     * @param library     the library class and method it calls ({@code java.net.InetAddress#getByName},
     *                    {@code #<init>} for a constructor), or null when that is not a library member
     * @param byName      the class is not known: {@code methods} are every project method of the name (and arity,
     *                    when it is written), however many, as for a call on a receiver of unknown type
     */
    record Resolution(List<Expression> written, int first, boolean spreadAll, List<Unit> methods,
                      TypeInfo constructed, String label, String unresolved, String library, boolean byName) {
        Resolution(List<Expression> written, int first, boolean spreadAll, List<Unit> methods,
                   TypeInfo constructed, String label, String unresolved, String library) {
            this(written, first, spreadAll, methods, constructed, label, unresolved, library, false);
        }

        Resolution(List<Expression> written, int first, boolean spreadAll, List<Unit> methods,
                   TypeInfo constructed, String label, String unresolved) {
            this(written, first, spreadAll, methods, constructed, label, unresolved, null);
        }
    }

    /** A class value: its name ({@code null} when unknown), the project type when it is one, and why it is unknown. */
    private record ClassRef(String fqn, TypeInfo type, String why) {
        static ClassRef unknown(String why) {
            return new ClassRef(null, null, why);
        }
    }

    /**
     * The resolution of {@code m} when it is a reflective call ({@code invoke}, {@code newInstance},
     * a method handle's {@code invoke...}), else null: an ordinary call.
     */
    Resolution resolve(MethodCallExpr m, Env env, UnitState st) {
        String name = m.getNameAsString();
        if (!CALLS.contains(name) || m.getScope().isEmpty()) {
            return null;
        }
        Expression scope = m.getScope().get();
        String scopeType = types.typeOf(st.unit, scope, env);
        Expression made = origin(scope, env, st);
        String lookup = made instanceof MethodCallExpr c ? c.getNameAsString() : "";
        if (!name.equals("newInstance")) {
            if (METHOD_HANDLE.equals(scopeType) || HANDLE_LOOKUPS.contains(lookup)) {
                return unresolved(m, 0, "method handle not followed");
            }
            if (!name.equals("invoke")) {
                return null;
            }
            if (METHOD_LOOKUPS.contains(lookup)) {
                return method(m, (MethodCallExpr) made, env, st);
            }
            if (METHOD.equals(scopeType) || fromMemberList(made)) {
                return unresolved(m, 1, "method not known: " + why(scope, made));
            }
            return null;
        }
        if (CONSTRUCTOR_LOOKUPS.contains(lookup)) {
            MethodCallExpr c = (MethodCallExpr) made;
            ClassRef owner = c.getScope().map(s -> classOf(s, env, st)).orElse(ClassRef.unknown("no class"));
            return constructor(m, owner, env, st);
        }
        if (m.getArguments().isEmpty()) {
            ClassRef owner = classOf(scope, env, st);
            if (owner.fqn() != null || CLASS.equals(scopeType)) {
                return constructor(m, owner, env, st);
            }
        }
        if (CONSTRUCTOR.equals(scopeType) || fromMemberList(made)) {
            return unresolved(m, 0, "constructor not known: " + why(scope, made));
        }
        return null;
    }

    /** {@code invoke} of the method that {@code lookup} ({@code getMethod}/{@code getDeclaredMethod}) returns. */
    private Resolution method(MethodCallExpr m, MethodCallExpr lookup, Env env, UnitState st) {
        ClassRef owner = lookup.getScope().map(s -> classOf(s, env, st)).orElse(ClassRef.unknown("no class"));
        String name = lookup.getArguments().isEmpty() ? null
                : statements.constantString(lookup.getArgument(0), st.unit.owner, st);
        List<Expression> written = spread(m.getArguments(), 1);
        boolean spreadAll = unknownLength(m.getArguments(), 1, written, env, st);
        if (name == null) {
            return new Resolution(written, 1, spreadAll, List.of(), null, null, "method name not constant");
        }
        List<Expression> paramTypes = lookup.getArguments().size() == 2
                && lookup.getArgument(1) instanceof ArrayCreationExpr a && a.getInitializer().isPresent()
                ? a.getInitializer().get().getValues() : lookup.getArguments().subList(1, lookup.getArguments().size());
        boolean typed = paramTypes.stream().allMatch(p -> p instanceof ClassExpr);
        int arity = typed ? paramTypes.size() : spreadAll ? -1 : written.size() - 1;
        if (owner.type() == null) {
            if (owner.fqn() != null) {
                return library(m, written, 1, spreadAll, owner.fqn(), name);
            }
            // the class is not known: every same-named project method, as for a receiver of unknown type (the call
            // is listed all the same: which of them runs is not known)
            List<Unit> byName = new ArrayList<>();
            for (int a : arities(program.unitsByName.keySet(), name, arity)) {
                byName.addAll(types.byName(name, a));
            }
            return new Resolution(written, 1, spreadAll, List.copyOf(byName), null, label(byName, name), owner.why(),
                    null, true);
        }
        boolean declaredOnly = lookup.getNameAsString().equals("getDeclaredMethod");
        List<Unit> out = new ArrayList<>();
        for (TypeInfo x : declaredOnly ? List.of(owner.type()) : program.selfAndAncestors(owner.type())) {
            for (int a : arities(x.methods.keySet(), name, arity)) {
                for (Unit u : program.targets(owner.type(), name, a, true)) {
                    if (!out.contains(u) && (!typed || parametersMatch(u, paramTypes, st))) {
                        out.add(u);
                    }
                }
            }
        }
        if (out.isEmpty()) {
            // not a project method: one of a library supertype, which may be a model source or sink
            for (TypeInfo x : program.selfAndAncestors(owner.type())) {
                for (String sup : x.supers) {
                    if (!program.types.containsKey(sup) && !modelEntries(sup, name).isEmpty()) {
                        return new Resolution(written, 1, spreadAll, List.of(), null, null,
                                "model API " + sup + "#" + name + " inherited by " + owner.type().simpleName
                                        + ", by reflection, not followed");
                    }
                }
            }
        }
        return new Resolution(written, 1, spreadAll, out, null, label(out, name), null);
    }

    /** {@code newInstance} of a constructor of {@code owner}. */
    private Resolution constructor(MethodCallExpr m, ClassRef owner, Env env, UnitState st) {
        int first = 0;
        List<Expression> written = spread(m.getArguments(), first);
        boolean spreadAll = unknownLength(m.getArguments(), first, written, env, st);
        if (owner.type() != null) {
            return new Resolution(written, first, spreadAll, List.of(), owner.type(), "new " + owner.type().simpleName, null);
        }
        if (owner.fqn() != null) {
            return library(m, written, first, spreadAll, owner.fqn(), "<init>");
        }
        return new Resolution(written, first, spreadAll, List.of(), null, null, owner.why());
    }

    /**
     * A library member called by reflection: an ordinary library call, unless the model names it as a source or sink
     * and the call was not registered as one ({@link #modelledCalls}, where this resolution needs the state of the
     * method at the call): then a coverage item.
     */
    private Resolution library(MethodCallExpr m, List<Expression> written, int first, boolean spreadAll, String type,
                               String member) {
        boolean modelled = !modelEntries(type, member).isEmpty();
        boolean registered = program.sinkNodes.containsKey(m) || program.sourceNodes.containsKey(m);
        return new Resolution(written, first, spreadAll, List.of(), null, null, modelled && !registered
                ? "model API " + type + "#" + member + " by reflection, not followed" : null, type + "#" + member);
    }

    private Resolution unresolved(MethodCallExpr m, int first, String why) {
        return new Resolution(m.getArguments(), first, true, List.of(), null, null, why);
    }

    /** The class a {@code Class} value stands for, or an unknown one with the reason. */
    private ClassRef classOf(Expression e, Env env, UnitState st) {
        Expression made = origin(e, env, st);
        if (made instanceof ClassExpr c) {
            String fqn = types.resolve(st.unit, c, c.getType());
            return fqn == null ? ClassRef.unknown("class " + c.getType() + " not resolved") : known(fqn);
        }
        if (made instanceof MethodCallExpr call) {
            String name = call.getNameAsString();
            if ((name.equals("forName") && isClassName(call.getScope().orElse(null)) || name.equals("loadClass"))
                    && !call.getArguments().isEmpty()) {
                String text = statements.constantString(call.getArgument(0), st.unit.owner, st);
                return text == null ? ClassRef.unknown("class name not constant") : known(text);
            }
            if (name.equals("getClass") && call.getArguments().isEmpty()) {
                Expression scope = call.getScope().orElse(null);
                if (scope == null || scope instanceof ThisExpr t && t.getTypeName().isEmpty()) {
                    return new ClassRef(st.unit.owner.fqn, st.unit.owner, null);
                }
                Expression allocated = origin(scope, env, st);
                String fqn = allocated instanceof ObjectCreationExpr o ? types.typeOf(st.unit, o, env)
                        : types.typeOf(st.unit, scope, env);
                return fqn == null ? ClassRef.unknown("class of " + scope + " not known") : known(fqn);
            }
        }
        return ClassRef.unknown("class not known: " + why(e, made));
    }

    private ClassRef known(String name) {
        TypeInfo t = program.types.get(name);
        if (t == null && name.indexOf('$') > 0) {
            t = program.types.get(name.replace('$', '.'));
        }
        return new ClassRef(t != null ? t.fqn : name, t, null);
    }

    private static boolean isClassName(Expression scope) {
        return scope instanceof NameExpr n && n.getNameAsString().equals("Class")
                || scope instanceof FieldAccessExpr f && f.toString().equals(CLASS);
    }

    /**
     * The expression that made the value of {@code e}: through parentheses, casts, never-reassigned locals and
     * final fields with an initializer, at most {@link #MAX_DEPTH} steps; {@code e} itself when it cannot be
     * followed (a parameter, a local assigned more than once).
     */
    private Expression origin(Expression e, Env env, UnitState st) {
        Expression at = e;
        for (int depth = 0; depth < MAX_DEPTH; depth++) {
            Expression next = null;
            if (at instanceof EnclosedExpr en) {
                next = en.getInner();
            } else if (at instanceof CastExpr c) {
                next = c.getExpression();
            } else if (at instanceof NameExpr n) {
                String name = n.getNameAsString();
                boolean local = env.isLocal(name) || once(name, st) != null;
                next = valueOf(name, st.unit.owner, local, st);
            } else if (at instanceof FieldAccessExpr f && f.getScope() instanceof ThisExpr t && t.getTypeName().isEmpty()) {
                next = valueOf(f.getNameAsString(), st.unit.owner, false, st);
            } else if (at instanceof FieldAccessExpr f && f.getScope() instanceof NameExpr s
                    && Character.isUpperCase(s.getNameAsString().charAt(0)) && !env.isLocal(s.getNameAsString())) {
                String fqn = program.resolveType(st.unit.file, f, s.getNameAsString());
                TypeInfo holder = fqn == null ? null : program.types.get(fqn);
                next = holder == null ? null : valueOf(f.getNameAsString(), holder, false, st);
            }
            if (next == null) {
                return at;
            }
            at = next;
        }
        return at;
    }

    /** {@link Constants#onceAssignedLocal}, once per name and analysis (each answer reads the whole method). */
    private VariableDeclarator once(String name, UnitState st) {
        return (VariableDeclarator) st.onceAssigned.computeIfAbsent(name,
                n -> new Object[] {statements.onceAssignedLocal(st.unit, n)})[0];
    }

    /** The initializer of a never-reassigned local, or of a final field seen from {@code owner}; null otherwise. */
    private Expression valueOf(String name, TypeInfo owner, boolean local, UnitState st) {
        if (local) {
            VariableDeclarator once = once(name, st);
            return once == null ? null : once.getInitializer().orElse(null);
        }
        for (TypeInfo t = owner; t != null; t = t.outer) {
            if (t.declaration instanceof TypeDeclaration<?> type) {
                for (FieldDeclaration field : type.getFields()) {
                    if (!field.isFinal()) {
                        continue;
                    }
                    for (VariableDeclarator v : field.getVariables()) {
                        if (v.getNameAsString().equals(name)) {
                            return v.getInitializer().orElse(null);
                        }
                    }
                }
            }
            if (t.fields.containsKey(name)) {
                return null; // a field that is not final hides any outer one
            }
        }
        return null;
    }

    /** True when a member value comes from a list of members ({@code getMethods()[i]}) or the like. */
    private static boolean fromMemberList(Expression made) {
        Expression e = made instanceof ArrayAccessExpr a ? a.getName() : made;
        return e instanceof MethodCallExpr c && MEMBER_LISTS.contains(c.getNameAsString());
    }

    private static String why(Expression written, Expression made) {
        if (made instanceof NameExpr n) {
            return n + " is not assigned once where declared";
        }
        return "from " + shorten(made.toString());
    }

    private static String shorten(String text) {
        String line = text.strip().replaceAll("\\s+", " ");
        return line.length() > 60 ? line.substring(0, 60) + "…" : line;
    }

    /** The arguments from {@code first} on, a single trailing array literal spread into its elements. */
    private static List<Expression> spread(List<Expression> args, int first) {
        if (args.size() == first + 1 && args.get(first) instanceof ArrayCreationExpr a && a.getInitializer().isPresent()) {
            List<Expression> out = new ArrayList<>(args.subList(0, first));
            out.addAll(a.getInitializer().get().getValues());
            return out;
        }
        return args;
    }

    /** True when the reflected arguments are one array whose length is not written ({@code invoke(o, args)}). */
    private boolean unknownLength(List<Expression> args, int first, List<Expression> written, Env env, UnitState st) {
        if (written != args || args.size() != first + 1 || args.get(first) instanceof NullLiteralExpr) {
            return false;
        }
        Expression only = args.get(first);
        if (only instanceof ArrayCreationExpr) {
            return true;
        }
        // one argument of a type the declarations do not tell may be the array itself: every parameter gets it
        String type = types.typeOf(st.unit, only, env);
        return type == null || type.endsWith("[]");
    }

    /** The arities of the methods called {@code name} among {@code keys}, or just {@code arity} when it is known. */
    private static Set<Integer> arities(Set<String> keys, String name, int arity) {
        Set<Integer> out = new TreeSet<>();
        if (arity >= 0) {
            out.add(arity);
            return out;
        }
        String prefix = name + "/";
        for (String k : keys) {
            if (k.startsWith(prefix)) {
                out.add(Integer.parseInt(k.substring(prefix.length())));
            }
        }
        return out;
    }

    /** True when the written parameter classes ({@code String.class}) fit the unit's declared parameters. */
    private boolean parametersMatch(Unit u, List<Expression> classes, UnitState st) {
        List<Parameter> ps = u.callable.getParameters();
        for (int i = 0; i < classes.size() && i < ps.size(); i++) {
            ClassExpr c = (ClassExpr) classes.get(i);
            String want = types.resolve(st.unit, c, c.getType());
            String have = types.resolve(u, ps.get(i), ps.get(i).getType());
            if (ps.get(i).isVarArgs()) {
                have = have == null ? null : have + "[]";
            }
            if (want != null && have != null && !want.equals(have)) {
                return false;
            }
        }
        return true;
    }

    /** The model's source and sink entries for a library member. */
    private List<CapabilityEntry> modelEntries(String type, String method) {
        List<CapabilityEntry> out = new ArrayList<>();
        for (CapabilityEntry e : program.index.model().match(type, method, null)) {
            if (e.role() == Role.SOURCE || e.role() == Role.SINK) {
                out.add(e);
            }
        }
        return out;
    }

    /** Resolution label of the model calls this class finds. */
    static final String RESOLUTION = "reflection";

    /**
     * The reflective calls of model sources and sinks ({@code Class.forName("java.net.InetAddress").getMethod(
     * "getByName", String.class).invoke(null, host)}), as model calls of the flow analysis, in the order of the files
     * and of the calls in them. Resolved with the declared types of the method's parameters and locals, not its state
     * at the call: a call that needs more is not found here, and is then a coverage item when it is analysed. Only
     * files that mention a reflective lookup are searched.
     */
    static List<ModelledCall> modelledCalls(FlowProgram program, Constants constants) {
        Map<Node, Unit> units = new IdentityHashMap<>();
        for (Unit u : program.units) {
            if (u.callable != null) {
                units.put(u.callable, u);
            }
            u.initializers.forEach(n -> units.put(n, u));
        }
        Reflection reflection = new Reflection(program, new Types(program), constants);
        List<ModelledCall> out = new ArrayList<>();
        Set<ParsedFile> seen = Collections.newSetFromMap(new IdentityHashMap<>()); // a file's hash reads its whole tree
        Map<Unit, UnitState> states = new IdentityHashMap<>();
        Map<Unit, Env> envs = new IdentityHashMap<>();
        for (Unit first : program.units) {
            ParsedFile file = first.file;
            if (!seen.add(file) || !mentionsLookup(file)) {
                continue;
            }
            for (MethodCallExpr call : file.unit().findAll(MethodCallExpr.class, c -> CALLS.contains(c.getNameAsString()))) {
                Unit unit = enclosing(call, units);
                if (unit == null) {
                    continue;
                }
                Resolution r;
                try {
                    UnitState st = states.computeIfAbsent(unit, UnitState::new);
                    r = reflection.resolve(call, envs.computeIfAbsent(unit, u -> declared(u, reflection.types)), st);
                } catch (RuntimeException e) {
                    continue; // analysed again with the unit, where a failure is reported
                }
                if (r == null || r.library() == null) {
                    continue;
                }
                String type = r.library().substring(0, r.library().indexOf('#'));
                String member = r.library().substring(r.library().indexOf('#') + 1);
                int line = call.getBegin().map(p -> p.line).orElse(0);
                int column = call.getBegin().map(p -> p.column).orElse(0);
                for (CapabilityEntry e : reflection.modelEntries(type, member)) {
                    out.add(new ModelledCall(call, file, line, column, e, r.library(), RESOLUTION));
                }
            }
        }
        return out;
    }

    /** The declared types of a unit's parameters and locals (the first declaration of a name), without values. */
    private static Env declared(Unit unit, Types types) {
        Env env = new Env();
        if (unit.callable != null) {
            for (Parameter p : unit.callable.getParameters()) {
                env.declare(p.getNameAsString(), types.resolve(unit, p, p.getType()));
            }
            for (VariableDeclarator v : unit.callable.findAll(VariableDeclarator.class)) {
                if (!env.isLocal(v.getNameAsString()) && !(v.getParentNode().orElse(null) instanceof FieldDeclaration)) {
                    env.declare(v.getNameAsString(), types.resolve(unit, v, v.getType()));
                }
            }
        }
        return env;
    }

    private static boolean mentionsLookup(ParsedFile file) {
        String text = file.text(); // the words have no line break: the whole text is searched as the lines were
        return text.contains("getMethod") || text.contains("getDeclaredMethod") || text.contains("Constructor")
                || text.contains("newInstance");
    }

    private static Unit enclosing(Node n, Map<Node, Unit> units) {
        for (Node at = n; at != null; at = at.getParentNode().orElse(null)) {
            Unit u = units.get(at);
            if (u != null) {
                return u;
            }
        }
        return null;
    }

    private static String label(List<Unit> units, String name) {
        return units.isEmpty() ? name : units.get(0).shortLabel;
    }
}
