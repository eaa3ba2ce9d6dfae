package dev.clearbox.analyzers.source.internal.flow;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.CastExpr;
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
import java.util.List;

/**
 * Cheap static types, from declarations and imports only (no symbol solver): enough to tell a project
 * call from a library call and to find the project methods a call may run.
 */
final class Types {
    private final UnitInterpreter in;
    private final FlowProgram program;

    Types(UnitInterpreter in) {
        this.in = in;
        this.program = in.program;
    }

    /** The fully-qualified name of a declared type, or null when unknown ({@code var}, unresolvable). */
    String resolve(Node at, Type type) {
        if (type instanceof ClassOrInterfaceType c) {
            return program.resolveType(in.unit.file, at, c.getNameWithScope());
        }
        if (type instanceof ArrayType a) {
            String element = resolve(at, a.getElementType());
            return element == null ? null : element + "[]";
        }
        return type.isPrimitiveType() ? type.asString() : null;
    }

    /** The static type of an expression, or null. */
    String typeOf(Expression e, Env env) {
        if (e instanceof NameExpr n) {
            String name = n.getNameAsString();
            if (env.isLocal(name)) {
                String t = env.types.get(name);
                return t.isEmpty() ? null : t;
            }
            Type field = program.fieldType(in.unit.owner, name);
            if (field != null) {
                return resolve(field, field);
            }
            return Character.isUpperCase(name.charAt(0)) ? program.resolveType(in.unit.file, n, name) : null;
        }
        if (e instanceof ThisExpr t) {
            return t.getTypeName().isPresent()
                    ? program.resolveType(in.unit.file, t, t.getTypeName().get().asString()) : in.unit.owner.fqn;
        }
        if (e instanceof FieldAccessExpr f) {
            String scope = typeOf(f.getScope(), env);
            TypeInfo t = scope == null ? null : program.types.get(scope);
            if (t != null) {
                Type field = program.fieldType(t, f.getNameAsString());
                if (field != null) {
                    return resolve(field, field);
                }
            }
            return Character.isUpperCase(f.getNameAsString().charAt(0))
                    ? program.resolveType(in.unit.file, f, f.toString()) : null;
        }
        if (e instanceof ObjectCreationExpr o) {
            TypeInfo anonymous = program.typesByNode.get(o);
            return anonymous != null ? anonymous.fqn : resolve(o, o.getType());
        }
        if (e instanceof MethodCallExpr m) {
            TypeInfo t = m.getScope().isEmpty() ? in.unit.owner : program.types.get(typeOf(m.getScope().get(), env));
            for (TypeInfo s = t; s != null; s = s.outer) {
                for (TypeInfo x : program.selfAndAncestors(s)) {
                    Type r = x.methodReturnTypes.get(TypeInfo.methodKey(m.getNameAsString(), m.getArguments().size()));
                    if (r != null) {
                        return resolve(r, r);
                    }
                }
                if (m.getScope().isPresent()) {
                    break;
                }
            }
            return null;
        }
        if (e instanceof CastExpr c) {
            return resolve(c, c.getType());
        }
        if (e instanceof EnclosedExpr en) {
            return typeOf(en.getInner(), env);
        }
        if (e instanceof ArrayAccessExpr a) {
            String array = typeOf(a.getName(), env);
            return array != null && array.endsWith("[]") ? array.substring(0, array.length() - 2) : null;
        }
        if (e instanceof StringLiteralExpr || e instanceof TextBlockLiteralExpr) {
            return "java.lang.String";
        }
        return null;
    }

    /**
     * The project units a method call may run; empty for a library call.
     *
     * @param cut receives true when dispatch was cut
     */
    List<Unit> targets(MethodCallExpr call, Env env, boolean[] cut) {
        String name = call.getNameAsString();
        int arity = call.getArguments().size();
        if (call.getScope().isEmpty()) {
            for (TypeInfo t = in.unit.owner; t != null; t = t.outer) {
                if (program.declaresMethod(t, name, arity)) {
                    return program.targets(t, name, arity, true, cut);
                }
            }
            var scope = program.index.scopeOf(in.unit.file.unit());
            String owner = scope == null ? null : scope.staticImportOwner(name).orElse(null);
            TypeInfo t = owner == null ? null : program.types.get(owner);
            return t == null ? List.of() : program.targets(t, name, arity, false, cut);
        }
        Expression scope = call.getScope().get();
        if (scope instanceof SuperExpr) {
            for (String s : in.unit.owner.supers) {
                TypeInfo sup = program.types.get(s);
                if (sup != null) {
                    List<Unit> found = program.targets(sup, name, arity, false, cut);
                    if (!found.isEmpty()) {
                        return found;
                    }
                }
            }
            return List.of();
        }
        String type = typeOf(scope, env);
        if (type == null) {
            List<Unit> byName = program.unitsByName.getOrDefault(TypeInfo.methodKey(name, arity), List.of());
            return byName.size() <= FlowProgram.MAX_NAME_TARGETS ? byName : List.of();
        }
        TypeInfo t = program.types.get(type);
        if (t != null) {
            return program.targets(t, name, arity, !isTypeName(scope, env), cut);
        }
        List<Unit> out = new ArrayList<>();
        for (TypeInfo impl : program.implementors(type)) {
            for (Unit u : program.targets(impl, name, arity, true, cut)) {
                if (!out.contains(u) && out.size() < FlowProgram.MAX_DISPATCH_TARGETS) {
                    out.add(u);
                }
            }
        }
        return out;
    }

    private static boolean isTypeName(Expression scope, Env env) {
        return scope instanceof NameExpr n && !env.isLocal(n.getNameAsString())
                && Character.isUpperCase(n.getNameAsString().charAt(0));
    }
}
