package dev.clearbox.analyzers.source.internal.flow;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.type.Type;
import dev.clearbox.analyzers.source.internal.ParsedFile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A type declared in the analysed sources (named, nested, local or anonymous): its supertypes by
 * fully-qualified name, its methods by {@code name/arity}, its fields as graph nodes, and for local and
 * anonymous classes the variables of the enclosing method they may capture, also as graph nodes.
 */
final class TypeInfo {
    final String fqn;
    final String simpleName;
    final ParsedFile file;
    final Node declaration;
    final TypeInfo outer;
    final boolean isInterface;
    final List<String> supers = new ArrayList<>();
    final Map<String, List<Unit>> methods = new HashMap<>();
    final List<Unit> constructors = new ArrayList<>();
    final Map<String, Integer> fields = new HashMap<>();
    final Map<String, Type> fieldTypes = new HashMap<>();
    final Map<String, Type> methodReturnTypes = new HashMap<>();
    final List<String> recordComponents = new ArrayList<>();
    final Map<String, Integer> captures = new LinkedHashMap<>();
    /** Memo of {@link FlowProgram#selfAndAncestors}, once the program is built (racy but idempotent). */
    volatile List<TypeInfo> selfAndAncestors;
    /** Memo of {@link FlowProgram#targets} by method key, {@code -} first when without dispatch. */
    final Map<String, FlowProgram.Targets> targets = new java.util.concurrent.ConcurrentHashMap<>();
    final List<TypeInfo> subtypes = new ArrayList<>();
    Unit initializer;

    TypeInfo(String fqn, String simpleName, ParsedFile file, Node declaration, TypeInfo outer, boolean isInterface) {
        this.fqn = fqn;
        this.simpleName = simpleName;
        this.file = file;
        this.declaration = declaration;
        this.outer = outer;
        this.isInterface = isInterface;
    }

    static String methodKey(String name, int arity) {
        return name + "/" + arity;
    }

    @Override
    public String toString() {
        return fqn;
    }
}
