package dev.clearbox.analyzers.source.internal.flow;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.body.EnumConstantDeclaration;
import com.github.javaparser.ast.body.InitializerDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.BooleanLiteralExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.LongLiteralExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.stmt.AssertStmt;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.CatchClause;
import com.github.javaparser.ast.type.Type;
import com.github.javaparser.ast.stmt.DoStmt;
import com.github.javaparser.ast.stmt.ExplicitConstructorInvocationStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.LabeledStmt;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.SwitchEntry;
import com.github.javaparser.ast.stmt.SwitchStmt;
import com.github.javaparser.ast.stmt.SynchronizedStmt;
import com.github.javaparser.ast.stmt.ThrowStmt;
import com.github.javaparser.ast.stmt.TryStmt;
import com.github.javaparser.ast.stmt.WhileStmt;
import com.github.javaparser.ast.stmt.YieldStmt;

import java.util.List;
import java.util.function.Consumer;

/**
 * Interprets one unit over taint values: statements in order, branches joined, loops to a fixed point,
 * {@code return}/{@code throw} ending a path, {@code if (false)} skipped. Expressions are in
 * {@link Expressions}, calls in {@link Calls}, static types in {@link Types}.
 *
 * <p>It reads the program and the summaries of the pass, and holds nothing of the unit it analyses:
 * everything an analysis accumulates is in the {@link UnitState} each statement method is given, the
 * values of locals at a point in the {@link Env}. One per pass, shared by the pass's threads.
 */
final class UnitInterpreter {
    static final int MAX_LOOP_ROUNDS = 6;
    /** Longest constant text folded (longer text is not constant to this analysis). */
    static final int MAX_CONSTANT_TEXT = 1024;

    private final FlowProgram program;
    private final Types types;
    private final Expressions expressions;
    private final Calls calls;

    UnitInterpreter(FlowProgram program, Summaries summaries) {
        this.program = program;
        this.types = new Types(program);
        this.expressions = new Expressions(program, types, summaries, this);
        this.calls = expressions.calls;
    }

    /** Analyses {@code unit} against the summaries as they are now. */
    UnitResult run(Unit unit) {
        UnitState st = new UnitState(unit);
        if (program.implicitFlows()) {
            // whatever decides whether this unit runs (its callers' conditions) decides whether its sinks run
            Node at = unit.callable != null ? unit.callable : unit.owner.declaration;
            st.pushControl(Taint.of(program.controlNode(unit), Trail.add(null, st.step(at, "decides whether "
                    + unit.shortLabel + " runs"))));
        }
        Env env = new Env();
        Taint[] returned = {Taint.EMPTY};
        st.pushReturn(returned);
        try {
            if (unit.callable != null) {
                List<Parameter> params = unit.callable.getParameters();
                for (int i = 0; i < params.size(); i++) {
                    Parameter p = params.get(i);
                    env.declare(p.getNameAsString(), types.resolve(unit, p, p.getType()));
                    env.set(p.getNameAsString(), Taint.of(unit.paramNode(i), null));
                }
                if (unit.callable instanceof MethodDeclaration m) {
                    m.getBody().ifPresent(b -> block(b, env, st));
                } else if (unit.callable instanceof ConstructorDeclaration c) {
                    block(c.getBody(), env, st);
                }
            } else {
                for (Node init : unit.initializers) {
                    initializer(init, env, st);
                }
            }
        } catch (StackOverflowError e) {
            st.limit(unit.label + ": nesting too deep, rest of the method not analysed");
        }
        return st.result(returned[0]);
    }

    private void initializer(Node init, Env env, UnitState st) {
        if (init instanceof VariableDeclarator v) {
            Val value = expressions.eval(v.getInitializer().orElseThrow(), env, st);
            Integer field = st.unit.owner.fields.get(v.getNameAsString());
            if (field != null) {
                st.emit(value.taint(), field, st.step(v, "stored in field " + st.unit.owner.simpleName + "." + v.getNameAsString()));
            }
        } else if (init instanceof InitializerDeclaration block) {
            block(block.getBody(), env, st);
        } else if (init instanceof EnumConstantDeclaration constant) {
            for (Expression arg : constant.getArguments()) {
                expressions.eval(arg, env, st);
            }
        }
    }

    void block(BlockStmt block, Env env, UnitState st) {
        for (Statement s : block.getStatements()) {
            if (env.dead || !st.budget()) {
                return;
            }
            statement(s, env, st);
        }
    }

    void statement(Statement s, Env env, UnitState st) {
        st.point(env);
        if (s instanceof BlockStmt b) {
            block(b, env, st);
        } else if (s instanceof ExpressionStmt e) {
            expressions.eval(e.getExpression(), env, st);
        } else if (s instanceof IfStmt i) {
            ifStatement(i, env, st);
        } else if (s instanceof WhileStmt w) {
            loop(env, w.getCondition(), w.getBody(), null, null, st);
        } else if (s instanceof DoStmt d) {
            statement(d.getBody(), env, st);
            loop(env, d.getCondition(), d.getBody(), null, null, st);
        } else if (s instanceof ForStmt f) {
            f.getInitialization().forEach(e -> expressions.eval(e, env, st));
            loop(env, f.getCompare().orElse(null), f.getBody(), f.getUpdate(), null, st);
        } else if (s instanceof ForEachStmt f) {
            Val iterable = expressions.eval(f.getIterable(), env, st);
            VariableDeclarator v = f.getVariable().getVariable(0);
            String type = types.resolve(st.unit, v, v.getType());
            Taint element = iterable.taint().step(st.step(f, "element of " + f.getIterable()));
            loop(env, null, f.getBody(), null, e -> {
                e.declare(v.getNameAsString(), type);
                e.set(v.getNameAsString(), element);
            }, st);
        } else if (s instanceof ReturnStmt r) {
            if (r.getExpression().isPresent()) {
                Val v = expressions.eval(r.getExpression().get(), env, st);
                st.returned(v.taint().step(st.step(r, st.inLambda() ? "" : "returned")));
            }
            st.exiting(env, false);
            env.dead = true;
        } else if (s instanceof ThrowStmt t) {
            st.thrown(expressions.eval(t.getExpression(), env, st).taint().step(st.step(t, "thrown")), t);
            st.mayThrow(env);
            env.dead = true;
        } else if (s instanceof TryStmt t) {
            tryStatement(t, env, st);
        } else if (s instanceof SwitchStmt sw) {
            expressions.eval(sw.getSelector(), env, st);
            st.mayThrow(env);
            switchEntries(sw.getEntries(), env, st);
        } else if (s instanceof LabeledStmt l) {
            statement(l.getStatement(), env, st);
        } else if (s instanceof SynchronizedStmt sy) {
            expressions.eval(sy.getExpression(), env, st);
            st.mayThrow(env);
            block(sy.getBody(), env, st);
        } else if (s instanceof ExplicitConstructorInvocationStmt c) {
            calls.constructorInvocation(c, env, st);
            st.mayThrow(env);
        } else if (s instanceof YieldStmt y) {
            Val v = expressions.eval(y.getExpression(), env, st);
            st.yielded(v.taint());
            st.exiting(env, true);
            env.dead = true;
        } else if (s instanceof AssertStmt a) {
            expressions.eval(a.getCheck(), env, st);
            a.getMessage().ifPresent(m -> expressions.eval(m, env, st));
            st.mayThrow(env);
        }
        // break, continue, empty, local class and record declarations (own units): nothing flows
    }

    private void ifStatement(IfStmt i, Env env, UnitState st) {
        Boolean constant = constant(i.getCondition(), st.unit.owner, st);
        Taint decides = controlData(i.getCondition(), expressions.eval(i.getCondition(), env, st), st);
        Env otherwise = env.copy();
        if (decides != null) {
            st.pushControl(decides);
        }
        try {
            if (!Boolean.FALSE.equals(constant)) {
                statement(i.getThenStmt(), env, st);
            } else {
                env.dead = true;
            }
            if (!Boolean.TRUE.equals(constant)) {
                if (i.getElseStmt().isPresent()) {
                    statement(i.getElseStmt().get(), otherwise, st);
                }
            } else {
                otherwise.dead = true;
            }
        } finally {
            if (decides != null) {
                st.popControl();
            }
        }
        env.join(otherwise);
    }

    /**
     * With implicit flows, the data of a condition that decides what runs next (its value's origins, each with the
     * step "decides whether ... runs"); null without implicit flows or when the condition carries no data.
     */
    private Taint controlData(Expression condition, Val value, UnitState st) {
        if (!program.implicitFlows() || value.taint().isEmpty()) {
            return null;
        }
        return value.taint().step(st.step(condition, "decides whether what follows runs"));
    }

    /** The constant value of a condition, or null when it is not constant (see {@link #constantValue}). */
    Boolean constant(Expression condition, TypeInfo owner) {
        return constant(condition, owner, null);
    }

    Boolean constant(Expression condition, TypeInfo owner, UnitState st) {
        return constantValue(condition, owner, st, 0) instanceof Boolean b ? b : null;
    }

    /** The constant text of a string expression (literals, constants, their concatenations), or null. */
    String constantString(Expression e, TypeInfo owner, UnitState st) {
        return constantValue(e, owner, st, 0) instanceof String s ? s : null;
    }

    /**
     * The compile-time value of an expression, as far as this analysis folds it: boolean, int and long
     * literals, {@code static final} constants of the owner (or another parsed class, by name), locals of
     * the unit initialised with a constant and never assigned again, {@code !}, {@code &&}, {@code ||},
     * comparisons and integer arithmetic; string literals and {@code +} concatenations with a string (at most
     * {@link #MAX_CONSTANT_TEXT} characters, for names used by reflection). Null when any part is not constant:
     * the branch is then analysed.
     */
    private Object constantValue(Expression e, TypeInfo owner, UnitState st, int depth) {
        if (depth > 8) {
            return null;
        }
        if (e instanceof BooleanLiteralExpr b) {
            return b.getValue();
        }
        if (e instanceof IntegerLiteralExpr i) {
            Number n = i.asNumber();
            return n instanceof Integer x ? (long) x : null;
        }
        if (e instanceof StringLiteralExpr text) {
            String value = text.asString();
            return value.length() <= MAX_CONSTANT_TEXT ? value : null;
        }
        if (e instanceof LongLiteralExpr l) {
            Number n = l.asNumber();
            return n instanceof Long x ? x : null;
        }
        if (e instanceof EnclosedExpr en) {
            return constantValue(en.getInner(), owner, st, depth + 1);
        }
        if (e instanceof UnaryExpr u) {
            Object inner = constantValue(u.getExpression(), owner, st, depth + 1);
            return switch (u.getOperator()) {
                case LOGICAL_COMPLEMENT -> inner instanceof Boolean b ? !b : null;
                case MINUS -> inner instanceof Long x ? -x : null;
                case PLUS -> inner instanceof Long ? inner : null;
                default -> null;
            };
        }
        if (e instanceof NameExpr n) {
            if (st != null) {
                Object[] local = st.localConstants.computeIfAbsent(n.getNameAsString(), name -> {
                    VariableDeclarator once = onceAssignedLocal(st.unit, name);
                    return once != null ? new Object[] {constantValue(once.getInitializer().orElseThrow(), owner, null, depth + 1)}
                            : isLocalName(st.unit, name) ? new Object[] {null} : new Object[0];
                });
                if (local.length == 1) {
                    return local[0];
                }
            }
            var declarator = program.index.constant(owner.fqn, n.getNameAsString());
            if (declarator.isPresent() && declarator.get().getInitializer().isPresent()) {
                return constantValue(declarator.get().getInitializer().get(), owner, null, depth + 1);
            }
            return null;
        }
        if (e instanceof FieldAccessExpr f && f.getScope() instanceof NameExpr scope
                && Character.isUpperCase(scope.getNameAsString().charAt(0))) {
            TypeInfo type = constantHolder(f, scope.getNameAsString(), owner, st);
            if (type == null) {
                return null;
            }
            var declarator = program.index.constant(type.fqn, f.getNameAsString());
            return declarator.isPresent() && declarator.get().getInitializer().isPresent()
                    ? constantValue(declarator.get().getInitializer().get(), type, null, depth + 1) : null;
        }
        if (e instanceof BinaryExpr b) {
            Object l = constantValue(b.getLeft(), owner, st, depth + 1);
            if (b.getOperator() == BinaryExpr.Operator.AND && Boolean.FALSE.equals(l)) {
                return false;
            }
            if (b.getOperator() == BinaryExpr.Operator.OR && Boolean.TRUE.equals(l)) {
                return true;
            }
            Object r = constantValue(b.getRight(), owner, st, depth + 1);
            if (b.getOperator() == BinaryExpr.Operator.AND && Boolean.FALSE.equals(r)) {
                return false; // the left side still runs; its effects are analysed by eval
            }
            if (b.getOperator() == BinaryExpr.Operator.OR && Boolean.TRUE.equals(r)) {
                return true;
            }
            if (l instanceof Boolean x && r instanceof Boolean y) {
                return switch (b.getOperator()) {
                    case AND, BINARY_AND -> x && y;
                    case OR, BINARY_OR -> x || y;
                    case EQUALS -> x.equals(y);
                    case NOT_EQUALS, XOR -> !x.equals(y);
                    default -> null;
                };
            }
            if (b.getOperator() == BinaryExpr.Operator.PLUS && (l instanceof String || r instanceof String)
                    && l != null && r != null) {
                String joined = String.valueOf(l) + r;
                return joined.length() <= MAX_CONSTANT_TEXT ? joined : null;
            }
            if (l instanceof Long x && r instanceof Long y) {
                return switch (b.getOperator()) {
                    case EQUALS -> x.longValue() == y;
                    case NOT_EQUALS -> x.longValue() != y;
                    case LESS -> x < y;
                    case GREATER -> x > y;
                    case LESS_EQUALS -> x <= y;
                    case GREATER_EQUALS -> x >= y;
                    case PLUS -> x + y;
                    case MINUS -> x - y;
                    case MULTIPLY -> x * y;
                    default -> null;
                };
            }
        }
        return null;
    }

    /**
     * The project type that {@code name} in {@code name.CONSTANT} stands for, as Java resolves it at {@code at}: by the
     * file's own types, imports and package ({@link FlowProgram#resolveType}), never by a bare simple-name match, so
     * a same-named class elsewhere cannot lend its constant. Null where the name may be a variable instead (a local,
     * a field of any project type by that name, or a type above the owner that is not parsed and so may declare
     * one), where it names no parsed type: the condition is then analysed both ways.
     */
    private TypeInfo constantHolder(Node at, String name, TypeInfo owner, UnitState st) {
        if (st != null && isLocalName(st.unit, name) || program.fieldOwners.containsKey(name)) {
            return null;
        }
        for (TypeInfo t = owner; t != null; t = t.outer) {
            for (TypeInfo above : program.selfAndAncestors(t)) {
                for (String sup : above.supers) {
                    if (!program.types.containsKey(sup) && !sup.startsWith("java.")) {
                        return null;
                    }
                }
            }
        }
        String fqn = program.resolveType(owner.file, at, name);
        return fqn == null ? null : program.types.get(fqn);
    }

    /** A local (or parameter) of the unit by that name exists. */
    private static boolean isLocalName(Unit unit, String name) {
        if (unit.callable == null) {
            return false;
        }
        Unit.Locals locals = unit.locals();
        return locals.parameters().contains(name) || locals.declared().containsKey(name);
    }

    /**
     * The single declaration of local {@code name} in the unit when it has an initializer and the name is
     * never assigned, incremented or decremented anywhere in the unit (lambdas and local classes included),
     * nor declared twice; null otherwise.
     */
    static VariableDeclarator onceAssignedLocal(Unit unit, String name) {
        if (unit.callable == null) {
            return null;
        }
        Unit.Locals locals = unit.locals();
        List<VariableDeclarator> declared = locals.declared().getOrDefault(name, List.of());
        if (declared.size() != 1 || declared.get(0).getInitializer().isEmpty()
                || declared.get(0).getParentNode().orElse(null) instanceof FieldDeclaration) {
            return null;
        }
        return locals.written().contains(name) ? null : declared.get(0);
    }

    /** A loop: the body runs zero or more times; iterate until nothing changes (bounded, then reported). */
    private void loop(Env env, Expression condition, Statement body, List<Expression> update, Consumer<Env> bind, UnitState st) {
        if (condition != null && Boolean.FALSE.equals(constant(condition, st.unit.owner, st))) {
            expressions.eval(condition, env, st);
            return;
        }
        Env entry = env.copy();
        for (int round = 0; round < MAX_LOOP_ROUNDS; round++) {
            Env iteration = entry.copy();
            Taint decides = null;
            if (condition != null) {
                decides = controlData(condition, expressions.eval(condition, iteration, st), st);
            }
            if (bind != null) {
                st.mayThrow(iteration); // the iterator's hasNext and next
                bind.accept(iteration);
            }
            if (decides != null) {
                st.pushControl(decides);
            }
            try {
                statement(body, iteration, st);
            } finally {
                if (decides != null) {
                    st.popControl();
                }
            }
            iteration.dead = false;
            if (update != null) {
                update.forEach(e -> expressions.eval(e, iteration, st));
            }
            Env next = entry.copy();
            next.join(iteration);
            if (next.sameAs(entry) || st.cut()) {
                env.join(next);
                return;
            }
            entry = next;
        }
        st.limit(st.unit.label + ": loop at line " + body.getBegin().map(p -> p.line).orElse(0)
                + " not at a fixed point after " + MAX_LOOP_ROUNDS + " rounds");
        env.join(entry);
    }

    /**
     * A try statement. The catch blocks start from the join of the states at the points of the try block (and its
     * resources) that can throw, the catch parameter holding what is thrown there; when no such point exists, from
     * the state at the start. The {@code finally} block runs twice where both kinds of entry exist: from the normal
     * ends of the try and catch blocks (what follows the statement), and from the abrupt ones (exceptions no handler
     * takes, or thrown in a catch block; {@code return} and {@code yield}), whose end state goes on to the enclosing
     * handlers and {@code finally} blocks.
     */
    /**
     * Whether a handler takes every exception: its type is written {@code Throwable} and that name is the
     * platform's, not a project type of that name (a vendor's own {@code Throwable} in the package, imported or
     * nested, takes only its own instances, so what it does not take still goes on to the enclosing handlers).
     */
    private boolean catchesEverything(CatchClause clause, UnitState st) {
        if (!ThrowPoints.catchesEverything(clause)) {
            return false;
        }
        for (Type type : ThrowPoints.types(clause)) {
            String written = type.asString();
            String resolved = written.endsWith("Throwable") ? program.resolveType(st.unit.file, clause, written) : null;
            if (resolved != null && !resolved.equals("java.lang.Throwable")) {
                return false; // the name resolves to a project type, not java.lang.Throwable
            }
        }
        return true;
    }

    private void tryStatement(TryStmt t, Env env, UnitState st) {
        List<CatchClause> clauses = t.getCatchClauses();
        boolean hasFinally = t.getFinallyBlock().isPresent();
        Env start = env.copy();
        TryFrame frame = clauses.isEmpty() && !hasFinally ? null : st.pushTry(!clauses.isEmpty(),
                clauses.stream().anyMatch(c -> catchesEverything(c, st)), hasFinally,
                clauses.stream().anyMatch(ThrowPoints::catchesErrors));
        try {
            for (Expression resource : t.getResources()) {
                expressions.eval(resource, env, st);
            }
            block(t.getTryBlock(), env, st);
            if (!t.getResources().isEmpty()) {
                st.mayThrow(env); // closing the resources
            }
            st.point(env);
        } finally {
            if (frame != null) {
                st.popTry();
            }
        }
        TryFrame handlers = hasFinally && !clauses.isEmpty() ? st.pushTry(false, false, true, false) : null;
        try {
            for (CatchClause clause : clauses) {
                Env c = frame.thrown.dead ? start.copy() : frame.thrown.copy();
                Parameter p = clause.getParameter();
                c.declare(p.getNameAsString(), types.resolve(st.unit, p, p.getType()));
                c.set(p.getNameAsString(), frame.caught.step(st.step(clause, "caught")));
                block(clause.getBody(), c, st);
                if (handlers != null) {
                    st.point(c);
                }
                env.join(c);
            }
        } finally {
            if (handlers != null) {
                st.popTry();
            }
        }
        if (hasFinally) {
            finallyBlock(t.getFinallyBlock().get(), start, env, frame, handlers, st);
        }
    }

    /** The {@code finally} block of a try statement, {@code env} holding the join of its normal ends (see above). */
    private void finallyBlock(BlockStmt body, Env start, Env env, TryFrame frame, TryFrame handlers, UnitState st) {
        Env thrown = Env.unreachable();
        if (!frame.catchesAll) {
            thrown.join(frame.thrown);
        }
        Env exits = frame.exits.copy();
        if (handlers != null) {
            thrown.join(handlers.thrown);
            exits.join(handlers.exits);
        }
        if (env.dead && thrown.dead && exits.dead) {
            thrown = start.copy(); // no entry seen: analysed from the start rather than not at all
        }
        if (!thrown.dead || !exits.dead) {
            Env abrupt = thrown.copy();
            abrupt.join(exits);
            block(body, abrupt, st);
            if (!thrown.dead) {
                st.mayThrow(abrupt);
            }
            if (frame.returns || handlers != null && handlers.returns) {
                st.exiting(abrupt, false);
            }
            if (frame.yields || handlers != null && handlers.yields) {
                st.exiting(abrupt, true);
            }
        }
        if (!env.dead) {
            block(body, env, st);
        }
    }

    void switchEntries(List<SwitchEntry> entries, Env env, UnitState st) {
        Env start = env.copy();
        Env out = new Env();
        out.dead = true;
        Env fallthrough = null;
        for (SwitchEntry entry : entries) {
            Env e = start.copy();
            if (fallthrough != null && !fallthrough.dead) {
                e.join(fallthrough);
            }
            for (Statement s : entry.getStatements()) {
                if (e.dead) {
                    break;
                }
                statement(s, e, st);
            }
            out.join(e);
            fallthrough = entry.getType() == SwitchEntry.Type.STATEMENT_GROUP ? e : null;
        }
        boolean hasDefault = entries.stream().anyMatch(SwitchEntry::isDefault);
        if (!hasDefault) {
            out.join(start);
        }
        boolean dead = out.dead && hasDefault;
        env.become(out);
        env.dead = dead;
    }

    /** The value of a switch expression: what its entries yield or evaluate to. */
    Taint switchValue(List<SwitchEntry> entries, Env env, UnitState st) {
        Taint[] frame = {Taint.EMPTY};
        st.mayThrow(env); // the selector is null, or no case matches
        st.pushYield(frame);
        try {
            Env start = env.copy();
            Env out = new Env();
            out.dead = true;
            for (SwitchEntry entry : entries) {
                Env e = start.copy();
                if (entry.getType() == SwitchEntry.Type.EXPRESSION && entry.getStatements().size() == 1
                        && entry.getStatement(0) instanceof ExpressionStmt es) {
                    frame[0] = frame[0].join(expressions.eval(es.getExpression(), e, st).taint());
                } else {
                    for (Statement s : entry.getStatements()) {
                        if (e.dead) {
                            break;
                        }
                        statement(s, e, st);
                    }
                }
                out.join(e);
            }
            if (!out.dead) {
                boolean dead = env.dead;
                env.become(out);
                env.dead = dead;
            }
            return frame[0];
        } finally {
            st.popYield();
        }
    }
}
