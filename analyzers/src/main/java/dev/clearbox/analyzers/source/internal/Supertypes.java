package dev.clearbox.analyzers.source.internal;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.EnumConstantDeclaration;
import com.github.javaparser.ast.body.EnumDeclaration;
import com.github.javaparser.ast.body.RecordDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.type.ClassOrInterfaceType;

import java.util.ArrayList;
import java.util.List;

/** What a type declaration says of its supertypes, read from the syntax alone (shared by {@link DeclaredTypes} and {@link InheritedMemberTypes}). */
final class Supertypes {
    private Supertypes() {
    }

    /** The supertypes a class, interface, enum or record names; null for other kinds of type. */
    static List<ClassOrInterfaceType> declaredSupertypes(TypeDeclaration<?> type) {
        List<ClassOrInterfaceType> out = new ArrayList<>();
        if (type instanceof ClassOrInterfaceDeclaration c) {
            out.addAll(c.getExtendedTypes());
            out.addAll(c.getImplementedTypes());
        } else if (type instanceof EnumDeclaration e) {
            out.addAll(e.getImplementedTypes());
        } else if (type instanceof RecordDeclaration r) {
            out.addAll(r.getImplementedTypes());
        } else {
            return null;
        }
        return out;
    }

    /** True when {@code child} is a member of the anonymous class body of {@code p} (a {@code new} or an enum constant). */
    static boolean isClassBody(Node p, Node child) {
        boolean anonymous = (p instanceof ObjectCreationExpr o && o.getAnonymousClassBody().isPresent())
                || p instanceof EnumConstantDeclaration;
        return anonymous && child instanceof BodyDeclaration<?>;
    }
}
