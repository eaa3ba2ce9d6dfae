package dev.clearbox.core.rebuild;

import dev.clearbox.core.workspace.Workspace;
import dev.clearbox.core.ClearboxException;
import dev.clearbox.core.ProgressListener;
import dev.clearbox.core.Sha256;
import dev.clearbox.core.Stage;
import dev.clearbox.core.StageFailedException;
import dev.clearbox.core.compare.ArtifactComparator;
import dev.clearbox.core.compare.ArtifactComparison;
import dev.clearbox.core.rebuild.internal.BuildTools;
import dev.clearbox.core.rebuild.internal.GitStatePreparer;
import dev.clearbox.core.rebuild.internal.LineEndings;
import dev.clearbox.core.rebuild.internal.ProcessRunner;
import dev.clearbox.core.rebuild.internal.Sandbox;
import dev.clearbox.core.rebuild.internal.SandboxLayout;
import dev.clearbox.core.rebuild.internal.TreeCopy;
import dev.clearbox.core.session.SessionManifest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The rebuild stage. Before building it reads what the reference artifacts say about their build and
 * notes where this environment cannot match it. Then it builds the source tree — each run in a fresh copy
 * inside the workspace — in a normalised environment (the JDK asked for, SOURCE_DATE_EPOCH from the commit,
 * TZ=UTC, a UTF-8 C locale, the umask, the line-ending policy), under the strongest isolation the machine
 * allows, with a time limit; optionally after one fetch run with network. It builds {@code runs} times and
 * compares the outputs: an output that differs between runs is non-deterministic and is not trusted.
 * A build that fails is a result ({@link RebuildResult.Status}), not an exception.
 */
public final class Rebuilder {
    static final Stage STAGE = Stage.REBUILD;
    static final String UMASK = "0022";
    private static final String HOME = System.getProperty("user.home");

    private final JdkLocator jdks;
    private final BuildTools tools;

    public Rebuilder(JdkLocator jdks) {
        this(jdks, BuildTools.system());
    }

    public Rebuilder(JdkLocator jdks, BuildTools tools) {
        this.jdks = jdks;
        this.tools = tools;
    }

    public RebuildResult rebuild(RebuildRequest request, ProgressListener listener) {
        BuildSpec spec = request.spec();
        Path work = request.workDir();
        ReferenceInspector inspector = new ReferenceInspector();
        List<ReferenceFacts> facts = request.references().stream()
                .map(p -> inspector.inspect(p.getFileName().toString(), p)).toList();
        JdkRequirement wanted = ReferenceChecks.choose(spec.jdk(), facts);
        listener.stageStarted(STAGE, String.join(" ", spec.command()) + " (JDK " + wanted + ", " + spec.runs() + " runs)");
        RebuildDraft result = new RebuildDraft(listener, spec, work.getFileName().toString(), facts);
        List<RebuildNote> notes = result.notes;
        if (spec.jdk().isAutomatic()) {
            notes.add(new RebuildNote(RebuildNote.Kind.JDK, "JDK " + wanted + " chosen from "
                    + (facts.stream().anyMatch(f -> f.jdkFeature() > 0) ? "the reference artifact" : "the running JDK (no reference says)")));
        }
        var found = jdks.find(wanted);
        try {
            Files.createDirectories(work);
        } catch (IOException e) {
            throw new StageFailedException(STAGE, work.toString(), "cannot create the rebuild directory: " + e.getMessage(), e);
        }
        Sandbox sandbox = Sandbox.detect(spec.isolation(), work);
        boolean cutNetwork = spec.network() != NetworkPolicy.ONLINE;
        result.isolation = sandbox.describe(!cutNetwork || !sandbox.sandboxed());
        if (found.isEmpty()) {
            return result.notRun(RebuildResult.Status.JDK_NOT_FOUND, "JDK " + wanted + " not found (looked at " + jdks.searched() + ")");
        }
        Jdk jdk = found.get();
        result.jdk = jdk;
        sandbox.unavailable().forEach(u -> notes.add(new RebuildNote(RebuildNote.Kind.ISOLATION, "not available: " + u)));
        if (!sandbox.sandboxed() && !request.allowUnsandboxed()) {
            return result.notRun(RebuildResult.Status.SANDBOX_UNAVAILABLE, noSandbox(spec));
        }
        if (!sandbox.sandboxed()) {
            notes.add(new RebuildNote(RebuildNote.Kind.ISOLATION, "UNSANDBOXED: the vendor's build ran without a sandbox, "
                    + "as the auditor allowed (--unsandboxed-build); it could read and change anything this user can, "
                    + "the evidence included"));
        }
        if (!wanted.version().isEmpty() && !jdk.version().equals(wanted.version())) {
            notes.add(new RebuildNote(RebuildNote.Kind.JDK, "JDK " + wanted.version() + " is not installed; using "
                    + jdk.describe() + " of the same feature version"));
        }
        BuildTools.Found tool = tools.locate(spec.tool(), spec.toolVersion(), spec.command(), request.sourceTree());
        if (!tool.problem().isEmpty()) {
            notes.add(new RebuildNote(RebuildNote.Kind.BUILD_TOOL, tool.problem()));
        }
        notes.addAll(ReferenceChecks.check(facts, jdk, spec.newline(), tool.description()));
        if (cutNetwork && !sandbox.sandboxed()) {
            notes.add(new RebuildNote(RebuildNote.Kind.ISOLATION, "the network could not be cut on this machine: "
                    + "the build could reach the network although the policy is " + spec.network()));
        }
        Map<String, String> env = environment(jdk, request.sourceDateEpoch(), spec, tool.binDir(), notes);
        List<String> command = offline(spec, cutNetwork, notes);
        result.building(command, env, tool);
        try {
            return build(request, result, new Build(sandbox, cutNetwork, jdk, tool, env, command));
        } catch (IOException e) {
            throw new StageFailedException(STAGE, work.toString(), "cannot prepare or collect the build: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StageFailedException(STAGE, String.join(" ", command), "interrupted", e);
        }
    }

    private static String noSandbox(BuildSpec spec) {
        return spec.isolation().compareTo(Isolation.Level.USER_NAMESPACE) < 0
                ? "isolation " + spec.isolation().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')
                + " is not a sandbox, and the vendor's build runs without one only with --unsandboxed-build"
                : "the vendor's build was not run: no build sandbox works on this machine; " + Sandbox.HOW_TO_GET_ONE;
    }

    /** How every run of one rebuild is made: decided before the first run. */
    private record Build(Sandbox sandbox, boolean cutNetwork, Jdk jdk, BuildTools.Found tool, Map<String, String> env,
                         List<String> command) {
    }

    /** The optional fetch run, then {@code spec.runs()} build runs, each collected and compared with the first. */
    private static RebuildResult build(RebuildRequest request, RebuildDraft result, Build b) throws IOException, InterruptedException {
        BuildSpec spec = request.spec();
        Path work = request.workDir();
        String rel = result.rel;
        if (spec.network() == NetworkPolicy.FETCH_FIRST) {
            List<String> fetch = spec.fetchCommand().isEmpty() ? spec.command() : spec.fetchCommand();
            result.listener.progress(STAGE, 0, spec.runs() + 1, "fetch run with network: " + String.join(" ", fetch));
            Run r = run(request, "fetch", work.resolve("fetch-tree"), work.resolve("fetch.log"), fetch, b.env(), b.sandbox(),
                    true, writableCaches(spec.tool(), true), readOnly(b.jdk(), b.tool(), spec.tool(), true), new ArrayList<>());
            result.ran(r.outcome, new RebuildResult.BuildRun("fetch", true, r.outcome.exitCode(), rel + "/fetch.log", Map.of()));
            if (failed(r.outcome)) {
                return result.end(status(r.outcome), "the fetch run " + howItFailed(r.outcome, spec) + "; see " + rel + "/fetch.log");
            }
        }
        List<List<RebuildResult.RebuiltArtifact>> outputs = new ArrayList<>();
        for (int i = 1; i <= spec.runs(); i++) {
            String suffix = i == 1 ? "" : "-" + i;
            result.listener.progress(STAGE, i - 1, spec.runs(), "build run " + i + " of " + spec.runs());
            Run r = run(request, "build" + suffix, work.resolve("tree" + suffix), work.resolve("build" + suffix + ".log"),
                    b.command(), b.env(), b.sandbox(), !b.cutNetwork(), writableCaches(spec.tool(), false),
                    readOnly(b.jdk(), b.tool(), spec.tool(), false), i == 1 ? result.notes : new ArrayList<>());
            String log = rel + "/build" + suffix + ".log";
            String runName = "build-" + i;
            int exit = r.outcome.exitCode();
            if (failed(r.outcome)) {
                result.ran(r.outcome, new RebuildResult.BuildRun(runName, !b.cutNetwork(), exit, log, Map.of()));
                return result.end(status(r.outcome), (spec.runs() > 1 ? "build run " + i + " " : "the build ")
                        + howItFailed(r.outcome, spec) + "; see " + log);
            }
            Path outDir = work.resolve("artifacts" + suffix);
            List<RebuildResult.RebuiltArtifact> collected = new ArrayList<>();
            for (SessionManifest.Artifact a : spec.artifacts()) {
                Path built = inside(r.tree, a.path());
                if (built == null) {
                    result.ran(r.outcome, new RebuildResult.BuildRun(runName, !b.cutNetwork(), exit, log, Map.of()));
                    return result.end(RebuildResult.Status.ARTIFACT_MISSING, "the build succeeded but did not produce "
                            + a.path() + (spec.runs() > 1 ? " in run " + i : ""));
                }
                Files.createDirectories(outDir);
                Path copy = outDir.resolve(built.getFileName().toString());
                Files.copy(built, copy, StandardCopyOption.REPLACE_EXISTING);
                collected.add(new RebuildResult.RebuiltArtifact(a.path(), a.shippedAs(), copy, Sha256.hex(copy), Files.size(copy)));
            }
            Map<String, String> digests = new TreeMap<>();
            collected.forEach(a -> digests.put(a.path(), a.sha256()));
            result.ran(r.outcome, new RebuildResult.BuildRun(runName, !b.cutNetwork(), exit, log, digests));
            outputs.add(collected);
        }
        List<RebuildResult.UnstableArtifact> unstable = unstable(outputs);
        List<RebuildResult.RebuiltArtifact> trusted = new ArrayList<>(outputs.get(0));
        unstable.forEach(u -> trusted.removeIf(a -> a.path().equals(u.path())));
        if (unstable.isEmpty()) {
            return result.end(RebuildResult.Status.SUCCEEDED, "", trusted, unstable);
        }
        unstable.forEach(u -> result.notes.add(new RebuildNote(RebuildNote.Kind.NON_DETERMINISM, u.path() + " (run 1 vs run "
                + u.run() + "): " + String.join("; ", u.differences()))));
        return result.end(RebuildResult.Status.NON_DETERMINISTIC, "the build is not deterministic: "
                + String.join(", ", unstable.stream().map(u -> u.path() + " differs between run 1 and run " + u.run())
                .distinct().toList()) + "; neither run is trusted for these outputs", trusted, unstable);
    }

    private record Run(Path tree, ProcessRunner.Outcome outcome) {
    }

    private static Run run(RebuildRequest request, String name, Path tree, Path log, List<String> command,
                           Map<String, String> env, Sandbox sandbox, boolean network, List<Path> writable,
                           List<Path> readOnly, List<RebuildNote> notes) throws IOException, InterruptedException {
        BuildSpec spec = request.spec();
        Workspace.deleteTree(tree, false);
        Files.deleteIfExists(log);
        TreeCopy.copy(request.sourceTree(), tree);
        notes.addAll(GitStatePreparer.prepare(tree, spec.git()));
        if (spec.newline() == Newline.CRLF) {
            LineEndings.Conversion c = LineEndings.toCrlf(tree);
            notes.add(new RebuildNote(RebuildNote.Kind.LINE_ENDINGS, "built as if on Windows: " + c.converted()
                    + " text files converted to CRLF, " + c.binary() + " left as binary, " + c.keptLf()
                    + " kept LF by .gitattributes; every JVM gets line.separator=\\r\\n"));
        }
        List<String> inner = new ArrayList<>(List.of("/bin/sh", "-c", "umask " + spec.umask() + " && exec \"$@\"", name));
        inner.addAll(command);
        RebuildLimits limits = request.limits();
        for (Path w : writable) {
            Files.createDirectories(w); // the declared dependency cache, so that it can be bound
        }
        SandboxLayout layout = SandboxLayout.of(new SandboxLayout.Policy(tree, Path.of(env.get("HOME")), readOnly, writable,
                network, limits.maxTmpBytes()));
        Path rootMount = Files.createDirectories(request.workDir().resolve(".sandbox-root"));
        List<String> argv = sandbox.wrap(inner, layout, rootMount, network, limits.maxFileBytes());
        ProcessRunner.Outcome outcome = ProcessRunner.run(argv, tree, env, log, spec.timeout(), sandbox.ownSession(),
                new ProcessRunner.Limits(limits.maxLogBytes(), limits.maxTreeBytes(), List.of(tree)));
        if (outcome.logTruncated()) {
            notes.add(new RebuildNote(RebuildNote.Kind.BUILD_TOOL, name + ": the log reached its cap of "
                    + limits.maxLogBytes() + " bytes; further output was dropped"));
        }
        return new Run(tree, outcome);
    }

    private static boolean failed(ProcessRunner.Outcome o) {
        return o.timedOut() || !o.limitExceeded().isEmpty() || o.exitCode() != 0;
    }

    private static RebuildResult.Status status(ProcessRunner.Outcome o) {
        return o.timedOut() ? RebuildResult.Status.TIMED_OUT
                : !o.limitExceeded().isEmpty() ? RebuildResult.Status.LIMIT_EXCEEDED : RebuildResult.Status.FAILED;
    }

    private static String howItFailed(ProcessRunner.Outcome o, BuildSpec spec) {
        return o.timedOut() ? "did not finish within " + spec.timeout().toSeconds() + " s"
                : !o.limitExceeded().isEmpty() ? "was killed: " + o.limitExceeded()
                : "exited with code " + o.exitCode();
    }

    /**
     * The build output at {@code relative} in {@code tree}, when it is a regular file whose real path (every
     * symbolic link resolved) lies inside the tree; null otherwise. A link planted by the build, to the shipped
     * package or to a file of this machine, is not an output.
     */
    private static Path inside(Path tree, String relative) throws IOException {
        Path built = tree.resolve(relative).normalize();
        if (!built.startsWith(tree) || !Files.isRegularFile(built, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        Path real = built.toRealPath();
        return real.startsWith(tree.toRealPath()) ? built : null;
    }

    /** Outputs of later runs that differ from the first run's, each explained by the compare stage. */
    private static List<RebuildResult.UnstableArtifact> unstable(List<List<RebuildResult.RebuiltArtifact>> outputs) {
        List<RebuildResult.UnstableArtifact> out = new ArrayList<>();
        List<RebuildResult.RebuiltArtifact> first = outputs.get(0);
        for (int run = 1; run < outputs.size(); run++) {
            for (int i = 0; i < first.size(); i++) {
                RebuildResult.RebuiltArtifact a = first.get(i);
                RebuildResult.RebuiltArtifact b = outputs.get(run).get(i);
                if (a.sha256().equals(b.sha256())) {
                    continue;
                }
                List<String> differences = new ArrayList<>();
                try {
                    ArtifactComparison c = new ArtifactComparator().compare(a.path() + " (run 1)", a.file(),
                            a.path() + " (run " + (run + 1) + ")", b.file());
                    c.differences().forEach(d -> differences.add((d.entry().isEmpty() ? "" : d.entry() + ": ") + d.detail()));
                } catch (ClearboxException e) {
                    differences.add("the outputs differ and cannot be compared further: " + e.problem());
                }
                out.add(new RebuildResult.UnstableArtifact(a.path(), run + 1, a.sha256(), b.sha256(), differences));
            }
        }
        return out;
    }

    /** Maven build runs without network get {@code --offline}, so that Maven does not try the network. */
    private static List<String> offline(BuildSpec spec, boolean cutNetwork, List<RebuildNote> notes) {
        List<String> command = spec.command();
        if (spec.tool() != BuildTool.MAVEN || !cutNetwork) {
            return command;
        }
        String first = command.get(0);
        String name = first.substring(first.lastIndexOf('/') + 1);
        if (!name.equals("mvn") && !name.equals("mvnw")) {
            if (!first.equals("/bin/sh")) {
                return command;
            }
            notes.add(new RebuildNote(RebuildNote.Kind.BUILD_TOOL, "the Maven command runs through a shell, so --offline "
                    + "could not be added; without network, Maven's attempts to reach repositories fail"));
            return command;
        }
        if (command.contains("-o") || command.contains("--offline")) {
            return command;
        }
        List<String> out = new ArrayList<>(command);
        out.add(1, "--offline");
        return out;
    }

    private static final List<Path> MAVEN_CACHES = List.of(Path.of(HOME, ".m2", "repository"), Path.of(HOME, ".m2", "wrapper"));
    private static final List<Path> GRADLE_CACHES = List.of(Path.of(HOME, ".gradle", "caches"), Path.of(HOME, ".gradle", "wrapper"));

    /**
     * The dependency caches a run may write: a fetch run its tool's, and Gradle, which writes to its cache while
     * building, its own in every run. The caches only: never {@code settings.xml}, {@code gradle.properties} or
     * anything else of the auditor's home.
     */
    private static List<Path> writableCaches(BuildTool tool, boolean fetch) {
        return switch (tool) {
            case MAVEN -> fetch ? MAVEN_CACHES : List.of();
            case GRADLE -> GRADLE_CACHES;
            case COMMAND -> fetch ? java.util.stream.Stream.concat(MAVEN_CACHES.stream(), GRADLE_CACHES.stream()).toList()
                    : List.of();
        };
    }

    /** What a run may read besides the system: the JDK, the build tool, the caches it may not write, toolchains.xml. */
    private static List<Path> readOnly(Jdk jdk, BuildTools.Found tool, BuildTool kind, boolean fetch) {
        List<Path> out = new ArrayList<>();
        out.add(jdk.home());
        if (tool.binDir() != null && tool.binDir().getParent() != null) {
            out.add(tool.binDir().getParent());
        }
        List<Path> writable = writableCaches(kind, fetch);
        java.util.stream.Stream.concat(MAVEN_CACHES.stream(), GRADLE_CACHES.stream())
                .filter(c -> !writable.contains(c)).forEach(out::add);
        out.add(Path.of(HOME, ".m2", "toolchains.xml"));
        return out;
    }

    /** The normalised environment of a plain command build. */
    static Map<String, String> environment(Jdk jdk, long sourceDateEpoch) {
        return environment(jdk, sourceDateEpoch, null, null, new ArrayList<>());
    }

    /** The normalised environment. Nothing else from Clearbox's own environment reaches the build. */
    static Map<String, String> environment(Jdk jdk, long sourceDateEpoch, BuildSpec spec, Path toolBin,
                                           List<RebuildNote> notes) {
        Map<String, String> env = new TreeMap<>();
        if (spec != null) {
            env.putAll(spec.extraEnvironment());
        }
        Map<String, String> fixed = new LinkedHashMap<>();
        fixed.put("JAVA_HOME", jdk.home().toString());
        fixed.put("PATH", (toolBin == null ? "" : toolBin + ":") + jdk.home().resolve("bin") + ":/usr/local/bin:/usr/bin:/bin");
        fixed.put("HOME", System.getProperty("user.home"));
        fixed.put("SOURCE_DATE_EPOCH", Long.toString(sourceDateEpoch));
        fixed.put("TZ", "UTC");
        fixed.put("LANG", "C.UTF-8");
        fixed.put("LC_ALL", "C.UTF-8");
        if (spec != null && spec.newline() == Newline.CRLF) {
            fixed.put("JAVA_TOOL_OPTIONS", "\"-Dline.separator=\r\n\"");
        }
        if (spec != null && spec.tool() == BuildTool.MAVEN) {
            fixed.put("MAVEN_SKIP_RC", "true");
        }
        if (spec != null && spec.tool() == BuildTool.GRADLE) {
            fixed.put("GRADLE_OPTS", (env.containsKey("GRADLE_OPTS") ? env.get("GRADLE_OPTS") + " " : "") + "-Dorg.gradle.daemon=false");
        }
        for (Map.Entry<String, String> e : fixed.entrySet()) {
            String before = env.put(e.getKey(), e.getValue());
            if (before != null && !e.getKey().equals("GRADLE_OPTS")) {
                notes.add(new RebuildNote(RebuildNote.Kind.BUILD_TOOL, "the build spec's " + e.getKey()
                        + " is replaced by the normalised value"));
            }
        }
        return env;
    }
}
