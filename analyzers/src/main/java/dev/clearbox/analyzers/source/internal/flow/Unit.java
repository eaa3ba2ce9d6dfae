package dev.clearbox.analyzers.source.internal.flow;

import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.UnaryExpr;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import dev.clearbox.analyzers.source.internal.ParsedFile;

import java.util.List;

/**
 * A piece of code analysed on its own: a method or constructor with a body, or the field initializers
 * and initializer blocks of a type ({@code callable == null}). Its parameters, its return and the
 * exceptions it lets escape are graph nodes {@code firstNode + i}, {@link #returnNode()},
 * {@link #thrownNode()}.
 */
final class Unit {
    final int id;
    final ParsedFile file;
    final TypeInfo owner;
    final String label;
    final CallableDeclaration<?> callable;
    final List<Node> initializers;
    final List<String> params;
    final int firstNode;
    /** {@code Type.method} of the label, for step notes. */
    final String shortLabel;
    /** Memo of {@link #locals()} (racy but idempotent: a pure function of the unit's syntax tree). */
    private volatile Locals locals;
    /** Memo of the parameters' resolved types ({@link Overloads}; racy but idempotent). */
    volatile String[] parameterTypes;

    /**
     * What one walk of the unit's body says of its local names: the declarations of each name, and the names
     * assigned, incremented or decremented anywhere in it (lambdas and local classes included).
     */
    record Locals(Map<String, List<VariableDeclarator>> declared, Set<String> written, Set<String> parameters) {
    }

    /** The unit's {@link Locals}, from one walk of its body the first time they are asked for. */
    Locals locals() {
        Locals known = locals;
        if (known != null) {
            return known;
        }
        Map<String, List<VariableDeclarator>> declared = new HashMap<>();
        Set<String> written = new HashSet<>();
        Set<String> parameters = new HashSet<>();
        if (callable != null) {
            callable.getParameters().forEach(p -> parameters.add(p.getNameAsString()));
            callable.walk(n -> {
                if (n instanceof VariableDeclarator v) {
                    declared.computeIfAbsent(v.getNameAsString(), k -> new ArrayList<>()).add(v);
                } else if (n instanceof AssignExpr a && a.getTarget() instanceof NameExpr t) {
                    written.add(t.getNameAsString());
                } else if (n instanceof UnaryExpr u && u.getExpression() instanceof NameExpr t
                        && (u.getOperator() == UnaryExpr.Operator.PREFIX_INCREMENT
                        || u.getOperator() == UnaryExpr.Operator.PREFIX_DECREMENT
                        || u.getOperator() == UnaryExpr.Operator.POSTFIX_INCREMENT
                        || u.getOperator() == UnaryExpr.Operator.POSTFIX_DECREMENT)) {
                    written.add(t.getNameAsString());
                }
            });
        }
        known = new Locals(declared, written, parameters);
        locals = known;
        return known;
    }

    Unit(int id, ParsedFile file, TypeInfo owner, String label, CallableDeclaration<?> callable,
         List<Node> initializers, List<String> params, int firstNode) {
        this.id = id;
        this.file = file;
        this.owner = owner;
        this.label = label;
        this.callable = callable;
        this.initializers = initializers;
        this.params = params;
        this.firstNode = firstNode;
        String head = label.indexOf('(') < 0 ? label : label.substring(0, label.indexOf('('));
        String type = head.substring(0, head.indexOf('#'));
        this.shortLabel = type.substring(type.lastIndexOf('.') + 1) + "." + head.substring(head.indexOf('#') + 1);
    }

    int paramNode(int i) {
        return firstNode + i;
    }

    int returnNode() {
        return firstNode + params.size();
    }

    int thrownNode() {
        return firstNode + params.size() + 1;
    }

    /** Nodes a unit takes: its parameters, its return, its escaping exceptions. */
    static int nodeCount(int params) {
        return params + 2;
    }

    @Override
    public String toString() {
        return label;
    }
}
