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

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Interprets one unit over taint values: statements in order, branches joined, loops to a fixed point,
 * {@code return}/{@code throw} ending a path, {@code if (false)} skipped. Not thread-safe; one per
 * analysis of one unit. Expressions are in {@link Expressions}, calls in {@link Calls}.
 */
final class UnitInterpreter {
    /** Statements and expressions evaluated per unit before it is cut short. */
    static final int MAX_OPERATIONS = 200_000;
    static final int MAX_LOOP_ROUNDS = 6;

    final FlowProgram program;
    final Unit unit;
    final Summaries summaries;
    final Expressions expressions;
    final Calls calls;
    final Types types;
    final List<UnitResult.Edge> edges = new ArrayList<>();
    final Map<Integer, UnitResult.CallSite> callSites = new LinkedHashMap<>();
    final List<String> limits = new ArrayList<>();
    /** Returned values of the unit (bottom) and of the lambdas being evaluated inline (above). */
    final Deque<Taint[]> returnFrames = new ArrayDeque<>();
    /** Values thrown inside the try blocks being interpreted, innermost first. */
    final Deque<Taint[]> tryFrames = new ArrayDeque<>();
    private final Deque<Taint[]> yieldFrames = new ArrayDeque<>();
    /** Nodes of this analysis only ({@code -1, -2, ...}), numbered by {@link FlowGraph} afterwards: per dispatching call, its result then its arguments. */
    private final Map<Node, int[]> dispatchNodes = new IdentityHashMap<>();
    private int localNodes;
    /** For each unit whose summary this analysis read: the parameters it passed data to (a {@link Summaries#bit} mask). */
    private final Map<Integer, Long> consulted = new HashMap<>();
    private int operations;
    private boolean cut;

    UnitInterpreter(FlowProgram program, Unit unit, Summaries summaries) {
        this.program = program;
        this.unit = unit;
        this.summaries = summaries;
        this.types = new Types(this);
        this.expressions = new Expressions(this);
        this.calls = new Calls(this);
    }

    UnitResult run() {
        Env env = new Env();
        Taint[] returned = {Taint.EMPTY};
        returnFrames.push(returned);
        try {
            if (unit.callable != null) {
                List<Parameter> params = unit.callable.getParameters();
                for (int i = 0; i < params.size(); i++) {
                    Parameter p = params.get(i);
                    env.declare(p.getNameAsString(), types.resolve(p, p.getType()));
                    env.set(p.getNameAsString(), Taint.of(unit.paramNode(i), null));
                }
                if (unit.callable instanceof MethodDeclaration m) {
                    m.getBody().ifPresent(b -> block(b, env));
                } else if (unit.callable instanceof ConstructorDeclaration c) {
                    block(c.getBody(), env);
                }
            } else {
                for (Node init : unit.initializers) {
                    initializer(init, env);
                }
            }
        } catch (StackOverflowError e) {
            limits.add(unit.label + ": nesting too deep, rest of the method not analysed");
        }
        Map<Integer, Trail> toReturn = new TreeMap<>();
        Taint r = returned[0];
        for (int i = 0; i < r.size(); i++) {
            int origin = r.origin(i);
            if (origin >= unit.paramNode(0) && origin < unit.returnNode()) {
                toReturn.put(origin - unit.paramNode(0), r.trail(i));
            } else {
                edges.add(new UnitResult.Edge(origin, unit.returnNode(), r.trail(i), unit.id));
            }
        }
        if (r.truncated()) {
            limits.add(unit.label + ": returned value has more than " + Taint.MAX_ORIGINS + " origins; some dropped");
        }
        return new UnitResult(toReturn, List.copyOf(edges), List.copyOf(callSites.values()), List.copyOf(limits),
                localNodes, Map.copyOf(consulted));
    }

    private void initializer(Node init, Env env) {
        if (init instanceof VariableDeclarator v) {
            Val value = expressions.eval(v.getInitializer().orElseThrow(), env);
            Integer field = unit.owner.fields.get(v.getNameAsString());
            if (field != null) {
                emit(value.taint(), field, step(v, "stored in field " + unit.owner.simpleName + "." + v.getNameAsString()));
            }
        } else if (init instanceof InitializerDeclaration block) {
            block(block.getBody(), env);
        } else if (init instanceof EnumConstantDeclaration constant) {
            for (Expression arg : constant.getArguments()) {
                expressions.eval(arg, env);
            }
        }
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

    /** Records that a call read unit {@code target}'s summary with data at the parameters of {@code mask}. */
    void consulted(int target, long mask) {
        consulted.merge(target, mask, (a, b) -> a | b);
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

    void block(BlockStmt block, Env env) {
        for (Statement s : block.getStatements()) {
            if (env.dead || !budget()) {
                return;
            }
            statement(s, env);
        }
    }

    void statement(Statement s, Env env) {
        if (s instanceof BlockStmt b) {
            block(b, env);
        } else if (s instanceof ExpressionStmt e) {
            expressions.eval(e.getExpression(), env);
        } else if (s instanceof IfStmt i) {
            ifStatement(i, env);
        } else if (s instanceof WhileStmt w) {
            loop(env, w.getCondition(), w.getBody(), null, null);
        } else if (s instanceof DoStmt d) {
            statement(d.getBody(), env);
            loop(env, d.getCondition(), d.getBody(), null, null);
        } else if (s instanceof ForStmt f) {
            f.getInitialization().forEach(e -> expressions.eval(e, env));
            loop(env, f.getCompare().orElse(null), f.getBody(), f.getUpdate(), null);
        } else if (s instanceof ForEachStmt f) {
            Val iterable = expressions.eval(f.getIterable(), env);
            VariableDeclarator v = f.getVariable().getVariable(0);
            String type = types.resolve(v, v.getType());
            Taint element = iterable.taint().step(step(f, "element of " + f.getIterable()));
            loop(env, null, f.getBody(), null, e -> {
                e.declare(v.getNameAsString(), type);
                e.set(v.getNameAsString(), element);
            });
        } else if (s instanceof ReturnStmt r) {
            if (r.getExpression().isPresent()) {
                Val v = expressions.eval(r.getExpression().get(), env);
                Taint[] frame = returnFrames.peek();
                frame[0] = frame[0].join(v.taint().step(step(r, returnFrames.size() > 1 ? "" : "returned")));
            }
            env.dead = true;
        } else if (s instanceof ThrowStmt t) {
            thrown(expressions.eval(t.getExpression(), env).taint().step(step(t, "thrown")), t);
            env.dead = true;
        } else if (s instanceof TryStmt t) {
            tryStatement(t, env);
        } else if (s instanceof SwitchStmt sw) {
            expressions.eval(sw.getSelector(), env);
            switchEntries(sw.getEntries(), env);
        } else if (s instanceof LabeledStmt l) {
            statement(l.getStatement(), env);
        } else if (s instanceof SynchronizedStmt sy) {
            expressions.eval(sy.getExpression(), env);
            block(sy.getBody(), env);
        } else if (s instanceof ExplicitConstructorInvocationStmt c) {
            calls.constructorInvocation(c, env);
        } else if (s instanceof YieldStmt y) {
            Val v = expressions.eval(y.getExpression(), env);
            if (!yieldFrames.isEmpty()) {
                yieldFrames.peek()[0] = yieldFrames.peek()[0].join(v.taint());
            }
            env.dead = true;
        } else if (s instanceof AssertStmt a) {
            expressions.eval(a.getCheck(), env);
        }
        // break, continue, empty, local class and record declarations (own units): nothing flows
    }

    /** A thrown value: caught by the innermost try being interpreted, or escaping the unit. */
    void thrown(Taint value, Node at) {
        if (value.isEmpty()) {
            return;
        }
        if (!tryFrames.isEmpty()) {
            tryFrames.peek()[0] = tryFrames.peek()[0].join(value);
        } else {
            emit(value, unit.thrownNode(), step(at, "escapes " + shortLabel(unit)));
        }
    }

    private void ifStatement(IfStmt i, Env env) {
        Boolean constant = constant(i.getCondition());
        expressions.eval(i.getCondition(), env);
        Env otherwise = env.copy();
        if (!Boolean.FALSE.equals(constant)) {
            statement(i.getThenStmt(), env);
        } else {
            env.dead = true;
        }
        if (!Boolean.TRUE.equals(constant)) {
            if (i.getElseStmt().isPresent()) {
                statement(i.getElseStmt().get(), otherwise);
            }
        } else {
            otherwise.dead = true;
        }
        env.join(otherwise);
    }

    private Boolean constant(Expression condition) {
        if (condition instanceof BooleanLiteralExpr b) {
            return b.getValue();
        }
        if (condition instanceof UnaryExpr u && u.getOperator() == UnaryExpr.Operator.LOGICAL_COMPLEMENT) {
            Boolean inner = constant(u.getExpression());
            return inner == null ? null : !inner;
        }
        if (condition instanceof NameExpr n) {
            var declarator = program.index.constant(unit.owner.fqn, n.getNameAsString());
            if (declarator.isPresent() && declarator.get().getInitializer().orElse(null) instanceof BooleanLiteralExpr b) {
                return b.getValue();
            }
        }
        return null;
    }

    /** A loop: the body runs zero or more times; iterate until nothing changes (bounded, then reported). */
    private void loop(Env env, Expression condition, Statement body, List<Expression> update, Consumer<Env> bind) {
        if (condition != null && Boolean.FALSE.equals(constant(condition))) {
            expressions.eval(condition, env);
            return;
        }
        Env entry = env.copy();
        for (int round = 0; round < MAX_LOOP_ROUNDS; round++) {
            Env iteration = entry.copy();
            if (condition != null) {
                expressions.eval(condition, iteration);
            }
            if (bind != null) {
                bind.accept(iteration);
            }
            statement(body, iteration);
            iteration.dead = false;
            if (update != null) {
                update.forEach(e -> expressions.eval(e, iteration));
            }
            Env next = entry.copy();
            next.join(iteration);
            if (next.sameAs(entry) || cut) {
                env.join(next);
                return;
            }
            entry = next;
        }
        limits.add(unit.label + ": loop at line " + body.getBegin().map(p -> p.line).orElse(0)
                + " not at a fixed point after " + MAX_LOOP_ROUNDS + " rounds");
        env.join(entry);
    }

    private void tryStatement(TryStmt t, Env env) {
        for (Expression resource : t.getResources()) {
            expressions.eval(resource, env);
        }
        Env before = env.copy();
        Taint[] caught = {Taint.EMPTY};
        boolean catches = !t.getCatchClauses().isEmpty();
        if (catches) {
            tryFrames.push(caught);
        }
        try {
            block(t.getTryBlock(), env);
        } finally {
            if (catches) {
                tryFrames.pop();
            }
        }
        Env anywhere = before.copy();
        anywhere.join(env);
        anywhere.dead = false;
        for (CatchClause clause : t.getCatchClauses()) {
            Env c = anywhere.copy();
            Parameter p = clause.getParameter();
            c.declare(p.getNameAsString(), types.resolve(p, p.getType()));
            c.set(p.getNameAsString(), caught[0].step(step(clause, "caught")));
            block(clause.getBody(), c);
            env.join(c);
        }
        if (t.getFinallyBlock().isPresent()) {
            Env f = anywhere.copy();
            f.join(env);
            boolean wasDead = env.dead;
            block(t.getFinallyBlock().get(), f);
            Env after = f;
            if (wasDead) {
                after.dead = true;
            }
            env.vars.clear();
            env.vars.putAll(after.vars);
            env.dead = after.dead;
        }
    }

    void switchEntries(List<SwitchEntry> entries, Env env) {
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
                statement(s, e);
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
    Taint switchValue(List<SwitchEntry> entries, Env env) {
        Taint[] frame = {Taint.EMPTY};
        yieldFrames.push(frame);
        try {
            Env start = env.copy();
            Env out = new Env();
            out.dead = true;
            for (SwitchEntry entry : entries) {
                Env e = start.copy();
                if (entry.getType() == SwitchEntry.Type.EXPRESSION && entry.getStatements().size() == 1
                        && entry.getStatement(0) instanceof ExpressionStmt es) {
                    frame[0] = frame[0].join(expressions.eval(es.getExpression(), e).taint());
                } else {
                    for (Statement s : entry.getStatements()) {
                        if (e.dead) {
                            break;
                        }
                        statement(s, e);
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
            yieldFrames.pop();
        }
    }

    static String shortLabel(Unit u) {
        return u.shortLabel;
    }
}
