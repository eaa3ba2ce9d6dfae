package dev.clearbox.core.compare.internal;

import dev.clearbox.core.compare.DifferenceClass;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares two archives entry by entry, the same way for zip and tar: entries on one side only, entries whose
 * content differs (handed on to the comparator for their format, one level deeper), and container-only
 * differences (timestamps, permissions, order, other metadata), which are summed up per archive so that a
 * re-packed jar gives a few named differences rather than one per entry.
 */
final class ContainerDiff {
    static final int EXAMPLES = 5;

    private final Member shipped;
    private final Member rebuilt;
    private final CompareContext context;
    private final Map<String, List<String>> metadata = new TreeMap<>();
    private final List<String> permissions = new ArrayList<>();

    private ContainerDiff(Member shipped, Member rebuilt, CompareContext context) {
        this.shipped = shipped;
        this.rebuilt = rebuilt;
        this.context = context;
    }

    static void compare(Member shipped, Member rebuilt, Map<String, ContainerEntry> s, Map<String, ContainerEntry> r,
                        CompareContext context, String format) throws IOException {
        new ContainerDiff(shipped, rebuilt, context).run(s, r, format);
    }

    private void run(Map<String, ContainerEntry> s, Map<String, ContainerEntry> r, String format) throws IOException {
        int before = context.count();
        TreeSet<String> names = new TreeSet<>(s.keySet());
        names.addAll(r.keySet());
        CompareContext inside = context.inside();
        for (String name : names) {
            ContainerEntry a = s.get(name);
            ContainerEntry b = r.get(name);
            if (b == null) {
                onlyOnOneSide(DifferenceClass.ONLY_IN_SHIPPED, a, " is in the shipped artifact but not in the one built from source");
            } else if (a == null) {
                onlyOnOneSide(DifferenceClass.ONLY_IN_REBUILT, b, " is built from source but missing from the shipped artifact");
            } else {
                both(a, b, inside);
            }
        }
        order(s, r);
        String at = shipped.path();
        String where = at.isEmpty() ? "the " + format + " archive" : format + " archive " + at;
        if (!permissions.isEmpty()) {
            context.report(at, DifferenceClass.FILE_PERMISSIONS, "file permissions differ for " + count(permissions.size())
                    + " in " + where, examples(permissions));
        }
        for (var e : metadata.entrySet()) {
            context.report(at, DifferenceClass.CONTAINER_METADATA, e.getKey() + " differs for " + count(e.getValue().size())
                    + " in " + where, examples(e.getValue()));
        }
        if (context.count() == before) {
            context.report(at, DifferenceClass.CONTAINER_METADATA, "every entry of " + where
                    + " has the same name, content and metadata; the archives differ in layout (compressed data, headers, directory)",
                    List.of());
        }
    }

    private void onlyOnOneSide(DifferenceClass kind, ContainerEntry e, String where) throws IOException {
        Member container = kind == DifferenceClass.ONLY_IN_SHIPPED ? shipped : rebuilt;
        String path = container.path().isEmpty() ? e.name() : container.path() + "!/" + e.name();
        String source = "";
        if (ClassFileComparator.isClassName(e.name())) {
            source = ClassFileComparator.sourceFileOf(e.content().read());
        }
        context.report(path, kind, describe(e.name()) + where, source, "", List.of());
    }

    private void both(ContainerEntry a, ContainerEntry b, CompareContext inside) throws IOException {
        String name = a.name();
        String entryPath = shipped.path().isEmpty() ? name : shipped.path() + "!/" + name;
        byte[] x = a.content().read();
        byte[] y = b.content().read();
        boolean sameContent = Arrays.equals(x, y);
        if (a.time() != b.time()) {
            metadata.computeIfAbsent("entry timestamp", k -> new ArrayList<>()).add(name);
        }
        if (a.mode() != b.mode()) {
            permissions.add(name + " (" + octal(a.mode()) + " shipped, " + octal(b.mode()) + " rebuilt)");
        }
        for (String key : new TreeSet<>(union(a.metadata(), b.metadata()))) {
            if (!sameContent && CONTENT_DEPENDENT.contains(key)) {
                continue;
            }
            if (!a.metadata().getOrDefault(key, "").equals(b.metadata().getOrDefault(key, ""))) {
                metadata.computeIfAbsent(key, k -> new ArrayList<>()).add(name);
            }
        }
        if (!a.link().equals(b.link())) {
            context.report(entryPath, DifferenceClass.RESOURCE_CONTENT, "link " + name + " points elsewhere",
                    List.of("shipped -> " + a.link(), "rebuilt -> " + b.link()));
        } else if (!sameContent) {
            inside.compare(Member.ofEntry(shipped, name, x), Member.ofEntry(rebuilt, name, y));
        }
    }

    /**
     * Metadata that follows from the content (sizes; extra fields, which Commons Compress and others size by the
     * content, for example Zip64 fields), so it is compared only for entries whose content is equal.
     */
    static final java.util.Set<String> CONTENT_DEPENDENT = java.util.Set.of("compressed size", "size", "extra fields");

    /** Order is compared among the entries both sides have, so that one added entry does not make later ones look moved. */
    private void order(Map<String, ContainerEntry> s, Map<String, ContainerEntry> r) {
        List<String> a = s.keySet().stream().filter(r::containsKey).toList();
        List<String> b = r.keySet().stream().filter(s::containsKey).toList();
        if (a.equals(b)) {
            return;
        }
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < b.size(); i++) {
            position.put(b.get(i), i);
        }
        List<String> moved = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            if (position.get(a.get(i)) != i) {
                moved.add(a.get(i) + " (position " + i + " shipped, " + position.get(a.get(i)) + " rebuilt)");
            }
        }
        String at = shipped.path();
        context.report(at, DifferenceClass.ENTRY_ORDER, "the order differs for " + count(moved.size()) + " of the "
                + a.size() + " both have", examples(moved));
    }

    private static <K> java.util.Set<K> union(Map<K, ?> a, Map<K, ?> b) {
        java.util.Set<K> keys = new java.util.HashSet<>(a.keySet());
        keys.addAll(b.keySet());
        return keys;
    }

    static String describe(String name) {
        if (ClassFileComparator.isClassName(name)) {
            String cls = name.substring(0, name.length() - ".class".length());
            return "class " + (cls.startsWith("META-INF/versions/") ? cls : cls.replace('/', '.'));
        }
        return "entry " + name;
    }

    private static String count(int n) {
        return n + (n == 1 ? " entry" : " entries");
    }

    private static String octal(int mode) {
        return mode < 0 ? "none" : String.format("%04o", mode);
    }

    private static List<String> examples(List<String> all) {
        List<String> out = new ArrayList<>(all.subList(0, Math.min(EXAMPLES, all.size())));
        if (all.size() > EXAMPLES) {
            out.add("... and " + (all.size() - EXAMPLES) + " more");
        }
        return out;
    }
}
