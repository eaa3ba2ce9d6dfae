package dev.clearbox.core.compare.internal;

import dev.clearbox.core.compare.DifferenceClass;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Properties files, compared key by key. Comments (the date comment Maven writes into {@code pom.properties})
 * and layout are {@code PROPERTIES_COMMENT}, key order {@code ATTRIBUTE_ORDER}, line endings {@code LINE_ENDINGS}.
 * For {@code git.properties} (one instance of this class is registered for it), values that describe the
 * build machine (time, user, host...) are {@code GIT_PROPERTIES}, git state (branch, remote URL, dirty flag, tags,
 * describe) {@code GIT_STATE}; the commit id is content: a git.properties
 * naming another commit says the binary was built from other source.
 */
final class PropertiesComparator implements FormatComparator {
    static final Set<String> COMMIT_KEYS = Set.of("git.commit.id", "git.commit.id.full", "git.commit.id.abbrev");
    /** git.properties keys (git-commit-id-maven-plugin) that hold git state other than the commit. */
    static final Set<String> GIT_STATE_KEYS = Set.of("git.branch", "git.remote.origin.url", "git.dirty", "git.tags",
            "git.tag", "git.closest.tag.name", "git.closest.tag.commit.count", "git.commit.id.describe",
            "git.commit.id.describe-short", "git.local.branch.ahead", "git.local.branch.behind", "git.total.commit.count");

    private final boolean git;

    PropertiesComparator(boolean git) {
        this.git = git;
    }

    @Override
    public String name() {
        return git ? "git.properties" : "properties";
    }

    @Override
    public boolean handles(Member shipped, Member rebuilt) {
        return applies(shipped) && applies(rebuilt);
    }

    private boolean applies(Member m) {
        String f = m.fileName();
        return git ? f.equals("git.properties") : f.endsWith(".properties") && !f.equals("git.properties");
    }

    @Override
    public void compare(Member shipped, Member rebuilt, CompareContext context) throws IOException, FormatMismatch {
        // properties files are ISO 8859-1 with \\u escapes; every byte maps to one char, so nothing is lost
        String ts = new String(shipped.bytes(), StandardCharsets.ISO_8859_1);
        String tr = new String(rebuilt.bytes(), StandardCharsets.ISO_8859_1);
        Ordered ps = load(ts);
        Ordered pr = load(tr);
        List<String> content = new ArrayList<>();
        List<String> build = new ArrayList<>();
        List<String> gitState = new ArrayList<>();
        TreeSet<String> keys = new TreeSet<>(ps.stringPropertyNames());
        keys.addAll(pr.stringPropertyNames());
        for (String k : keys) {
            String a = ps.getProperty(k);
            String b = pr.getProperty(k);
            if (Objects.equals(a, b)) {
                continue;
            }
            String line = k + ": " + shown(a) + " shipped, " + shown(b) + " rebuilt";
            (git && GIT_STATE_KEYS.contains(k) ? gitState : git && !COMMIT_KEYS.contains(k) ? build : content).add(line);
        }
        String at = shipped.path();
        int before = context.count();
        if (!content.isEmpty()) {
            context.report(at, DifferenceClass.RESOURCE_CONTENT, BytesComparator.describe(shipped) + ": values differ", content);
        }
        if (!gitState.isEmpty()) {
            context.report(at, DifferenceClass.GIT_STATE, BytesComparator.describe(shipped)
                    + ": git state differs (branch, remote, dirty flag, tags; not the commit)", gitState);
        }
        if (!build.isEmpty()) {
            context.report(at, DifferenceClass.GIT_PROPERTIES, BytesComparator.describe(shipped)
                    + ": values that describe the build differ", build);
        }
        List<String> cs = comments(ts);
        List<String> cr = comments(tr);
        if (!cs.equals(cr)) {
            context.report(at, DifferenceClass.PROPERTIES_COMMENT, BytesComparator.describe(shipped)
                    + ": comments differ (- rebuilt, + shipped)", LineDiff.unified(cr, cs, 20));
        }
        List<String> os = ps.order.stream().filter(pr::containsKey).distinct().toList();
        List<String> or = pr.order.stream().filter(ps::containsKey).distinct().toList();
        if (!os.equals(or)) {
            context.report(at, DifferenceClass.ATTRIBUTE_ORDER, BytesComparator.describe(shipped)
                    + ": the same keys in another order", List.of("shipped " + os, "rebuilt " + or));
        }
        String es = Texts.lineEndings(ts);
        String er = Texts.lineEndings(tr);
        if (!es.equals(er)) {
            context.report(at, DifferenceClass.LINE_ENDINGS, BytesComparator.describe(shipped) + ": line endings differ ("
                    + es + " shipped, " + er + " rebuilt)", List.of());
        }
        if (context.count() == before) {
            context.report(at, DifferenceClass.PROPERTIES_COMMENT, BytesComparator.describe(shipped)
                    + ": the same keys, values, comments and order; the layout differs (whitespace, separators, escapes)",
                    LineDiff.unified(Texts.lines(Texts.normaliseLineEndings(tr)), Texts.lines(Texts.normaliseLineEndings(ts)), 20));
        }
    }

    private static String shown(String v) {
        return v == null ? "(absent)" : "\"" + v + "\"";
    }

    private static List<String> comments(String text) {
        List<String> out = new ArrayList<>();
        for (String line : Texts.normaliseLineEndings(text).split("\n")) {
            String t = line.stripLeading();
            if (t.startsWith("#") || t.startsWith("!")) {
                out.add(t);
            }
        }
        return out;
    }

    /** Properties that remember the order keys were read in. */
    private static final class Ordered extends Properties {
        private static final long serialVersionUID = 1L;
        final transient List<String> order = new ArrayList<>();

        @Override
        public synchronized Object put(Object key, Object value) {
            order.add((String) key);
            return super.put(key, value);
        }
    }

    private static Ordered load(String text) throws FormatMismatch {
        Ordered p = new Ordered();
        try {
            p.load(new StringReader(text));
        } catch (IOException | IllegalArgumentException e) {
            throw new FormatMismatch("not a properties file: " + e.getMessage(), e);
        }
        return p;
    }
}
