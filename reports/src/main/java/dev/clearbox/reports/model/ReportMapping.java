package dev.clearbox.reports.model;

import dev.clearbox.analyzers.bytecode.BinaryCoverage;
import dev.clearbox.analyzers.bytecode.ClassSource;
import dev.clearbox.analyzers.bytecode.Correspondence;
import dev.clearbox.analyzers.bytecode.NativeLibrary;
import dev.clearbox.analyzers.source.SourceAnalysisResult;
import dev.clearbox.analyzers.source.SourceCoverage;
import dev.clearbox.core.Finding;
import dev.clearbox.core.Location;
import dev.clearbox.core.PathStep;
import dev.clearbox.core.checkout.CheckoutResult;
import dev.clearbox.core.checkout.SignatureCheck;
import dev.clearbox.core.compare.ArtifactComparison;
import dev.clearbox.core.compare.Difference;
import dev.clearbox.core.rebuild.RebuildResult;
import dev.clearbox.core.unpack.InventoryEntry;
import dev.clearbox.core.unpack.JarInfo;
import dev.clearbox.core.unpack.JarSignature;
import dev.clearbox.core.unpack.PackageInventory;
import dev.clearbox.core.unpack.UnpackLimits;
import dev.clearbox.analyzers.source.SourceAnalysisLimits;
import dev.clearbox.core.Verdict;
import dev.clearbox.core.checkout.CheckoutRequest;
import dev.clearbox.core.compare.CompareOptions;

import java.util.List;
import java.util.function.Function;

/**
 * The one place where the stages' records become the report's: every field of the signed schema is copied here by
 * name, so a renamed or retyped component of a stage record breaks this class's compilation instead of silently
 * changing the report. What the stages keep out of the report (paths on the auditor's machine: the checkout tree,
 * the JDK home, rebuilt files) is simply not copied.
 */
public final class ReportMapping {
    private ReportMapping() {
    }

    /** The checkout, without the tree's path, and with a local location as its file name (see {@link #location}). */
    public static Source source(CheckoutResult c) {
        return new Source(location(c.location()), c.ref(), c.resolvedRef(), c.commitId(), c.treeId(),
                nullable(c.tag(), t -> new Source.Tag(t.name(), t.objectId(), t.tagger())),
                c.author(), c.committer(), c.commitTime(), c.subject(), c.fileCount(),
                nullable(c.tagSignature(), ReportMapping::signature), nullable(c.commitSignature(), ReportMapping::signature),
                list(c.submodules(), m -> new Source.Submodule(m.path(), m.url(), m.commit(), m.status(), m.source(),
                        m.reason())),
                list(c.lfsPointers(), p -> new Source.LfsPointer(p.path(), p.oid(), p.size())),
                list(c.symlinks(), l -> new Source.Symlink(l.path(), l.target(), l.escapes())),
                c.caseCollisions(),
                nullable(c.treeDigest(), d -> new Source.TreeDigest(d.recipe(), d.sha256(), d.files())));
    }

    private static Source.Signature signature(SignatureCheck s) {
        return new Source.Signature(s.status(), s.format(), s.signer(), s.keyId(), s.fingerprint(), s.detail());
    }

    /** The inventories, in the given order. */
    public static List<ShippedPackage> packages(List<PackageInventory> inventories) {
        return list(inventories, ReportMapping::shippedPackage);
    }

    private static ShippedPackage shippedPackage(PackageInventory p) {
        return new ShippedPackage(p.packageName(), p.size(), p.sha256(), p.format(), list(p.entries(), ReportMapping::entry),
                limits(p.limits()), nullable(p.jar(), ReportMapping::jar));
    }

    private static ShippedPackage.Entry entry(InventoryEntry e) {
        return new ShippedPackage.Entry(e.path(), e.size(), e.sha256(), e.type(), e.detail(), nullable(e.jar(), ReportMapping::jar));
    }

    private static ShippedPackage.Jar jar(JarInfo j) {
        return new ShippedPackage.Jar(list(j.maven(), m -> new ShippedPackage.Maven(m.groupId(), m.artifactId(),
                m.version(), m.source())), j.implementationTitle(), j.implementationVersion(), j.implementationVendor(),
                j.bundleSymbolicName(), j.bundleVersion(), jarSignature(j.signature()));
    }

    private static ShippedPackage.Signature jarSignature(JarSignature s) {
        return new ShippedPackage.Signature(s.status(), list(s.signers(), c -> new ShippedPackage.Signer(c.subject(),
                c.issuer(), c.sha256Fingerprint(), c.notBefore(), c.notAfter())), s.failedEntry(), s.unsignedEntries(),
                s.unsignedCount(), s.problem());
    }

    static ShippedPackage.Limits limits(UnpackLimits l) {
        return new ShippedPackage.Limits(l.maxTotalBytes(), l.maxEntryBytes(), l.maxEntries(), l.maxCompressionRatio(),
                l.maxNestingDepth());
    }

    /** The source analysis. */
    public static Analysis analysis(SourceAnalysisResult a) {
        SourceCoverage c = a.coverage();
        return new Analysis(findings(a.findings()), new Analysis.Coverage(c.filesParsed(),
                list(c.problems(), p -> new Analysis.FileProblem(p.file(), p.problem())), c.unresolvedCallCount(),
                list(c.unresolvedCalls(), u -> new Analysis.UnresolvedCall(u.file(), u.line(), u.call(), u.missingTypes())),
                c.linesAnalyzed(), c.flowLimits(),
                list(c.missingTypes(), m -> new Analysis.MissingType(m.type(), m.calls(), m.jars()))));
    }

    /**
     * Findings, in the given order, each with its fingerprint made unique within the list: the second and later of
     * findings with the same {@link Finding#fingerprint()} (the same call twice on one line of one method) get
     * {@code /2}, {@code /3}, ... in list order, which lines moving together do not change.
     */
    public static List<ReportFinding> findings(List<Finding> findings) {
        java.util.Map<String, Integer> seen = new java.util.HashMap<>();
        List<ReportFinding> out = new java.util.ArrayList<>(findings.size());
        for (Finding f : findings) {
            String base = f.fingerprint();
            int n = seen.merge(base, 1, Integer::sum);
            out.add(finding(f, n == 1 ? base : base + "/" + n));
        }
        return List.copyOf(out);
    }

    private static ReportFinding finding(Finding f, String fingerprint) {
        return new ReportFinding(f.ruleId(), f.capability().name(), f.severity(), f.message(), location(f.location()), f.api(),
                f.resolution(), f.endpoints(), list(f.path(), ReportMapping::step), f.method(),
                nullable(f.flow(), ReportMapping::flow), fingerprint);
    }

    private static ReportFinding.Flow flow(dev.clearbox.core.FlowFacts x) {
        return new ReportFinding.Flow(x.sourceApi(), x.sourceData(), location(x.source()), x.sourceArgument(),
                x.sensitivity().jsonName(), x.classifiedBy(), x.channel().jsonName(), x.transformations(), x.grouped(),
                list(x.alsoFrom(), ReportMapping::location));
    }

    private static ReportFinding.Step step(PathStep s) {
        return new ReportFinding.Step(location(s.location()), s.method(), s.note());
    }

    private static ReportFinding.Location location(Location l) {
        return new ReportFinding.Location(l.file(), l.line(), l.code());
    }

    /**
     * Where the source came from, without the auditor's directories: a URL (anything with {@code ://}, or git's
     * {@code host:path} form) as given, a local repository or bundle as its file name, which is how the submission
     * names it.
     */
    static String location(String location) {
        if (location == null || location.isEmpty() || location.contains("://")
                || location.matches("[A-Za-z0-9._-]+@[^/]+:.*")) {
            return location;
        }
        java.nio.file.Path name;
        try {
            name = java.nio.file.Path.of(location).getFileName();
        } catch (java.nio.file.InvalidPathException e) {
            return location;
        }
        return name == null ? location : name.toString();
    }

    /** Directories on the PATH of every build that say nothing about the auditor's machine. */
    private static final List<String> SYSTEM_PATH = List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin",
            "/sbin", "/bin");

    /**
     * The build's environment without the auditor's directories (docs/report-schema.md, "Determinism"):
     * {@code JAVA_HOME} becomes {@code <JDK version>}; {@code HOME} becomes {@code <home>}; on {@code PATH}, an entry
     * inside the JDK becomes {@code <JAVA_HOME>/...}, one inside the home {@code <HOME>/...}, a system directory
     * ({@link #SYSTEM_PATH}) stays, any other becomes {@code <auditor path>}; in every other value the JDK's home
     * and the home are replaced by {@code <JAVA_HOME>} and {@code <HOME>}.
     */
    static java.util.Map<String, String> environment(java.util.Map<String, String> env, dev.clearbox.core.rebuild.Jdk jdk) {
        String javaHome = jdk == null || jdk.home() == null ? env.getOrDefault("JAVA_HOME", "") : jdk.home().toString();
        String home = env.getOrDefault("HOME", "");
        java.util.Map<String, String> out = new java.util.TreeMap<>();
        env.forEach((name, value) -> out.put(name, switch (name) {
            case "JAVA_HOME" -> jdk == null ? "<JDK>" : "<JDK " + jdk.runtimeVersion() + ">";
            case "HOME" -> "<home>";
            case "PATH" -> pathEntries(value, javaHome, home);
            default -> replaceDirs(value, javaHome, home);
        }));
        return out;
    }

    private static String pathEntries(String path, String javaHome, String home) {
        List<String> out = new java.util.ArrayList<>();
        for (String entry : path.split(":", -1)) {
            if (SYSTEM_PATH.contains(entry)) {
                out.add(entry);
            } else if (under(entry, javaHome)) {
                out.add("<JAVA_HOME>" + entry.substring(javaHome.length()));
            } else if (under(entry, home)) {
                out.add("<HOME>" + entry.substring(home.length()));
            } else {
                out.add("<auditor path>");
            }
        }
        return String.join(":", out);
    }

    private static boolean under(String entry, String dir) {
        return !dir.isEmpty() && !dir.equals("/") && (entry.equals(dir) || entry.startsWith(dir + "/"));
    }

    private static String replaceDirs(String value, String javaHome, String home) {
        String v = value;
        if (javaHome.length() > 1) {
            v = v.replace(javaHome, "<JAVA_HOME>");
        }
        if (home.length() > 1) {
            v = v.replace(home, "<HOME>");
        }
        return v;
    }

    /** The rebuild, without the JDK's home, the auditor's directories and the rebuilt files' paths. */
    public static Rebuild rebuild(RebuildResult r) {
        return new Rebuild(r.status(), r.reason(),
                nullable(r.jdk(), j -> new Rebuild.Jdk(j.version(), j.implementor(), j.runtimeVersion())),
                r.command(), environment(r.environment(), r.jdk()), r.umask(), r.exitCode(), r.durationMillis(), r.log(),
                list(r.artifacts(), a -> new Rebuild.Artifact(a.path(), a.shippedAs(), a.sha256(), a.size())),
                r.tool(), r.toolVersion(), r.newline(), r.network(),
                nullable(r.isolation(), i -> new Rebuild.IsolationInForce(i.level(), i.detail())),
                list(r.runs(), b -> new Rebuild.Run(b.name(), b.network(), b.exitCode(), b.log(), b.sha256())),
                list(r.nonDeterministic(), u -> new Rebuild.Unstable(u.path(), u.run(), u.firstSha256(), u.otherSha256(),
                        u.differences())),
                list(r.references(), f -> new Rebuild.Reference(f.artifact(), f.jdkFeature(), f.jdkVersion(),
                        f.jdkVendor(), f.buildTool(), f.classMajor(), f.builtOnWindows(), f.evidence())),
                list(r.notes(), n -> new Rebuild.Note(n.kind(), n.message())));
    }

    /** The verdicts, in the given order. */
    public static List<ArtifactVerdict> verdicts(List<ArtifactComparison> comparisons) {
        return list(comparisons, ReportMapping::verdict);
    }

    /** One verdict. */
    public static ArtifactVerdict verdict(ArtifactComparison c) {
        return new ArtifactVerdict(c.shipped(), c.rebuilt(), c.verdict(), c.bitIdentical(), c.equivalent(),
                c.shippedSha256(), c.rebuiltSha256(), list(c.differences(), ReportMapping::difference), c.reason(),
                ArtifactVerdict.fingerprintOf(c.shipped(), c.shippedSha256(), c.verdict()));
    }

    private static ArtifactVerdict.Difference difference(Difference d) {
        return new ArtifactVerdict.Difference(d.entry(), d.kind(), d.benign(), d.detail(), d.sourceFile(), d.member(),
                d.evidence());
    }

    /** The binary stage's joined result. */
    public static BinaryReport binary(BinaryAnalysis b) {
        Correspondence c = b.correspondence();
        BinaryCoverage coverage = b.coverage();
        return new BinaryReport(findings(b.findings()),
                new BinaryReport.Correspondence(list(c.classes(), ReportMapping::classSource), c.classesWithoutSource(),
                        c.sourcesWithoutClass(), findings(c.findings()), c.lineTolerance()),
                list(b.nativeLibraries(), ReportMapping::nativeLibrary),
                new BinaryReport.Coverage(coverage.codeBases(), coverage.classesAnalyzed(), coverage.spotBugsRuns(),
                        list(coverage.problems(), p -> new BinaryReport.Problem(p.file(), p.problem())),
                        coverage.missingClasses()));
    }

    private static BinaryReport.ClassSource classSource(ClassSource s) {
        return new BinaryReport.ClassSource(s.classFile(), s.className(), s.sourceFile());
    }

    private static BinaryReport.NativeLibrary nativeLibrary(NativeLibrary l) {
        return new BinaryReport.NativeLibrary(l.file(), l.format(), l.symbols(), l.jniSymbols(), l.problem());
    }

    /**
     * The session section: what the pipeline knows of the run ({@link SessionRun}) joined with the stage results it
     * cites — the source and package digests, the coverage of both analyses, the verdicts not checked and the sandbox
     * the build ran in. Copies limits and digests only, never a path of the auditor's machine.
     */
    public static Session session(SessionRun run, CheckoutResult source, List<PackageInventory> packages,
                                  SourceAnalysisResult analysis, BinaryAnalysis binary, RebuildResult rebuild,
                                  List<ArtifactComparison> verdicts, Session.ModelInput model) {
        Session.Inputs inputs = new Session.Inputs(run.manifest(),
                new Session.SourceInput(location(source.location()), run.bundleSha256(), source.commitId(), source.treeId(),
                        source.treeDigest() == null ? "" : source.treeDigest().sha256()),
                list(packages, p -> new Session.FileDigest(p.packageName(), p.sha256())),
                model,
                run.keyring(), run.allowedSigners());
        CheckoutRequest c = run.checkout();
        dev.clearbox.core.rebuild.RebuildLimits r = run.rebuildLimits();
        SourceAnalysisLimits a = run.sourceAnalysis();
        CompareOptions o = run.compare();
        Session.Limits limits = new Session.Limits(limits(run.unpack()),
                new Session.CheckoutLimits(c.maxBlobBytes(), c.maxTreeDepth(), c.maxInflatedBytes(), c.timeout().toSeconds()),
                new Session.RebuildLimits(run.build().timeout().toSeconds(), run.build().runs(), r.maxLogBytes(),
                        r.maxFileBytes(), r.maxTreeBytes(), r.maxTmpBytes()),
                new Session.SourceLimits(analysis.implicitFlows(), a.maxFileBytes(), a.maxListedUnresolvedCalls(),
                        a.maxOperationsPerMethod(), a.maxLoopRounds(), a.maxSummaryRounds(), a.maxDispatchTargets(),
                        a.maxNameTargets(), a.maxOriginsPerValue(), a.maxPathSteps(), a.minPathEdgesPerSource()),
                new Session.CompareLimits(o.maxDepth(), o.maxUncompressedBytes(),
                        o.accepted().stream().sorted().toList()));
        Session.Sandbox sandbox = new Session.Sandbox(run.isolation(), run.unsandboxedAllowed(),
                rebuild.runs().isEmpty() || rebuild.isolation() == null ? null : rebuild.isolation().level(),
                rebuild.runs().isEmpty() || rebuild.isolation() == null ? "" : rebuild.isolation().detail());
        SourceCoverage sc = analysis.coverage();
        Session.NotCovered notCovered = new Session.NotCovered(
                sc.problems().stream().map(SourceCoverage.FileProblem::file).distinct().sorted().toList(),
                sc.unresolvedCallCount(), sc.flowLimits(),
                binary.coverage().problems().stream().map(BinaryCoverage.Problem::file).distinct().sorted().toList(),
                binary.coverage().missingClasses(),
                verdicts.stream().filter(v -> v.verdict() == Verdict.NOT_REBUILT || v.verdict() == Verdict.NOT_VERIFIED)
                        .map(v -> new Session.NotChecked(v.shipped(), v.verdict(), v.reason())).toList());
        return new Session(run.auditors(), run.startedAt(), run.endedAt(), run.stages(), inputs, run.tools(), limits,
                sandbox, notCovered);
    }

    private static <A, B> List<B> list(List<A> from, Function<A, B> map) {
        return from.stream().map(map).toList();
    }

    private static <A, B> B nullable(A from, Function<A, B> map) {
        return from == null ? null : map.apply(from);
    }
}
