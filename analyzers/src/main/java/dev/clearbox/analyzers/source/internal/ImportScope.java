package dev.clearbox.analyzers.source.internal;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.ImportDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import dev.clearbox.analyzers.capability.CapabilityModel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Resolves type names of one file the way the compiler would, from what the file itself says: its own
 * types, single-type imports, its package, on-demand imports (types known to the model or declared
 * in the analyzed sources), then {@code java.lang}. Used when the symbol solver fails.
 */
public final class ImportScope {
    private static final Map<String, Boolean> JAVA_LANG = new ConcurrentHashMap<>();

    private final String pkg;
    private final Map<String, String> ownTypes = new HashMap<>();
    private final Map<String, String> singleImports = new HashMap<>();
    private final List<String> onDemandPackages = new ArrayList<>();
    private final Map<String, String> staticMembers = new HashMap<>();
    private final Map<String, List<String>> staticOwners = new HashMap<>();
    private final List<String> staticOnDemandTypes = new ArrayList<>();
    private final Predicate<String> declared;
    private final CapabilityModel model;

    ImportScope(CompilationUnit cu, Predicate<String> declared, CapabilityModel model) {
        this.declared = declared;
        this.model = model;
        this.pkg = cu.getPackageDeclaration().map(p -> p.getNameAsString()).orElse("");
        for (TypeDeclaration<?> type : cu.getTypes()) {
            addOwn(qualify(type.getNameAsString()), type);
        }
        for (ImportDeclaration imp : cu.getImports()) {
            String name = imp.getNameAsString();
            if (imp.isStatic() && imp.isAsterisk()) {
                staticOnDemandTypes.add(name);
            } else if (imp.isStatic()) {
                int dot = name.lastIndexOf('.');
                if (dot > 0) {
                    staticMembers.putIfAbsent(name.substring(dot + 1), name.substring(0, dot));
                    staticOwners.computeIfAbsent(name.substring(dot + 1), k -> new ArrayList<>()).add(name.substring(0, dot));
                }
            } else if (imp.isAsterisk()) {
                onDemandPackages.add(name);
            } else {
                singleImports.put(name.substring(name.lastIndexOf('.') + 1), name);
            }
        }
    }

    private void addOwn(String fqn, TypeDeclaration<?> type) {
        ownTypes.putIfAbsent(type.getNameAsString(), fqn);
        for (var member : type.getMembers()) {
            if (member instanceof TypeDeclaration<?> nested) {
                addOwn(fqn + "." + nested.getNameAsString(), nested);
            }
        }
    }

    private String qualify(String simple) {
        return pkg.isEmpty() ? simple : pkg + "." + simple;
    }

    /** True when the file declares a type (top level or nested) with this simple name. */
    public boolean ownsType(String simple) {
        return ownTypes.containsKey(simple);
    }

    /** The package of the file, empty for the default package. */
    public String packageName() {
        return pkg;
    }

    /**
     * The fully-qualified name for a type name as written ({@code Socket}, {@code Base64.Encoder},
     * {@code java.net.Socket}), or empty when the file gives no way to tell.
     */
    public Optional<String> resolveType(String written) {
        int dot = written.indexOf('.');
        String first = dot < 0 ? written : written.substring(0, dot);
        String rest = dot < 0 ? "" : written.substring(dot);
        Optional<String> head = resolveSimple(first);
        if (head.isPresent()) {
            return Optional.of(head.get() + rest);
        }
        if (dot > 0 && Character.isLowerCase(first.charAt(0))) {
            return Optional.of(written);
        }
        return Optional.empty();
    }

    private Optional<String> resolveSimple(String simple) {
        String own = ownTypes.get(simple);
        if (own != null) {
            return Optional.of(own);
        }
        String imported = singleImports.get(simple);
        if (imported != null) {
            return Optional.of(imported);
        }
        if (declared.test(qualify(simple))) {
            return Optional.of(qualify(simple));
        }
        for (String p : onDemandPackages) {
            String candidate = p + "." + simple;
            if (model.knowsType(candidate) || declared.test(candidate)) {
                return Optional.of(candidate);
            }
        }
        if (isJavaLang(simple)) {
            return Optional.of("java.lang." + simple);
        }
        return Optional.empty();
    }

    /** The types whose static members of this name the imports may bring into scope (by name or on demand). */
    public List<String> staticImportCandidates(String member) {
        List<String> named = staticOwners.getOrDefault(member, List.of());
        if (staticOnDemandTypes.isEmpty()) {
            return named;
        }
        List<String> out = new ArrayList<>(named);
        out.addAll(staticOnDemandTypes);
        return out;
    }

    /** The type a statically imported method comes from, when the imports say so. */
    public Optional<String> staticImportOwner(String member) {
        String owner = staticMembers.get(member);
        if (owner != null) {
            return Optional.of(owner);
        }
        for (String type : staticOnDemandTypes) {
            if (!model.match(type, member, null).isEmpty()) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    private static boolean isJavaLang(String simple) {
        if (simple.isEmpty() || !Character.isUpperCase(simple.charAt(0))) {
            return false;
        }
        return JAVA_LANG.computeIfAbsent(simple, s -> {
            try {
                Class.forName("java.lang." + s, false, ClassLoader.getPlatformClassLoader());
                return true;
            } catch (ClassNotFoundException | LinkageError e) {
                return false;
            }
        });
    }
}
