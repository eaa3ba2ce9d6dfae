package dev.clearbox.analyzers.source.internal.flow;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.ArrayCreationExpr;
import com.github.javaparser.ast.expr.ArrayInitializerExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.InstanceOfExpr;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.LiteralExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.SuperExpr;
import com.github.javaparser.ast.expr.SwitchExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.TypePatternExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;

import java.util.List;
import java.util.Map;

/**
 * Expressions other than calls: names, fields, assignments, operators, arrays, lambdas. Reads the
 * program and the static {@link Types}; acts only on the {@link Env} and the {@link UnitState} each
 * method is given. Calls go to {@link Calls}, switch expressions back to the {@link UnitInterpreter}.
 */
final class Expressions {
    private final FlowProgram program;
    private final Types types;
    private final UnitInterpreter statements;
    private final Containment containment;
    final Calls calls;

    Expressions(FlowProgram program, Types types, Summaries summaries, UnitInterpreter statements) {
        this.program = program;
        this.types = types;
        this.statements = statements;
        this.containment = new Containment(program);
        this.calls = new Calls(program, types, summaries, this, statements);
    }

    /**
     * The value of {@code e}. Inside a try statement, the state after a point that can throw ({@link ThrowPoints})
     * reaches the handlers; for a store that can throw, the state before it as well (the store has not happened).
     */
    Val eval(Expression e, Env env, UnitState st) {
        if (!st.inTry()) {
            return value(e, env, st);
        }
        if (e instanceof AssignExpr a && ThrowPoints.storesElsewhere(a)) {
            st.mayThrow(env);
        }
        boolean throwing = ThrowPoints.mayThrow(e, env);
        Val v = value(e, env, st);
        if (throwing) {
            st.mayThrow(env);
        }
        return v;
    }

    private Val value(Expression e, Env env, UnitState st) {
        if (!st.budget()) {
            return Val.CLEAN;
        }
        if (!env.orphans.isEmpty()) {
            flushOrphans(e, env, st);
        }
        if (!env.fresh.isEmpty() && capturesLocals(e, st)) {
            // a lambda, method reference or local or anonymous class may read a fresh object's fields later,
            // anywhere: they escape
            for (String name : List.copyOf(env.fresh)) {
                escape(name, e, env, st);
            }
        }
        if (e instanceof LiteralExpr || e instanceof ThisExpr || e instanceof SuperExpr) {
            return Val.CLEAN;
        }
        if (e instanceof NameExpr n) {
            return name(n, env, st);
        }
        if (e instanceof MethodCallExpr m) {
            return calls.call(m, env, st);
        }
        if (e instanceof ObjectCreationExpr o) {
            return calls.creation(o, env, st);
        }
        if (e instanceof FieldAccessExpr f) {
            return fieldRead(f, env, st);
        }
        if (e instanceof AssignExpr a) {
            return assign(a, env, st);
        }
        if (e instanceof VariableDeclarationExpr v) {
            v.getVariables().forEach(d -> declare(d, env, st));
            return Val.CLEAN;
        }
        if (e instanceof BinaryExpr b) {
            Val l = eval(b.getLeft(), env, st);
            Val r = eval(b.getRight(), env, st);
            return switch (b.getOperator()) {
                // with implicit flows a comparison carries a bit of what it compares
                case EQUALS, NOT_EQUALS, LESS, GREATER, LESS_EQUALS, GREATER_EQUALS, AND, OR ->
                        program.implicitFlows() ? Val.of(l.taint().join(r.taint())) : Val.CLEAN;
                default -> Val.of(l.taint().join(r.taint()));
            };
        }
        if (e instanceof UnaryExpr u) {
            Val v = eval(u.getExpression(), env, st);
            return u.getOperator() == UnaryExpr.Operator.LOGICAL_COMPLEMENT && !program.implicitFlows() ? Val.CLEAN
                    : Val.of(v.taint());
        }
        if (e instanceof EnclosedExpr en) {
            return eval(en.getInner(), env, st);
        }
        if (e instanceof CastExpr c) {
            return eval(c.getExpression(), env, st);
        }
        if (e instanceof ConditionalExpr c) {
            eval(c.getCondition(), env, st);
            Boolean constant = statements.constant(c.getCondition(), st.unit.owner, st);
            if (constant != null) {
                return eval(constant ? c.getThenExpr() : c.getElseExpr(), env, st);
            }
            Env other = env.copy();
            Val a = eval(c.getThenExpr(), env, st);
            Val b = eval(c.getElseExpr(), other, st);
            env.join(other);
            return new Val(a.taint().join(b.taint()), a.handle() >= 0 ? a.handle() : b.handle(),
                    a.function() != null ? a.function() : b.function());
        }
        if (e instanceof InstanceOfExpr i) {
            Val v = eval(i.getExpression(), env, st);
            if (i.getPattern().orElse(null) instanceof TypePatternExpr p) {
                env.declare(p.getNameAsString(), types.resolve(st.unit, p, p.getType()));
                env.set(p.getNameAsString(), v.taint().step(st.step(i, "")));
            }
            return Val.CLEAN;
        }
        if (e instanceof ArrayAccessExpr a) {
            return arrayRead(a, env, st);
        }
        if (e instanceof ArrayCreationExpr a) {
            a.getLevels().forEach(l -> l.getDimension().ifPresent(d -> eval(d, env, st)));
            return a.getInitializer().map(i -> eval(i, env, st)).orElse(Val.CLEAN);
        }
        if (e instanceof ArrayInitializerExpr a) {
            Taint t = Taint.EMPTY;
            for (Expression v : a.getValues()) {
                t = t.join(eval(v, env, st).taint());
            }
            return Val.of(t);
        }
        if (e instanceof LambdaExpr || e instanceof MethodReferenceExpr) {
            return new Val(Taint.EMPTY, -1, e);
        }
        if (e instanceof SwitchExpr s) {
            eval(s.getSelector(), env, st);
            return Val.of(statements.switchValue(s.getEntries(), env, st));
        }
        Taint t = Taint.EMPTY;
        for (Node child : e.getChildNodes()) {
            if (child instanceof Expression x) {
                t = t.join(eval(x, env, st).taint());
            }
        }
        return Val.of(t);
    }

    /** True for expressions that create code which may run later with the method's locals in reach. */
    private boolean capturesLocals(Expression e, UnitState st) {
        if (e instanceof LambdaExpr || e instanceof MethodReferenceExpr) {
            return true;
        }
        if (e instanceof ObjectCreationExpr o) {
            if (o.getAnonymousClassBody().isPresent()) {
                return true;
            }
            TypeInfo t = projectType(types.resolve(st.unit, o, o.getType()));
            return t != null && !t.captures.isEmpty();
        }
        return false;
    }

    private TypeInfo projectType(String fqn) {
        return fqn == null ? null : program.types.get(fqn);
    }

    /** Writes the field values a join left to their field nodes. */
    private void flushOrphans(Node at, Env env, UnitState st) {
        for (var o : List.copyOf(env.orphans.entrySet())) {
            st.emitAsIs(o.getValue(), o.getKey());
        }
        env.orphans.clear();
    }

    /** The fresh object in {@code name} escapes here: its fields are written into the field nodes. */
    private void escape(String name, Node at, Env env, UnitState st) {
        for (var f : env.escape(name).entrySet()) {
            st.emitAsIs(f.getValue(), f.getKey());
        }
    }

    /** The local {@code name} was just given the value of {@code value}: a fresh object of a contained class, or not. */
    private void track(String name, Expression value, Env env, UnitState st) {
        env.forget(name);
        if (value instanceof ObjectCreationExpr o) {
            // the class allocated is the object's class: a call on this local runs that class's method
            TypeInfo anonymous = program.typesByNode.get(o);
            String allocated = anonymous != null ? anonymous.fqn : types.resolve(st.unit, o, o.getType());
            if (allocated != null) {
                env.allocations.put(name, allocated);
            }
        }
        if (value instanceof ObjectCreationExpr o && o.getAnonymousClassBody().isEmpty() && o.getScope().isEmpty()) {
            TypeInfo t = projectType(types.resolve(st.unit, o, o.getType()));
            if (t != null && containment.contained(t)) {
                env.allocated(name);
            }
        }
    }

    /** The local a field access reaches through, when it holds a fresh object; else null. */
    private static String freshScope(FieldAccessExpr f, Env env) {
        return f.getScope() instanceof NameExpr n && env.isFresh(n.getNameAsString()) ? n.getNameAsString() : null;
    }

    private Val name(NameExpr n, Env env, UnitState st) {
        String name = n.getNameAsString();
        if (env.isFresh(name)) {
            escape(name, n, env, st);
        }
        if (env.isLocal(name)) {
            Integer handle = env.handles.get(name);
            return new Val(env.whole(name), handle == null ? -1 : handle, env.functions.get(name));
        }
        Integer node = fieldOrCapture(st.unit, name);
        if (node == null) {
            return Val.CLEAN;
        }
        String what = program.kind(node) == FlowProgram.Kind.CAPTURE ? "captured variable " + name
                : "read from field " + program.owner(node);
        return Val.of(Taint.of(node, Trail.add(null, st.step(n, what))));
    }

    /** The graph node an unqualified name stands for: a field, or a local captured by a local or anonymous class. */
    Integer fieldOrCapture(Unit unit, String name) {
        for (TypeInfo t = unit.owner; t != null; t = t.outer) {
            for (TypeInfo x : program.selfAndAncestors(t)) {
                Integer node = x.fields.get(name);
                if (node != null) {
                    return node;
                }
            }
            Integer captured = t.captures.get(name);
            if (captured != null) {
                return captured;
            }
        }
        return null;
    }

    /** The field node a field access names, or null when it is not a field of a project type. */
    Integer fieldNode(Unit unit, FieldAccessExpr f, Env env) {
        Expression scope = f.getScope();
        String name = f.getNameAsString();
        if (scope instanceof ThisExpr t && t.getTypeName().isEmpty()) {
            return program.field(unit.owner, name);
        }
        String type = types.typeOf(unit, scope, env);
        TypeInfo t = type == null ? null : program.types.get(type);
        if (t != null) {
            return program.field(t, name);
        }
        if (type == null && !(scope instanceof NameExpr n && env.isLocal(n.getNameAsString()))) {
            List<TypeInfo> owners = program.fieldOwners.getOrDefault(name, List.of());
            if (owners.size() == 1) {
                return owners.get(0).fields.get(name);
            }
        }
        return null;
    }

    private Val fieldRead(FieldAccessExpr f, Env env, UnitState st) {
        if (f.getNameAsString().equals("length")) {
            eval(f.getScope(), env, st);
            return Val.CLEAN;
        }
        Integer node = fieldNode(st.unit, f, env);
        String object = node == null ? null : freshScope(f, env);
        if (object != null && env.objectFields.get(object).containsKey(node)) {
            return Val.of(env.objectFields.get(object).get(node));
        }
        if (node != null) {
            return Val.of(Taint.of(node, Trail.add(null, st.step(f, "read from field " + program.owner(node)))));
        }
        return eval(f.getScope(), env, st);
    }

    private Val arrayRead(ArrayAccessExpr a, Env env, UnitState st) {
        Val index = eval(a.getIndex(), env, st);
        if (a.getName() instanceof NameExpr n && env.isLocal(n.getNameAsString())) {
            String name = n.getNameAsString();
            Taint t = a.getIndex() instanceof IntegerLiteralExpr i
                    ? env.get(name).join(env.get(name + "#" + i.asNumber())) : env.whole(name);
            return Val.of(t);
        }
        Val array = eval(a.getName(), env, st);
        return Val.of(array.taint());
    }

    private void declare(VariableDeclarator d, Env env, UnitState st) {
        String name = d.getNameAsString();
        String type = types.resolve(st.unit, d, d.getType());
        if (d.getInitializer().isEmpty()) {
            env.declare(name, type);
            return;
        }
        Expression init = d.getInitializer().get();
        if (init instanceof MethodCallExpr m && m.getScope().orElse(null) instanceof NameExpr s
                && s.getNameAsString().equals("Map") && m.getNameAsString().equals("of") && constantKeys(m)) {
            // Map.of("k1", v1, "k2", v2): each value in its own slot, as put with a constant key would leave it
            Taint[] values = new Taint[m.getArguments().size() / 2];
            for (int i = 0; i < values.length; i++) {
                eval(m.getArgument(2 * i), env, st);
                values[i] = eval(m.getArgument(2 * i + 1), env, st).taint();
            }
            env.declare(name, type == null ? "java.util.Map" : type);
            for (int i = 0; i < values.length; i++) {
                env.set(name + "#" + Calls.constantKey(m.getArgument(2 * i)), values[i].step(st.step(d, "")));
            }
            return;
        }
        List<Expression> elements = elements(init);
        if (elements != null) {
            Taint[] values = new Taint[elements.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = eval(elements.get(i), env, st).taint();
            }
            env.declare(name, type);
            for (int i = 0; i < values.length; i++) {
                env.set(name + "#" + i, values[i].step(st.step(d, "")));
            }
            return;
        }
        Val v = eval(init, env, st);
        env.declare(name, type == null ? types.typeOf(st.unit, init, env) : type);
        store(name, v, st.step(d, ""), env);
        track(name, init, env, st);
    }

    /** True for {@code Map.of(k1, v1, ...)} whose every key is a literal. */
    private static boolean constantKeys(MethodCallExpr m) {
        if (m.getArguments().size() % 2 != 0) {
            return false;
        }
        for (int i = 0; i < m.getArguments().size(); i += 2) {
            if (Calls.constantKey(m.getArgument(i)) == null) {
                return false;
            }
        }
        return true;
    }

    /** The elements of an array initializer or a fixed list ({@code List.of}, {@code Arrays.asList}), or null. */
    private static List<Expression> elements(Expression init) {
        if (init instanceof ArrayInitializerExpr a) {
            return a.getValues();
        }
        if (init instanceof ArrayCreationExpr c && c.getInitializer().isPresent()) {
            return c.getInitializer().get().getValues();
        }
        if (init instanceof MethodCallExpr m && m.getScope().orElse(null) instanceof NameExpr s
                && (s.getNameAsString().equals("List") && m.getNameAsString().equals("of")
                || s.getNameAsString().equals("Arrays") && m.getNameAsString().equals("asList"))) {
            return m.getArguments();
        }
        return null;
    }

    private void store(String local, Val v, FlowStep at, Env env) {
        env.set(local, v.taint().step(at));
        env.vars.keySet().removeIf(k -> k.startsWith(local + "#"));
        if (v.handle() >= 0) {
            env.handles.put(local, v.handle());
        } else {
            env.handles.remove(local);
        }
        if (v.function() != null) {
            env.functions.put(local, v.function());
        } else {
            env.functions.remove(local);
        }
    }

    private Val assign(AssignExpr a, Env env, UnitState st) {
        Val v = eval(a.getValue(), env, st);
        Expression target = a.getTarget();
        if (a.getOperator() != AssignExpr.Operator.ASSIGN) {
            v = v.withTaint(v.taint().join(eval(target, env, st).taint()));
        }
        FlowStep at = st.step(a, "");
        if (target instanceof NameExpr n) {
            if (env.isLocal(n.getNameAsString())) {
                store(n.getNameAsString(), v, at, env);
                track(n.getNameAsString(), a.getOperator() == AssignExpr.Operator.ASSIGN ? a.getValue() : null, env, st);
            } else {
                Integer node = fieldOrCapture(st.unit, n.getNameAsString());
                if (node != null && program.kind(node) == FlowProgram.Kind.FIELD) {
                    st.emit(v.taint(), node, st.step(a, "stored in field " + program.owner(node)));
                }
            }
        } else if (target instanceof FieldAccessExpr f) {
            Integer node = fieldNode(st.unit, f, env);
            String object = node == null ? null : freshScope(f, env);
            if (object != null) {
                // this object's field alone, overwritten: a strong update
                env.objectFields.get(object).put(node, v.taint().step(st.step(a, "stored in field "
                        + program.owner(node))));
            } else if (node != null) {
                st.emit(v.taint(), node, st.step(a, "stored in field " + program.owner(node)));
            } else {
                into(f.getScope(), v.taint(), at, env, st);
            }
        } else if (target instanceof ArrayAccessExpr arr) {
            eval(arr.getIndex(), env, st);
            if (arr.getName() instanceof NameExpr n && env.isLocal(n.getNameAsString())
                    && arr.getIndex() instanceof IntegerLiteralExpr i) {
                env.set(n.getNameAsString() + "#" + i.asNumber(), v.taint().step(at));
            } else {
                into(arr.getName(), v.taint(), at, env, st);
            }
        }
        return v;
    }

    /** Adds data to what a container expression holds: a local (weakly) or a project field. */
    void into(Expression container, Taint data, FlowStep at, Env env, UnitState st) {
        if (data.isEmpty()) {
            return;
        }
        if (container instanceof EnclosedExpr en) {
            into(en.getInner(), data, at, env, st);
        } else if (container instanceof NameExpr n) {
            String name = n.getNameAsString();
            if (env.isLocal(name)) {
                env.set(name, env.get(name).join(data.step(at)));
                Integer handle = env.handles.get(name);
                if (handle != null) {
                    st.emit(data, handle, at);
                }
            } else {
                Integer node = fieldOrCapture(st.unit, name);
                if (node != null && program.kind(node) == FlowProgram.Kind.FIELD) {
                    st.emit(data, node, new FlowStep(at.file(), at.line(), at.method(),
                            "stored in field " + program.owner(node), null));
                }
            }
        } else if (container instanceof FieldAccessExpr f) {
            Integer node = fieldNode(st.unit, f, env);
            String object = node == null ? null : freshScope(f, env);
            if (object != null) {
                Map<Integer, Taint> fields = env.objectFields.get(object);
                // what the field held so far: its own value, or the field node's when not set here
                Taint before = fields.containsKey(node) ? fields.get(node)
                        : Taint.of(node, Trail.add(null, new FlowStep(at.file(), at.line(), at.method(),
                                "read from field " + program.owner(node), null)));
                fields.put(node, before.join(data.step(new FlowStep(at.file(), at.line(), at.method(),
                        "stored in field " + program.owner(node), null))));
            } else if (node != null) {
                st.emit(data, node, new FlowStep(at.file(), at.line(), at.method(), "stored in field " + program.owner(node), null));
            } else {
                into(f.getScope(), data, at, env, st);
            }
        } else if (container instanceof ArrayAccessExpr a) {
            into(a.getName(), data, at, env, st);
        }
    }
}
