package dev.clearbox.reports.delta;

import dev.clearbox.analyzers.bytecode.BinaryRule;
import dev.clearbox.analyzers.source.SourceRule;
import dev.clearbox.core.Severity;
import dev.clearbox.reports.model.ArtifactVerdict;
import dev.clearbox.reports.model.AuditReport;
import dev.clearbox.reports.model.ReleaseDelta;
import dev.clearbox.reports.model.ReleaseDelta.Category;
import dev.clearbox.reports.model.ReleaseDelta.Change;
import dev.clearbox.reports.model.ReleaseDelta.Kind;
import dev.clearbox.reports.model.ReportFinding;
import dev.clearbox.reports.model.ShippedPackage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Computes the {@link ReleaseDelta} between two reports (docs/release-delta.md). Items are matched by identity:
 * findings by their fingerprint ({@link ReportFinding#fingerprint()}: no line numbers, so a line shift is no change),
 * packages, entries and verdicts by name, components by group and artifact, capabilities by scope, name and
 * capability. Names are compared with each release's version replaced by {@value #VERSION}, so that
 * {@code acme-updater-1.4.0.zip} and {@code acme-updater-1.4.1.zip} are one package that changed. Deterministic: the
 * same two reports give the same delta.
 */
public final class ReleaseDiff {
    /** What a release's own version becomes in the names compared. */
    public static final String VERSION = "{version}";

    private ReleaseDiff() {
    }

    /** The delta between two verified reports. */
    public static ReleaseDelta between(VerifiedReport from, VerifiedReport to) {
        return between(release(from.report(), from.reportSha256(), from.keyId()), from.report(),
                release(to.report(), to.reportSha256(), to.keyId()), to.report());
    }

    /** The delta a new report carries against its verified baseline (the new report names no digest or key of its own). */
    public static ReleaseDelta between(VerifiedReport baseline, AuditReport report) {
        return between(release(baseline.report(), baseline.reportSha256(), baseline.keyId()), baseline.report(),
                release(report, "", ""), report);
    }

    static ReleaseDelta between(ReleaseDelta.Release fromRelease, AuditReport a, ReleaseDelta.Release toRelease,
                                AuditReport b) {
        Side old = new Side(a);
        Side neu = new Side(b);
        List<Change> changes = new ArrayList<>();
        capabilities(old, neu, changes);
        findings(old, neu, changes);
        endpoints(a, b, changes);
        if (a.summary().result() != b.summary().result()) {
            changes.add(new Change(Kind.CHANGED, Category.RESULT, "", "overall result", null, "",
                    String.valueOf(a.summary().result()), String.valueOf(b.summary().result()),
                    String.join("; ", b.summary().resultReasons())));
        }
        verdicts(old, neu, changes);
        packages(old, neu, changes);
        components(old, neu, changes);
        changes.sort(ORDER);
        List<ReleaseDelta.Counts> counts = new ArrayList<>();
        for (Category c : Category.values()) {
            counts.add(new ReleaseDelta.Counts(c, count(changes, c, Kind.ADDED), count(changes, c, Kind.REMOVED),
                    count(changes, c, Kind.CHANGED)));
        }
        return new ReleaseDelta(fromRelease, toRelease, counts, changes);
    }

    private static int count(List<Change> changes, Category category, Kind kind) {
        return (int) changes.stream().filter(c -> c.category() == category && c.change() == kind).count();
    }

    private static ReleaseDelta.Release release(AuditReport r, String sha, String keyId) {
        return new ReleaseDelta.Release(r.product(), r.source().commitId(),
                r.source().tag() == null || r.source().tag().name() == null ? "" : r.source().tag().name(),
                r.generatedAt() == null ? "" : r.generatedAt(), r.summary().result(), sha, keyId);
    }

    private static final List<String> SCOPES = List.of("package", "class", "method", "");

    /** Added, removed, changed; then category; severity, highest first; scope; subject; fingerprint. */
    static final Comparator<Change> ORDER = Comparator.comparing(Change::change)
            .thenComparing(Change::category)
            .thenComparing(c -> c.severity() == null ? -1 : c.severity().ordinal(), Comparator.reverseOrder())
            .thenComparing(c -> SCOPES.indexOf(c.scope()))
            .thenComparing(Change::subject)
            .thenComparing(Change::fingerprint)
            .thenComparing(Change::detail);

    // ---- findings

    private static void findings(Side old, Side neu, List<Change> out) {
        match(old.findings, neu.findings, (o, n) -> {
            if (o == null) {
                out.add(findingChange(Kind.ADDED, n.finding, n.category, "", ""));
            } else if (n == null) {
                out.add(findingChange(Kind.REMOVED, o.finding, o.category, "", ""));
            } else if (o.finding.severity() != n.finding.severity()) {
                out.add(findingChange(Kind.CHANGED, n.finding, n.category, o.finding.severity().name(),
                        n.finding.severity().name()));
            }
            return null;
        });
    }

    private static Change findingChange(Kind kind, ReportFinding f, Category category, String before, String after) {
        String subject = f.ruleId() + " " + f.location() + (f.api().isEmpty() ? "" : " " + f.api());
        return new Change(kind, category, "", subject, f.severity(), f.fingerprint(), before, after,
                f.message() == null ? "" : f.message());
    }

    /**
     * Pairs the findings of both sides by identity; where one identity occurs several times, in location order, and
     * what one side has more of is added or removed. Calls {@code pair} with {@code null} for the missing side.
     */
    private static void match(Map<String, List<Seen>> old, Map<String, List<Seen>> neu, BiFunction<Seen, Seen, Void> pair) {
        Set<String> keys = new TreeSet<>(old.keySet());
        keys.addAll(neu.keySet());
        for (String key : keys) {
            List<Seen> o = old.getOrDefault(key, List.of());
            List<Seen> n = neu.getOrDefault(key, List.of());
            for (int i = 0; i < Math.max(o.size(), n.size()); i++) {
                pair.apply(i < o.size() ? o.get(i) : null, i < n.size() ? n.get(i) : null);
            }
        }
    }

    /** A finding of one side, its category and its identity (its fingerprint with the release's version normalised). */
    private record Seen(ReportFinding finding, Category category) {
    }

    // ---- capabilities

    private record CapabilityKey(String scope, String name, String capability) implements Comparable<CapabilityKey> {
        @Override
        public int compareTo(CapabilityKey o) {
            return Comparator.comparing(CapabilityKey::scope).thenComparing(CapabilityKey::name)
                    .thenComparing(CapabilityKey::capability).compare(this, o);
        }
    }

    /** The findings behind one capability in one scope: the highest severity, how many, their rules. */
    private static final class CapabilityUse {
        Severity severity;
        int count;
        final Set<String> rules = new TreeSet<>();

        void add(ReportFinding f) {
            severity = severity == null || f.severity().compareTo(severity) > 0 ? f.severity() : severity;
            count++;
            rules.add(f.ruleId());
        }

        String detail() {
            return count + " finding" + (count == 1 ? "" : "s") + " (" + String.join(", ", rules) + ")";
        }
    }

    private static void capabilities(Side old, Side neu, List<Change> out) {
        Set<CapabilityKey> keys = new TreeSet<>(old.capabilities.keySet());
        keys.addAll(neu.capabilities.keySet());
        for (CapabilityKey k : keys) {
            CapabilityUse o = old.capabilities.get(k);
            CapabilityUse n = neu.capabilities.get(k);
            String subject = k.capability() + " in " + k.scope() + " " + k.name();
            if (o == null) {
                out.add(new Change(Kind.ADDED, Category.CAPABILITY, k.scope(), subject, n.severity, "", "", "", n.detail()));
            } else if (n == null) {
                out.add(new Change(Kind.REMOVED, Category.CAPABILITY, k.scope(), subject, o.severity, "", "", "", o.detail()));
            } else if (o.severity != n.severity) {
                out.add(new Change(Kind.CHANGED, Category.CAPABILITY, k.scope(), subject, n.severity, "",
                        o.severity.name(), n.severity.name(), n.detail()));
            }
        }
    }

    // ---- endpoints

    private static void endpoints(AuditReport a, AuditReport b, List<Change> out) {
        Set<String> old = new TreeSet<>(a.summary().endpoints());
        Set<String> neu = new TreeSet<>(b.summary().endpoints());
        for (String e : neu) {
            if (!old.contains(e)) {
                out.add(new Change(Kind.ADDED, Category.ENDPOINT, "", e, null, "", "", "", "reached by "
                        + reachedBy(b, e)));
            }
        }
        for (String e : old) {
            if (!neu.contains(e)) {
                out.add(new Change(Kind.REMOVED, Category.ENDPOINT, "", e, null, "", "", "", "was reached by "
                        + reachedBy(a, e)));
            }
        }
    }

    private static String reachedBy(AuditReport r, String endpoint) {
        List<ReportFinding> all = new ArrayList<>(r.analysis().findings());
        all.addAll(r.binaryAnalysis().findings());
        all.addAll(r.packageFindings());
        Set<String> where = new TreeSet<>();
        for (ReportFinding f : all) {
            if (f.endpoints().contains(endpoint)) {
                where.add(f.ruleId() + " " + f.location());
            }
        }
        List<String> list = new ArrayList<>(where);
        return list.isEmpty() ? "no finding" : String.join(", ", list.subList(0, Math.min(3, list.size())))
                + (list.size() > 3 ? " (and " + (list.size() - 3) + " more)" : "");
    }

    // ---- verdicts, packages, entries, components

    private static void verdicts(Side old, Side neu, List<Change> out) {
        compare(old.verdicts, neu.verdicts, (name, o, n) -> {
            ArtifactVerdict v = n != null ? n : o;
            String subject = v.shipped();
            if (o == null || n == null) {
                return new Change(o == null ? Kind.ADDED : Kind.REMOVED, Category.VERDICT, "", subject, null, "", "", "",
                        v.verdict() + (v.reason() == null || v.reason().isEmpty() ? "" : " (" + v.reason() + ")"));
            }
            return o.verdict() == n.verdict() ? null : new Change(Kind.CHANGED, Category.VERDICT, "", subject, null, "",
                    o.verdict().name(), n.verdict().name(), n.reason() == null ? "" : n.reason());
        }, out);
    }

    private static void packages(Side old, Side neu, List<Change> out) {
        compare(old.packages, neu.packages, (name, o, n) -> {
            ShippedPackage p = n != null ? n : o;
            if (o == null || n == null) {
                return new Change(o == null ? Kind.ADDED : Kind.REMOVED, Category.PACKAGE, "", p.packageName(), null, "",
                        "", "", p.size() + " bytes, " + p.entries().size() + " entries, sha256 " + p.sha256());
            }
            return Objects.equals(o.sha256(), n.sha256()) ? null : new Change(Kind.CHANGED, Category.PACKAGE, "",
                    n.packageName(), null, "", o.sha256(), n.sha256(), (o.packageName().equals(n.packageName()) ? ""
                    : "was " + o.packageName() + "; ") + o.size() + " -> " + n.size() + " bytes");
        }, out);
        compare(old.entries, neu.entries, (name, o, n) -> {
            Entry e = n != null ? n : o;
            if (o == null || n == null) {
                return new Change(o == null ? Kind.ADDED : Kind.REMOVED, Category.ENTRY, "", e.name(), null, "", "", "",
                        e.entry().type() + ", " + e.entry().size() + " bytes"
                                + (e.entry().sha256() == null ? "" : ", sha256 " + e.entry().sha256()));
            }
            boolean same = Objects.equals(o.entry().sha256(), n.entry().sha256()) && o.entry().type() == n.entry().type()
                    && Objects.equals(o.entry().detail(), n.entry().detail());
            return same ? null : new Change(Kind.CHANGED, Category.ENTRY, "", n.name(), null, "",
                    String.valueOf(o.entry().sha256()), String.valueOf(n.entry().sha256()),
                    (o.entry().type() == n.entry().type() ? String.valueOf(n.entry().type())
                            : o.entry().type() + " -> " + n.entry().type())
                            + ", " + o.entry().size() + " -> " + n.entry().size() + " bytes");
        }, out);
    }

    private static void components(Side old, Side neu, List<Change> out) {
        compare(old.components, neu.components, (name, o, n) -> {
            Component c = n != null ? n : o;
            String subject = c.maven().groupId() + ":" + c.maven().artifactId() + " in " + c.where();
            if (o == null || n == null) {
                return new Change(o == null ? Kind.ADDED : Kind.REMOVED, Category.COMPONENT, "", subject, null, "", "", "",
                        c.maven().toString());
            }
            return Objects.equals(o.maven().version(), n.maven().version()) ? null : new Change(Kind.CHANGED,
                    Category.COMPONENT, "", subject, null, "", o.maven().version(), n.maven().version(), n.maven().toString());
        }, out);
    }

    private interface Pair<T> {
        Change change(String key, T old, T neu);
    }

    private static <T> void compare(Map<String, T> old, Map<String, T> neu, Pair<T> pair, List<Change> out) {
        Set<String> keys = new TreeSet<>(old.keySet());
        keys.addAll(neu.keySet());
        for (String k : keys) {
            Change c = pair.change(k, old.get(k), neu.get(k));
            if (c != null) {
                out.add(c);
            }
        }
    }

    private record Entry(String name, ShippedPackage.Entry entry) {
    }

    private record Component(String where, ShippedPackage.Maven maven) {
    }

    // ---- one side, indexed

    /** One report's items by identity. */
    private static final class Side {
        final Map<String, List<Seen>> findings = new TreeMap<>();
        final Map<CapabilityKey, CapabilityUse> capabilities = new TreeMap<>();
        final Map<String, ArtifactVerdict> verdicts = new TreeMap<>();
        final Map<String, ShippedPackage> packages = new TreeMap<>();
        final Map<String, Entry> entries = new TreeMap<>();
        final Map<String, Component> components = new TreeMap<>();
        private final Names names;

        Side(AuditReport r) {
            names = new Names(r.product().version());
            Map<String, String> methods = methodsByLine(r);
            for (ReportFinding f : r.analysis().findings()) {
                add(f, f.is(SourceRule.EXFIL) ? Category.FLOW : Category.CALL_SITE, methods);
            }
            for (ReportFinding f : distinct(r.binaryAnalysis().findings())) {
                add(f, f.is(BinaryRule.ONLY) ? Category.BINARY_ONLY : Category.BINARY_FINDING, methods);
            }
            for (ReportFinding f : r.packageFindings()) {
                addFinding(f, Category.PACKAGE_FINDING);
            }
            findings.values().forEach(l -> l.sort(Comparator.comparing((Seen s) -> s.finding().location().line())));
            for (ArtifactVerdict v : r.verdicts()) {
                verdicts.putIfAbsent(names.normal(v.shipped()), v);
            }
            for (ShippedPackage p : r.packages()) {
                String pkg = names.normal(p.packageName());
                packages.putIfAbsent(pkg, p);
                if (p.jar() != null) {
                    p.jar().maven().forEach(m -> components.putIfAbsent(pkg + " " + m.groupId() + ":" + m.artifactId(),
                            new Component(p.packageName(), m)));
                }
                for (ShippedPackage.Entry e : p.entries()) {
                    String entryName = pkg + "!/" + names.normal(e.path());
                    entries.putIfAbsent(entryName, new Entry(p.packageName() + "!/" + e.path(), e));
                    if (e.jar() != null) {
                        e.jar().maven().forEach(m -> components.putIfAbsent(entryName + " " + m.groupId() + ":"
                                + m.artifactId(), new Component(p.packageName() + "!/" + e.path(), m)));
                    }
                }
            }
        }

        private void add(ReportFinding f, Category category, Map<String, String> methods) {
            addFinding(f, category);
            String cls = className(f.location().file());
            String pkg = cls.lastIndexOf('.') < 0 ? "(default package)" : cls.substring(0, cls.lastIndexOf('.'));
            use(new CapabilityKey("package", pkg, f.capability()), f);
            use(new CapabilityKey("class", cls, f.capability()), f);
            String method = method(f, methods);
            if (method != null && !method.isEmpty()) {
                use(new CapabilityKey("method", method, f.capability()), f);
            }
        }

        private void use(CapabilityKey key, ReportFinding f) {
            capabilities.computeIfAbsent(key, k -> new CapabilityUse()).add(f);
        }

        private void addFinding(ReportFinding f, Category category) {
            findings.computeIfAbsent(identity(f), k -> new ArrayList<>()).add(new Seen(f, category));
        }

        /** The finding's fingerprint, computed over its names with the release's version normalised. */
        private String identity(ReportFinding f) {
            ReportFinding n = new ReportFinding(f.ruleId(), f.capability(), f.severity(), f.message(),
                    location(f.location()), f.api(), f.resolution(), f.endpoints(),
                    f.path().stream().map(s -> new ReportFinding.Step(location(s.location()), s.method(), s.note())).toList());
            return n.fingerprint();
        }

        private ReportFinding.Location location(ReportFinding.Location l) {
            return new ReportFinding.Location(names.normal(l.file()), l.line(), l.code());
        }
    }

    /** The binary findings, each once (the correspondence's findings may also be listed among them). */
    private static List<ReportFinding> distinct(List<ReportFinding> findings) {
        return List.copyOf(new LinkedHashSet<>(findings));
    }

    /**
     * Every path step's method by {@code file:line}, so that a call site without a path of its own gets the method a
     * flow through the same line names. Where two flows name different methods for one line, the first in order wins.
     */
    private static Map<String, String> methodsByLine(AuditReport r) {
        Map<String, String> out = new HashMap<>();
        List<ReportFinding> all = new ArrayList<>(r.analysis().findings());
        all.addAll(r.binaryAnalysis().findings());
        for (ReportFinding f : all) {
            for (ReportFinding.Step s : f.path()) {
                if (s.method() != null && !s.method().isEmpty() && s.location().line() > 0) {
                    out.putIfAbsent(s.location().file() + ":" + s.location().line(), s.method());
                }
            }
        }
        return out;
    }

    /** The method a finding is in: its path's step at its own location, else a flow's step on its line, else none. */
    static String method(ReportFinding f, Map<String, String> methodsByLine) {
        for (int i = f.path().size() - 1; i >= 0; i--) {
            ReportFinding.Step s = f.path().get(i);
            if (s.location().file().equals(f.location().file()) && s.location().line() == f.location().line()
                    && s.method() != null && !s.method().isEmpty()) {
                return s.method();
            }
        }
        return f.location().line() > 0 ? methodsByLine.get(f.location().file() + ":" + f.location().line()) : null;
    }

    private static final Pattern SOURCE_ROOT = Pattern.compile("(?:^|.*/)src/(?:main|test)/java/(.*)");
    private static final Pattern VERSIONED = Pattern.compile("^META-INF/versions/[0-9]+/");

    /**
     * The class a finding's file holds: for a source file, its path below {@code src/main/java/} (or the whole path)
     * without {@code .java}; for a class file, its path after the last {@code !/} without {@code .class}, a
     * multi-release prefix or a nested class's {@code $} suffix; dots for slashes.
     */
    static String className(String file) {
        String path = file;
        int nested = path.lastIndexOf("!/");
        if (nested >= 0) {
            path = VERSIONED.matcher(path.substring(nested + 2)).replaceFirst("");
        } else {
            Matcher m = SOURCE_ROOT.matcher(path);
            if (m.matches()) {
                path = m.group(1);
            }
        }
        int dot = path.lastIndexOf('.');
        if (dot > path.lastIndexOf('/')) {
            path = path.substring(0, dot);
        }
        int dollar = path.indexOf('$', path.lastIndexOf('/') + 1);
        if (dollar > 0) {
            path = path.substring(0, dollar);
        }
        return path.replace('/', '.');
    }

    /** A release's version replaced in names, where it stands as a whole version (not inside a longer one). */
    static final class Names {
        private final Pattern version;

        Names(String version) {
            this.version = version == null || version.isBlank() ? null
                    : Pattern.compile("(?<![0-9A-Za-z]|[0-9]\\.)" + Pattern.quote(version) + "(?![0-9A-Za-z]|\\.[0-9])");
        }

        String normal(String name) {
            return version == null || name == null ? name : version.matcher(name).replaceAll(Matcher.quoteReplacement(VERSION));
        }
    }
}
