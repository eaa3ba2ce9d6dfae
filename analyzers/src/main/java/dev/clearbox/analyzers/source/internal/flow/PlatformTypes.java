package dev.clearbox.analyzers.source.internal.flow;

import dev.clearbox.analyzers.source.internal.PlatformTypeSolver;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Return types of the Java platform's own methods, read by reflection from the platform class loader (never from
 * Clearbox's own classpath, never from the analysed product): what {@code StringBuilder.append}, {@code URL.toURI}
 * or {@code String.trim} return, so a call chained on them is typed as the platform type it is. Only answered when
 * every public method of that name and number of arguments declares the same return type and that type is a class
 * (a type variable such as {@code Iterator.next}'s {@code E} may be a project type: not answered).
 */
final class PlatformTypes {
    private static final Map<String, Optional<String>> RETURNS = new ConcurrentHashMap<>();

    private PlatformTypes() {
    }

    /** The fully-qualified return type (arrays with {@code []}, primitives by name), or null when not known. */
    static String returnType(String type, String method, int arity) {
        return RETURNS.computeIfAbsent(type + '#' + method + '/' + arity, k -> compute(type, method, arity)).orElse(null);
    }

    private static Optional<String> compute(String type, String method, int arity) {
        Class<?> c = PlatformTypeSolver.inPlatformPackage(type) ? load(type) : null;
        if (c == null) {
            return Optional.empty();
        }
        String found = null;
        Method[] methods;
        try {
            methods = c.getMethods();
        } catch (LinkageError | SecurityException e) {
            return Optional.empty();
        }
        for (Method m : methods) {
            if (!m.getName().equals(method) || !Modifier.isPublic(m.getModifiers()) || m.isBridge() || m.isSynthetic()) {
                continue;
            }
            int n = m.getParameterCount();
            if (n != arity && !(m.isVarArgs() && arity >= n - 1)) {
                continue;
            }
            String returned = name(m.getGenericReturnType());
            if (returned == null || found != null && !found.equals(returned)) {
                return Optional.empty();
            }
            found = returned;
        }
        return Optional.ofNullable(found);
    }

    private static String name(Type t) {
        if (t instanceof ParameterizedType p) {
            t = p.getRawType();
        }
        if (!(t instanceof Class<?> c) || c == void.class) {
            return null;
        }
        if (c.isArray()) {
            String element = name(c.getComponentType());
            return element == null ? null : element + "[]";
        }
        return c.getCanonicalName();
    }

    /** The platform class of that source name ({@code java.util.Map.Entry} is {@code java.util.Map$Entry}), or null. */
    private static Class<?> load(String type) {
        String binary = type;
        while (true) {
            try {
                return Class.forName(binary, false, ClassLoader.getPlatformClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                int dot = binary.lastIndexOf('.');
                if (dot < 0) {
                    return null;
                }
                binary = binary.substring(0, dot) + '$' + binary.substring(dot + 1);
            }
        }
    }
}
