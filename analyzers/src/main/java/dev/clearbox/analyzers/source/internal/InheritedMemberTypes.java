package dev.clearbox.analyzers.source.internal;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.type.ClassOrInterfaceType;

import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Member types a class inherits from its project supertypes: a member type named like an imported type hides
 * the import inside the class. Library supertypes' member types are not considered. One per worker thread.
 */
final class InheritedMemberTypes {
    private final ProjectIndex index;
    private final Map<TypeDeclaration<?>, Set<String>> memberTypes = new IdentityHashMap<>();

    InheritedMemberTypes(ProjectIndex index) {
        this.index = index;
    }

    /**
     * True when a class enclosing {@code at} may inherit a member type named {@code simple} from a
     * project supertype (it would hide an imported type of that name), or has a supertype the file
     * does not settle.
     */
    boolean mayHide(Node at, String simple) {
        Node child = at;
        for (Node p = at.getParentNode().orElse(null); p != null; child = p, p = p.getParentNode().orElse(null)) {
            List<ClassOrInterfaceType> supers = p instanceof TypeDeclaration<?> t ? Supertypes.declaredSupertypes(t)
                    : p instanceof ObjectCreationExpr o && Supertypes.isClassBody(o, child) ? List.of(o.getType())
                    : null;
            if (supers == null) {
                continue;
            }
            for (ClassOrInterfaceType sup : supers) {
                Set<String> inherited = memberTypesOf(p, sup, new HashSet<>());
                if (inherited == null || inherited.contains(simple)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Member type names a project type and its project supertypes declare; null when a supertype is unknown. */
    private Set<String> memberTypesOf(Node at, ClassOrInterfaceType written, Set<String> seen) {
        ImportScope imports = index.scopeOf(at);
        Optional<String> fqn = imports == null ? Optional.empty() : imports.resolveType(written.getNameWithScope());
        if (fqn.isEmpty()) {
            return null;
        }
        TypeDeclaration<?> decl = index.typeDeclaration(fqn.get());
        if (decl == null || !seen.add(fqn.get())) {
            return Set.of(); // a library type (its member types are not considered) or already counted
        }
        Set<String> known = memberTypes.get(decl);
        if (known != null) {
            return known;
        }
        Set<String> out = new HashSet<>();
        for (var member : decl.getMembers()) {
            if (member instanceof TypeDeclaration<?> nested) {
                out.add(nested.getNameAsString());
            }
        }
        List<ClassOrInterfaceType> supers = Supertypes.declaredSupertypes(decl);
        for (ClassOrInterfaceType sup : supers == null ? List.<ClassOrInterfaceType>of() : supers) {
            Set<String> above = memberTypesOf(decl, sup, seen);
            if (above == null) {
                return null;
            }
            out.addAll(above);
        }
        memberTypes.put(decl, out);
        return out;
    }
}
