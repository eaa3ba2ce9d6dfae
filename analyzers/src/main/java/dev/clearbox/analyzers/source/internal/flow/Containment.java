package dev.clearbox.analyzers.source.internal.flow;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.InitializerDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.SuperExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.type.ClassOrInterfaceType;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether constructing an object of a project class can let the object escape before the constructor returns: a
 * class is <em>contained</em> when it and every superclass are project classes (or {@code Object}) whose constructors,
 * instance initialisers and field initialisers use {@code this} only to reach a field, call no instance method of
 * theirs (which could pass {@code this} on), and create no lambda, method reference, anonymous or inner class (which
 * would capture it). Only objects of contained classes are tracked per allocation ({@link Env#fresh}).
 */
final class Containment {
    private final FlowProgram program;
    private final Map<TypeInfo, Boolean> known = new ConcurrentHashMap<>();

    Containment(FlowProgram program) {
        this.program = program;
    }

    boolean contained(TypeInfo type) {
        Boolean k = known.get(type);
        if (k == null) {
            k = compute(type);
            known.put(type, k);
        }
        return k;
    }

    private boolean compute(TypeInfo type) {
        if (type.isInterface || !type.captures.isEmpty() || !(type.declaration instanceof TypeDeclaration<?>)) {
            return false;
        }
        for (TypeInfo x : program.selfAndAncestors(type)) {
            if (x.isInterface) {
                continue;
            }
            if (!(x.declaration instanceof ClassOrInterfaceDeclaration c) || c.isInterface()) {
                return false; // records, enums, anonymous or local bodies: not tracked
            }
            if (!c.isStatic() && c.getParentNode().orElse(null) instanceof TypeDeclaration<?>) {
                return false; // an inner class holds its outer instance
            }
            for (ClassOrInterfaceType sup : c.getExtendedTypes()) {
                String name = program.resolveType(x.file, c, sup.getNameWithScope());
                if (name == null || !program.types.containsKey(name)) {
                    return false; // a library superclass's constructor is code nobody sees
                }
            }
            Set<String> inner = innerClassNames(c);
            for (BodyDeclaration<?> member : c.getMembers()) {
                boolean runsAtConstruction = member instanceof ConstructorDeclaration
                        || member instanceof InitializerDeclaration i && !i.isStatic()
                        || member instanceof FieldDeclaration f && !f.isStatic();
                if (runsAtConstruction && leaksThis(member, inner)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static Set<String> innerClassNames(ClassOrInterfaceDeclaration c) {
        Set<String> out = new HashSet<>();
        for (BodyDeclaration<?> m : c.getMembers()) {
            if (m instanceof ClassOrInterfaceDeclaration n && !n.isStatic() && !n.isInterface()) {
                out.add(n.getNameAsString());
            }
        }
        return out;
    }

    private static boolean leaksThis(Node code, Set<String> inner) {
        List<Node> all = code.findAll(Node.class);
        for (Node n : all) {
            if (n instanceof ThisExpr t && !(t.getParentNode().orElse(null) instanceof FieldAccessExpr f
                    && f.getScope() == t)) {
                return true;
            }
            if (n instanceof MethodCallExpr m && (m.getScope().isEmpty() || m.getScope().get() instanceof ThisExpr
                    || m.getScope().get() instanceof SuperExpr)) {
                return true;
            }
            if (n instanceof LambdaExpr || n instanceof MethodReferenceExpr) {
                return true;
            }
            if (n instanceof ObjectCreationExpr o && (o.getAnonymousClassBody().isPresent()
                    || inner.contains(o.getType().getNameAsString()))) {
                return true;
            }
        }
        return false;
    }
}
