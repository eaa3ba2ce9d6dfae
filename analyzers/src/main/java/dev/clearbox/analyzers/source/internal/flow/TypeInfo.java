package dev.clearbox.analyzers.source.internal.flow;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.type.Type;
import dev.clearbox.analyzers.source.internal.ParsedFile;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A type declared in the analysed sources (named, nested, local or anonymous): its supertypes by
 * fully-qualified name, its methods by {@code name/arity}, its fields as graph nodes, and for local and
 * anonymous classes the variables of the enclosing method they may capture, also as graph nodes.
 *
 * <p>Read-only: every collection is an unmodifiable view of a {@link Members} that only
 * {@link FlowProgramBuilder} holds, and drops when it hands out the {@link FlowProgram}. The two memo
 * fields cache pure functions of the finished program.
 */
final class TypeInfo {
    final String fqn;
    final String simpleName;
    final ParsedFile file;
    final Node declaration;
    final TypeInfo outer;
    final boolean isInterface;
    final List<String> supers;
    final Map<String, List<Unit>> methods;
    final List<Unit> constructors;
    final Map<String, Integer> fields;
    final Map<String, Type> fieldTypes;
    final Map<String, Type> methodReturnTypes;
    final List<String> recordComponents;
    final Map<String, Integer> captures;
    /** Project types that name this one as a supertype, by name. */
    final List<TypeInfo> subtypes;
    private final Members members;
    /** Memo of {@link FlowProgram#selfAndAncestors} (racy but idempotent). */
    volatile List<TypeInfo> selfAndAncestors;
    /** Memo of {@link FlowProgram#targets} by method key, {@code -} first when without dispatch. */
    final Map<String, List<Unit>> targets = new ConcurrentHashMap<>();

    /**
     * What the builder fills in while it reads the sources; the type's own view of it is unmodifiable. The
     * lists of {@link #methods} are made unmodifiable by {@link #seal()}.
     */
    static final class Members {
        final List<String> supers = new ArrayList<>();
        final Map<String, List<Unit>> methods = new HashMap<>();
        final List<Unit> constructors = new ArrayList<>();
        final Map<String, Integer> fields = new HashMap<>();
        final Map<String, Type> fieldTypes = new HashMap<>();
        final Map<String, Type> methodReturnTypes = new HashMap<>();
        final List<String> recordComponents = new ArrayList<>();
        final Map<String, Integer> captures = new LinkedHashMap<>();
        final List<TypeInfo> subtypes = new ArrayList<>();
        Unit initializer;

        /** Makes the per-method lists unmodifiable too (in place: the map's order is unchanged). */
        void seal() {
            methods.replaceAll((k, v) -> Collections.unmodifiableList(v));
        }
    }

    TypeInfo(String fqn, String simpleName, ParsedFile file, Node declaration, TypeInfo outer, boolean isInterface,
             Members members) {
        this.fqn = fqn;
        this.simpleName = simpleName;
        this.file = file;
        this.declaration = declaration;
        this.outer = outer;
        this.isInterface = isInterface;
        this.members = members;
        this.supers = Collections.unmodifiableList(members.supers);
        this.methods = Collections.unmodifiableMap(members.methods);
        this.constructors = Collections.unmodifiableList(members.constructors);
        this.fields = Collections.unmodifiableMap(members.fields);
        this.fieldTypes = Collections.unmodifiableMap(members.fieldTypes);
        this.methodReturnTypes = Collections.unmodifiableMap(members.methodReturnTypes);
        this.recordComponents = Collections.unmodifiableList(members.recordComponents);
        this.captures = Collections.unmodifiableMap(members.captures);
        this.subtypes = Collections.unmodifiableList(members.subtypes);
    }

    /** The unit of the type's field initializers and initializer blocks, or null when it has none. */
    Unit initializer() {
        return members.initializer;
    }

    static String methodKey(String name, int arity) {
        return name + "/" + arity;
    }

    @Override
    public String toString() {
        return fqn;
    }
}
