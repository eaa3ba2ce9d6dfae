package dev.clearbox.analyzers.source.internal;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.body.InitializerDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.ObjectCreationExpr;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The enclosing method of a node as findings name it (part of their fingerprint): {@code pkg.Type#name(ParamType, ...)},
 * constructors as {@code <init>}, initializers as {@code <initializers>}; inside an anonymous class or a local class,
 * the outer method, then {@code /new Type/} and the inner method. Parameter types as written in the source.
 */
public final class Signatures {
    private Signatures() {
    }

    /** The signature, or empty when the node is in no type. */
    public static String enclosingMethod(Node node) {
        List<String> parts = new ArrayList<>();
        String type = "";
        for (Node n = node.getParentNode().orElse(null); n != null; n = n.getParentNode().orElse(null)) {
            if (n instanceof CallableDeclaration<?> c) {
                parts.add(signature(c));
            } else if (n instanceof InitializerDeclaration) {
                parts.add("<initializers>");
            } else if (n instanceof ObjectCreationExpr o && o.getAnonymousClassBody().isPresent()
                    && !parts.isEmpty()) {
                parts.add("new " + o.getType().getNameAsString());
            } else if (n instanceof TypeDeclaration<?> t) {
                if (t.isTopLevelType() || t.getFullyQualifiedName().isPresent() && !isLocal(t)) {
                    type = t.getFullyQualifiedName().orElse(t.getNameAsString());
                    break;
                }
                parts.add("class " + t.getNameAsString());
            }
        }
        if (type.isEmpty()) {
            return "";
        }
        Collections.reverse(parts);
        return type + "#" + String.join("/", parts);
    }

    private static boolean isLocal(TypeDeclaration<?> t) {
        return t.findAncestor(CallableDeclaration.class).isPresent();
    }

    private static String signature(CallableDeclaration<?> c) {
        List<String> types = new ArrayList<>();
        for (Parameter p : c.getParameters()) {
            types.add(p.getType().asString() + (p.isVarArgs() ? "..." : ""));
        }
        String name = c instanceof ConstructorDeclaration ? "<init>" : c.getNameAsString();
        return name + "(" + String.join(", ", types) + ")";
    }
}
