package dev.clearbox.analyzers.source.internal;

import com.github.javaparser.resolution.TypeSolver;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the type solver says about types, remembered: a type's ancestors (shared across workers), and for
 * a (type, method name, number of arguments) the single candidate method and its return type. One per
 * worker thread, like {@link CallResolver}.
 */
final class TypeTable implements DeclaredTypes.TypeFacts {
    private final TypeSolver typeSolver;
    private final Map<String, List<String>> ancestorCache;
    private final Map<String, Only> onlyCandidates = new HashMap<>();
    private final Map<String, Boolean> fields = new HashMap<>();
    private final Map<String, Boolean> existing = new HashMap<>();

    /** @param ancestorCache shared across workers: type name to itself plus its ancestors */
    TypeTable(TypeSolver typeSolver, Map<String, List<String>> ancestorCache) {
        this.typeSolver = typeSolver;
        this.ancestorCache = ancestorCache;
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

    Callee fromDeclaration(ResolvedReferenceTypeDeclaration decl, String method, List<String> params, String how) {
        String fqn = decl.getQualifiedName();
        List<String> types = ancestorCache.get(fqn);
        if (types == null) {
            types = ancestors(decl);
            ancestorCache.putIfAbsent(fqn, types);
        }
        return new Callee(fqn, types, method, params, how);
    }

    Callee byName(String fqn, String method) {
        List<String> types = ancestorCache.get(fqn);
        if (types == null) {
            types = List.of(fqn);
            try {
                SymbolReference<ResolvedReferenceTypeDeclaration> ref = typeSolver.tryToSolveType(fqn);
                if (ref.isSolved()) {
                    types = ancestors(ref.getCorrespondingDeclaration());
                }
            } catch (RuntimeException | StackOverflowError e) {
                types = List.of(fqn);
            }
            ancestorCache.putIfAbsent(fqn, types);
        }
        return new Callee(fqn, types, method, null, CallResolver.IMPORTS);
    }

    private List<String> ancestors(ResolvedReferenceTypeDeclaration start) {
        boolean[] complete = {true};
        List<String> names = ancestors(start, complete);
        if (!complete[0]) {
            ancestorCache.putIfAbsent(INCOMPLETE + start.getQualifiedName(), List.of());
        }
        return names;
    }

    private static List<String> ancestors(ResolvedReferenceTypeDeclaration start, boolean[] complete) {
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
                complete[0] = false;
                try {
                    parents = d.getAncestors(true);
                } catch (RuntimeException | StackOverflowError e2) {
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
