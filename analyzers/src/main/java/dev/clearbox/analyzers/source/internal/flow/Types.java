package dev.clearbox.analyzers.source.internal.flow;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.ClassExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.SuperExpr;
import com.github.javaparser.ast.expr.TextBlockLiteralExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.type.ArrayType;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.ast.type.Type;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Cheap static types, from declarations and imports only (no symbol solver): enough to tell a project
 * call from a library call and to find the project methods a call may run. Reads the program, the unit
 * being analysed and the locals' declared types in the {@link Env}; no state of its own, no effects.
 * Why this is not {@code analyzers.source.internal.DeclaredTypes}: see docs/architecture.md.
 */
final class Types {
    private final FlowProgram program;

    Types(FlowProgram program) {
        this.program = program;
    }

    /** The fully-qualified name of a declared type, or null when unknown ({@code var}, unresolvable). */
    String resolve(Unit unit, Node at, Type type) {
        if (type instanceof ClassOrInterfaceType c) {
            return program.resolveType(unit.file, at, c.getNameWithScope());
        }
        if (type instanceof ArrayType a) {
            String element = resolve(unit, at, a.getElementType());
            return element == null ? null : element + "[]";
        }
        return type.isPrimitiveType() ? type.asString() : null;
    }

    /** The static type of an expression, or null. */
    String typeOf(Unit unit, Expression e, Env env) {
        if (e instanceof NameExpr n) {
            String name = n.getNameAsString();
            if (env.isLocal(name)) {
                String t = env.types.get(name);
                return t.isEmpty() ? null : t;
            }
            Type field = program.fieldType(unit.owner, name);
            if (field != null) {
                return resolve(unit, field, field);
            }
            return Character.isUpperCase(name.charAt(0)) ? program.resolveType(unit.file, n, name) : null;
        }
        if (e instanceof ThisExpr t) {
            return t.getTypeName().isPresent()
                    ? program.resolveType(unit.file, t, t.getTypeName().get().asString()) : unit.owner.fqn;
        }
        if (e instanceof FieldAccessExpr f) {
            String scope = typeOf(unit, f.getScope(), env);
            TypeInfo t = scope == null ? null : program.types.get(scope);
            if (t != null) {
                Type field = program.fieldType(t, f.getNameAsString());
                if (field != null) {
                    return resolve(unit, field, field);
                }
            }
            return Character.isUpperCase(f.getNameAsString().charAt(0))
                    ? program.resolveType(unit.file, f, f.toString()) : null;
        }
        if (e instanceof ObjectCreationExpr o) {
            TypeInfo anonymous = program.typesByNode.get(o);
            return anonymous != null ? anonymous.fqn : resolve(unit, o, o.getType());
        }
        if (e instanceof MethodCallExpr m) {
            String receiver = m.getScope().isEmpty() ? null : typeOf(unit, m.getScope().get(), env);
            if (receiver != null && !program.types.containsKey(receiver)) {
                // a call on a platform type: its declared return type, so that a chain such as
                // builder.append(a).append(b) stays on the platform and never reaches a project method of that name
                return PlatformTypes.returnType(receiver, m.getNameAsString(), m.getArguments().size());
            }
            TypeInfo t = m.getScope().isEmpty() ? unit.owner : receiver == null ? null : program.types.get(receiver);
            for (TypeInfo s = t; s != null; s = s.outer) {
                for (TypeInfo x : program.selfAndAncestors(s)) {
                    Type r = x.methodReturnTypes.get(TypeInfo.methodKey(m.getNameAsString(), m.getArguments().size()));
                    if (r != null) {
                        return resolve(unit, r, r);
                    }
                }
                if (m.getScope().isPresent()) {
                    break;
                }
            }
            return null;
        }
        if (e instanceof CastExpr c) {
            return resolve(unit, c, c.getType());
        }
        if (e instanceof EnclosedExpr en) {
            return typeOf(unit, en.getInner(), env);
        }
        if (e instanceof ArrayAccessExpr a) {
            String array = typeOf(unit, a.getName(), env);
            return array != null && array.endsWith("[]") ? array.substring(0, array.length() - 2) : null;
        }
        if (e instanceof StringLiteralExpr || e instanceof TextBlockLiteralExpr) {
            return "java.lang.String";
        }
        if (e instanceof ClassExpr) {
            // X.class is a Class, whatever X: never a receiver of unknown type matched to project methods by name
            return "java.lang.Class";
        }
        return null;
    }

    /**
     * The project units a call may run, and whether they were matched by name only.
     *
     * @param units  all of them, in a fixed order; empty for a library call
     * @param byName the receiver's type is not known: the units are the project methods of the call's name and arity
     *               ({@link #byName}), however many
     */
    record Targets(List<Unit> units, boolean byName) {
        static final Targets NONE = new Targets(List.of(), false);

        static Targets of(List<Unit> units) {
            return units.isEmpty() ? NONE : new Targets(units, false);
        }
    }

    /** The project units a method call may run (all of them); none for a library call. */
    Targets targets(Unit unit, MethodCallExpr call, Env env) {
        String name = call.getNameAsString();
        int arity = call.getArguments().size();
        if (call.getScope().isEmpty()) {
            for (TypeInfo t = unit.owner; t != null; t = t.outer) {
                if (program.declaresMethod(t, name, arity)) {
                    return Targets.of(program.targets(t, name, arity, true));
                }
            }
            var scope = program.index.scopeOf(unit.file.unit());
            String owner = scope == null ? null : scope.staticImportOwner(name).orElse(null);
            TypeInfo t = owner == null ? null : program.types.get(owner);
            return Targets.of(t == null ? List.of() : program.targets(t, name, arity, false));
        }
        Expression scope = call.getScope().get();
        if (scope instanceof SuperExpr) {
            for (String s : unit.owner.supers) {
                TypeInfo sup = program.types.get(s);
                if (sup != null) {
                    List<Unit> found = program.targets(sup, name, arity, false);
                    if (!found.isEmpty()) {
                        return Targets.of(found);
                    }
                }
            }
            return Targets.NONE;
        }
        if (scope instanceof NameExpr local && env.allocations.containsKey(local.getNameAsString())) {
            // the receiver was allocated here: its class is known exactly, no other implementation can run
            TypeInfo allocated = program.types.get(env.allocations.get(local.getNameAsString()));
            return Targets.of(allocated == null ? List.of() : program.targets(allocated, name, arity, false));
        }
        String type = typeOf(unit, scope, env);
        if (type == null) {
            return new Targets(byName(name, arity), true);
        }
        TypeInfo t = program.types.get(type);
        if (t != null) {
            return Targets.of(program.targets(t, name, arity, !isTypeName(scope, env)));
        }
        List<Unit> out = new ArrayList<>();
        Set<Unit> added = new HashSet<>();
        for (TypeInfo impl : program.implementors(type)) {
            for (Unit u : program.targets(impl, name, arity, true)) {
                if (added.add(u)) {
                    out.add(u);
                }
            }
        }
        return Targets.of(out);
    }

    /**
     * The project methods named {@code name} with {@code arity} parameters: the targets of a call matched by name. All of
     * them are followed: a call with more than {@link FlowProgram#MAX_NAME_TARGETS} shares the dispatch nodes of its
     * target set with the other calls of that name and arity ({@link DispatchKey}).
     */
    List<Unit> byName(String name, int arity) {
        return program.unitsByName.getOrDefault(TypeInfo.methodKey(name, arity), List.of());
    }

    private static boolean isTypeName(Expression scope, Env env) {
        return scope instanceof NameExpr n && !env.isLocal(n.getNameAsString())
                && Character.isUpperCase(n.getNameAsString().charAt(0));
    }
}
