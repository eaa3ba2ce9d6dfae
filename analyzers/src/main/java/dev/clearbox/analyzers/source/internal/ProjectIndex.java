package dev.clearbox.analyzers.source.internal;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import dev.clearbox.analyzers.capability.CapabilityModel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What is known across all parsed files: the types they declare, their constant fields, the source
 * roots they imply, and each file's import scope. Built once after parsing; read-only afterwards, so
 * workers may share it.
 */
public final class ProjectIndex {
    private final Set<String> declaredTypes = new TreeSet<>();
    private final Map<String, TypeDeclaration<?>> typeDeclarations = new HashMap<>();
    private final Set<String> declaredSimpleNames = new TreeSet<>();
    private final Set<String> nestedSimpleNames = new HashSet<>();
    private final Map<String, VariableDeclarator> constants = new HashMap<>();
    private final Map<String, List<MethodDeclaration>> methods = new HashMap<>();
    private final Map<CompilationUnit, ImportScope> scopes = new IdentityHashMap<>();
    private final Set<Path> sourceRoots = new TreeSet<>();
    private final CapabilityModel model;

    private ProjectIndex(CapabilityModel model) {
        this.model = model;
    }

    /** Indexes the parsed files; {@code root} is the analysis root (a source root when nothing better is found). */
    public static ProjectIndex build(Path root, List<ParsedFile> files, CapabilityModel model) {
        ProjectIndex index = new ProjectIndex(model);
        for (ParsedFile file : files) {
            CompilationUnit cu = file.unit();
            String pkg = cu.getPackageDeclaration().map(p -> p.getNameAsString()).orElse("");
            for (TypeDeclaration<?> type : cu.getTypes()) {
                index.addType(pkg.isEmpty() ? type.getNameAsString() : pkg + "." + type.getNameAsString(), type);
            }
            index.sourceRoots.add(sourceRootOf(root, file.path(), pkg));
        }
        for (ParsedFile file : files) {
            index.scopes.put(file.unit(), new ImportScope(file.unit(), index::declares, model));
        }
        return index;
    }

    private void addType(String fqn, TypeDeclaration<?> type) {
        declaredTypes.add(fqn);
        typeDeclarations.putIfAbsent(fqn, type);
        declaredSimpleNames.add(type.getNameAsString());
        boolean isInterface = type instanceof ClassOrInterfaceDeclaration c && c.isInterface();
        for (BodyDeclaration<?> member : type.getMembers()) {
            if (member instanceof FieldDeclaration field
                    && (isInterface || (field.isStatic() && field.isFinal()))) {
                for (VariableDeclarator v : field.getVariables()) {
                    if (v.getInitializer().isPresent()) {
                        constants.put(fqn + "#" + v.getNameAsString(), v);
                    }
                }
            } else if (member instanceof MethodDeclaration method) {
                methods.computeIfAbsent(methodKey(fqn, method.getNameAsString(), method.getParameters().size()),
                        k -> new ArrayList<>()).add(method);
            } else if (member instanceof TypeDeclaration<?> nested) {
                nestedSimpleNames.add(nested.getNameAsString());
                addType(fqn + "." + nested.getNameAsString(), nested);
            }
        }
    }

    private static Path sourceRootOf(Path root, Path file, String pkg) {
        Path dir = file.getParent();
        if (!pkg.isEmpty()) {
            String[] parts = pkg.split("\\.");
            for (int i = parts.length - 1; i >= 0 && dir != null; i--) {
                if (!dir.getFileName().toString().equals(parts[i])) {
                    return root;
                }
                dir = dir.getParent();
            }
        }
        return dir != null && dir.startsWith(root) ? dir : root;
    }

    /** Type declared in the analyzed sources, fully qualified with dots for nesting. */
    public boolean declares(String fqn) {
        return declaredTypes.contains(fqn);
    }

    /** The declaration of a type of the analyzed sources (nested types with dots), or null. */
    public TypeDeclaration<?> typeDeclaration(String fqn) {
        return typeDeclarations.get(fqn);
    }

    /** True when some analyzed source declares a type (top level or nested) with this simple name. */
    public boolean declaresSimpleName(String simpleName) {
        return declaredSimpleNames.contains(simpleName);
    }

    /** True when some analyzed source declares a member type (nested in another type) with this simple name. */
    public boolean declaresNestedSimpleName(String simpleName) {
        return nestedSimpleNames.contains(simpleName);
    }

    /** The initializer declarator of a static final (or interface) field {@code typeFqn#name}. */
    public Optional<VariableDeclarator> constant(String typeFqn, String name) {
        return Optional.ofNullable(constants.get(typeFqn + "#" + name));
    }

    /**
     * The declarations, in the analyzed sources, of the methods of {@code typeFqn} with this name and number
     * of parameters (overloads of the same arity are all returned). These are the index's own AST nodes, so
     * {@link #scopeOf} works on them.
     */
    public List<MethodDeclaration> methods(String typeFqn, String name, int parameters) {
        return methods.getOrDefault(methodKey(typeFqn, name, parameters), List.of());
    }

    private static String methodKey(String typeFqn, String name, int parameters) {
        return typeFqn + "#" + name + "/" + parameters;
    }

    /** The import scope of a parsed file, or of the file holding {@code node}. */
    public ImportScope scopeOf(Node node) {
        return node.findCompilationUnit().map(scopes::get).orElse(null);
    }

    /** Directories that are roots of the package hierarchy of some parsed file. */
    public Set<Path> sourceRoots() {
        return Collections.unmodifiableSet(sourceRoots);
    }

    public CapabilityModel model() {
        return model;
    }
}
