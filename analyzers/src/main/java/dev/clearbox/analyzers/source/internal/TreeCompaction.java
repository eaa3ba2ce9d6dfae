package dev.clearbox.analyzers.source.internal;

import com.github.javaparser.Position;
import com.github.javaparser.Range;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.expr.LiteralStringValueExpr;
import com.github.javaparser.ast.expr.Name;
import com.github.javaparser.ast.expr.SimpleName;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Makes a parsed tree smaller once it is built, without changing what it says: the trees of a whole project
 * stay in memory through the analysis, and most of their weight is bookkeeping the analysis never reads.
 * <ul>
 *   <li>every node's and node list's empty lists (orphan comments, observers, the children of a leaf) become
 *   one shared empty list that refuses additions, so a later change to the tree fails loudly instead of
 *   writing into a list other nodes share;</li>
 *   <li>the lists of children are trimmed to their size;</li>
 *   <li>nodes of a file with the same range share one {@link Range}, and the files of a run share their
 *   {@link Position}s;</li>
 *   <li>the files of a run share their names and literal texts (a project repeats its identifiers).</li>
 * </ul>
 * JavaParser does not expose its lists, so they are reached by reflection; when that is not possible (a
 * JavaParser whose fields differ) the lists are left as they are and only ranges and names are shared.
 */
public final class TreeCompaction {
    private static final Field NODE_CHILDREN = field(Node.class, "childNodes");
    private static final Field NODE_ORPHANS = field(Node.class, "orphanComments");
    private static final Field NODE_OBSERVERS = field(Node.class, "observers");
    private static final Field LIST_INNER = field(NodeList.class, "innerList");
    private static final Field LIST_OBSERVERS = field(NodeList.class, "observers");
    private static final Field SIMPLE_NAME_IDENTIFIER = textField(SimpleName.class, "identifier");
    private static final Field NAME_IDENTIFIER = textField(Name.class, "identifier");
    private static final Field LITERAL_VALUE = textField(LiteralStringValueExpr.class, "value");
    private static final Field NODE_PARENT = nodeField("parentNode");
    private static final Field NODE_DATA = nodeField("data");
    private static final Map<Class<?>, Field[]> CHILD_FIELDS = new ConcurrentHashMap<>();
    private static final boolean LISTS = NODE_CHILDREN != null && NODE_ORPHANS != null && NODE_OBSERVERS != null
            && LIST_INNER != null && LIST_OBSERVERS != null;
    /** The one empty list every empty list of a compacted tree is. */
    static final ArrayList<Object> EMPTY = new FrozenEmptyList();

    private TreeCompaction() {
    }

    /**
     * The positions, names and literal texts of the files parsed in one run, shared among them (position {@code (12, 5)}
     * is one object in every file, and so is the name {@code String}); a table lives as long as its run's parse phase,
     * what it shares as long as the trees.
     */
    public static final class Table {
        private final ConcurrentHashMap<Long, Position> known = new ConcurrentHashMap<>();
        private final ConcurrentHashMap<String, String> texts = new ConcurrentHashMap<>();

        String text(String s) {
            String shared = texts.putIfAbsent(s, s);
            return shared == null ? s : shared;
        }

        Position of(Position p) {
            Position shared = known.putIfAbsent(((long) p.line << 32) | (p.column & 0xffffffffL), p);
            return shared == null ? p : shared;
        }
    }

    static void compact(CompilationUnit unit, Table positions) {
        Map<Range, Range> ranges = new HashMap<>();
        unit.walk(node -> {
            Optional<Range> range = node.getRange();
            if (range.isPresent()) {
                Range shared = ranges.get(range.get());
                if (shared == null) {
                    Range r = range.get();
                    shared = new Range(positions.of(r.begin), positions.of(r.end));
                    ranges.put(shared, shared);
                }
                node.setRange(shared);
            }
            // the setters keep an equal string, so the fields are set directly
            if (node instanceof SimpleName) {
                share(node, SIMPLE_NAME_IDENTIFIER, positions);
            } else if (node instanceof Name) {
                share(node, NAME_IDENTIFIER, positions);
            } else if (node instanceof LiteralStringValueExpr) {
                share(node, LITERAL_VALUE, positions);
            }
            if (LISTS) {
                compactLists(node);
            }
        });
    }

    /**
     * Takes {@code unit}'s tree apart once nothing reads it any more: every node lets go of its parent, its children and
     * its data (the symbol resolver), so that the nodes the analysis still refers to (as keys and owners) no longer keep
     * the whole tree alive; each keeps its range and its names. The nodes of {@code keep} (by identity) keep their
     * subtrees, without their parents, so that they still compare and hash as before; afterwards, reading the structure
     * of any other node finds it empty.
     */
    public static void dismantle(CompilationUnit unit, Set<Node> keep) {
        List<Node> nodes = new ArrayList<>();
        unit.walk(nodes::add); // before anything is taken apart
        Set<Node> kept = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Node> keptRoots = new ArrayList<>();
        for (Node n : nodes) {
            if (!kept.contains(n) && keep.contains(n)) {
                n.walk(kept::add);
                keptRoots.add(n);
            }
        }
        try {
            for (Node n : nodes) {
                if (!kept.contains(n)) {
                    for (Field f : childFields(n.getClass())) {
                        f.set(n, null);
                    }
                    if (LISTS) {
                        NODE_CHILDREN.set(n, EMPTY);
                        NODE_ORPHANS.set(n, EMPTY);
                    }
                    NODE_DATA.set(n, null);
                }
            }
            for (Node n : keptRoots) {
                NODE_PARENT.set(n, null);
            }
            for (Node n : nodes) {
                if (!kept.contains(n)) {
                    NODE_PARENT.set(n, null);
                }
            }
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot take a syntax tree apart", e);
        }
    }

    /** The fields of {@code type} below {@link Node} that hold nodes or node lists. */
    private static Field[] childFields(Class<?> type) {
        return CHILD_FIELDS.computeIfAbsent(type, t -> {
            List<Field> out = new ArrayList<>();
            for (Class<?> c = t; c != null && c != Node.class; c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    if (!Modifier.isStatic(f.getModifiers()) && !f.getType().isPrimitive()
                            && (Node.class.isAssignableFrom(f.getType()) || NodeList.class.isAssignableFrom(f.getType()))) {
                        f.setAccessible(true);
                        out.add(f);
                    }
                }
            }
            return out.toArray(new Field[0]);
        });
    }

    private static Field nodeField(String name) {
        try {
            Field f = Node.class.getDeclaredField(name);
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("this JavaParser's nodes have no field " + name, e);
        }
    }

    private static void share(Node node, Field field, Table table) {
        if (field == null) {
            return;
        }
        try {
            Object value = field.get(node);
            if (value instanceof String text) {
                String shared = table.text(text);
                if (shared != text) {
                    field.set(node, shared);
                }
            }
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot compact a parsed tree", e);
        }
    }

    private static Field textField(Class<?> type, String name) {
        try {
            Field f = type.getDeclaredField(name);
            if (f.getType() != String.class) {
                return null;
            }
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static void compactLists(Node node) {
        try {
            shrink(node, NODE_CHILDREN);
            shrink(node, NODE_ORPHANS);
            shrink(node, NODE_OBSERVERS);
            // the node's own node lists (arguments, modifiers, members...)
            for (var meta : node.getMetaModel().getAllPropertyMetaModels()) {
                if (meta.isNodeList()) {
                    Object value = meta.getValue(node);
                    if (value instanceof NodeList<?> list) {
                        shrink(list, LIST_INNER);
                        shrink(list, LIST_OBSERVERS);
                    }
                }
            }
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot compact a parsed tree", e);
        }
    }

    private static void shrink(Object owner, Field field) throws IllegalAccessException {
        Object value = field.get(owner);
        if (value instanceof ArrayList<?> list && value != EMPTY) {
            if (list.isEmpty()) {
                field.set(owner, EMPTY);
            } else {
                list.trimToSize();
            }
        }
    }

    private static Field field(Class<?> type, String name) {
        try {
            Field f = type.getDeclaredField(name);
            if (!f.getType().isAssignableFrom(ArrayList.class)) {
                return null;
            }
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** An empty list that stays empty: every addition throws. */
    private static final class FrozenEmptyList extends ArrayList<Object> {
        FrozenEmptyList() {
            super(0);
        }

        private static UnsupportedOperationException frozen() {
            return new UnsupportedOperationException("a compacted syntax tree's empty list cannot be added to");
        }

        @Override
        public boolean add(Object o) {
            throw frozen();
        }

        @Override
        public void add(int index, Object element) {
            throw frozen();
        }

        @Override
        public boolean addAll(Collection<?> c) {
            if (c.isEmpty()) {
                return false;
            }
            throw frozen();
        }

        @Override
        public boolean addAll(int index, Collection<?> c) {
            if (c.isEmpty()) {
                return false;
            }
            throw frozen();
        }

        @Override
        public Object set(int index, Object element) {
            throw frozen();
        }

        @Override
        public void ensureCapacity(int minCapacity) {
        }

        @Override
        public boolean removeIf(Predicate<? super Object> filter) {
            return false;
        }

        @Override
        public void replaceAll(UnaryOperator<Object> operator) {
        }
    }
}
