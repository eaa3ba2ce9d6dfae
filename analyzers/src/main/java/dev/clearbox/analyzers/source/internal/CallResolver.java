package dev.clearbox.analyzers.source.internal;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.TypeExpr;
import com.github.javaparser.ast.stmt.ExplicitConstructorInvocationStmt;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.ast.type.Type;
import com.github.javaparser.resolution.TypeSolver;
import com.github.javaparser.resolution.declarations.ResolvedReferenceTypeDeclaration;
import com.github.javaparser.resolution.types.ResolvedReferenceType;
import com.github.javaparser.resolution.types.ResolvedType;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiPredicate;

/**
 * Resolves the declaring type of a call: first with the symbol solver (the method itself, then the
 * static type of its receiver), then from what the file says (variable declarations, imports, the
 * package, {@code java.lang}). One per worker thread: the type solver is not shared.
 *
 * <p>With a relevance test, a call whose receiver type the file settles ({@link DeclaredTypes}) and
 * none of whose possible declaring types (that type, its ancestors, {@code java.lang.Object}) is
 * relevant for its method name is answered at once ({@value #DECLARED_TYPE}), without the symbol
 * solver: no model entry can match it, whatever overload or ancestor the solver would pick. A relevant
 * call whose receiver type is known (from the file, or from the symbol solver typing the receiver alone)
 * and whose type has a single method of that name and arity is answered from that method
 * ({@value #RECEIVER_TYPE}); the others go to the symbol solver.
 */
public final class CallResolver {
    public static final String SYMBOL_SOLVER = "symbol-solver";
    public static final String SYMBOL_SOLVER_SCOPE = "symbol-solver-scope";
    public static final String IMPORTS = "imports";
    /** A call shown by its receiver's declared type to match nothing relevant; never on a finding. */
    public static final String DECLARED_TYPE = "declared-type";
    /**
     * A call whose receiver's static type has exactly one method of that name and number of arguments:
     * the declaration the symbol solver would pick, found without typing the arguments.
     */
    public static final String RECEIVER_TYPE = "receiver-type";
    /**
     * A call on a receiver some of whose supertypes nobody can see, matching no model entry on the types that can
     * be seen: matched by method name (and number of arguments) against the model, its doubt stated, and counted
     * in the coverage with the missing types.
     */
    public static final String UNRESOLVED_SUPERTYPES = "unresolved-supertypes";
    private static final String OBJECT = "java.lang.Object";
    private static final String INIT = "<init>";

    private final TypeSolver typeSolver;
    private final ProjectIndex index;
    private final Map<String, List<String>> ancestorCache;
    private final BiPredicate<String, String> relevant;
    private final DeclaredTypes declared;
    private final TypeTable table;

    /** @param ancestorCache shared across workers: type name to itself plus its ancestors */
    public CallResolver(TypeSolver typeSolver, ProjectIndex index, Map<String, List<String>> ancestorCache) {
        this(typeSolver, index, ancestorCache, null);
    }

    /**
     * @param ancestorCache shared across workers: type name to itself plus its ancestors
     * @param relevant      whether a (declaring type, method name) could matter to the caller, for any
     *                      overload; null to resolve every call with the symbol solver first
     */
    public CallResolver(TypeSolver typeSolver, ProjectIndex index, Map<String, List<String>> ancestorCache,
                        BiPredicate<String, String> relevant) {
        this.typeSolver = typeSolver;
        this.index = index;
        this.ancestorCache = ancestorCache;
        this.relevant = relevant;
        this.table = new TypeTable(typeSolver, ancestorCache, index);
        this.declared = new DeclaredTypes(index, relevant == null ? null : table);
    }

    /** The callee of a method call, or empty when nothing tells. */
    public Optional<Callee> resolve(MethodCallExpr call) {
        return resolveCall(call).map(c -> settled(c, call.getArguments().size()));
    }

    /**
     * The callee, no longer in doubt when a class it can see on the receiver's side of the missing supertypes
     * declares a method of that name and number of arguments with a body: the call dispatches to that body (or an
     * override of it in the sources), not to anything the missing types declare.
     */
    private Callee settled(Callee c, int arity) {
        if (c.missing().isEmpty() || !table.declaresConcrete(c.types(), c.method(), arity)) {
            return c;
        }
        return new Callee(c.type(), c.types(), c.method(), c.params(), c.resolution());
    }

    private Optional<Callee> resolveCall(MethodCallExpr call) {
        String name = call.getNameAsString();
        Optional<Callee> irrelevant = relevant == null ? Optional.empty() : irrelevantCall(call, name);
        if (irrelevant.isPresent()) {
            return irrelevant;
        }
        ResolvedReferenceTypeDeclaration receiver = null;
        boolean receiverTyped = false;
        if (relevant != null && call.getScope().isPresent()) {
            Expression scope = call.getScope().get();
            int arity = call.getArguments().size();
            Optional<Callee> only = declared.typeOf(scope).flatMap(t -> table.onlyCandidate(t, name, arity));
            if (only.isPresent()) {
                return only;
            }
            if (isValue(scope)) {
                // The receiver's type first: the method cannot resolve without it, and with a single
                // candidate the arguments need not be typed at all.
                ResolvedType type;
                try {
                    type = scope.calculateResolvedType();
                } catch (RuntimeException | StackOverflowError e) {
                    return typeOf(scope).map(t -> table.byName(t, name));
                }
                receiverTyped = true;
                receiver = type.isReferenceType() ? type.asReferenceType().getTypeDeclaration().orElse(null) : null;
                if (receiver != null) {
                    only = table.onlyCandidate(receiver.getQualifiedName(), name, arity);
                    if (only.isPresent()) {
                        return only;
                    }
                }
            }
        }
        try {
            var method = call.resolve();
            return Optional.of(table.fromDeclaration(method.declaringType(), name, TypeTable.params(method), SYMBOL_SOLVER));
        } catch (RuntimeException | StackOverflowError e) {
            // fall through to weaker means
        }
        if (receiver != null) {
            // when the method is not found on a receiver some of whose supertypes nobody can see, it may be inherited
            // from one of them: the callee carries those types, and the caller matches it by name and counts it
            return Optional.of(table.fromDeclaration(receiver, name, null, SYMBOL_SOLVER_SCOPE));
        }
        if (call.getScope().isPresent()) {
            Expression scope = call.getScope().get();
            Optional<Callee> byScopeType = receiverTyped ? Optional.empty() : fromResolvedType(scope, name);
            if (byScopeType.isPresent()) {
                return byScopeType;
            }
            return typeOf(scope).map(t -> table.byName(t, name));
        }
        ImportScope imports = index.scopeOf(call);
        Optional<String> owner = imports == null ? Optional.empty() : imports.staticImportOwner(name);
        if (owner.isPresent()) {
            return Optional.of(table.byName(owner.get(), name));
        }
        return enclosingType(call).map(t -> table.byName(t, name));
    }

    /** The class instantiated by a constructor call. */
    public Optional<Callee> resolve(ObjectCreationExpr creation, boolean wantParams) {
        if (relevant != null && creation.getScope().isEmpty()) {
            Optional<Callee> irrelevant = declared.typeName(creation, creation.getType())
                    .flatMap(t -> irrelevant(t, INIT));
            if (irrelevant.isPresent()) {
                return irrelevant;
            }
        }
        try {
            ResolvedReferenceType type = creation.getType().resolve().asReferenceType();
            List<String> params = null;
            if (wantParams) {
                try {
                    params = TypeTable.params(creation.resolve());
                } catch (RuntimeException | StackOverflowError e) {
                    params = null;
                }
            }
            Optional<ResolvedReferenceTypeDeclaration> decl = type.getTypeDeclaration();
            if (decl.isPresent()) {
                return Optional.of(table.fromDeclaration(decl.get(), INIT, params, SYMBOL_SOLVER));
            }
        } catch (RuntimeException | StackOverflowError e) {
            // fall through
        }
        return typeName(creation, creation.getType()).map(t -> table.byName(t, INIT));
    }

    /** The superclass constructor a {@code super(...)} call invokes. */
    public Optional<Callee> resolve(ExplicitConstructorInvocationStmt call) {
        if (relevant != null && call.getExpression().isEmpty()) {
            Optional<Callee> irrelevant = call.findAncestor(ClassOrInterfaceDeclaration.class)
                    .flatMap(c -> c.getExtendedTypes().isEmpty() ? Optional.of(OBJECT)
                            : declared.typeName(c, c.getExtendedTypes().get(0)))
                    .flatMap(t -> irrelevant(t, INIT));
            if (irrelevant.isPresent()) {
                return irrelevant;
            }
        }
        try {
            var constructor = call.resolve();
            return Optional.of(table.fromDeclaration(constructor.declaringType(), INIT, TypeTable.params(constructor), SYMBOL_SOLVER));
        } catch (RuntimeException | StackOverflowError e) {
            // fall through
        }
        return call.findAncestor(ClassOrInterfaceDeclaration.class)
                .flatMap(c -> c.getExtendedTypes().getFirst().flatMap(sup -> typeName(c, sup)))
                .map(t -> table.byName(t, INIT));
    }

    /** The target of a method reference ({@code Type::method}, {@code expr::method}, {@code Type::new}). */
    public Optional<Callee> resolve(MethodReferenceExpr ref) {
        String name = ref.getIdentifier().equals("new") ? INIT : ref.getIdentifier();
        if (relevant != null) {
            Optional<String> type = ref.getScope() instanceof TypeExpr t ? declared.typeName(ref, t.getType())
                    : declared.typeOf(ref.getScope());
            Optional<Callee> irrelevant = type.flatMap(t -> irrelevant(t, name));
            if (irrelevant.isPresent()) {
                return irrelevant;
            }
        }
        try {
            var method = ref.resolve();
            return Optional.of(table.fromDeclaration(method.declaringType(), name, TypeTable.params(method), SYMBOL_SOLVER));
        } catch (RuntimeException | StackOverflowError e) {
            // fall through
        }
        Expression scope = ref.getScope();
        if (scope instanceof TypeExpr t) {
            return typeName(ref, t.getType()).map(type -> table.byName(type, name));
        }
        return typeOf(scope).map(t -> table.byName(t, name));
    }

    /**
     * The callee of a method call when the file settles every type it may be declared in and none is
     * relevant: the receiver's declared type, or for an unqualified call every enclosing class (named
     * or anonymous, they may all declare or inherit it) and every type a static import may take it from.
     */
    private Optional<Callee> irrelevantCall(MethodCallExpr call, String name) {
        if (call.getScope().isPresent()) {
            return declared.typeOf(call.getScope().get()).flatMap(t -> irrelevant(t, name));
        }
        ImportScope imports = index.scopeOf(call);
        if (imports == null) {
            return Optional.empty();
        }
        for (String owner : imports.staticImportCandidates(name)) {
            if (irrelevant(owner, name).isEmpty()) {
                return Optional.empty();
            }
        }
        String innermost = null;
        Node child = call;
        for (Node p = call.getParentNode().orElse(null); p != null; child = p, p = p.getParentNode().orElse(null)) {
            String level = null;
            if (p instanceof TypeDeclaration<?> type) {
                level = DeclaredTypes.isLocal(type) ? null
                        : type.getFullyQualifiedName().orElse(null);
            } else if (p instanceof ObjectCreationExpr o && o.getAnonymousClassBody().isPresent()
                    && child instanceof BodyDeclaration<?>) {
                level = o.getScope().isPresent() ? null : declared.typeName(o, o.getType()).orElse(null);
            } else {
                continue;
            }
            if (level == null || irrelevant(level, name).isEmpty()) {
                return Optional.empty();
            }
            innermost = innermost == null ? level : innermost;
        }
        return innermost == null ? Optional.empty() : irrelevant(innermost, name);
    }

    /** A {@value #DECLARED_TYPE} callee on {@code type} when neither it nor an ancestor is relevant for {@code method}. */
    private Optional<Callee> irrelevant(String type, String method) {
        List<String> types = table.byName(type, method).types();
        if (relevant.test(OBJECT, method) || !table.ancestorsComplete(type)) {
            // a type with a supertype nobody can see may inherit a model API: left to the solver, and counted
            // as an unresolved call where the solver cannot tell either
            return Optional.empty();
        }
        for (String t : types) {
            if (relevant.test(t, method)) {
                return Optional.empty();
            }
        }
        return Optional.of(new Callee(type, types, method, null, DECLARED_TYPE));
    }

    /**
     * True for receivers that can only be values (never a type name), so the symbol solver can type them
     * on their own: calls, {@code new}, {@code this}, casts, array elements, parentheses and names that
     * start with a lower-case letter.
     */
    private static boolean isValue(Expression scope) {
        if (scope instanceof NameExpr n) {
            return Character.isLowerCase(n.getNameAsString().charAt(0));
        }
        return scope instanceof MethodCallExpr || scope instanceof ObjectCreationExpr || scope instanceof ThisExpr
                || scope instanceof EnclosedExpr || scope instanceof CastExpr
                || scope instanceof ArrayAccessExpr;
    }

    private Optional<Callee> fromResolvedType(Expression scope, String name) {
        try {
            ResolvedType type = scope.calculateResolvedType();
            if (type.isReferenceType()) {
                Optional<ResolvedReferenceTypeDeclaration> decl = type.asReferenceType().getTypeDeclaration();
                if (decl.isPresent()) {
                    return Optional.of(table.fromDeclaration(decl.get(), name, null, SYMBOL_SOLVER_SCOPE));
                }
            }
        } catch (RuntimeException | StackOverflowError e) {
            // not resolvable
        }
        return Optional.empty();
    }

    /** The static type of an expression from declarations and imports alone. */
    private Optional<String> typeOf(Expression e) {
        if (e instanceof EnclosedExpr en) {
            return typeOf(en.getInner());
        }
        if (e instanceof CastExpr c) {
            return typeName(c, c.getType());
        }
        if (e instanceof ObjectCreationExpr o) {
            return typeName(o, o.getType());
        }
        if (e instanceof StringLiteralExpr) {
            return Optional.of("java.lang.String");
        }
        if (e instanceof ThisExpr) {
            return enclosingType(e);
        }
        if (e instanceof NameExpr n) {
            var decl = Declarations.find(n, n.getNameAsString());
            if (decl.isPresent()) {
                Type type = decl.get().type();
                if (type.isVarType()) {
                    return decl.get().initializer().flatMap(this::typeOf);
                }
                return typeName(n, type);
            }
            return resolveTypeName(n, n.getNameAsString());
        }
        if (e instanceof FieldAccessExpr f) {
            if (f.getScope() instanceof ThisExpr) {
                return Declarations.find(f, f.getNameAsString()).flatMap(d -> typeName(f, d.type()));
            }
            if (isTypeLike(f.getScope())) {
                return resolveTypeName(f, f.toString());
            }
        }
        return Optional.empty();
    }

    private boolean isTypeLike(Expression scope) {
        if (scope instanceof NameExpr n) {
            return Declarations.find(n, n.getNameAsString()).isEmpty();
        }
        return scope instanceof FieldAccessExpr f && isTypeLike(f.getScope());
    }

    private Optional<String> typeName(Node at, Type type) {
        if (type instanceof ClassOrInterfaceType c) {
            return resolveTypeName(at, c.getNameWithScope());
        }
        return Optional.empty();
    }

    private Optional<String> resolveTypeName(Node at, String written) {
        ImportScope imports = index.scopeOf(at);
        return imports == null ? Optional.empty() : imports.resolveType(written);
    }

    private Optional<String> enclosingType(Node at) {
        Optional<TypeDeclaration<?>> type = at.findAncestor(TypeDeclaration.class).map(t -> (TypeDeclaration<?>) t);
        if (type.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> fqn = type.get().getFullyQualifiedName();
        if (fqn.isPresent() && type.get() instanceof ClassOrInterfaceDeclaration c && !ancestorCache.containsKey(fqn.get())) {
            Set<String> names = new LinkedHashSet<>();
            Set<String> missing = new TreeSet<>();
            names.add(fqn.get());
            List<ClassOrInterfaceType> supertypes = new ArrayList<>(c.getExtendedTypes());
            supertypes.addAll(c.getImplementedTypes());
            for (ClassOrInterfaceType sup : supertypes) {
                Optional<String> supName = typeName(c, sup);
                if (supName.isEmpty()) {
                    missing.add(sup.getNameWithScope());
                    continue;
                }
                Callee known = table.byName(supName.get(), "");
                names.addAll(known.types());
                missing.addAll(known.missing());
            }
            table.markIncomplete(fqn.get(), List.copyOf(missing));
            ancestorCache.putIfAbsent(fqn.get(), List.copyOf(names));
        }
        return fqn;
    }
}
