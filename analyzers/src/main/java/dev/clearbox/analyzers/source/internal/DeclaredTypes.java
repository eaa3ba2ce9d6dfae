package dev.clearbox.analyzers.source.internal;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.RecordDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.SuperExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.TypePatternExpr;
import com.github.javaparser.ast.stmt.LocalClassDeclarationStmt;
import com.github.javaparser.ast.stmt.LocalRecordDeclarationStmt;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.ast.type.Type;
import com.github.javaparser.ast.type.TypeParameter;

import java.util.HashSet;
import java.util.List;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The static type of a receiver from declarations and imports alone, answered only where the file
 * leaves no doubt: used to decide, before the (costly) symbol solver, that a call cannot match any
 * model entry. Where a name could mean something else than the nearest declaration says, it answers
 * nothing and the symbol solver decides: type names that are also type parameters, local classes or
 * member types a project supertype of an enclosing class declares (an inherited member type hides
 * an import; library supertypes' member types are not considered); names declared
 * outside the nearest enclosing class (the class may inherit a field of that name); fields whose name
 * is also a pattern variable in the file; {@code this} inside anonymous or local classes; any other
 * expression (array elements, qualified {@code super}, lambdas' untyped parameters). A chained call is
 * typed only through {@link TypeFacts#returnType}: the return type of the single method its receiver's type has
 * for that name and arity, when that return type is a class type.
 * One per worker thread.
 */
final class DeclaredTypes {
    private static final int MAX_CACHED_FILES = 256;

    private final ProjectIndex index;
    private final Map<CompilationUnit, Facts> facts = new IdentityHashMap<>();
    private final InheritedMemberTypes memberTypes;

    /** What the type solver knows about library and project types, for the cases the file alone leaves open. */
    interface TypeFacts {
        /** The static type of a call from its receiver's type, its name and its number of arguments. */
        Optional<String> returnType(String receiverType, String method, int arity);

        /**
         * When the single candidate method is declared by {@code receiverType} itself and returns one of that
         * type's own type parameters: the parameter's position (so the receiver's written type argument
         * gives the call's type); otherwise -1.
         */
        int returnedTypeParameter(String receiverType, String method, int arity);

        /** False only when {@code type} and all its ancestors are known and none declares a field {@code name}. */
        boolean mayHaveField(String type, String name);

        /** False only when the type solver knows no type of this fully-qualified name. */
        default boolean exists(String type) {
            return true;
        }
    }

    private final TypeFacts types;

    /** @param types what the type solver knows (chained calls, inherited fields); null to use the file alone */
    DeclaredTypes(ProjectIndex index, TypeFacts types) {
        this.index = index;
        this.types = types;
        this.memberTypes = new InheritedMemberTypes(index);
    }

    /** Names in a file that make the declared type of a name doubtful. */
    private record Facts(Set<String> typeParameters, Set<String> localTypes, Set<String> patternVariables) {
    }

    /** The static type of {@code e}, or empty when the file does not settle it. */
    Optional<String> typeOf(Expression e) {
        if (e instanceof EnclosedExpr en) {
            return typeOf(en.getInner());
        }
        if (e instanceof CastExpr c) {
            return typeName(c, c.getType());
        }
        if (e instanceof ObjectCreationExpr o) {
            return o.getScope().isPresent() ? Optional.empty() : typeName(o, o.getType());
        }
        if (e instanceof StringLiteralExpr) {
            return Optional.of("java.lang.String");
        }
        if (e instanceof ThisExpr t) {
            return t.getTypeName().isPresent() ? Optional.empty() : innermostType(t).flatMap(TypeDeclaration::getFullyQualifiedName);
        }
        if (e instanceof NameExpr n) {
            return variableType(n, n.getNameAsString(), false);
        }
        if (e instanceof MethodCallExpr m && m.getScope().isPresent() && types != null) {
            return callType(m, m.getScope().get());
        }
        if (e instanceof SuperExpr s) {
            return s.getTypeName().isPresent() ? Optional.empty() : superclass(s);
        }
        if (e instanceof FieldAccessExpr f) {
            if (f.getScope() instanceof ThisExpr t && t.getTypeName().isEmpty()) {
                return variableType(f, f.getNameAsString(), true);
            }
            if (isTypeLike(f.getScope())) {
                return resolveTypeName(f, f.toString());
            }
        }
        return Optional.empty();
    }

    /** The fully-qualified name of a written class type, or empty. */
    Optional<String> typeName(Node at, Type type) {
        if (type instanceof ClassOrInterfaceType c) {
            return resolveTypeName(at, c.getNameWithScope());
        }
        return Optional.empty();
    }

    /** The superclass of the nearest enclosing named class (not an interface), when the file settles it. */
    private Optional<String> superclass(Node at) {
        if (innermostType(at).orElse(null) instanceof ClassOrInterfaceDeclaration c && !c.isInterface()) {
            return c.getExtendedTypes().isEmpty() ? Optional.of("java.lang.Object") : typeName(c, c.getExtendedTypes().get(0));
        }
        return Optional.empty();
    }

    /** The nearest enclosing named class of {@code at}; empty when an anonymous or local class comes first. */
    Optional<TypeDeclaration<?>> innermostType(Node at) {
        Node child = at;
        for (Node p = at.getParentNode().orElse(null); p != null; child = p, p = p.getParentNode().orElse(null)) {
            if (Supertypes.isClassBody(p, child)) {
                return Optional.empty();
            }
            if (p instanceof TypeDeclaration<?> type) {
                return isLocal(type) ? Optional.empty() : Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /** True for a class or record declared in a method body. */
    static boolean isLocal(TypeDeclaration<?> type) {
        Node parent = type.getParentNode().orElse(null);
        return parent instanceof LocalClassDeclarationStmt || parent instanceof LocalRecordDeclarationStmt;
    }

    /**
     * The type of a call on a receiver the file types: the return type of the receiver type's single candidate
     * method, or, when that returns a type parameter of the receiver's type, the type argument the receiver's
     * declaration writes for it ({@code List<Socket> s; s.get(0)} is a {@code Socket}).
     */
    private Optional<String> callType(MethodCallExpr m, Expression scope) {
        Optional<String> receiver = typeOf(scope);
        if (receiver.isEmpty()) {
            return Optional.empty();
        }
        String name = m.getNameAsString();
        int arity = m.getArguments().size();
        Optional<String> returned = types.returnType(receiver.get(), name, arity);
        if (returned.isPresent()) {
            return returned;
        }
        int index = types.returnedTypeParameter(receiver.get(), name, arity);
        if (index < 0) {
            return Optional.empty();
        }
        Optional<Declarations.VarDecl> decl = scope instanceof NameExpr n ? trusted(n, n.getNameAsString(), false)
                : scope instanceof FieldAccessExpr f && f.getScope() instanceof ThisExpr t && t.getTypeName().isEmpty()
                ? trusted(f, f.getNameAsString(), true) : Optional.empty();
        return decl.map(Declarations.VarDecl::type)
                .filter(t -> t instanceof ClassOrInterfaceType).map(t -> (ClassOrInterfaceType) t)
                .flatMap(ClassOrInterfaceType::getTypeArguments)
                .filter(args -> index < args.size() && args.get(index) instanceof ClassOrInterfaceType)
                .flatMap(args -> typeName(args.get(index), args.get(index)));
    }

    /** The declaration {@code name} means at {@code at}, when nothing can hide it; see {@link #variableType}. */
    private Optional<Declarations.VarDecl> trusted(Node at, String name, boolean fieldOnly) {
        Optional<Declarations.VarDecl> found = Declarations.find(at, name);
        if (found.isEmpty()) {
            return found;
        }
        Declarations.VarDecl decl = found.get();
        if (fieldOnly && !decl.field()
                || !throughClassesWithoutSuchField(at, decl.owner(), name)
                || decl.field() && facts(at).patternVariables().contains(name)) {
            return Optional.empty();
        }
        return found;
    }

    private Optional<String> variableType(Node at, String name, boolean fieldOnly) {
        if (Declarations.find(at, name).isEmpty()) {
            if (fieldOnly || !Character.isUpperCase(name.charAt(0))) {
                return Optional.empty();
            }
            return resolveTypeName(at, name);
        }
        Optional<Declarations.VarDecl> trusted = trusted(at, name, fieldOnly);
        if (trusted.isEmpty()) {
            return Optional.empty();
        }
        Declarations.VarDecl decl = trusted.get();
        Type type = decl.type();
        if (type.isVarType()) {
            return decl.initializer().flatMap(this::typeOf);
        }
        return typeName(at, type);
    }

    /**
     * True when no class between {@code at} and the declaration's {@code owner} can have a field called
     * {@code name} of its own or inherited (which would hide the outer declaration): classes that declare no
     * supertype, and classes (anonymous ones too) whose supertypes the type solver knows entirely without
     * such a field. Enum constant bodies and supertypes the file does not settle count as doubtful.
     */
    private boolean throughClassesWithoutSuchField(Node at, Node owner, String name) {
        Node child = at;
        for (Node p = at.getParentNode().orElse(null); p != null && p != owner; child = p, p = p.getParentNode().orElse(null)) {
            List<ClassOrInterfaceType> supers;
            if (Supertypes.isClassBody(p, child)) {
                if (!(p instanceof ObjectCreationExpr o) || declaresField(o.getAnonymousClassBody().orElseThrow(), name)) {
                    return false; // an anonymous class's own fields are not seen by Declarations
                }
                supers = List.of(o.getType());
            } else if (p instanceof TypeDeclaration<?> type) {
                supers = Supertypes.declaredSupertypes(type);
                if (supers == null) {
                    return false;
                }
            } else {
                continue;
            }
            for (ClassOrInterfaceType sup : supers) {
                Optional<String> fqn = typeName(p, sup);
                if (fqn.isEmpty() || types == null || types.mayHaveField(fqn.get(), name)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean declaresField(List<BodyDeclaration<?>> members, String name) {
        for (BodyDeclaration<?> member : members) {
            if (member instanceof FieldDeclaration f
                    && f.getVariables().stream().anyMatch(v -> v.getNameAsString().equals(name))) {
                return true;
            }
        }
        return false;
    }

    private boolean isTypeLike(Expression scope) {
        if (scope instanceof NameExpr n) {
            return Character.isUpperCase(n.getNameAsString().charAt(0)) && Declarations.find(n, n.getNameAsString()).isEmpty();
        }
        return scope instanceof FieldAccessExpr f && isTypeLike(f.getScope());
    }

    private Optional<String> resolveTypeName(Node at, String written) {
        ImportScope imports = index.scopeOf(at);
        if (imports == null) {
            return Optional.empty();
        }
        int dot = written.indexOf('.');
        String first = dot < 0 ? written : written.substring(0, dot);
        Facts f = facts(at);
        if (dot < 0 && f.typeParameters().contains(first) && !f.localTypes().contains(first)) {
            return typeVariableBound(at, first, 0);
        }
        if (f.typeParameters().contains(first) || f.localTypes().contains(first)
                || (!imports.ownsType(first) && index.declaresNestedSimpleName(first) && memberTypes.mayHide(at, first))) {
            return Optional.empty();
        }
        if (dot < 0 && !imports.staticImportCandidates(written).isEmpty()) {
            return Optional.empty(); // a statically imported field may be what the name means
        }
        Optional<String> resolved = imports.resolveType(written);
        if (dot >= 0 && resolved.isPresent() && types != null
                && !index.declares(resolved.get()) && !types.exists(resolved.get())) {
            return Optional.empty(); // A.R with R a static field, not a member type: the symbol solver decides
        }
        return resolved;
    }

    /**
     * The type a type variable named {@code name} stands for at {@code at}, erased: its single bound, or
     * {@code java.lang.Object} without one. Only when the nearest enclosing method, constructor or class
     * declaring a type parameter of that name is reached without leaving a static or local scope it
     * cannot see; an intersection bound, or a name no enclosing declaration binds, gives nothing.
     */
    private Optional<String> typeVariableBound(Node at, String name, int depth) {
        if (depth > 8) {
            return Optional.empty();
        }
        for (Node p = at.getParentNode().orElse(null); p != null; p = p.getParentNode().orElse(null)) {
            if (p instanceof CallableDeclaration<?> c) {
                Optional<TypeParameter> declared = named(c.getTypeParameters(), name);
                if (declared.isPresent()) {
                    return bound(declared.get(), depth);
                }
                if (c instanceof MethodDeclaration m && m.isStatic()) {
                    return Optional.empty(); // the class's type parameters are not in scope
                }
            } else if (p instanceof ClassOrInterfaceDeclaration c) {
                Optional<TypeParameter> declared = named(c.getTypeParameters(), name);
                if (declared.isPresent()) {
                    return bound(declared.get(), depth);
                }
                if (c.isInterface() || c.isStatic()) {
                    return Optional.empty(); // outer type parameters are not in scope
                }
            } else if (p instanceof RecordDeclaration r) {
                return named(r.getTypeParameters(), name).flatMap(t -> bound(t, depth));
            } else if (p instanceof TypeDeclaration<?>) {
                return Optional.empty(); // enums and annotations are static
            }
        }
        return Optional.empty();
    }

    private static Optional<TypeParameter> named(NodeList<TypeParameter> params, String name) {
        return params.stream().filter(t -> t.getNameAsString().equals(name)).findFirst();
    }

    private Optional<String> bound(TypeParameter param, int depth) {
        NodeList<ClassOrInterfaceType> bounds = param.getTypeBound();
        if (bounds.isEmpty()) {
            return Optional.of("java.lang.Object");
        }
        if (bounds.size() > 1) {
            return Optional.empty();
        }
        String bound = bounds.get(0).getNameWithScope();
        return bound.indexOf('.') < 0 && facts(param).typeParameters().contains(bound)
                ? typeVariableBound(param, bound, depth + 1)
                : resolveTypeName(param, bound);
    }


    private Facts facts(Node at) {
        CompilationUnit cu = at.findCompilationUnit().orElse(null);
        if (cu == null) {
            return new Facts(Set.of(), Set.of(), Set.of());
        }
        Facts known = facts.get(cu);
        if (known == null) {
            if (facts.size() >= MAX_CACHED_FILES) {
                facts.clear();
            }
            Set<String> typeParameters = new HashSet<>();
            Set<String> localTypes = new HashSet<>();
            Set<String> patterns = new HashSet<>();
            cu.walk(node -> {
                if (node instanceof TypeParameter p) {
                    typeParameters.add(p.getNameAsString());
                } else if (node instanceof LocalClassDeclarationStmt l) {
                    localTypes.add(l.getClassDeclaration().getNameAsString());
                } else if (node instanceof LocalRecordDeclarationStmt l) {
                    localTypes.add(l.getRecordDeclaration().getNameAsString());
                } else if (node instanceof TypePatternExpr p) {
                    patterns.add(p.getNameAsString());
                }
            });
            known = new Facts(typeParameters, localTypes, patterns);
            facts.put(cu, known);
        }
        return known;
    }
}
