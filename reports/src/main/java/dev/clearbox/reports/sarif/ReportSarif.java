package dev.clearbox.reports.sarif;

import com.contrastsecurity.sarif.ArtifactContent;
import com.contrastsecurity.sarif.ArtifactLocation;
import com.contrastsecurity.sarif.CodeFlow;
import com.contrastsecurity.sarif.Location;
import com.contrastsecurity.sarif.Message;
import com.contrastsecurity.sarif.MultiformatMessageString;
import com.contrastsecurity.sarif.OriginalUriBaseIds;
import com.contrastsecurity.sarif.PartialFingerprints;
import com.contrastsecurity.sarif.PhysicalLocation;
import com.contrastsecurity.sarif.PropertyBag;
import com.contrastsecurity.sarif.Region;
import com.contrastsecurity.sarif.ReportingDescriptor;
import com.contrastsecurity.sarif.Result;
import com.contrastsecurity.sarif.Run;
import com.contrastsecurity.sarif.SarifSchema210;
import com.contrastsecurity.sarif.ThreadFlow;
import com.contrastsecurity.sarif.ThreadFlowLocation;
import com.contrastsecurity.sarif.Tool;
import com.contrastsecurity.sarif.ToolComponent;
import com.contrastsecurity.sarif.VersionControlDetails;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.clearbox.core.CoreRule;
import dev.clearbox.core.Severity;
import dev.clearbox.core.Verdict;
import dev.clearbox.reports.model.ArtifactVerdict;
import dev.clearbox.reports.model.AuditReport;
import dev.clearbox.reports.model.BinaryReport;
import dev.clearbox.reports.model.ReleaseDelta;
import dev.clearbox.reports.model.ReportFinding;
import dev.clearbox.reports.model.ShippedPackage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The SARIF 2.1.0 rendering of a report, for code-scanning tools: one result per finding (with a code
 * flow for exfiltration paths) and one per artifact that is not reproducible. Source locations are
 * relative to the {@code SRCROOT} base, the checked-out tree; binary findings to {@code PACKAGES}, unless the
 * correspondence maps their class to a source file: then the result sits at that file and line, and the binary
 * location is a related location. Rule texts come from the rule pages ({@link RuleDocs}); the mapping is in
 * docs/report-schema.md ("SARIF"). Built with the java-sarif model.
 */
public final class ReportSarif {
    /** The key of Clearbox's fingerprint in {@code partialFingerprints}. */
    public static final String FINGERPRINT = "clearbox/v2";
    /** Base of source locations: the checked-out tree. */
    static final String SOURCE_BASE = "SRCROOT";
    /** Base of binary locations: the update packages (nested paths such as {@code pkg.zip!/lib/a.jar!/A.class}). */
    static final String PACKAGES_BASE = "PACKAGES";
    private static final String SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .serializationInclusion(JsonInclude.Include.NON_EMPTY)
            .build();

    private ReportSarif() {
    }

    public static void write(AuditReport report, Path file) {
        try {
            Files.write(file, MAPPER.writeValueAsBytes(sarif(report)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    public static SarifSchema210 sarif(AuditReport report) {
        Rules rules = new Rules();
        Map<String, String> sources = sourceFiles(report.binaryAnalysis());
        Fingerprints fingerprints = new Fingerprints();
        List<Result> results = new ArrayList<>();
        for (ReportFinding f : report.analysis().findings()) {
            results.add(result(f, SOURCE_BASE, Map.of(), rules, fingerprints));
        }
        for (ReportFinding f : report.binaryAnalysis().findings()) {
            results.add(result(f, PACKAGES_BASE, sources, rules, fingerprints));
        }
        for (ReportFinding f : report.packageFindings()) {
            results.add(result(f, PACKAGES_BASE, Map.of(), rules, fingerprints));
        }
        Map<String, Long> sizes = artifactSizes(report.packages());
        Map<Result, String> verdictResults = new java.util.IdentityHashMap<>();
        for (ArtifactVerdict c : report.verdicts()) {
            if (c.verdict() == Verdict.NOT_REPRODUCIBLE) {
                Result r = notReproducible(c, sizes, report.binaryAnalysis(), rules, fingerprints);
                results.add(r);
                verdictResults.put(r, c.shipped());
            }
        }
        if (report.delta() != null) {
            baselineStates(report.delta(), results, verdictResults);
        }
        ToolComponent driver = new ToolComponent().withName("clearbox").withVersion(report.tool().version())
                .withInformationUri(URI.create("https://clearbox.dev")).withRules(rules.all());
        OriginalUriBaseIds bases = new OriginalUriBaseIds()
                .withAdditionalProperty(SOURCE_BASE, new ArtifactLocation().withDescription(new Message()
                        .withText("The audited source: the checked-out tree of the commit in versionControlProvenance.")))
                .withAdditionalProperty(PACKAGES_BASE, new ArtifactLocation().withDescription(new Message()
                        .withText("The shipped update packages, nested entries joined with !/.")));
        Run run = new Run().withTool(new Tool().withDriver(driver)).withOriginalUriBaseIds(bases)
                .withVersionControlProvenance(new LinkedHashSet<>(List.of(provenance(report))))
                .withResults(results);
        return new SarifSchema210().withVersion(SarifSchema210.Version._2_1_0).with$schema(URI.create(SARIF_SCHEMA))
                .withRuns(List.of(run));
    }

    /**
     * With a baseline ({@code audit --baseline}), every result says whether the release delta added it: {@code new}
     * for a finding whose fingerprint the delta lists as added and for a verdict the delta adds, {@code updated} for
     * a verdict it changed, {@code unchanged} otherwise (code-scanning platforms show new results first).
     *
     * @param verdictResults the not-reproducible results by the shipped artifact they are about
     */
    static void baselineStates(ReleaseDelta delta, List<Result> results, Map<Result, String> verdictResults) {
        Set<String> added = new java.util.HashSet<>();
        Map<String, ReleaseDelta.Kind> verdicts = new HashMap<>();
        for (ReleaseDelta.Change c : delta.changes()) {
            if (c.category() == ReleaseDelta.Category.VERDICT) {
                verdicts.put(c.subject(), c.change());
            } else if (c.change() == ReleaseDelta.Kind.ADDED && !c.fingerprint().isEmpty()) {
                added.add(c.fingerprint());
            }
        }
        for (Result r : results) {
            Result.BaselineState state = Result.BaselineState.UNCHANGED;
            String shipped = verdictResults.get(r);
            if (shipped != null) {
                ReleaseDelta.Kind k = verdicts.get(shipped);
                if (k == ReleaseDelta.Kind.ADDED) {
                    state = Result.BaselineState.NEW;
                } else if (k == ReleaseDelta.Kind.CHANGED) {
                    state = Result.BaselineState.UPDATED;
                }
            } else if (added.contains(String.valueOf(r.getPartialFingerprints().getAdditionalProperties().get(FINGERPRINT)))) {
                state = Result.BaselineState.NEW;
            }
            r.setBaselineState(state);
        }
    }

    /**
     * The audited repository and commit. SARIF wants an absolute URI: the source's location when it is one
     * ({@code https://...}, {@code ssh://...}); a bundle or local path, which names nothing outside the auditor's
     * machine, becomes {@code urn:clearbox:bundle:NAME} (its file name only).
     */
    static VersionControlDetails provenance(AuditReport report) {
        var s = report.source();
        VersionControlDetails v = new VersionControlDetails().withRepositoryUri(repositoryUri(s.location()))
                .withRevisionId(s.commitId())
                .withMappedTo(new ArtifactLocation().withUriBaseId(SOURCE_BASE));
        if (s.tag() != null) {
            v.withRevisionTag(s.tag().name());
        } else if (s.resolvedRef().startsWith("refs/heads/")) {
            v.withBranch(s.resolvedRef().substring("refs/heads/".length()));
        }
        return v;
    }

    static URI repositoryUri(String location) {
        try {
            URI uri = new URI(location);
            if (uri.isAbsolute() && uri.getScheme().length() > 1 && !uri.getScheme().equalsIgnoreCase("file")) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // a path, not a URI
        }
        String name = location.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1);
        return URI.create("urn:clearbox:bundle:" + java.net.URLEncoder.encode(name.isEmpty() ? "source" : name,
                java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"));
    }

    private static Result result(ReportFinding f, String base, Map<String, String> sources, Rules rules,
                                 Fingerprints fingerprints) {
        rules.add(f.ruleId(), f.capability(), f.severity());
        Location primary = location(f.location(), base, sources);
        Result r = new Result()
                .withRuleId(f.ruleId())
                .withLevel(level(f.severity()))
                .withMessage(new Message().withText(f.message()))
                .withLocations(List.of(primary))
                .withPartialFingerprints(new PartialFingerprints()
                        .withAdditionalProperty(FINGERPRINT, fingerprints.unique(f.fingerprint())))
                .withProperties(new PropertyBag().withAdditionalProperty("capability", f.capability())
                        .withAdditionalProperty("severity", f.severity().name())
                        .withAdditionalProperty("security-severity", securitySeverity(f.severity()))
                        .withAdditionalProperty("api", f.api())
                        .withAdditionalProperty("endpoints", f.endpoints()));
        if (!isAt(primary, base, f.location().file())) {
            r.withRelatedLocations(new LinkedHashSet<>(List.of(location(f.location(), base, Map.of()).withId(1)
                    .withMessage(new Message().withText("in the shipped binary: " + f.location())))));
        }
        if (!f.path().isEmpty()) {
            List<ThreadFlowLocation> steps = new ArrayList<>();
            for (ReportFinding.Step s : f.path()) {
                steps.add(new ThreadFlowLocation().withLocation(location(s.location(), base, sources)
                        .withMessage(new Message().withText(s.method() + (s.note().isEmpty() ? "" : ": " + s.note())))));
            }
            r.withCodeFlows(List.of(new CodeFlow().withThreadFlows(List.of(new ThreadFlow().withLocations(steps)))));
        }
        return r;
    }

    private static boolean isAt(Location l, String base, String file) {
        ArtifactLocation a = l.getPhysicalLocation().getArtifactLocation();
        return a.getUriBaseId().equals(base) && a.getUri().equals(uri(file));
    }

    /**
     * The not-reproducible result: at the shipped artifact, a binary file, so its region is the whole file as a
     * byte range (SARIF 3.30.1: a region in a binary artifact is given in bytes); each difference whose class maps to
     * a source file is a related location there, at line 1 (a class difference has no line).
     */
    private static Result notReproducible(ArtifactVerdict c, Map<String, Long> sizes, BinaryReport binary, Rules rules,
                                          Fingerprints fingerprints) {
        rules.add(CoreRule.NOT_REPRODUCIBLE.id(), "REPRODUCIBILITY", dev.clearbox.core.Severity.CRITICAL);
        List<String> lines = new ArrayList<>();
        Set<Location> related = new LinkedHashSet<>();
        int id = 1;
        for (ArtifactVerdict.Difference d : c.substantive()) {
            lines.add(d.kind() + " " + d.detail() + (d.sourceFile().isEmpty() ? "" : " (" + d.sourceFile()
                    + (d.member().isEmpty() ? "" : " " + d.member()) + ")"));
            Optional<String> file = sourceOf(d.sourceFile(), binary);
            if (file.isPresent()) {
                related.add(new Location().withId(id++).withPhysicalLocation(new PhysicalLocation()
                                .withArtifactLocation(new ArtifactLocation().withUri(uri(file.get())).withUriBaseId(SOURCE_BASE))
                                .withRegion(new Region().withStartLine(1)))
                        .withMessage(new Message().withText(d.kind() + " " + d.entry()
                                + (d.member().isEmpty() ? "" : " " + d.member()))));
            }
        }
        Region region = new Region().withByteOffset(0);
        Long size = sizes.get(c.shipped());
        if (size != null && size > 0 && size <= Integer.MAX_VALUE) {
            region.withByteLength(size.intValue());
        }
        Result r = new Result()
                .withRuleId(CoreRule.NOT_REPRODUCIBLE.id())
                .withLevel(Result.Level.ERROR)
                .withMessage(new Message().withText(c.shipped() + " is not reproducible from the source: "
                        + String.join("; ", lines)))
                .withLocations(List.of(new Location().withPhysicalLocation(new PhysicalLocation()
                        .withArtifactLocation(new ArtifactLocation().withUri(uri(c.shipped())).withUriBaseId(PACKAGES_BASE))
                        .withRegion(region))))
                .withPartialFingerprints(new PartialFingerprints().withAdditionalProperty(FINGERPRINT,
                        fingerprints.unique(c.fingerprint())))
                .withProperties(new PropertyBag().withAdditionalProperty("severity", "CRITICAL")
                        .withAdditionalProperty("security-severity", securitySeverity(dev.clearbox.core.Severity.CRITICAL)));
        if (!related.isEmpty()) {
            r.withRelatedLocations(related);
        }
        return r;
    }

    /** The repository file of a difference's {@code package/path/Source.java}, through the correspondence. */
    private static Optional<String> sourceOf(String packagePath, BinaryReport binary) {
        if (packagePath.isEmpty()) {
            return Optional.empty();
        }
        return binary.correspondence().classes().stream().map(BinaryReport.ClassSource::sourceFile)
                .filter(f -> f.equals(packagePath) || f.endsWith("/" + packagePath)).sorted().findFirst();
    }

    /** Class file to source file, from the correspondence (classes with a source file only). */
    static Map<String, String> sourceFiles(BinaryReport binary) {
        Map<String, String> map = new HashMap<>();
        for (BinaryReport.ClassSource c : binary.correspondence().classes()) {
            if (!c.sourceFile().isEmpty()) {
                map.put(c.classFile(), c.sourceFile());
            }
        }
        return map;
    }

    private static Map<String, Long> artifactSizes(List<ShippedPackage> packages) {
        Map<String, Long> sizes = new HashMap<>();
        for (ShippedPackage p : packages) {
            sizes.put(p.packageName(), p.size());
            for (ShippedPackage.Entry e : p.entries()) {
                sizes.put(p.packageName() + "!/" + e.path(), e.size());
            }
        }
        return sizes;
    }

    /**
     * A location with a region always: the line when known, else line 1 (a finding about a whole file); a binary
     * location whose class maps to a source file is put at that file (same line: the class's line-number table).
     */
    private static Location location(ReportFinding.Location l, String base, Map<String, String> sources) {
        String file = l.file();
        String where = base;
        String mapped = sources.get(file);
        if (mapped != null) {
            file = mapped;
            where = SOURCE_BASE;
        }
        Region region = new Region().withStartLine(Math.max(1, l.line()));
        if (!l.code().isEmpty()) {
            region.withSnippet(new ArtifactContent().withText(l.code()));
        }
        return new Location().withPhysicalLocation(new PhysicalLocation()
                .withArtifactLocation(new ArtifactLocation().withUri(uri(file)).withUriBaseId(where))
                .withRegion(region));
    }

    /** A relative URI reference for a path: characters a URI may not hold are percent-encoded. */
    static String uri(String path) {
        StringBuilder b = new StringBuilder(path.length());
        for (byte x : path.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "-._~/!$&'()*+,;=:@".indexOf(c) >= 0)) {
                b.append((char) c);
            } else {
                b.append('%').append(String.format(Locale.ROOT, "%02X", c));
            }
        }
        return b.toString();
    }

    /**
     * GitHub's {@code security-severity}: CRITICAL 9.5, HIGH 8.0, MEDIUM 5.5, LOW 3.0, INFO 1.0 (inside GitHub's
     * bands: over 9.0 critical, 7.0–8.9 high, 4.0–6.9 medium, 0.1–3.9 low).
     */
    static String securitySeverity(dev.clearbox.core.Severity s) {
        return switch (s) {
            case CRITICAL -> "9.5";
            case HIGH -> "8.0";
            case MEDIUM -> "5.5";
            case LOW -> "3.0";
            case INFO -> "1.0";
        };
    }

    private static Result.Level level(Severity s) {
        return switch (s) {
            case CRITICAL, HIGH -> Result.Level.ERROR;
            case MEDIUM -> Result.Level.WARNING;
            case LOW, INFO -> Result.Level.NOTE;
        };
    }

    /**
     * Makes fingerprints unique within a run: the second finding with the same fingerprint (the same rule, file, api
     * and code, e.g. one line of code twice in a file) gets {@code /2}, the third {@code /3}, in report order, which
     * lines moving together do not change.
     */
    static final class Fingerprints {
        private final Map<String, Integer> seen = new HashMap<>();

        String unique(String fingerprint) {
            int n = seen.merge(fingerprint, 1, Integer::sum);
            return n == 1 ? fingerprint : fingerprint + "/" + n;
        }
    }

    /** The rules the results use, with their texts from the rule pages and the highest severity seen. */
    static final class Rules {
        private final TreeMap<String, ReportingDescriptor> byId = new TreeMap<>();
        private final Map<String, Severity> highest = new HashMap<>();

        void add(String id, String capability, Severity severity) {
            highest.merge(id, severity, (a, b) -> a.compareTo(b) >= 0 ? a : b);
            ReportingDescriptor d = byId.computeIfAbsent(id, i -> descriptor(i, capability));
            Severity top = highest.get(id);
            d.withProperties(new PropertyBag().withTags(new LinkedHashSet<>(List.of("security")))
                    .withAdditionalProperty("security-severity", securitySeverity(top)));
        }

        Set<ReportingDescriptor> all() {
            return new LinkedHashSet<>(byId.values());
        }

        private static ReportingDescriptor descriptor(String id, String capability) {
            Optional<RuleDocs> page = RuleDocs.of(id);
            if (page.isPresent()) {
                RuleDocs doc = page.get();
                return new ReportingDescriptor().withId(id).withName(name(doc.title()))
                        .withShortDescription(new MultiformatMessageString().withText(doc.title()))
                        .withFullDescription(new MultiformatMessageString().withText(doc.description()))
                        .withHelpUri(URI.create(doc.helpUri()))
                        .withHelp(new MultiformatMessageString().withText(doc.description() + " See " + doc.helpUri())
                                .withMarkdown(doc.markdown()));
            }
            java.util.Optional<String> carried = dev.clearbox.analyzers.Rules.findSecBugsType(id);
            if (carried.isPresent()) {
                String type = carried.get();
                String uri = "https://find-sec-bugs.github.io/bugs.htm#" + type;
                String text = "FindSecBugs pattern " + type + " in the shipped bytecode (SpotBugs with the FindSecBugs plugin).";
                return new ReportingDescriptor().withId(id).withName(name(type))
                        .withShortDescription(new MultiformatMessageString().withText("FindSecBugs " + type))
                        .withFullDescription(new MultiformatMessageString().withText(text))
                        .withHelpUri(URI.create(uri))
                        .withHelp(new MultiformatMessageString().withText(text + " See " + uri)
                                .withMarkdown(text + " See [the FindSecBugs description](" + uri + ")."));
            }
            String text = "A finding of capability " + capability + " (rule " + id + ", no rule page).";
            return new ReportingDescriptor().withId(id)
                    .withShortDescription(new MultiformatMessageString().withText(capability + " finding"))
                    .withFullDescription(new MultiformatMessageString().withText(text))
                    .withHelp(new MultiformatMessageString().withText(text).withMarkdown(text));
        }

        /** A title as an identifier-like name: {@code SensitiveDataReachesANetworkOrDnsSink}. */
        private static String name(String title) {
            StringBuilder b = new StringBuilder();
            for (String w : title.split("[^A-Za-z0-9]+")) {
                if (!w.isEmpty()) {
                    b.append(Character.toUpperCase(w.charAt(0))).append(w.substring(1).toLowerCase(Locale.ROOT));
                }
            }
            return b.toString();
        }
    }
}
