package dev.clearbox.analyzers.source.internal.flow;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.SuperExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.TypeExpr;
import com.github.javaparser.ast.stmt.ExplicitConstructorInvocationStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import dev.clearbox.analyzers.capability.CapabilityEntry;
import dev.clearbox.analyzers.capability.CapabilityModel;
import dev.clearbox.analyzers.capability.LibraryEffect;
import dev.clearbox.analyzers.capability.Sends;
import dev.clearbox.analyzers.source.internal.ModelledCall;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Calls: into project code (arguments to parameters, results from summaries and returns, exceptions),
 * into library code (the model's effects, {@link LibraryEffect}), lambdas and method references evaluated where they are
 * used, and the model's sources and sinks. Reads the program, the static {@link Types} and the summaries
 * of the pass; acts only on the {@link Env} and the {@link UnitState} each method is given.
 */
final class Calls {
    private final FlowProgram program;
    private final Types types;
    private final Overloads overloads;
    private final Summaries summaries;
    private final Expressions expressions;
    private final UnitInterpreter statements;
    private final Reflection reflection;

    Calls(FlowProgram program, Types types, Summaries summaries, Expressions expressions, UnitInterpreter statements) {
        this.program = program;
        this.types = types;
        this.overloads = new Overloads(program, types);
        this.summaries = summaries;
        this.expressions = expressions;
        this.statements = statements;
        this.reflection = new Reflection(program, types, reflectionConstants(statements));
    }

    /** The constant folding of {@code statements}, as {@link Reflection} reads it. */
    static Reflection.Constants reflectionConstants(UnitInterpreter statements) {
        return new Reflection.Constants() {
            @Override
            public String constantString(Expression e, TypeInfo owner, UnitState st) {
                return statements.constantString(e, owner, st);
            }

            @Override
            public com.github.javaparser.ast.body.VariableDeclarator onceAssignedLocal(Unit unit, String name) {
                return UnitInterpreter.onceAssignedLocal(unit, name);
            }
        };
    }

    Val call(MethodCallExpr m, Env env, UnitState st) {
        Val receiver = m.getScope().map(s -> expressions.eval(s, env, st)).orElse(Val.CLEAN);
        Reflection.Resolution reflected = reflection.resolve(m, env, st);
        if (reflected != null) {
            return reflective(m, reflected, receiver, env, st);
        }
        List<Val> args = arguments(m.getArguments(), env, st);
        Types.Targets found = types.targets(st.unit, m, env);
        List<Unit> targets = overloads.narrow(found.units(), m.getArguments(), st.unit, env);
        Val result = targets.isEmpty() ? library(m, m.getNameAsString(), receiver, args, env, st)
                : targets.size() == 1 ? project(m, targets, args, env, st)
                : dispatch(m, targets, ownNodes(found.byName()), args, env, st);
        if (found.byName() && !targets.isEmpty()) {
            // the receiver's type is not known: it may as well be a library object (one holding a connection, say)
            Val library = library(m, m.getNameAsString(), receiver, args, env, st);
            result = new Val(result.taint().join(library.taint()), library.handle(), null);
        }
        if (targets.isEmpty() && !result.taint().isEmpty() && sanitised(m, env, st)) {
            result = result.withTaint(Taint.EMPTY);
        }
        return model(m, receiver, args, result, st);
    }

    /**
     * A reflective call ({@link Reflection}): the project methods or constructors it runs get its arguments (all of
     * them every parameter when their number is not written), their returns are its result; otherwise it is a library
     * call. A target not (fully) known makes the call a coverage item.
     */
    private Val reflective(MethodCallExpr m, Reflection.Resolution r, Val receiver, Env env, UnitState st) {
        List<Val> all = arguments(r.written(), env, st);
        if (r.unresolved() != null) {
            st.unresolved(m, r.unresolved());
        }
        List<Val> passed = new ArrayList<>();
        FlowStep by = st.step(m, "called by reflection");
        Taint whole = Taint.EMPTY;
        for (Val v : all.subList(Math.min(r.first(), all.size()), all.size())) {
            passed.add(v.withTaint(v.taint().step(by)));
            whole = whole.join(v.taint());
        }
        Val each = Val.of(whole.step(by));
        if (r.spreadAll()) {
            int most = r.methods().stream().mapToInt(u -> u.params.size()).max().orElse(0);
            passed = new ArrayList<>(Collections.nCopies(most, each));
        }
        Val result;
        if (!r.methods().isEmpty()) {
            result = r.methods().size() == 1 ? project(m, r.methods(), passed, env, st)
                    : dispatch(m, r.methods(), ownNodes(r.byName()), passed, env, st);
        } else if (r.constructed() != null) {
            if (r.spreadAll()) {
                // as many arguments as each constructor takes, all of them carrying the array's data
                Set<Integer> arities = new TreeSet<>(List.of(0));
                r.constructed().constructors.forEach(u -> arities.add(u.params.size()));
                arities.add(r.constructed().recordComponents.size());
                for (int n : arities) {
                    constructors(m, r.constructed(), Collections.nCopies(n, each), env, st);
                }
            } else {
                constructors(m, r.constructed(), passed, env, st);
            }
            result = Val.of(whole);
        } else {
            result = library(m, m.getNameAsString(), receiver, all, env, st);
        }
        return model(m, receiver, all, result, st);
    }

    /**
     * True when a library call is one of the model's sanitisers, matched on the exact static type of its receiver
     * (or the class named for a static call): its result carries none of the data (docs/capability-model.md).
     */
    private boolean sanitised(MethodCallExpr m, Env env, UnitState st) {
        if (m.getScope().isEmpty()) {
            return false;
        }
        String type = types.typeOf(st.unit, m.getScope().get(), env);
        return type != null && !program.index.model().matchSanitizers(type, m.getNameAsString(), null).isEmpty();
    }

    Val creation(ObjectCreationExpr o, Env env, UnitState st) {
        o.getScope().ifPresent(s -> expressions.eval(s, env, st));
        List<Val> args = arguments(o.getArguments(), env, st);
        TypeInfo local = program.typesByNode.get(o);
        String fqn = local != null ? null : types.resolve(st.unit, o, o.getType());
        TypeInfo type = local != null ? local : fqn == null ? null : program.types.get(fqn);
        Taint data = Taint.EMPTY;
        int handle = -1;
        for (Val a : args) {
            data = data.join(a.taint());
            if (a.handle() >= 0) {
                handle = a.handle();
            }
        }
        if (type != null) {
            captures(type, o, env, st);
            constructors(o, type, args, env, st);
            handle = -1;
        }
        return model(o, Val.CLEAN, args, new Val(data, handle, null), st);
    }

    void constructorInvocation(ExplicitConstructorInvocationStmt c, Env env, UnitState st) {
        List<Val> args = arguments(c.getArguments(), env, st);
        TypeInfo target = st.unit.owner;
        if (!c.isThis()) {
            target = st.unit.owner.supers.stream().map(program.types::get).filter(t -> t != null).findFirst().orElse(null);
        }
        if (target != null) {
            constructors(c, target, args, env, st);
        }
        model(c, Val.CLEAN, args, Val.CLEAN, st);
    }

    private List<Val> arguments(List<Expression> written, Env env, UnitState st) {
        List<Val> out = new ArrayList<>(written.size());
        for (Expression e : written) {
            out.add(expressions.eval(e, env, st));
        }
        return out;
    }

    private void constructors(Node at, TypeInfo type, List<Val> args, Env env, UnitState st) {
        if (type.declaration instanceof ObjectCreationExpr anonymous) {
            // an anonymous class passes its arguments to its superclass constructor
            type = anonymous.getType() == null ? null : program.types.get(type.supers.isEmpty() ? "" : type.supers.get(0));
            if (type == null) {
                return;
            }
        }
        if (type.initializer() != null) {
            st.calls(type.initializer().id, st.step(at, ""));
        }
        List<Unit> matching = new ArrayList<>();
        for (Unit u : type.constructors) {
            if (accepts(u, args.size())) {
                matching.add(u);
            }
        }
        // the written arguments of `new` and `this(...)`/`super(...)` tell overloads apart (a reflective call's do not)
        List<Expression> written = at instanceof ObjectCreationExpr o ? o.getArguments()
                : at instanceof ExplicitConstructorInvocationStmt c ? c.getArguments() : null;
        if (written != null) {
            matching = overloads.narrow(matching, written, st.unit, env);
        }
        if (matching.isEmpty() && type.constructors.isEmpty() && !type.recordComponents.isEmpty()) {
            for (int i = 0; i < args.size() && i < type.recordComponents.size(); i++) {
                int field = type.fields.get(type.recordComponents.get(i));
                st.emit(args.get(i).taint(), field, st.step(at, "stored in field " + program.owner(field)));
            }
            return;
        }
        for (Unit u : matching) {
            pass(at, u, args, env, st);
        }
    }

    private static boolean accepts(Unit u, int arity) {
        int n = u.params.size();
        if (n == arity) {
            return true;
        }
        List<Parameter> ps = u.callable.getParameters();
        return n > 0 && ps.get(n - 1).isVarArgs() && arity >= n - 1;
    }

    /** Arguments to the parameters of a project unit (lambdas bound to the other arguments). */
    private void pass(Node at, Unit target, List<Val> args, Env env, UnitState st) {
        FlowStep step = st.step(at, "passed to " + target.shortLabel);
        st.calls(target.id, step);
        Taint others = Taint.EMPTY;
        for (Val a : args) {
            others = others.join(a.taint());
        }
        for (int i = 0; i < args.size() && !target.params.isEmpty(); i++) {
            int param = Math.min(i, target.params.size() - 1);
            Val a = args.get(i);
            st.emit(a.taint(), target.paramNode(param), step);
            if (a.function() != null) {
                invoke(a.function(), null, others, env, st);
            }
        }
        if (st.linkThrown(target.id)) {
            Taint thrown = Taint.of(target.thrownNode(), Trail.add(null, st.step(at, "thrown by " + target.shortLabel)));
            st.thrown(thrown, at);
        }
        thrownSummary(at, target, args, st);
    }

    /** What target {@code t}'s thrown summary says its escaping exceptions carry of this call's arguments: thrown here. */
    private void thrownSummary(Node at, Unit t, List<Val> args, UnitState st) {
        st.consulted(t.id, carrying(t, args));
        Map<Integer, Trail> summary = summaries.thrown(t.id);
        if (!summary.isEmpty()) {
            st.thrown(applied(summary, t, args, st.step(at, "passed to " + t.shortLabel), st.step(at, "thrown by " + t.shortLabel)), at);
        }
    }

    private Val project(MethodCallExpr m, List<Unit> targets, List<Val> args, Env env, UnitState st) {
        Taint result = Taint.EMPTY;
        controls(m, targets, st);
        for (Unit t : targets) {
            pass(m, t, args, env, st);
            String label = t.shortLabel;
            FlowStep back = st.step(m, "returned by " + label);
            Map<Integer, Trail> summary = summaries.get(t.id); // pass() recorded the summaries consulted
            if (!summary.isEmpty()) { // the step into the target only where a summary is applied
                result = result.join(applied(summary, t, args, st.step(m, "passed to " + label), back));
            }
            result = result.join(Taint.of(t.returnNode(), Trail.add(null, back)));
        }
        return Val.of(result);
    }

    /**
     * A call that may run several project methods (interface or virtual dispatch): each argument reaches
     * one node of the call, linked once to the parameter of every target; the targets' returns reach one
     * result node. The data reaching the call is thus linked once, not once per target, and the result
     * carries one origin instead of one per target. Lambda arguments run once. What the targets'
     * summaries say about the caller's own arguments still comes back per target.
     */
    /** With implicit flows: what decides whether this call runs decides whether each target runs. */
    private void controls(Node call, List<Unit> targets, UnitState st) {
        if (!program.implicitFlows()) {
            return;
        }
        Taint decides = st.control();
        if (decides.isEmpty()) {
            return;
        }
        for (Unit t : targets) {
            st.emit(decides, program.controlNode(t), st.step(call, "calls " + t.shortLabel));
        }
    }

    /**
     * Up to how many targets a call has dispatch nodes of its own: {@link FlowProgram#MAX_NAME_TARGETS} for a call matched
     * by name (the same few names, {@code get}, {@code run}, {@code apply}, are called on receivers of unknown type all
     * over a program, each call with the same large set), {@link FlowProgram#OWN_DISPATCH_TARGETS} otherwise. A call with
     * more shares its target set's nodes ({@link #shared}); it follows every target either way.
     */
    private static int ownNodes(boolean byName) {
        return byName ? FlowProgram.MAX_NAME_TARGETS : FlowProgram.OWN_DISPATCH_TARGETS;
    }

    private Val dispatch(MethodCallExpr m, List<Unit> targets, int own, List<Val> args, Env env, UnitState st) {
        if (targets.size() > own) {
            return shared(m, targets, args, env, st);
        }
        controls(m, targets, st);
        int[] nodes = st.dispatchNodes(m);
        boolean link = nodes == null; // the first time this call is met in this analysis
        if (link) {
            nodes = st.newDispatchNodes(m, args.size());
        }
        FlowStep at = st.step(m, "");
        Taint others = Taint.EMPTY;
        for (int i = 0; i < args.size(); i++) {
            st.emit(args.get(i).taint(), nodes[1 + i], at);
            others = others.join(args.get(i).taint());
        }
        Taint result = Taint.of(nodes[0], null);
        for (Unit t : targets) {
            String label = t.shortLabel;
            Map<Integer, Trail> summary = summaries.get(t.id);
            // the steps are made only where they are used: at the first visit (links) or for a summary to apply
            FlowStep passed = link || !summary.isEmpty() ? st.step(m, "passed to " + label) : null;
            FlowStep back = link || !summary.isEmpty() ? st.step(m, "returned by " + label) : null;
            if (link) {
                st.calls(t.id, passed);
                for (int i = 0; i < args.size() && !t.params.isEmpty(); i++) {
                    st.link(nodes[1 + i], t.paramNode(Math.min(i, t.params.size() - 1)), passed);
                }
                st.link(t.returnNode(), nodes[0], back);
            }
            if (st.linkThrown(t.id)) {
                st.thrown(Taint.of(t.thrownNode(), Trail.add(null, st.step(m, "thrown by " + label))), m);
            }
            thrownSummary(m, t, args, st); // records the summaries consulted (return and thrown: one mask)
            if (!summary.isEmpty()) {
                result = result.join(applied(summary, t, args, passed, back));
            }
        }
        for (Val a : args) {
            if (a.function() != null) {
                invoke(a.function(), null, others, env, st);
            }
        }
        return Val.of(result);
    }

    /**
     * A dispatching call with more than {@link FlowProgram#OWN_DISPATCH_TARGETS} targets: as {@link #dispatch}, but the
     * nodes the arguments reach, and those the targets' returns and escaping exceptions reach, are the shared nodes of
     * its target set ({@link DispatchKey}), linked to every target once in the whole analysis ({@link FlowGraph}); the
     * call links its arguments to them and their result to a result node of its own. What the targets' summaries say
     * of the caller's arguments comes from their joined summary ({@link Summaries#joined}): the work per call does not
     * grow with the number of targets, except the first time a unit calls the set (its call graph records every
     * target) or passes data at more arguments (the targets' summaries it depends on).
     */
    private Val shared(MethodCallExpr m, List<Unit> targets, List<Val> args, Env env, UnitState st) {
        controls(m, targets, st);
        DispatchKey key = DispatchKey.of(targets, args.size());
        int[] set = st.sharedNodes(key);
        int[] own = st.dispatchNodes(m);
        FlowStep at = st.step(m, "");
        if (own == null) { // the first time this call is met in this analysis
            own = st.newDispatchNodes(m, 0);
            st.link(set[0], own[0], at);
        }
        Taint others = Taint.EMPTY;
        long mask = 0;
        for (int i = 0; i < args.size(); i++) {
            Taint a = args.get(i).taint();
            st.emit(a, set[2 + i], at);
            others = others.join(a);
            if (!a.isEmpty()) {
                mask |= Summaries.bit(i);
            }
        }
        if (st.consultsShared(key, mask)) {
            for (Unit t : targets) {
                st.calls(t.id, st.step(m, "passed to " + t.shortLabel));
                st.consulted(t.id, carrying(t, args));
            }
        }
        if (st.linkThrown(key)) {
            st.thrown(Taint.of(set[1], Trail.add(null, at)), m);
        }
        Summaries.Joined joined = summaries.joined(key, targets);
        Taint result = applied(joined.returned(), args, m, "returned by ", st).join(Taint.of(own[0], null));
        Taint thrown = applied(joined.thrown(), args, m, "thrown by ", st);
        if (!thrown.isEmpty()) {
            st.thrown(thrown, m);
        }
        for (Val a : args) {
            if (a.function() != null) {
                invoke(a.function(), null, others, env, st);
            }
        }
        return Val.of(result);
    }

    /** The data of this call's arguments that the joined summary entries carry out, as {@link #applied(Map, Unit, List, FlowStep, FlowStep)}. */
    private static Taint applied(List<Summaries.Entry> entries, List<Val> args, MethodCallExpr m, String out, UnitState st) {
        Taint result = Taint.EMPTY;
        for (Summaries.Entry e : entries) {
            Taint a = Taint.EMPTY;
            for (int i = e.from(); i <= e.last(); i++) {
                a = a.join(args.get(i).taint());
            }
            if (a.isEmpty()) {
                continue;
            }
            FlowStep passed = st.step(m, "passed to " + e.target().shortLabel);
            FlowStep back = st.step(m, out + e.target().shortLabel);
            Trail inside = e.inside();
            result = result.join(a.map(tr -> Trail.add(Trail.concat(Trail.add(tr, passed), inside), back)));
        }
        return result;
    }

    /** The parameters of {@code t} that this call passes data to, as a {@link Summaries#bit} mask. */
    private static long carrying(Unit t, List<Val> args) {
        long carrying = 0;
        for (int i = 0; i < args.size() && !t.params.isEmpty(); i++) {
            if (!args.get(i).taint().isEmpty()) {
                carrying |= Summaries.bit(Math.min(i, t.params.size() - 1));
            }
        }
        return carrying;
    }

    /** The data of this call's arguments that a summary of {@code t} (parameter to trail inside) carries out. */
    private static Taint applied(Map<Integer, Trail> summary, Unit t, List<Val> args, FlowStep passed, FlowStep back) {
        Taint result = Taint.EMPTY;
        for (Map.Entry<Integer, Trail> s : summary.entrySet()) {
            int from = s.getKey();
            Taint a = Taint.EMPTY;
            for (int i = from; i < args.size() && (i == from || from == t.params.size() - 1); i++) {
                a = a.join(args.get(i).taint());
            }
            Trail inside = s.getValue();
            result = result.join(a.map(tr -> Trail.add(Trail.concat(Trail.add(tr, passed), inside), back)));
        }
        return result;
    }

    /**
     * A call into code that is not in the sources: what moves where is the model's {@code effects}
     * ({@link LibraryEffect}); a call no effect names passes its receiver and every argument into its result, and the
     * path says it was assumed.
     */
    private Val library(MethodCallExpr m, String name, Val receiver, List<Val> args, Env env, UnitState st) {
        FlowStep at = st.step(m, "");
        Taint argData = Taint.EMPTY;
        for (Val a : args) {
            if (a.function() == null) {
                argData = argData.join(a.taint());
            }
        }
        Taint data = receiver.taint().join(argData);
        Expression scope = m.getScope().orElse(null);
        boolean isStatic = scope == null || scope instanceof NameExpr n && !env.isLocal(n.getNameAsString())
                && Character.isUpperCase(n.getNameAsString().charAt(0));
        CapabilityModel model = program.index.model();
        String type = scope != null && model.hasTypedEffect(name) ? types.typeOf(st.unit, scope, env) : null;
        List<LibraryEffect> effects = model.matchEffects(type, name, isStatic, args.size());
        LibraryEffect.Parts returned = null;
        LibraryEffect.Parts intoReceiver = null;
        Map<Integer, LibraryEffect.Parts> intoArguments = new TreeMap<>();
        boolean keepsConnection = false;
        for (LibraryEffect e : effects) {
            returned = e.result() == null ? returned : returned == null ? e.result() : returned.union(e.result());
            intoReceiver = e.receiver() == null ? intoReceiver
                    : intoReceiver == null ? e.receiver() : intoReceiver.union(e.receiver());
            e.intoArguments().forEach((p, from) -> intoArguments.merge(p, from, LibraryEffect.Parts::union));
            keepsConnection |= e.keepsConnection();
        }
        Taint result = returned == null ? data : parts(returned, receiver, args);
        if (program.implicitFlows() && returned != null && result.isEmpty()) {
            result = data; // a test, a size or a count of the data: a bit of it, which a condition may act on
        }
        if (effects.isEmpty() && !result.isEmpty() && receiver.function() == null
                && !program.transformerNames.contains(name)) {
            result = result.step(st.step(m, ASSUMED));
        }
        if (receiver.function() != null) {
            List<Taint> positional = new ArrayList<>();
            args.forEach(a -> positional.add(a.taint()));
            result = result.join(invoke(receiver.function(), positional, Taint.EMPTY, env, st));
        }
        for (Val a : args) {
            if (a.function() != null) {
                result = result.join(invoke(a.function(), null, data, env, st));
            }
        }
        String element = elementKey(scope, name, m, env, st);
        boolean keyedWrite = false;
        if (element != null) {
            // a local map's or list's element under a constant key or index is its own slot: put/set overwrite it,
            // get/remove read it (and whatever was added under keys nobody knows)
            String local = ((NameExpr) scope).getNameAsString();
            Taint before = env.get(local).join(env.get(element));
            switch (name) {
                case "put", "set" -> {
                    env.set(element, args.get(1).taint().step(st.step(m, "stored under " + m.getArgument(0) + " in " + local)));
                    keyedWrite = true;
                    result = before;
                }
                case "remove" -> {
                    env.set(element, Taint.EMPTY);
                    result = before;
                }
                case "getOrDefault" -> result = before.join(args.get(1).taint());
                default -> result = before;
            }
        }
        if (scope != null && intoReceiver != null && !keyedWrite) {
            Taint added = parts(intoReceiver, receiver, args);
            if (!added.isEmpty()) {
                FlowStep step = st.step(m, "added to " + scope);
                expressions.into(scope, added, step, env, st);
                for (Expression wrapped : wrapped(scope, m, env, st)) {
                    expressions.into(wrapped, added, st.step(m, "added to " + wrapped + " through " + scope), env, st);
                }
            }
        }
        for (Map.Entry<Integer, LibraryEffect.Parts> into : intoArguments.entrySet()) {
            int position = into.getKey();
            if (position >= args.size()) {
                continue;
            }
            Taint moved = parts(into.getValue(), receiver, args);
            Val destination = args.get(position);
            if (destination.handle() >= 0) {
                st.emit(moved, destination.handle(), st.step(m, "written to the connection"));
            }
            expressions.into(m.getArgument(position), moved, st.step(m, "copied into " + m.getArgument(position)), env, st);
        }
        int handle = -1;
        if (receiver.handle() >= 0) {
            if (!argData.isEmpty()) {
                st.emit(argData, receiver.handle(), st.step(m, "written to the connection"));
            }
            if (keepsConnection) {
                handle = receiver.handle();
            }
        }
        if (program.transformerNames.contains(name) && !result.isEmpty()) {
            result = result.step(new FlowStep(at.file(), at.line(), at.method(), "", program.labelCall(m)));
        }
        return new Val(result, handle, null);
    }

    /**
     * The slot {@code local#key} a call on a local map or list names with a constant key or index ({@code put},
     * {@code get}, {@code getOrDefault}, {@code remove} on a {@code java.util} map; {@code get}, {@code set} on a
     * list, or on any local when the index is an int literal), or null.
     */
    private String elementKey(Expression scope, String name, MethodCallExpr m, Env env, UnitState st) {
        if (!(scope instanceof NameExpr n) || !env.isLocal(n.getNameAsString()) || m.getArguments().isEmpty()) {
            return null;
        }
        String local = n.getNameAsString();
        String type = env.types.getOrDefault(local, Env.UNKNOWN_TYPE);
        int arity = m.getArguments().size();
        Expression key = m.getArgument(0);
        boolean map = type.startsWith("java.util.") && (type.endsWith("Map") || type.equals("java.util.Properties")
                || type.equals("java.util.Hashtable"));
        if (map && (name.equals("put") && arity == 2 || name.equals("get") && arity == 1
                || name.equals("getOrDefault") && arity == 2 || name.equals("remove") && arity == 1)) {
            String k = constantKey(key);
            if (k == null && !(key instanceof com.github.javaparser.ast.expr.LiteralExpr)) {
                // a constant by name or concatenation (static final String KEY = "k"): the same slot as its value
                String folded = statements.constantString(key, st.unit.owner, st);
                k = folded == null ? null : "\"" + folded + "\"";
            }
            return k == null ? null : local + "#" + k;
        }
        boolean list = type.startsWith("java.util.") && type.endsWith("List");
        if (!map && key instanceof IntegerLiteralExpr i && (name.equals("get") && arity == 1
                || list && name.equals("set") && arity == 2)) {
            return local + "#" + i.asNumber();
        }
        return null;
    }

    /** A map key written as a literal: the slot suffix (strings quoted, so they never meet list indexes). */
    static String constantKey(Expression key) {
        if (key instanceof StringLiteralExpr s) {
            return "\"" + s.getValue() + "\"";
        }
        if (key instanceof IntegerLiteralExpr i) {
            return String.valueOf(i.asNumber());
        }
        return null;
    }

    /** The path's word for a library call no effect of the model names. */
    static final String ASSUMED = "library call, assumed to pass its data on";

    /** The data of the parts of a call ({@code receiver}, arguments; lambdas carry none themselves). */
    private static Taint parts(LibraryEffect.Parts parts, Val receiver, List<Val> args) {
        Taint out = parts.receiver() ? receiver.taint() : Taint.EMPTY;
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).function() == null && parts.argument(i)) {
                out = out.join(args.get(i).taint());
            }
        }
        return out;
    }

    /**
     * The objects a receiver wraps, by its model constructor's {@code writesThrough}: the arguments of {@code new
     * Formatter(builder)} written as the receiver, or as the initializer of the local the receiver names (the
     * nearest declaration of that name in the enclosing method, a flow-insensitive guess: a local assigned another
     * wrapper later still reaches the first one's object).
     */
    private List<Expression> wrapped(Expression scope, MethodCallExpr m, Env env, UnitState st) {
        Set<String> wrappers = program.index.model().wrapperTypes();
        ObjectCreationExpr creation = null;
        if (scope instanceof ObjectCreationExpr o) {
            creation = o;
        } else if (scope instanceof NameExpr n && env.isLocal(n.getNameAsString())
                && wrappers.contains(env.types.get(n.getNameAsString()))) {
            creation = m.findAncestor(com.github.javaparser.ast.body.CallableDeclaration.class)
                    .flatMap(c -> c.findAll(VariableDeclarator.class, v -> v.getNameAsString().equals(n.getNameAsString())
                            && v.getInitializer().filter(Expression::isObjectCreationExpr).isPresent()).stream().findFirst())
                    .map(v -> v.getInitializer().get().asObjectCreationExpr()).orElse(null);
        }
        if (creation == null || creation.getArguments().isEmpty() || program.typesByNode.containsKey(creation)) {
            return List.of();
        }
        String fqn = types.resolve(st.unit, creation, creation.getType());
        if (fqn == null) {
            return List.of();
        }
        List<Expression> out = new ArrayList<>();
        for (LibraryEffect e : program.index.model().matchEffects(fqn, CapabilityEntry.CONSTRUCTOR, false)) {
            for (int p : e.writesThrough()) {
                if (p < creation.getArguments().size()) {
                    out.add(creation.getArgument(p));
                }
            }
        }
        return out;
    }

    /**
     * Runs a lambda or method reference where it is used: parameters bound to {@code positional} when
     * known, otherwise each to {@code all}. Returns the taint of its result.
     */
    Taint invoke(Node function, List<Taint> positional, Taint all, Env env, UnitState st) {
        if (function instanceof LambdaExpr lambda) {
            Env inner = env.copy();
            for (int i = 0; i < lambda.getParameters().size(); i++) {
                Parameter p = lambda.getParameters().get(i);
                Taint t = positional != null && i < positional.size() ? positional.get(i) : all;
                inner.declare(p.getNameAsString(), p.getType().isUnknownType() ? null : types.resolve(st.unit, p, p.getType()));
                inner.set(p.getNameAsString(), t.step(st.step(lambda, "passed to a lambda")));
            }
            Taint result;
            if (lambda.getBody() instanceof ExpressionStmt es) {
                result = expressions.eval(es.getExpression(), inner, st).taint();
            } else {
                Taint[] frame = {Taint.EMPTY};
                st.pushReturn(frame);
                try {
                    statements.statement(lambda.getBody(), inner, st);
                } finally {
                    st.popReturn();
                }
                result = frame[0];
            }
            env.joinExisting(inner);
            return result;
        }
        if (function instanceof MethodReferenceExpr ref) {
            Taint data = all;
            if (positional != null) {
                for (Taint t : positional) {
                    data = data.join(t);
                }
            }
            List<Unit> targets = referenced(ref, env, st);
            boolean byName = false;
            if (targets.isEmpty()) {
                targets = nameMatched(ref, env, st);
                byName = true;
            }
            if (targets.isEmpty()) {
                return data;
            }
            // a receiver of unknown type may as well be a library object: its result may carry what it was given
            Taint result = byName ? data : Taint.EMPTY;
            for (Unit t : targets) {
                List<Val> args = new ArrayList<>();
                for (int i = 0; i < t.params.size(); i++) {
                    args.add(Val.of(data));
                }
                pass(ref, t, args, env, st);
                if (byName) {
                    // matched by name: the data goes into every candidate; what comes back is taken to be the
                    // arguments' (as for a library call), not every candidate's return, which would make the result
                    // a value of as many origins as there are same-named methods
                    continue;
                }
                st.consulted(t.id, data.isEmpty() ? 0 : -1L);
                for (Map.Entry<Integer, Trail> s : summaries.get(t.id).entrySet()) {
                    Trail inside = s.getValue();
                    result = result.join(data.map(tr -> Trail.concat(tr, inside)));
                }
                result = result.join(Taint.of(t.returnNode(), Trail.add(null, st.step(ref, "returned by " + t.shortLabel))));
            }
            return result;
        }
        return Taint.EMPTY;
    }

    /**
     * The project methods named like the method reference's, for a reference on an expression whose type the
     * declarations do not tell ({@code x::send} with {@code x} a {@code var} of a type variable's result): every
     * same-named method taking up to {@link #MAX_REFERENCE_ARITY} parameters, as a call on such a receiver is
     * matched by name ({@link Types#targets}).
     */
    private List<Unit> nameMatched(MethodReferenceExpr ref, Env env, UnitState st) {
        // typed without a parent (the unit's file resolves the name), so the tree is not touched
        Expression scope = referenceScope(ref, env, st, false);
        if (scope instanceof TypeExpr || scope instanceof ThisExpr || scope instanceof SuperExpr
                || ref.getIdentifier().equals("new") || types.typeOf(st.unit, scope, env) != null) {
            return List.of();
        }
        List<Unit> out = new ArrayList<>();
        for (int arity = 0; arity <= MAX_REFERENCE_ARITY; arity++) {
            out.addAll(types.byName(ref.getIdentifier(), arity));
        }
        return out;
    }

    /** Parameters of the functional interfaces a method reference by name is matched for (Java's own go up to 2). */
    private static final int MAX_REFERENCE_ARITY = 4;

    /**
     * The scope of a method reference; the parser cannot tell {@code variable::m} from {@code Type::m}, and a local or
     * field name wins, as in Java: then a name expression, under {@code ref} when {@code attach}.
     */
    private Expression referenceScope(MethodReferenceExpr ref, Env env, UnitState st, boolean attach) {
        Expression scope = ref.getScope();
        if (scope instanceof TypeExpr t && t.getType().isClassOrInterfaceType()
                && t.getType().asClassOrInterfaceType().getScope().isEmpty()) {
            String name = t.getType().asClassOrInterfaceType().getNameAsString();
            if (env.isLocal(name) || expressions.fieldOrCapture(st.unit, name) != null) {
                NameExpr named = new NameExpr(name);
                if (attach) {
                    named.setParentNode(ref);
                }
                return named;
            }
        }
        return scope;
    }

    /** Project units a method reference names ({@code Type::m}, {@code expr::m}, {@code this::m}). */
    private List<Unit> referenced(MethodReferenceExpr ref, Env env, UnitState st) {
        String name = ref.getIdentifier();
        Expression scope = referenceScope(ref, env, st, true);
        TypeInfo type;
        if (scope instanceof ThisExpr) {
            type = st.unit.owner;
        } else if (scope instanceof TypeExpr t) {
            String fqn = types.resolve(st.unit, t, t.getType());
            type = fqn == null ? null : program.types.get(fqn);
        } else {
            String fqn = types.typeOf(st.unit, scope, env);
            type = fqn == null ? null : program.types.get(fqn);
        }
        if (type == null) {
            return List.of();
        }
        if (name.equals("new")) {
            return type.constructors;
        }
        List<Unit> out = new ArrayList<>();
        for (TypeInfo x : program.selfAndAncestors(type)) {
            for (Map.Entry<String, List<Unit>> e : x.methods.entrySet()) {
                if (e.getKey().startsWith(name + "/")) {
                    e.getValue().stream().filter(u -> !out.contains(u)).forEach(out::add);
                }
            }
            if (!out.isEmpty()) {
                break;
            }
        }
        return out;
    }

    /** Locals of the enclosing method captured by a local or anonymous class. */
    private void captures(TypeInfo type, Node at, Env env, UnitState st) {
        for (Map.Entry<String, Integer> c : type.captures.entrySet()) {
            if (env.isLocal(c.getKey())) {
                st.emit(env.whole(c.getKey()), c.getValue(), st.step(at, "captured by " + type.simpleName));
            }
        }
    }

    /**
     * The model's part: a source adds its data; a sink receives what its entries say it sends (its arguments, and its
     * receiver only where an entry names it: {@link Sends}), each part with a step saying what was sent, and opens a
     * connection.
     */
    private Val model(Node call, Val receiver, List<Val> args, Val result, UnitState st) {
        Integer source = program.sourceNodes.get(call);
        Integer sink = program.sinkNodes.get(call);
        if (source == null && sink == null) {
            return result;
        }
        Taint out = result.taint();
        int handle = result.handle();
        if (sink != null) {
            List<ModelledCall> calls = program.sinks.get(call);
            Sends sends = sends(calls);
            String note = note("sink", calls);
            if (sends.receiver() && !receiver.taint().isEmpty()) {
                st.emit(receiver.taint(), sink, st.step(call, note + ", sends its receiver"));
            }
            for (int i = 0; i < args.size(); i++) {
                Taint a = args.get(i).taint();
                if (!a.isEmpty() && sends.sendsArgument(i)) {
                    st.emit(a, sink, st.step(call, note + ", sends argument " + (i + 1)));
                }
            }
            if (program.implicitFlows()) {
                // whether the call happens at all tells its destination something: a bit of the deciding data
                Taint decides = st.control();
                if (!decides.isEmpty()) {
                    st.emit(decides, sink, st.step(call, note + ", controls whether it runs"));
                }
            }
            handle = sink;
        }
        if (source != null) {
            FlowStep step = st.step(call, note("source", program.sources.get(call)));
            out = out.step(step).join(Taint.of(source, Trail.add(null, step)));
        }
        return new Val(out, handle, result.function());
    }

    /** What a sink call sends: the union over the entries it matched (a type and its supertype may both be named). */
    private static Sends sends(List<ModelledCall> calls) {
        Sends out = null;
        for (ModelledCall c : calls) {
            Sends s = c.entry().sends() == null ? Sends.ARGUMENTS : c.entry().sends();
            out = out == null ? s : out.union(s);
        }
        return out == null ? Sends.ARGUMENTS : out;
    }

    private static String note(String role, List<ModelledCall> calls) {
        ModelledCall c = calls.get(0);
        CapabilityEntry e = c.entry();
        String data = role.equals("source") && !e.data().isEmpty() ? e.data() + ", " : "";
        return role + ": " + data + e.capability() + " " + c.api();
    }
}
