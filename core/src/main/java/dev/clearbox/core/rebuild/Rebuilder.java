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
import dev.clearbox.core.rebuild.internal.WindowsCheckout;
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
        try {
            SessionRepository repository = SessionRepository.prepare(work, request.seedRepository());
            notes.add(repository.note(result.rel + "/" + SessionRepository.DIR));
            if (repository.seeded()) {
                listener.progress(STAGE, 0, spec.runs(), "session repository seeded from " + repository.seed() + ": "
                        + repository.files() + " files, " + repository.bytes() + " bytes in " + repository.millis() + " ms");
            }
            if (spec.tool() == BuildTool.MAVEN && !repository.seeded() && spec.network() == NetworkPolicy.OFFLINE) {
                notes.add(new RebuildNote(RebuildNote.Kind.DEPENDENCIES, "the session repository starts empty and no run may "
                        + "fetch, so an offline Maven build finds no plugin or dependency: give --network fetch-first, or "
                        + "--seed-repository DIR with a prepared repository"));
            }
            List<String> command = mavenArguments(spec.command(), spec, cutNetwork, notes);
            result.building(command, env, tool);
            return build(request, result, new Build(sandbox, cutNetwork, jdk, tool, env, command, repository.path()));
        } catch (IOException e) {
            throw new StageFailedException(STAGE, work.toString(), "cannot prepare or collect the build: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StageFailedException(STAGE, String.join(" ", spec.command()), "interrupted", e);
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
                         List<String> command, Path repository) {
    }

    /** The optional fetch run, then {@code spec.runs()} build runs, each collected and compared with the first. */
    private static RebuildResult build(RebuildRequest request, RebuildDraft result, Build b) throws IOException, InterruptedException {
        BuildSpec spec = request.spec();
        Path work = request.workDir();
        String rel = result.rel;
        if (spec.network() == NetworkPolicy.FETCH_FIRST) {
            List<String> fetch = mavenArguments(spec.fetchCommand().isEmpty() ? spec.command() : spec.fetchCommand(), spec,
                    false, new ArrayList<>());
            result.listener.progress(STAGE, 0, spec.runs() + 1, "fetch run with network: " + String.join(" ", fetch));
            Run r = run(request, "fetch", work.resolve("fetch-tree"), work.resolve("fetch.log"), fetch, b.env(), b.sandbox(),
                    true, writableCaches(spec.tool(), true, b.repository()), readOnly(b.jdk(), b.tool(), spec.tool(), true, b.repository()),
                    b.repository(), true, new ArrayList<>());
            result.ran(r.outcome, new RebuildResult.BuildRun("fetch", true, r.outcome.exitCode(), rel + "/fetch.log", Map.of(),
                    r.outcome.millis()));
            if (failed(r.outcome)) {
                return result.end(status(r.outcome), "the fetch run " + howItFailed(r.outcome, spec) + "; see " + rel + "/fetch.log");
            }
        }
        List<List<RebuildResult.RebuiltArtifact>> outputs = new ArrayList<>();
        for (int i = 1; i <= spec.runs(); i++) {
            String suffix = i == 1 ? "" : "-" + i;
            result.listener.progress(STAGE, i - 1, spec.runs(), "build run " + i + " of " + spec.runs());
            Run r = run(request, "build" + suffix, work.resolve("tree" + suffix), work.resolve("build" + suffix + ".log"),
                    b.command(), b.env(), b.sandbox(), !b.cutNetwork(), writableCaches(spec.tool(), false, b.repository()),
                    readOnly(b.jdk(), b.tool(), spec.tool(), false, b.repository()), b.repository(), false,
                    i == 1 ? result.notes : new ArrayList<>());
            String log = rel + "/build" + suffix + ".log";
            String runName = "build-" + i;
            int exit = r.outcome.exitCode();
            if (failed(r.outcome)) {
                result.ran(r.outcome, new RebuildResult.BuildRun(runName, !b.cutNetwork(), exit, log, Map.of(), r.outcome.millis()));
                return result.end(status(r.outcome), (spec.runs() > 1 ? "build run " + i + " " : "the build ")
                        + howItFailed(r.outcome, spec) + "; see " + log);
            }
            Path outDir = work.resolve("artifacts" + suffix);
            List<RebuildResult.RebuiltArtifact> collected = new ArrayList<>();
            Wanted wanted = wanted(request, r.tree);
            if (i == 1) {
                result.notes.addAll(wanted.notes());
            }
            if (!wanted.missing().isEmpty()) {
                result.ran(r.outcome, new RebuildResult.BuildRun(runName, !b.cutNetwork(), exit, log, Map.of(), r.outcome.millis()));
                return result.end(RebuildResult.Status.ARTIFACT_MISSING, "the build succeeded but " + wanted.missing()
                        + (spec.runs() > 1 ? " in run " + i : ""));
            }
            for (Output o : wanted.outputs()) {
                Files.createDirectories(outDir);
                Path copy = outDir.resolve(o.file().getFileName().toString());
                Files.copy(o.file(), copy, StandardCopyOption.REPLACE_EXISTING);
                collected.add(new RebuildResult.RebuiltArtifact(o.path(), o.shippedAs(), copy, Sha256.hex(copy), Files.size(copy)));
            }
            Map<String, String> digests = new TreeMap<>();
            collected.forEach(a -> digests.put(a.path(), a.sha256()));
            result.ran(r.outcome, new RebuildResult.BuildRun(runName, !b.cutNetwork(), exit, log, digests, r.outcome.millis()));
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


    /** One output to collect: its path in the tree (as recorded), the shipped name it stands for, the file. */
    private record Output(String path, String shippedAs, Path file) {
    }

    /** What one run's tree offers to collect; {@code missing} says what is not there (empty when everything is). */
    private record Wanted(List<Output> outputs, String missing, List<RebuildNote> notes) {
    }

    /** Outputs the buildinfo's {@code outputs.*.filename} may name: a plain file name. */
    private static final java.util.regex.Pattern FILE_NAME = java.util.regex.Pattern.compile("[A-Za-z0-9._+-]{1,255}");
    private static final java.util.regex.Pattern BUILDINFO_OUTPUT = java.util.regex.Pattern.compile("outputs(\\.[0-9]{1,6}){1,2}\\.filename");
    static final String BY_NAME = "**/";
    private static final long MAX_BUILDINFO_BYTES = 1 << 20;

    /**
     * The outputs to collect from a run's tree: each artifact of the spec (a path in the tree, which must be there, or
     * {@code **}{@code /NAME}: the one file of that name in the tree, left out with a note when there is none or several), or, when the spec names none, each output the build's {@code .buildinfo}
     * lists, found by name. Nothing named at all: nothing is collected, and a note says so.
     */
    private static Wanted wanted(RebuildRequest request, Path tree) throws IOException {
        List<RebuildNote> notes = new ArrayList<>();
        List<SessionManifest.Artifact> asked = new ArrayList<>(request.spec().artifacts());
        if (!request.buildinfo().isEmpty()) {
            Path info = inside(tree, request.buildinfo());
            if (info == null) {
                notes.add(new RebuildNote(RebuildNote.Kind.BUILD_TOOL, "the build did not write " + request.buildinfo()
                        + ", the .buildinfo the recipe's buildinfo names (Reproducible Central's rebuild.sh adds the "
                        + "maven-artifact-plugin goal that writes it), so its outputs are not known"
                        + (asked.isEmpty() ? "" : "; collected: what was named")));
            } else {
                List<String> names = buildinfoOutputs(info, request.buildinfo());
                List<String> poms = names.stream().filter(n -> n.endsWith(".pom")).toList();
                if (!poms.isEmpty()) {
                    notes.add(new RebuildNote(RebuildNote.Kind.BUILD_TOOL, "not collected: " + String.join(", ", poms)
                            + " (a pom is published from the project's pom.xml)"));
                }
                java.util.Set<String> have = new java.util.HashSet<>();
                asked.forEach(a -> have.add(a.path().substring(a.path().lastIndexOf('/') + 1)));
                List<String> listed = names.stream().filter(n -> !n.endsWith(".pom")).toList();
                listed.stream().filter(have::add).forEach(n -> asked.add(new SessionManifest.Artifact(BY_NAME + n, n)));
                notes.add(new RebuildNote(RebuildNote.Kind.BUILD_TOOL, "outputs listed by " + request.buildinfo() + ": "
                        + (listed.isEmpty() ? "none besides poms" : String.join(", ", listed))));
            }
        }
        if (asked.isEmpty()) {
            notes.add(new RebuildNote(RebuildNote.Kind.BUILD_TOOL, "nothing is collected: no artifact was named "
                    + "(--artifact, a --reference, the manifest's artifacts, or a .buildspec's buildinfo), so there is nothing to compare"));
            return new Wanted(List.of(), "", notes);
        }
        java.util.Set<String> byName = new java.util.TreeSet<>();
        asked.stream().map(SessionManifest.Artifact::path).filter(p -> p.startsWith(BY_NAME))
                .forEach(p -> byName.add(p.substring(BY_NAME.length())));
        Map<String, List<Path>> found = byName.isEmpty() ? Map.of() : findByName(tree, byName);
        List<Output> out = new ArrayList<>();
        for (SessionManifest.Artifact a : asked) {
            if (a.path().startsWith(BY_NAME)) {
                String name = a.path().substring(BY_NAME.length());
                List<Path> hits = found.getOrDefault(name, List.of());
                if (hits.size() > 1) {
                    List<Path> inTarget = hits.stream().filter(h -> h.getParent() != null
                            && h.getParent().getFileName().toString().equals("target")).toList();
                    hits = inTarget.isEmpty() ? hits : inTarget;
                }
                if (hits.size() != 1) {
                    // An output looked for by name is optional: its reference gets NOT_REBUILT, the others are still compared.
                    notes.add(new RebuildNote(RebuildNote.Kind.BUILD_TOOL, hits.isEmpty() ? "the build produced no file named " + name
                            : "not collected: the build produced " + hits.size() + " files named " + name + " ("
                            + String.join(", ", hits.stream().map(h -> tree.relativize(h).toString()).sorted().toList())
                            + "); name the one to collect with --artifact"));
                    continue;
                }
                out.add(new Output(tree.relativize(hits.get(0)).toString(), a.shippedAs(), hits.get(0)));
            } else {
                Path built = inside(tree, a.path());
                if (built == null) {
                    return new Wanted(List.of(), "did not produce " + a.path(), notes);
                }
                out.add(new Output(a.path(), a.shippedAs(), built));
            }
        }
        return new Wanted(out, "", notes);
    }

    /** The file names a {@code .buildinfo} (a properties file) lists as outputs, in key order; each a plain file name. */
    private static List<String> buildinfoOutputs(Path info, String name) throws IOException {
        if (Files.size(info) > MAX_BUILDINFO_BYTES) {
            throw new dev.clearbox.core.InvalidInputException(STAGE, name, "the build's .buildinfo is larger than "
                    + MAX_BUILDINFO_BYTES + " bytes");
        }
        java.util.Properties p = new java.util.Properties();
        try (var in = Files.newInputStream(info)) {
            p.load(in);
        } catch (IllegalArgumentException e) {
            throw new dev.clearbox.core.InvalidInputException(STAGE, name, "the build's .buildinfo is not a properties file: "
                    + e.getMessage());
        }
        TreeMap<String, String> outputs = new TreeMap<>(Rebuilder::naturalKeys);
        for (String k : p.stringPropertyNames()) {
            if (BUILDINFO_OUTPUT.matcher(k).matches()) {
                String v = p.getProperty(k).strip();
                if (!FILE_NAME.matcher(v).matches() || v.equals(".") || v.equals("..")) {
                    throw new dev.clearbox.core.InvalidInputException(STAGE, name, k + " is not a plain file name");
                }
                outputs.put(k, v);
            }
        }
        return outputs.values().stream().distinct().toList();
    }

    /** {@code outputs.2.filename} before {@code outputs.10.filename}. */
    private static int naturalKeys(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = x[i].chars().allMatch(Character::isDigit) && y[i].chars().allMatch(Character::isDigit)
                    ? Long.compare(Long.parseLong(x[i]), Long.parseLong(y[i])) : x[i].compareTo(y[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }

    /** Regular files (not links) with one of {@code names} in the tree, outside {@code .git}, by name, sorted. */
    private static Map<String, List<Path>> findByName(Path tree, java.util.Set<String> names) throws IOException {
        Map<String, List<Path>> out = new TreeMap<>();
        Files.walkFileTree(tree, new java.nio.file.SimpleFileVisitor<>() {
            @Override
            public java.nio.file.FileVisitResult preVisitDirectory(Path dir, java.nio.file.attribute.BasicFileAttributes attrs) {
                return dir.getFileName() != null && dir.getFileName().toString().equals(".git") && !dir.equals(tree)
                        ? java.nio.file.FileVisitResult.SKIP_SUBTREE : java.nio.file.FileVisitResult.CONTINUE;
            }

            @Override
            public java.nio.file.FileVisitResult visitFile(Path file, java.nio.file.attribute.BasicFileAttributes attrs) {
                if (attrs.isRegularFile() && names.contains(file.getFileName().toString())) {
                    out.computeIfAbsent(file.getFileName().toString(), k -> new ArrayList<>()).add(file);
                }
                return java.nio.file.FileVisitResult.CONTINUE;
            }
        });
        out.values().forEach(l -> l.sort(null));
        return out;
    }

    private record Run(Path tree, ProcessRunner.Outcome outcome) {
    }

    private static Run run(RebuildRequest request, String name, Path tree, Path log, List<String> command,
                           Map<String, String> env, Sandbox sandbox, boolean network, List<Path> writable,
                           List<Path> readOnly, Path repository, boolean repositoryWritable, List<RebuildNote> notes)
            throws IOException, InterruptedException {
        BuildSpec spec = request.spec();
        Workspace.deleteTree(tree, false);
        Files.deleteIfExists(log);
        TreeCopy.copy(request.sourceTree(), tree);
        notes.addAll(GitStatePreparer.prepare(tree, spec.git()));
        if (spec.newline() == Newline.CRLF && WindowsCheckout.applies(tree)) {
            WindowsCheckout.Result w = WindowsCheckout.apply(tree, command);
            notes.add(new RebuildNote(RebuildNote.Kind.LINE_ENDINGS, "built as if on Windows: the copy's repository has "
                    + "core.autocrlf=true and core.filemode=false, and git's own conversion wrote its " + w.rewritten()
                    + " tracked files again (" + (w.notClean().isEmpty() ? "git status is clean"
                    : "git status still shows " + w.notClean().size() + " changed, first " + w.notClean().get(0)) + "); "
                    + w.execCleared() + " lost their exec bits"
                    + (w.keptExec().isEmpty() ? "" : " (" + w.keptExec() + ", the command, kept its own)")
                    + "; every JVM gets line.separator=\\r\\n"));
        } else if (spec.newline() == Newline.CRLF) {
            LineEndings.Conversion c = LineEndings.toCrlf(tree);
            notes.add(new RebuildNote(RebuildNote.Kind.LINE_ENDINGS, "built as if on Windows: " + c.converted()
                    + " text files converted to CRLF, " + c.binary() + " left as binary, " + c.keptLf()
                    + " kept LF by .gitattributes (no git repository, so Clearbox converted them itself); every JVM gets line.separator=\\r\\n"));
        }
        List<String> inner = new ArrayList<>(List.of("/bin/sh", "-c", "umask " + spec.umask() + " && exec \"$@\"", name));
        inner.addAll(command);
        RebuildLimits limits = request.limits();
        for (Path w : writable) {
            Files.createDirectories(w); // the declared dependency cache, so that it can be bound
        }
        // Inside the sandbox the session repository is also the private home's ~/.m2/repository, for a Maven started without -D.
        SandboxLayout layout = SandboxLayout.of(new SandboxLayout.Policy(tree, Path.of(env.get("HOME")), readOnly, writable,
                network, limits.maxTmpBytes(), List.of(new SandboxLayout.Alias(repository,
                Path.of(env.get("HOME"), ".m2", "repository"), repositoryWritable))));
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
            for (RebuildResult.RebuiltArtifact a : first) {
                var other = outputs.get(run).stream().filter(o -> o.path().equals(a.path())).findFirst();
                if (other.isEmpty()) {
                    out.add(new RebuildResult.UnstableArtifact(a.path(), run + 1, a.sha256(), "",
                            List.of("run " + (run + 1) + " did not produce it")));
                    continue;
                }
                RebuildResult.RebuiltArtifact b = other.get();
                if (a.sha256().equals(b.sha256())) {
                    continue;
                }
                List<String> differences = new ArrayList<>();
                try {
                    ArtifactComparison c = new ArtifactComparator().compare(a.path() + " (run 1)", a.file(),
                            a.path() + " (run " + (run + 1) + ")", b.file());
                    String otherRun = "run " + (run + 1);
                    c.differences().forEach(d -> differences.add((d.entry().isEmpty() ? "" : d.entry() + ": ")
                            + RunLabels.relabel(d.detail(), "run 1", otherRun)));
                } catch (ClearboxException e) {
                    differences.add("the outputs differ and cannot be compared further: " + e.problem());
                }
                out.add(new RebuildResult.UnstableArtifact(a.path(), run + 1, a.sha256(), b.sha256(), differences));
            }
        }
        return out;
    }

    /**
     * The Maven arguments Clearbox adds to a Maven command ({@code mvn}, {@code mvnw}): {@code -Dmaven.repo.local} naming
     * the session repository relative to the run's tree, a sibling of it (replacing one the recipe gives), and, in runs
     * without network, {@code --offline}, so that Maven does not try the network.
     */
    private static List<String> mavenArguments(List<String> command, BuildSpec spec, boolean cutNetwork,
                                               List<RebuildNote> notes) {
        if (spec.tool() != BuildTool.MAVEN) {
            return command;
        }
        String first = command.get(0);
        String name = first.substring(first.lastIndexOf('/') + 1);
        if (!name.equals("mvn") && !name.equals("mvnw")) {
            if (!first.equals("/bin/sh")) {
                return command;
            }
            notes.add(new RebuildNote(RebuildNote.Kind.BUILD_TOOL, "the Maven command runs through a shell, so "
                    + (cutNetwork ? "--offline and " : "") + "-Dmaven.repo.local could not be added"
                    + (cutNetwork ? "; without network, Maven's attempts to reach repositories fail" : "")
                    + "; in the sandbox ~/.m2/repository is the session repository all the same"));
            return command;
        }
        List<String> out = new ArrayList<>();
        out.add(first);
        if (cutNetwork && !command.contains("-o") && !command.contains("--offline")) {
            out.add("--offline");
        }
        out.add("-D" + REPO_LOCAL + "=" + SessionRepository.FROM_TREE);
        boolean replaced = false;
        for (int k = 1; k < command.size(); k++) {
            String arg = command.get(k);
            if (arg.startsWith("-D" + REPO_LOCAL + "=") || arg.equals("-D" + REPO_LOCAL)) {
                replaced = true;
                continue;
            }
            if (arg.equals("-D") && k + 1 < command.size() && command.get(k + 1).startsWith(REPO_LOCAL + "=")) {
                replaced = true;
                k++;
                continue;
            }
            out.add(arg);
        }
        if (replaced) {
            notes.add(new RebuildNote(RebuildNote.Kind.DEPENDENCIES, "the recipe's own -D" + REPO_LOCAL
                    + " was replaced by the session repository"));
        }
        return out;
    }

    private static final String REPO_LOCAL = "maven.repo.local";

    /** The auditor's Maven caches a build may see: the wrapper's distributions (the dependencies are the session repository's). */
    private static final List<Path> MAVEN_CACHES = List.of(Path.of(HOME, ".m2", "wrapper"));
    private static final List<Path> GRADLE_CACHES = List.of(Path.of(HOME, ".gradle", "caches"), Path.of(HOME, ".gradle", "wrapper"));

    /**
     * The dependency caches a run may write: a fetch run the session repository and its tool's caches, and Gradle, which
     * writes to its cache while building, its own in every run. The caches only: never {@code settings.xml},
     * {@code gradle.properties} or anything else of the auditor's home.
     */
    private static List<Path> writableCaches(BuildTool tool, boolean fetch, Path repository) {
        List<Path> out = new ArrayList<>();
        if (fetch) {
            out.add(repository);
        }
        switch (tool) {
            case MAVEN -> out.addAll(fetch ? MAVEN_CACHES : List.of());
            case GRADLE -> out.addAll(GRADLE_CACHES);
            case COMMAND -> out.addAll(fetch ? java.util.stream.Stream.concat(MAVEN_CACHES.stream(), GRADLE_CACHES.stream()).toList()
                    : List.of());
        }
        return out;
    }

    /** What a run may read besides the system: the JDK, the build tool, the caches it may not write, toolchains.xml. */
    private static List<Path> readOnly(Jdk jdk, BuildTools.Found tool, BuildTool kind, boolean fetch, Path repository) {
        List<Path> out = new ArrayList<>();
        out.add(jdk.home());
        if (tool.binDir() != null && tool.binDir().getParent() != null) {
            out.add(tool.binDir().getParent());
        }
        List<Path> writable = writableCaches(kind, fetch, repository);
        java.util.stream.Stream.concat(java.util.stream.Stream.of(repository),
                        java.util.stream.Stream.concat(MAVEN_CACHES.stream(), GRADLE_CACHES.stream()))
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
