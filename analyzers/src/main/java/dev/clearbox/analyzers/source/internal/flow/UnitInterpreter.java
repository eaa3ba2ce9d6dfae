package dev.clearbox.analyzers.source.internal.flow;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.body.EnumConstantDeclaration;
import com.github.javaparser.ast.body.InitializerDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.BooleanLiteralExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.stmt.AssertStmt;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.CatchClause;
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
            env.dead = true;
        } else if (s instanceof ThrowStmt t) {
            st.thrown(expressions.eval(t.getExpression(), env, st).taint().step(st.step(t, "thrown")), t);
            env.dead = true;
        } else if (s instanceof TryStmt t) {
            tryStatement(t, env, st);
        } else if (s instanceof SwitchStmt sw) {
            expressions.eval(sw.getSelector(), env, st);
            switchEntries(sw.getEntries(), env, st);
        } else if (s instanceof LabeledStmt l) {
            statement(l.getStatement(), env, st);
        } else if (s instanceof SynchronizedStmt sy) {
            expressions.eval(sy.getExpression(), env, st);
            block(sy.getBody(), env, st);
        } else if (s instanceof ExplicitConstructorInvocationStmt c) {
            calls.constructorInvocation(c, env, st);
        } else if (s instanceof YieldStmt y) {
            Val v = expressions.eval(y.getExpression(), env, st);
            st.yielded(v.taint());
            env.dead = true;
        } else if (s instanceof AssertStmt a) {
            expressions.eval(a.getCheck(), env, st);
        }
        // break, continue, empty, local class and record declarations (own units): nothing flows
    }

    private void ifStatement(IfStmt i, Env env, UnitState st) {
        Boolean constant = constant(i.getCondition(), st.unit.owner);
        expressions.eval(i.getCondition(), env, st);
        Env otherwise = env.copy();
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
        env.join(otherwise);
    }

    private Boolean constant(Expression condition, TypeInfo owner) {
        if (condition instanceof BooleanLiteralExpr b) {
            return b.getValue();
        }
        if (condition instanceof UnaryExpr u && u.getOperator() == UnaryExpr.Operator.LOGICAL_COMPLEMENT) {
            Boolean inner = constant(u.getExpression(), owner);
            return inner == null ? null : !inner;
        }
        if (condition instanceof NameExpr n) {
            var declarator = program.index.constant(owner.fqn, n.getNameAsString());
            if (declarator.isPresent() && declarator.get().getInitializer().orElse(null) instanceof BooleanLiteralExpr b) {
                return b.getValue();
            }
        }
        return null;
    }

    /** A loop: the body runs zero or more times; iterate until nothing changes (bounded, then reported). */
    private void loop(Env env, Expression condition, Statement body, List<Expression> update, Consumer<Env> bind, UnitState st) {
        if (condition != null && Boolean.FALSE.equals(constant(condition, st.unit.owner))) {
            expressions.eval(condition, env, st);
            return;
        }
        Env entry = env.copy();
        for (int round = 0; round < MAX_LOOP_ROUNDS; round++) {
            Env iteration = entry.copy();
            if (condition != null) {
                expressions.eval(condition, iteration, st);
            }
            if (bind != null) {
                bind.accept(iteration);
            }
            statement(body, iteration, st);
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

    private void tryStatement(TryStmt t, Env env, UnitState st) {
        for (Expression resource : t.getResources()) {
            expressions.eval(resource, env, st);
        }
        Env before = env.copy();
        Taint[] caught = {Taint.EMPTY};
        boolean catches = !t.getCatchClauses().isEmpty();
        if (catches) {
            st.pushTry(caught);
        }
        try {
            block(t.getTryBlock(), env, st);
        } finally {
            if (catches) {
                st.popTry();
            }
        }
        Env anywhere = before.copy();
        anywhere.join(env);
        anywhere.dead = false;
        for (CatchClause clause : t.getCatchClauses()) {
            Env c = anywhere.copy();
            Parameter p = clause.getParameter();
            c.declare(p.getNameAsString(), types.resolve(st.unit, p, p.getType()));
            c.set(p.getNameAsString(), caught[0].step(st.step(clause, "caught")));
            block(clause.getBody(), c, st);
            env.join(c);
        }
        if (t.getFinallyBlock().isPresent()) {
            Env f = anywhere.copy();
            f.join(env);
            boolean wasDead = env.dead;
            block(t.getFinallyBlock().get(), f, st);
            Env after = f;
            if (wasDead) {
                after.dead = true;
            }
            env.vars.clear();
            env.vars.putAll(after.vars);
            env.dead = after.dead;
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
        env.vars.clear();
        env.vars.putAll(out.vars);
        env.types.putAll(out.types);
        env.dead = out.dead && hasDefault;
    }

    /** The value of a switch expression: what its entries yield or evaluate to. */
    Taint switchValue(List<SwitchEntry> entries, Env env, UnitState st) {
        Taint[] frame = {Taint.EMPTY};
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
                env.vars.clear();
                env.vars.putAll(out.vars);
            }
            return frame[0];
        } finally {
            st.popYield();
        }
    }
}
