package dev.clearbox.analyzers.source.internal.flow;

import com.github.javaparser.ast.Node;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The state of a method at one point: the taint of each local variable (and of constant-index elements
 * of local arrays and lists, as {@code name#index}), the declared type of each local, which locals hold
 * a connection opened by a sink ({@code handles}) and which hold a lambda or method reference. Locals
 * are updated strongly: a value overwritten is gone. {@code dead} marks unreachable code.
 *
 * <p>Objects allocated in the method ({@code T x = new T(...)}, {@code T} a project class) that have not escaped
 * ({@code fresh}) keep their own field values ({@code objectFields}, by local and field node): {@code x.f = v} is a
 * strong update of that object alone, not written into the field node that every object of {@code T} shares, so
 * two objects of one class no longer share taint. The first use of {@code x} as a value (an argument, a receiver,
 * returned, stored, compared) lets it escape: its fields go into the field nodes ({@link #escape}). A state join
 * keeps an object fresh only where both sides have it fresh; a field value one side lacks (it reads the field node
 * there) is written into the field node ({@code orphans}, flushed before the next expression is evaluated).
 */
final class Env {
    static final String UNKNOWN_TYPE = "";

    final Map<String, Taint> vars;
    final Map<String, String> types;
    final Map<String, Integer> handles;
    final Map<String, Node> functions;
    /** Locals holding an object allocated here that has not escaped. */
    final Set<String> fresh;
    /** Field values of fresh objects: local to (field node to value); a field not here reads its field node. */
    final Map<String, Map<Integer, Taint>> objectFields;
    /** Field values that must still be written into their field nodes (from a join): node to value. */
    final Map<Integer, Taint> orphans;
    /** Locals that hold an object allocated here, by the class allocated (so a call on them has one target). */
    final Map<String, String> allocations;
    boolean dead;

    Env() {
        this(new HashMap<>(), new HashMap<>(), new HashMap<>(), new HashMap<>(), new HashSet<>(), new HashMap<>(),
                new HashMap<>(), new HashMap<>(), false);
    }

    private Env(Map<String, Taint> vars, Map<String, String> types, Map<String, Integer> handles,
                Map<String, Node> functions, Set<String> fresh, Map<String, Map<Integer, Taint>> objectFields,
                Map<Integer, Taint> orphans, Map<String, String> allocations, boolean dead) {
        this.vars = vars;
        this.types = types;
        this.handles = handles;
        this.functions = functions;
        this.fresh = fresh;
        this.objectFields = objectFields;
        this.orphans = orphans;
        this.allocations = allocations;
        this.dead = dead;
    }

    /** A state no path reaches: the neutral element of {@link #join}. */
    static Env unreachable() {
        Env e = new Env();
        e.dead = true;
        return e;
    }

    Env copy() {
        Map<String, Map<Integer, Taint>> fields = new HashMap<>();
        objectFields.forEach((k, v) -> fields.put(k, new HashMap<>(v)));
        return new Env(new HashMap<>(vars), new HashMap<>(types), new HashMap<>(handles), new HashMap<>(functions),
                new HashSet<>(fresh), fields, new HashMap<>(orphans), new HashMap<>(allocations), dead);
    }

    /** Replaces this state by {@code other}'s (a copy the statements after a switch or try continue from). */
    void become(Env other) {
        takeValues(other);
        dead = other.dead;
    }

    /** This state's locals, fresh objects and allocations become {@code other}'s; orphans are added to. */
    private void takeValues(Env other) {
        vars.clear();
        vars.putAll(other.vars);
        types.putAll(other.types);
        fresh.clear();
        fresh.addAll(other.fresh);
        objectFields.clear();
        other.objectFields.forEach((k, v) -> objectFields.put(k, new HashMap<>(v)));
        other.orphans.forEach((k, v) -> orphans.merge(k, v, Taint::join));
        allocations.clear();
        allocations.putAll(other.allocations);
    }

    /** {@code name} now holds an object allocated here, with no field set yet. */
    void allocated(String name) {
        fresh.add(name);
        objectFields.put(name, new HashMap<>());
    }

    boolean isFresh(String name) {
        return fresh.contains(name);
    }

    /** The fields of a fresh object, which from now on are those of the field nodes: node to value. */
    Map<Integer, Taint> escape(String name) {
        fresh.remove(name);
        Map<Integer, Taint> fields = objectFields.remove(name);
        return fields == null ? Map.of() : fields;
    }

    boolean isLocal(String name) {
        return types.containsKey(name);
    }

    void declare(String name, String type) {
        forget(name);
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

    /**
     * {@code name} no longer holds its fresh object (it is assigned another value): that object never escaped, so no
     * one else can read its fields, and they are dropped.
     */
    void forget(String name) {
        fresh.remove(name);
        objectFields.remove(name);
        allocations.remove(name);
    }

    /** Joins {@code other} into this; unreachable states contribute nothing. */
    void join(Env other) {
        if (other.dead) {
            return;
        }
        if (dead) {
            takeValues(other);
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
        allocations.entrySet().removeIf(e -> !e.getValue().equals(other.allocations.get(e.getKey())));
        joinObjects(other);
    }

    /** Fresh where fresh on both sides; a field value only one side has is orphaned (the other side reads the node). */
    private void joinObjects(Env other) {
        other.orphans.forEach((k, v) -> orphans.merge(k, v, Taint::join));
        Set<String> names = new HashSet<>(fresh);
        names.addAll(other.fresh);
        for (String name : names) {
            Map<Integer, Taint> mine = fresh.contains(name) ? objectFields.get(name) : null;
            Map<Integer, Taint> theirs = other.fresh.contains(name) ? other.objectFields.get(name) : null;
            if (mine == null || theirs == null) {
                orphan(mine);
                orphan(theirs);
                fresh.remove(name);
                objectFields.remove(name);
                continue;
            }
            Set<Integer> nodes = new HashSet<>(mine.keySet());
            nodes.addAll(theirs.keySet());
            for (Integer node : nodes) {
                Taint a = mine.get(node);
                Taint b = theirs.get(node);
                if (a != null && b != null) {
                    mine.put(node, a.join(b));
                } else {
                    orphans.merge(node, a != null ? a : b, Taint::join);
                    mine.remove(node);
                }
            }
        }
    }

    private void orphan(Map<Integer, Taint> fields) {
        if (fields != null) {
            fields.forEach((k, v) -> orphans.merge(k, v, Taint::join));
        }
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
        if (dead != other.dead || vars.size() != other.vars.size() || handles.size() != other.handles.size()
                || !fresh.equals(other.fresh) || !allocations.equals(other.allocations)) {
            return false;
        }
        for (Map.Entry<String, Map<Integer, Taint>> o : objectFields.entrySet()) {
            Map<Integer, Taint> theirs = other.objectFields.get(o.getKey());
            if (theirs == null || theirs.size() != o.getValue().size()) {
                return false;
            }
            for (Map.Entry<Integer, Taint> f : o.getValue().entrySet()) {
                Taint t = theirs.get(f.getKey());
                if (t == null || !t.sameOrigins(f.getValue())) {
                    return false;
                }
            }
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
