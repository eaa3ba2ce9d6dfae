package dev.clearbox.analyzers.source.internal;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.RecordDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.CatchClause;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.SwitchEntry;
import com.github.javaparser.ast.stmt.TryStmt;
import com.github.javaparser.ast.type.Type;

import java.util.Optional;

/**
 * Finds the declaration of a variable name visible at a node by walking outwards through blocks,
 * parameters and fields, without the symbol solver. Shadowing follows the nesting of the source.
 */
public final class Declarations {
    private Declarations() {
    }

    /**
     * A declared variable.
     *
     * @param type        its declared type ({@code var} included, then look at the initializer)
     * @param initializer its initializer, when it has one
     * @param owner       for fields, the declaring type; otherwise the enclosing block or callable
     * @param field       true for fields (and record components)
     */
    public record VarDecl(String name, Type type, Optional<Expression> initializer, Node owner, boolean field) {
    }

    /** The declaration {@code name} refers to at {@code at}, if it can be found in the file. */
    public static Optional<VarDecl> find(Node at, String name) {
        Node child = at;
        Optional<Node> parent = at.getParentNode();
        while (parent.isPresent()) {
            Node p = parent.get();
            Optional<VarDecl> found = lookIn(p, child, name);
            if (found.isPresent()) {
                return found;
            }
            child = p;
            parent = p.getParentNode();
        }
        return Optional.empty();
    }

    private static Optional<VarDecl> lookIn(Node p, Node child, String name) {
        if (p instanceof BlockStmt block) {
            return inStatements(block.getStatements(), child, name, block);
        }
        if (p instanceof SwitchEntry entry) {
            return inStatements(entry.getStatements(), child, name, entry);
        }
        if (p instanceof ForStmt loop) {
            for (Expression init : loop.getInitialization()) {
                Optional<VarDecl> d = inVariables(init, name, loop);
                if (d.isPresent()) {
                    return d;
                }
            }
        } else if (p instanceof ForEachStmt loop) {
            return inVariables(loop.getVariable(), name, loop);
        } else if (p instanceof TryStmt tryStmt) {
            for (Expression resource : tryStmt.getResources()) {
                Optional<VarDecl> d = inVariables(resource, name, tryStmt);
                if (d.isPresent()) {
                    return d;
                }
            }
        } else if (p instanceof CatchClause clause) {
            return inParameters(NodeList.nodeList(clause.getParameter()), name, clause);
        } else if (p instanceof LambdaExpr lambda) {
            return inParameters(lambda.getParameters(), name, lambda);
        } else if (p instanceof CallableDeclaration<?> callable) {
            return inParameters(callable.getParameters(), name, callable);
        } else if (p instanceof TypeDeclaration<?> type) {
            return inType(type, name);
        }
        return Optional.empty();
    }

    private static Optional<VarDecl> inStatements(NodeList<Statement> statements, Node child, String name, Node owner) {
        Optional<VarDecl> latest = Optional.empty();
        for (Statement s : statements) {
            if (s == child) {
                break;
            }
            if (s instanceof ExpressionStmt es) {
                Optional<VarDecl> d = inVariables(es.getExpression(), name, owner);
                if (d.isPresent()) {
                    latest = d;
                }
            }
        }
        return latest;
    }

    private static Optional<VarDecl> inVariables(Expression e, String name, Node owner) {
        if (e instanceof VariableDeclarationExpr vde) {
            for (VariableDeclarator v : vde.getVariables()) {
                if (v.getNameAsString().equals(name)) {
                    return Optional.of(new VarDecl(name, v.getType(), v.getInitializer(), owner, false));
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<VarDecl> inParameters(NodeList<Parameter> parameters, String name, Node owner) {
        for (Parameter parameter : parameters) {
            if (parameter.getNameAsString().equals(name)) {
                return Optional.of(new VarDecl(name, parameter.getType(), Optional.empty(), owner, false));
            }
        }
        return Optional.empty();
    }

    private static Optional<VarDecl> inType(TypeDeclaration<?> type, String name) {
        for (BodyDeclaration<?> member : type.getMembers()) {
            if (member instanceof FieldDeclaration field) {
                for (VariableDeclarator v : field.getVariables()) {
                    if (v.getNameAsString().equals(name)) {
                        return Optional.of(new VarDecl(name, v.getType(), v.getInitializer(), type, true));
                    }
                }
            }
        }
        if (type instanceof RecordDeclaration record) {
            for (Parameter component : record.getParameters()) {
                if (component.getNameAsString().equals(name)) {
                    return Optional.of(new VarDecl(name, component.getType(), Optional.empty(), type, true));
                }
            }
        }
        return Optional.empty();
    }
}
