package dev.clearbox.analyzers.source.internal.flow;

import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.expr.BooleanLiteralExpr;
import com.github.javaparser.ast.expr.CharLiteralExpr;
import com.github.javaparser.ast.expr.DoubleLiteralExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.LongLiteralExpr;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Overloads told apart by the arguments' static types. Project targets are found by name and number of arguments
 * ({@link FlowProgram#targets}); where the candidates' parameter types differ, a candidate is dropped when an argument's
 * static type can certainly not be passed to its parameter: a primitive or a {@code String} to a project type, an
 * array or a project type to a primitive, a project type to a project type it does not extend, a platform type to a
 * project type, and the like. Unknown types (a {@code var}, a type variable, a type the index cannot resolve, a project
 * type with a supertype nobody can see) never drop a candidate, and when every candidate would be dropped all are kept:
 * the narrowing only removes what Java's own overload resolution could not choose.
 */
final class Overloads {
    private static final Set<String> PRIMITIVES = Set.of("byte", "short", "char", "int", "long", "float", "double",
            "boolean");
    /** The primitive types each primitive widens to (itself included). */
    private static final Map<String, Set<String>> WIDENS = Map.of(
            "byte", Set.of("byte", "short", "int", "long", "float", "double"),
            "short", Set.of("short", "int", "long", "float", "double"),
            "char", Set.of("char", "int", "long", "float", "double"),
            "int", Set.of("int", "long", "float", "double"),
            "long", Set.of("long", "float", "double"),
            "float", Set.of("float", "double"),
            "double", Set.of("double"),
            "boolean", Set.of("boolean"));
    private static final Map<String, String> UNBOXED = Map.of("java.lang.Byte", "byte", "java.lang.Short", "short",
            "java.lang.Character", "char", "java.lang.Integer", "int", "java.lang.Long", "long", "java.lang.Float",
            "float", "java.lang.Double", "double", "java.lang.Boolean", "boolean");
    private static final String STRING = "java.lang.String";

    private enum Kind { PRIMITIVE, STRING, ARRAY, PROJECT, PLATFORM, UNKNOWN }

    private final FlowProgram program;
    private final Types types;

    Overloads(FlowProgram program, Types types) {
        this.program = program;
        this.types = types;
    }

    /** {@code candidates} without those the arguments' static types rule out (all of them when none is left). */
    List<Unit> narrow(List<Unit> candidates, List<Expression> args, Unit caller, Env env) {
        if (candidates.size() < 2 || sameParameters(candidates)) {
            return candidates;
        }
        String[] argTypes = new String[args.size()];
        for (int i = 0; i < args.size(); i++) {
            argTypes[i] = typeOf(args.get(i), caller, env);
        }
        List<Unit> kept = new ArrayList<>(candidates.size());
        for (Unit u : candidates) {
            if (accepts(u, argTypes)) {
                kept.add(u);
            }
        }
        return kept.isEmpty() || kept.size() == candidates.size() ? candidates : List.copyOf(kept);
    }

    private boolean sameParameters(List<Unit> candidates) {
        String[] first = parameterTypes(candidates.get(0));
        for (int i = 1; i < candidates.size(); i++) {
            if (!Arrays.equals(first, parameterTypes(candidates.get(i)))) {
                return false;
            }
        }
        return true;
    }

    private boolean accepts(Unit u, String[] argTypes) {
        String[] params = parameterTypes(u);
        for (int i = 0; i < argTypes.length && i < params.length; i++) {
            if (!assignable(argTypes[i], params[i])) {
                return false;
            }
        }
        return true;
    }

    /** The unit's parameters' resolved types (null where unknown, and for a variable-arity parameter), memoized. */
    private String[] parameterTypes(Unit u) {
        String[] known = u.parameterTypes;
        if (known != null) {
            return known;
        }
        String[] out = new String[u.params.size()];
        if (u.callable != null) {
            List<Parameter> ps = u.callable.getParameters();
            for (int i = 0; i < out.length && i < ps.size(); i++) {
                Parameter p = ps.get(i);
                out[i] = p.isVarArgs() ? null : types.resolve(u, p, p.getType());
            }
        }
        u.parameterTypes = out;
        return out;
    }

    private String typeOf(Expression e, Unit caller, Env env) {
        if (e instanceof IntegerLiteralExpr) {
            return "int";
        }
        if (e instanceof LongLiteralExpr) {
            return "long";
        }
        if (e instanceof BooleanLiteralExpr) {
            return "boolean";
        }
        if (e instanceof CharLiteralExpr) {
            return "char";
        }
        if (e instanceof DoubleLiteralExpr d) {
            String v = d.getValue();
            return v.endsWith("f") || v.endsWith("F") ? "float" : "double";
        }
        return types.typeOf(caller, e, env);
    }

    private Kind kind(String type) {
        if (type == null) {
            return Kind.UNKNOWN;
        }
        if (PRIMITIVES.contains(type)) {
            return Kind.PRIMITIVE;
        }
        if (type.equals(STRING)) {
            return Kind.STRING;
        }
        if (type.endsWith("[]")) {
            return Kind.ARRAY;
        }
        if (program.types.containsKey(type)) {
            return Kind.PROJECT;
        }
        return type.startsWith("java.") ? Kind.PLATFORM : Kind.UNKNOWN;
    }

    /** False only when a value of static type {@code arg} can certainly not be passed to a parameter of type {@code param}. */
    private boolean assignable(String arg, String param) {
        Kind a = kind(arg);
        Kind p = kind(param);
        if (a == Kind.UNKNOWN || p == Kind.UNKNOWN) {
            return true;
        }
        switch (a) {
            case PRIMITIVE:
                return p == Kind.PRIMITIVE ? WIDENS.get(arg).contains(param) : p == Kind.PLATFORM;
            case STRING:
                return p == Kind.STRING || p == Kind.PLATFORM;
            case ARRAY:
                return p == Kind.ARRAY || p == Kind.PLATFORM;
            case PROJECT:
                return p == Kind.PLATFORM || p == Kind.PROJECT && extendsType(arg, param);
            case PLATFORM:
                if (p == Kind.PRIMITIVE) {
                    String unboxed = UNBOXED.get(arg);
                    return unboxed != null && WIDENS.get(unboxed).contains(param);
                }
                return p == Kind.PLATFORM;
            default:
                return true;
        }
    }

    /** True when project type {@code sub} is {@code sup} or below it, or has a supertype the index could not resolve. */
    private boolean extendsType(String sub, String sup) {
        for (TypeInfo x : program.selfAndAncestors(program.types.get(sub))) {
            if (x.fqn.equals(sup)) {
                return true;
            }
            if (x.declaration instanceof ClassOrInterfaceDeclaration c
                    && c.getExtendedTypes().size() + c.getImplementedTypes().size() > x.supers.size()) {
                return true; // a supertype nobody can see could lead anywhere
            }
        }
        return false;
    }
}
