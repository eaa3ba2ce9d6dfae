package dev.clearbox.analyzers.source.internal.flow;

import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.ArrayCreationExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.InstanceOfExpr;
import com.github.javaparser.ast.expr.LiteralExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.SuperExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.stmt.CatchClause;
import com.github.javaparser.ast.type.Type;
import com.github.javaparser.ast.type.UnionType;

import java.util.List;
import java.util.Set;

/**
 * Which expressions can throw, for the state a catch block starts from: the states at these points are joined,
 * not the state at the try block's start or end. Conservative: a call (method, constructor, explicit constructor
 * invocation), an array creation or access, a cast, a field access through anything but {@code this} or
 * {@code super}, an assignment into an array element or a field of another object, and any operator whose
 * operands are not all known to be primitive or strings (unboxing, implicit {@code toString}, division by zero).
 * A local of a boxed type is a throw point where it is read (it may be unboxed). The statements that throw
 * ({@code throw}, {@code assert}, a {@code switch} on a value, {@code synchronized}, the iteration of an enhanced
 * {@code for}, the closing of a resource) are marked by {@link UnitInterpreter}.
 *
 * <p>Errors the virtual machine may raise between any two statements ({@code OutOfMemoryError},
 * {@code StackOverflowError}...) are answered by {@link #catchesErrors}: a handler that may take them sees the
 * state before every statement of its try block.
 */
final class ThrowPoints {
    private static final Set<String> BOXED = Set.of("Integer", "Long", "Short", "Byte", "Character", "Boolean",
            "Float", "Double");
    /** Handler types that take what the virtual machine may raise at any point. */
    private static final Set<String> ANYWHERE = Set.of("Throwable", "Error", "VirtualMachineError",
            "OutOfMemoryError", "StackOverflowError", "InternalError", "UnknownError");

    private ThrowPoints() {
    }

    /** True when evaluating {@code e} (its operands aside) may throw, {@code env} being the state before it. */
    static boolean mayThrow(Expression e, Env env) {
        if (e instanceof MethodCallExpr || e instanceof ObjectCreationExpr || e instanceof ArrayCreationExpr
                || e instanceof ArrayAccessExpr || e instanceof CastExpr) {
            return true;
        }
        if (e instanceof FieldAccessExpr f) {
            return !(f.getScope() instanceof ThisExpr || f.getScope() instanceof SuperExpr);
        }
        if (e instanceof NameExpr n) {
            return env.isLocal(n.getNameAsString()) && BOXED.contains(simple(env.types.get(n.getNameAsString())));
        }
        if (e instanceof BinaryExpr b) {
            return b.getOperator() == BinaryExpr.Operator.DIVIDE || b.getOperator() == BinaryExpr.Operator.REMAINDER
                    || !plain(b.getLeft(), env) || !plain(b.getRight(), env);
        }
        if (e instanceof UnaryExpr u) {
            return !plain(u.getExpression(), env);
        }
        if (e instanceof AssignExpr a) {
            return storesElsewhere(a) || a.getOperator() != AssignExpr.Operator.ASSIGN
                    && (!plain(a.getTarget(), env) || !plain(a.getValue(), env));
        }
        return false;
    }

    /** An assignment into an array element or into a field of an object other than {@code this}: the store may throw. */
    static boolean storesElsewhere(AssignExpr a) {
        return a.getTarget() instanceof ArrayAccessExpr
                || a.getTarget() instanceof FieldAccessExpr f && !(f.getScope() instanceof ThisExpr);
    }

    /** True when a handler of {@code clause} may take errors the virtual machine raises anywhere. */
    static boolean catchesErrors(CatchClause clause) {
        return types(clause).stream().anyMatch(t -> ANYWHERE.contains(simple(t.asString())));
    }

    /** True when a handler of {@code clause} takes every exception. */
    static boolean catchesEverything(CatchClause clause) {
        return types(clause).stream().anyMatch(t -> simple(t.asString()).equals("Throwable"));
    }

    static List<? extends Type> types(CatchClause clause) {
        Type type = clause.getParameter().getType();
        return type instanceof UnionType u ? u.getElements() : List.of(type);
    }

    /** An operand whose value is a primitive or a string (or a literal): using it throws nothing. */
    private static boolean plain(Expression e, Env env) {
        if (e instanceof LiteralExpr || e instanceof BinaryExpr || e instanceof InstanceOfExpr) {
            return true; // a binary or instanceof value is a primitive or a string; its own throws are its own point
        }
        if (e instanceof EnclosedExpr en) {
            return plain(en.getInner(), env);
        }
        if (e instanceof UnaryExpr u) {
            return plain(u.getExpression(), env);
        }
        if (e instanceof ConditionalExpr c) {
            return plain(c.getThenExpr(), env) && plain(c.getElseExpr(), env);
        }
        if (e instanceof NameExpr n && env.isLocal(n.getNameAsString())) {
            String type = env.types.get(n.getNameAsString());
            return isPrimitive(type) || simple(type).equals("String");
        }
        return false;
    }

    private static boolean isPrimitive(String type) {
        return switch (type) {
            case "int", "long", "short", "byte", "char", "boolean", "float", "double" -> true;
            default -> false;
        };
    }

    private static String simple(String type) {
        return type == null ? "" : type.substring(type.lastIndexOf('.') + 1);
    }
}
