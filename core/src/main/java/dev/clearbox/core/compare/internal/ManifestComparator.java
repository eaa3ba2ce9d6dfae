package dev.clearbox.core.compare.internal;

import dev.clearbox.core.compare.DifferenceClass;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code META-INF/MANIFEST.MF}, compared attribute by attribute (names case-insensitive, continuation lines
 * joined). Attributes that describe the build machine are {@code MANIFEST_BUILD_ENVIRONMENT}, git state other than
 * the commit (SCM-Git-Branch, a remote URL, a dirty flag...) {@code GIT_STATE}; the order of
 * attributes, of sections and of the items of a comma-separated list header is {@code ATTRIBUTE_ORDER}; line
 * endings and wrapping are {@code LINE_ENDINGS}; anything else (Main-Class, Class-Path, versions...) is
 * {@code RESOURCE_CONTENT}. Class-Path is space-separated and its order decides class lookup, so it is never a
 * list whose order is benign.
 */
final class ManifestComparator implements FormatComparator {
    /** Attributes that describe the build environment, lower case. */
    static final Set<String> BUILD_ENVIRONMENT = Set.of(
            "built-by", "built-date", "built-host", "built-os", "built-jdk",
            "build-jdk", "build-jdk-spec", "build-jdk-vendor", "build-os", "build-host", "build-time", "build-date",
            "build-timestamp", "build-tool", "created-by", "tool", "bnd-lastmodified", "originally-created-by");

    /** Attributes that hold git state other than the commit (branch, remote, dirty flag, tags), lower case. */
    static final Set<String> GIT_STATE = Set.of(
            "scm-branch", "implementation-scm-branch", "git-branch", "x-git-branch", "build-branch", "scm-git-branch",
            "scm-git-remote", "scm-git-remote-url", "git-remote-url", "git-remote-origin-url", "x-git-remote-url",
            "git-dirty", "scm-git-dirty", "x-git-dirty", "scm-dirty", "git-tags", "git-tag", "scm-git-tags",
            "git-describe", "scm-git-describe", "git-closest-tag", "git-closest-tag-name");

    @Override
    public String name() {
        return "manifest";
    }

    @Override
    public boolean handles(Member shipped, Member rebuilt) {
        return isManifest(shipped) && isManifest(rebuilt);
    }

    private static boolean isManifest(Member m) {
        String n = m.name().toUpperCase(Locale.ROOT);
        return n.equals("META-INF/MANIFEST.MF") || n.endsWith("/META-INF/MANIFEST.MF") || n.equals("MANIFEST.MF");
    }

    record Attr(String name, String value) {
    }

    @Override
    public void compare(Member shipped, Member rebuilt, CompareContext context) throws IOException, FormatMismatch {
        String ts = Texts.utf8(shipped.bytes());
        String tr = Texts.utf8(rebuilt.bytes());
        if (ts == null || tr == null) {
            throw new FormatMismatch("not UTF-8 text");
        }
        List<List<Attr>> s = parse(ts);
        List<List<Attr>> r = parse(tr);
        List<String> env = new ArrayList<>();
        List<String> git = new ArrayList<>();
        List<String> order = new ArrayList<>();
        List<String> content = new ArrayList<>();
        compareSection("main section", s.get(0), r.get(0), env, git, order, content);
        Map<String, List<Attr>> ns = named(s);
        Map<String, List<Attr>> nr = named(r);
        TreeSet<String> names = new TreeSet<>(ns.keySet());
        names.addAll(nr.keySet());
        for (String n : names) {
            if (!nr.containsKey(n)) {
                content.add("section Name: " + n + " only in shipped");
            } else if (!ns.containsKey(n)) {
                content.add("section Name: " + n + " only in rebuilt");
            } else {
                compareSection("section " + n, ns.get(n), nr.get(n), env, git, order, content);
            }
        }
        List<String> common = ns.keySet().stream().filter(nr::containsKey).toList();
        if (!common.equals(nr.keySet().stream().filter(ns::containsKey).toList())) {
            order.add("the named sections are in another order");
        }
        String at = shipped.path();
        int before = context.count();
        if (!content.isEmpty()) {
            context.report(at, DifferenceClass.RESOURCE_CONTENT, "the manifest's attributes differ", content);
        }
        if (!env.isEmpty()) {
            context.report(at, DifferenceClass.MANIFEST_BUILD_ENVIRONMENT, "build-environment attributes differ", env);
        }
        if (!git.isEmpty()) {
            context.report(at, DifferenceClass.GIT_STATE, "git state attributes differ (branch, remote, dirty flag, tags; "
                    + "not the commit)", git);
        }
        if (!order.isEmpty()) {
            context.report(at, DifferenceClass.ATTRIBUTE_ORDER, "the same attributes in another order", order);
        }
        String es = Texts.lineEndings(ts);
        String er = Texts.lineEndings(tr);
        if (!es.equals(er)) {
            context.report(at, DifferenceClass.LINE_ENDINGS, "line endings differ (" + es + " shipped, " + er + " rebuilt)",
                    List.of());
        } else if (context.count() == before) {
            context.report(at, DifferenceClass.LINE_ENDINGS, "the same attributes in the same order; only the line "
                    + "wrapping differs", List.of());
        }
    }

    private static void compareSection(String label, List<Attr> s, List<Attr> r, List<String> env, List<String> git,
                                       List<String> order, List<String> content) {
        Map<String, Attr> a = byName(s);
        Map<String, Attr> b = byName(r);
        TreeSet<String> keys = new TreeSet<>(a.keySet());
        keys.addAll(b.keySet());
        String prefix = label.equals("main section") ? "" : label + ": ";
        for (String k : keys) {
            Attr x = a.get(k);
            Attr y = b.get(k);
            String name = x != null ? x.name : y.name;
            String vx = x == null ? null : x.value;
            String vy = y == null ? null : y.value;
            if (vx != null && vx.equals(vy)) {
                continue;
            }
            String line = prefix + name + ": " + shown(vx) + " shipped, " + shown(vy) + " rebuilt";
            if (BUILD_ENVIRONMENT.contains(k)) {
                env.add(line);
            } else if (GIT_STATE.contains(k)) {
                git.add(line);
            } else if (vx != null && vy != null && sameItems(vx, vy)) {
                order.add(prefix + name + ": the same " + items(vx).size() + " items in another order");
            } else {
                content.add(line);
            }
        }
        List<String> ca = a.keySet().stream().filter(b::containsKey).toList();
        List<String> cb = b.keySet().stream().filter(a::containsKey).toList();
        if (!ca.equals(cb)) {
            order.add(prefix + "attribute order " + names(ca, a) + " shipped, " + names(cb, b) + " rebuilt");
        }
    }

    private static String names(List<String> keys, Map<String, Attr> attrs) {
        return keys.stream().map(k -> attrs.get(k).name).toList().toString();
    }

    private static String shown(String v) {
        return v == null ? "(absent)" : "\"" + v + "\"";
    }

    private static boolean sameItems(String a, String b) {
        List<String> x = items(a);
        List<String> y = items(b);
        if (x.size() < 2) {
            return false;
        }
        List<String> sx = new ArrayList<>(x);
        List<String> sy = new ArrayList<>(y);
        sx.sort(null);
        sy.sort(null);
        return sx.equals(sy);
    }

    /** Items of a comma-separated header, commas inside double quotes kept (OSGi headers). */
    static List<String> items(String v) {
        List<String> out = new ArrayList<>();
        StringBuilder b = new StringBuilder();
        boolean quoted = false;
        for (char c : v.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                out.add(b.toString().strip());
                b.setLength(0);
            } else {
                b.append(c);
            }
        }
        out.add(b.toString().strip());
        return out;
    }

    private static Map<String, Attr> byName(List<Attr> attrs) {
        Map<String, Attr> m = new LinkedHashMap<>();
        for (Attr a : attrs) {
            m.putIfAbsent(a.name.toLowerCase(Locale.ROOT), a);
        }
        return m;
    }

    private static Map<String, List<Attr>> named(List<List<Attr>> sections) {
        Map<String, List<Attr>> m = new LinkedHashMap<>();
        for (List<Attr> section : sections.subList(1, sections.size())) {
            String name = section.stream().filter(a -> a.name.equalsIgnoreCase("Name")).map(Attr::value).findFirst()
                    .orElse("(unnamed " + m.size() + ")");
            m.putIfAbsent(name, section);
        }
        return m;
    }

    /** Sections (the main one first), each a list of attributes in file order, continuation lines joined. */
    static List<List<Attr>> parse(String text) throws FormatMismatch {
        List<List<Attr>> sections = new ArrayList<>();
        List<Attr> current = new ArrayList<>();
        sections.add(current);
        String name = null;
        StringBuilder value = null;
        for (String line : Texts.normaliseLineEndings(text).split("\n", -1)) {
            if (line.startsWith(" ") && value != null) {
                value.append(line, 1, line.length());
                continue;
            }
            if (name != null) {
                current.add(new Attr(name, value.toString()));
                name = null;
                value = null;
            }
            if (line.isEmpty()) {
                if (!current.isEmpty()) {
                    current = new ArrayList<>();
                    sections.add(current);
                }
                continue;
            }
            int colon = line.indexOf(": ");
            if (colon <= 0) {
                throw new FormatMismatch("manifest line without \"name: value\": " + abbreviate(line));
            }
            name = line.substring(0, colon);
            value = new StringBuilder(line.substring(colon + 2));
        }
        if (name != null) {
            current.add(new Attr(name, value.toString()));
        }
        if (sections.size() > 1 && sections.get(sections.size() - 1).isEmpty()) {
            sections.remove(sections.size() - 1);
        }
        return sections;
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }
}
