package dev.clearbox.analyzers.source.internal;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.nodeTypes.NodeWithExtends;
import com.github.javaparser.ast.nodeTypes.NodeWithImplements;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.resolution.TypeSolver;
import com.github.javaparser.resolution.UnsolvedSymbolException;
import com.github.javaparser.resolution.declarations.ResolvedMethodDeclaration;
import com.github.javaparser.resolution.declarations.ResolvedMethodLikeDeclaration;
import com.github.javaparser.resolution.declarations.ResolvedReferenceTypeDeclaration;
import com.github.javaparser.resolution.model.SymbolReference;
import com.github.javaparser.resolution.types.ResolvedReferenceType;
import com.github.javaparser.resolution.types.ResolvedType;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the type solver says about types, remembered: a type's ancestors (shared across workers), and for
 * a (type, method name, number of arguments) the single candidate method and its return type. One per
 * worker thread, like {@link CallResolver}.
 */
final class TypeTable implements DeclaredTypes.TypeFacts {
    private final TypeSolver typeSolver;
    private final Map<String, List<String>> ancestorCache;
    private final ProjectIndex index;
    private final Map<String, Only> onlyCandidates = new HashMap<>();
    private final Map<String, Boolean> fields = new HashMap<>();
    private final Map<String, Boolean> existing = new HashMap<>();
    private final Map<String, Boolean> concrete = new HashMap<>();

    /**
     * @param ancestorCache shared across workers: type name to itself plus its ancestors
     * @param index         the analysed sources, to name a missing supertype as its file imports it; may be null
     */
    TypeTable(TypeSolver typeSolver, Map<String, List<String>> ancestorCache, ProjectIndex index) {
        this.typeSolver = typeSolver;
        this.ancestorCache = ancestorCache;
        this.index = index;
    }

    /** The single candidate method of a (type, name, arity), and its return type when that is a class type. */
    private record Only(Optional<Callee> callee, Optional<String> returnType, int returnedTypeParameter) {
        static final Only NONE = new Only(Optional.empty(), Optional.empty(), -1);
    }

    /**
     * The one method named {@code name} taking {@code arity} arguments that {@code type} declares or
     * inherits, when there is exactly one (overrides of it count as the same): then overload resolution
     * has nothing to choose and the symbol solver would find this declaration too. Empty when there are
     * several, a variable-arity one, or an ancestor the type solver cannot see (it may declare another).
     */
    Optional<Callee> onlyCandidate(String type, String name, int arity) {
        return only(type, name, arity).callee();
    }

    /**
     * The static type of a call on a receiver of type {@code type}: the return type of its single candidate
     * method, when that is a class or interface type (not a type variable, whose binding only the symbol
     * solver knows). Lets chained calls be typed without the symbol solver.
     */
    @Override
    public Optional<String> returnType(String type, String name, int arity) {
        return only(type, name, arity).returnType();
    }

    private Only only(String type, String name, int arity) {
        String key = type + '#' + name + '/' + arity;
        Only known = onlyCandidates.get(key);
        if (known == null) {
            try {
                known = findOnlyCandidate(type, name, arity);
            } catch (RuntimeException | StackOverflowError e) {
                known = Only.NONE;
            }
            onlyCandidates.put(key, known);
        }
        return known;
    }

    private Only findOnlyCandidate(String type, String name, int arity) {
        ResolvedMethodDeclaration found = null;
        List<String> erased = null;
        List<String> foundAncestors = null;
        for (String t : byName(type, name).types()) {
            SymbolReference<ResolvedReferenceTypeDeclaration> ref = typeSolver.tryToSolveType(t);
            if (!ref.isSolved()) {
                return Only.NONE;
            }
            ref.getCorrespondingDeclaration().getAncestors(false); // throws when a supertype cannot be seen
            for (ResolvedMethodDeclaration m : ref.getCorrespondingDeclaration().getDeclaredMethods()) {
                if (!m.getName().equals(name)) {
                    continue;
                }
                if (m.hasVariadicParameter()) {
                    return Only.NONE;
                }
                if (m.getNumberOfParams() != arity) {
                    continue;
                }
                List<String> params = params(m);
                if (params == null) {
                    return Only.NONE;
                }
                if (found == null) {
                    found = m;
                    erased = params;
                    foundAncestors = byName(m.declaringType().getQualifiedName(), name).types();
                } else if (!params.equals(erased) || !foundAncestors.contains(t)) {
                    return Only.NONE; // an overload, or the same signature on another branch
                }
            }
        }
        if (found == null) {
            return Only.NONE;
        }
        Optional<String> returns = Optional.empty();
        int typeParameter = -1;
        try {
            ResolvedType r = found.getReturnType();
            if (r.isReferenceType()) {
                returns = Optional.of(r.asReferenceType().getQualifiedName());
            } else if (r.isTypeVariable() && r.asTypeParameter().declaredOnType()
                    && found.declaringType().getQualifiedName().equals(type)) {
                List<String> names = found.declaringType().getTypeParameters().stream()
                        .map(p -> p.getName()).toList();
                typeParameter = names.indexOf(r.asTypeParameter().getName());
            }
        } catch (RuntimeException | StackOverflowError e) {
            // the call is still resolved; only its result stays untyped
        }
        return new Only(Optional.of(fromDeclaration(found.declaringType(), name, erased, CallResolver.RECEIVER_TYPE)),
                returns, typeParameter);
    }

    /**
     * The shared ancestor cache also holds, under this prefix and the type's name, an entry for every type some of
     * whose supertypes could not be seen (a library not on the classpath): its ancestor list is then incomplete.
     */
    static final String INCOMPLETE = "?incomplete:";

    /**
     * False when some supertype of {@code fqn} (as last looked up by {@link #byName} or {@link #fromDeclaration})
     * could not be seen, so that a model API may hide behind it: such a list is never treated as complete.
     */
    boolean ancestorsComplete(String fqn) {
        return !ancestorCache.containsKey(INCOMPLETE + fqn);
    }

    /**
     * The types nobody can see that stand between {@code fqn} and its full ancestor list: the supertypes (direct
     * or further up) the type solver could not find, as the declaring file names them, or {@code fqn} itself when
     * it cannot be found at all. Empty when the list is complete.
     */
    List<String> missingSupertypes(String fqn) {
        return ancestorCache.getOrDefault(INCOMPLETE + fqn, List.of());
    }

    Callee fromDeclaration(ResolvedReferenceTypeDeclaration decl, String method, List<String> params, String how) {
        String fqn = decl.getQualifiedName();
        List<String> types = ancestorCache.get(fqn);
        if (types == null) {
            types = ancestors(decl);
            ancestorCache.putIfAbsent(fqn, types);
        }
        return new Callee(fqn, types, method, params, how, missingSupertypes(fqn));
    }

    Callee byName(String fqn, String method) {
        List<String> types = ancestorCache.get(fqn);
        if (types == null) {
            types = List.of(fqn);
            boolean solved = false;
            try {
                SymbolReference<ResolvedReferenceTypeDeclaration> ref = typeSolver.tryToSolveType(fqn);
                if (ref.isSolved()) {
                    types = ancestors(ref.getCorrespondingDeclaration());
                    solved = true;
                }
            } catch (RuntimeException | StackOverflowError e) {
                types = List.of(fqn);
            }
            if (!solved && !fqn.isEmpty()) {
                // a type nobody can see: its own supertypes are unknown too
                ancestorCache.putIfAbsent(INCOMPLETE + fqn, List.of(fqn));
            }
            ancestorCache.putIfAbsent(fqn, types);
        }
        return new Callee(fqn, types, method, null, CallResolver.IMPORTS, missingSupertypes(fqn));
    }

    /**
     * True when one of {@code types} that the solver can see is a class declaring a non-abstract method {@code name}
     * that takes {@code arity} arguments (or a variable number that {@code arity} fits); a negative arity matches any.
     */
    boolean declaresConcrete(List<String> types, String name, int arity) {
        for (String t : types) {
            String key = t + '#' + name + '/' + arity;
            Boolean known = concrete.get(key);
            if (known == null) {
                known = findConcrete(t, name, arity);
                concrete.put(key, known);
            }
            if (known) {
                return true;
            }
        }
        return false;
    }

    private boolean findConcrete(String type, String name, int arity) {
        try {
            SymbolReference<ResolvedReferenceTypeDeclaration> ref = typeSolver.tryToSolveType(type);
            if (!ref.isSolved() || ref.getCorrespondingDeclaration().isInterface()) {
                return false;
            }
            for (ResolvedMethodDeclaration m : ref.getCorrespondingDeclaration().getDeclaredMethods()) {
                if (!m.getName().equals(name) || m.isAbstract()) {
                    continue;
                }
                int n = m.getNumberOfParams();
                if (arity < 0 || n == arity || (m.hasVariadicParameter() && arity >= n - 1)) {
                    return true;
                }
            }
        } catch (RuntimeException | StackOverflowError e) {
            return false;
        }
        return false;
    }

    /** Marks {@code fqn} incomplete, with these missing types, unless it already has an entry. */
    void markIncomplete(String fqn, List<String> missing) {
        if (!missing.isEmpty()) {
            ancestorCache.putIfAbsent(INCOMPLETE + fqn, List.copyOf(missing));
        }
    }

    private List<String> ancestors(ResolvedReferenceTypeDeclaration start) {
        Set<String> missing = new TreeSet<>();
        List<String> names = ancestors(start, missing);
        if (!missing.isEmpty()) {
            ancestorCache.putIfAbsent(INCOMPLETE + start.getQualifiedName(), List.copyOf(missing));
        }
        return names;
    }

    private List<String> ancestors(ResolvedReferenceTypeDeclaration start, Set<String> missing) {
        Set<String> names = new LinkedHashSet<>();
        names.add(start.getQualifiedName());
        Deque<ResolvedReferenceTypeDeclaration> queue = new ArrayDeque<>();
        queue.add(start);
        while (!queue.isEmpty() && names.size() < 200) {
            ResolvedReferenceTypeDeclaration d = queue.poll();
            List<ResolvedReferenceType> parents;
            try {
                parents = d.getAncestors(false);
            } catch (RuntimeException | StackOverflowError e) {
                try {
                    parents = d.getAncestors(true);
                } catch (RuntimeException | StackOverflowError e2) {
                    parents = List.of();
                }
                missing.addAll(missingParents(d, parents, e));
                if (parents.isEmpty()) {
                    continue;
                }
            }
            for (ResolvedReferenceType p : parents) {
                if (names.add(p.getQualifiedName())) {
                    p.getTypeDeclaration().ifPresent(queue::add);
                }
            }
        }
        return List.copyOf(names);
    }

    /**
     * The direct supertypes of {@code d} the solver could not find: for a type in the sources, each supertype it
     * declares whose simple name is not among the parents found, named as its file's imports resolve it (or as
     * written); for a type from a jar, the name in the solver's exception.
     */
    private List<String> missingParents(ResolvedReferenceTypeDeclaration d, List<ResolvedReferenceType> found,
                                        Throwable failure) {
        Set<String> foundSimple = new HashSet<>();
        for (ResolvedReferenceType p : found) {
            String q = p.getQualifiedName();
            foundSimple.add(q.substring(q.lastIndexOf('.') + 1));
        }
        List<String> out = new ArrayList<>();
        Optional<Node> ast;
        try {
            ast = d.toAst();
        } catch (RuntimeException e) {
            ast = Optional.empty();
        }
        if (ast.isPresent() && ast.get() instanceof TypeDeclaration<?> type) {
            List<ClassOrInterfaceType> declared = new ArrayList<>();
            if (type instanceof NodeWithExtends<?> ext) {
                declared.addAll(ext.getExtendedTypes());
            }
            if (type instanceof NodeWithImplements<?> impl) {
                declared.addAll(impl.getImplementedTypes());
            }
            ImportScope imports = index == null ? null : index.scopeOf(type);
            for (ClassOrInterfaceType t : declared) {
                if (!foundSimple.contains(t.getNameAsString())) {
                    String written = t.getNameWithScope();
                    out.add(imports == null ? written : imports.resolveType(written).orElse(written));
                }
            }
        }
        if (out.isEmpty()) {
            String name = failure instanceof UnsolvedSymbolException u && u.getName() != null ? u.getName()
                    : d.getQualifiedName() + "'s supertype";
            out.add(name);
        }
        return out;
    }

    static List<String> params(ResolvedMethodLikeDeclaration method) {
        try {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < method.getNumberOfParams(); i++) {
                out.add(method.getParam(i).getType().erasure().describe());
            }
            return out;
        } catch (RuntimeException | StackOverflowError e) {
            return null;
        }
    }

    @Override
    public int returnedTypeParameter(String type, String name, int arity) {
        return only(type, name, arity).returnedTypeParameter();
    }

    @Override
    public boolean exists(String type) {
        return existing.computeIfAbsent(type, k -> {
            try {
                return typeSolver.tryToSolveType(type).isSolved();
            } catch (RuntimeException | StackOverflowError e) {
                return true;
            }
        });
    }

    @Override
    public boolean mayHaveField(String type, String name) {
        return fields.computeIfAbsent(type + '#' + name, k -> {
            try {
                SymbolReference<ResolvedReferenceTypeDeclaration> ref = typeSolver.tryToSolveType(type);
                if (!ref.isSolved()) {
                    return true;
                }
                ResolvedReferenceTypeDeclaration decl = ref.getCorrespondingDeclaration();
                decl.getAncestors(false); // throws when a supertype cannot be seen
                return decl.getAllFields().stream().anyMatch(f -> f.getName().equals(name));
            } catch (RuntimeException | StackOverflowError e) {
                return true;
            }
        });
    }
}
