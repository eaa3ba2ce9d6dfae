package dev.clearbox.analyzers.source.internal.flow;

import com.github.javaparser.ast.Node;

import java.util.HashMap;
import java.util.Map;

/**
 * The state of a method at one point: the taint of each local variable (and of constant-index elements
 * of local arrays and lists, as {@code name#index}), the declared type of each local, which locals hold
 * a connection opened by a sink ({@code handles}) and which hold a lambda or method reference. Locals
 * are updated strongly: a value overwritten is gone. {@code dead} marks unreachable code.
 */
final class Env {
    static final String UNKNOWN_TYPE = "";

    final Map<String, Taint> vars;
    final Map<String, String> types;
    final Map<String, Integer> handles;
    final Map<String, Node> functions;
    boolean dead;

    Env() {
        this(new HashMap<>(), new HashMap<>(), new HashMap<>(), new HashMap<>(), false);
    }

    private Env(Map<String, Taint> vars, Map<String, String> types, Map<String, Integer> handles,
                Map<String, Node> functions, boolean dead) {
        this.vars = vars;
        this.types = types;
        this.handles = handles;
        this.functions = functions;
        this.dead = dead;
    }

    /** A state no path reaches: the neutral element of {@link #join}. */
    static Env unreachable() {
        Env e = new Env();
        e.dead = true;
        return e;
    }

    Env copy() {
        return new Env(new HashMap<>(vars), new HashMap<>(types), new HashMap<>(handles), new HashMap<>(functions), dead);
    }

    boolean isLocal(String name) {
        return types.containsKey(name);
    }

    void declare(String name, String type) {
        types.put(name, type == null ? UNKNOWN_TYPE : type);
        vars.remove(name);
        handles.remove(name);
        functions.remove(name);
        vars.keySet().removeIf(k -> k.startsWith(name + "#"));
    }

    Taint get(String name) {
        return vars.getOrDefault(name, Taint.EMPTY);
    }

    /** The whole of a local: itself and every element tracked separately. */
    Taint whole(String name) {
        Taint t = get(name);
        String prefix = name + "#";
        for (Map.Entry<String, Taint> e : vars.entrySet()) {
            if (e.getKey().startsWith(prefix)) {
                t = t.join(e.getValue());
            }
        }
        return t;
    }

    void set(String name, Taint value) {
        if (value.isEmpty()) {
            vars.remove(name);
        } else {
            vars.put(name, value);
        }
    }

    /** Joins {@code other} into this; unreachable states contribute nothing. */
    void join(Env other) {
        if (other.dead) {
            return;
        }
        if (dead) {
            vars.clear();
            vars.putAll(other.vars);
            types.putAll(other.types);
            handles.clear();
            handles.putAll(other.handles);
            functions.clear();
            functions.putAll(other.functions);
            dead = false;
            return;
        }
        other.vars.forEach((k, v) -> vars.merge(k, v, Taint::join));
        other.types.forEach(types::putIfAbsent);
        other.handles.forEach(handles::putIfAbsent);
        other.functions.forEach(functions::putIfAbsent);
    }

    /** Joins the variables of {@code inner} that this state also has (effects of a lambda body on captured locals). */
    void joinExisting(Env inner) {
        inner.vars.forEach((k, v) -> {
            String base = k.contains("#") ? k.substring(0, k.indexOf('#')) : k;
            if (types.containsKey(base)) {
                vars.merge(k, v, Taint::join);
            }
        });
    }

    /** Same reachability and same origins everywhere: a loop has reached its fixed point. */
    boolean sameAs(Env other) {
        if (dead != other.dead || vars.size() != other.vars.size() || handles.size() != other.handles.size()) {
            return false;
        }
        for (Map.Entry<String, Taint> e : vars.entrySet()) {
            Taint o = other.vars.get(e.getKey());
            if (o == null || !o.sameOrigins(e.getValue())) {
                return false;
            }
        }
        return true;
    }
}
