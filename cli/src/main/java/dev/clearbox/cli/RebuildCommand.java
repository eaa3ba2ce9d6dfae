package dev.clearbox.cli;

import dev.clearbox.core.InvalidInputException;
import dev.clearbox.core.Stage;
import dev.clearbox.core.Verdict;
import dev.clearbox.core.compare.ArtifactComparison;
import dev.clearbox.core.compare.CompareOptions;
import dev.clearbox.core.compare.DifferenceClass;
import dev.clearbox.core.rebuild.RebuildVerdicts;
import dev.clearbox.core.rebuild.RecipeCheckout;
import dev.clearbox.core.rebuild.BuildSpec;
import dev.clearbox.core.rebuild.BuildTool;
import dev.clearbox.core.rebuild.JdkLocator;
import dev.clearbox.core.rebuild.JdkRequirement;
import dev.clearbox.core.rebuild.NetworkPolicy;
import dev.clearbox.core.rebuild.Newline;
import dev.clearbox.core.rebuild.RebuildNote;
import dev.clearbox.core.rebuild.RebuildRequest;
import dev.clearbox.core.rebuild.RebuildResult;
import dev.clearbox.core.rebuild.Rebuilder;
import dev.clearbox.core.rebuild.ReferenceFacts;
import dev.clearbox.core.rebuild.ReleasedReferences;
import dev.clearbox.core.rebuild.ReproducibleCentralSpec;
import dev.clearbox.core.session.SessionManifest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

@Command(name = "rebuild",
        description = {"Rebuild a source tree with the vendor's build in a normalised environment:",
                "the JDK asked for (or the one the --reference jar names), SOURCE_DATE_EPOCH, TZ=UTC, LC_ALL=C.UTF-8,",
                "the umask and line-ending policy, a time limit, in a sandbox (bubblewrap where installed, else one made",
                "with util-linux unshare): read-only system, no network, nothing of your home or the evidence visible,",
                "own PID namespace, capped log and disk use. Where no sandbox works the build is not run, unless",
                "--unsandboxed-build says so. Builds --runs times, each in its own copy under --out,",
                "and reports outputs that differ between runs as non-deterministic. The recipe is the command after --,",
                "or a Reproducible Central .buildspec file (--buildspec).",
                "With a .buildspec, the tree must be a clean checkout of its gitTag (else refused). Then each --reference",
                "(the released file) is compared with the rebuilt output of the same name: REPRODUCIBLE, EQUIVALENT,",
                "NOT_REPRODUCIBLE, NOT_REBUILT (with why), and NOT_VERIFIED for an output no reference was given for.",
                "Outputs collected: --artifact; else one per --reference, found by name in the tree, and those the",
                ".buildspec's buildinfo lists when the build writes it. Writes OUT/rebuild.json and OUT/verdicts.json.",
                "Maven's dependencies come from the session's own repository, OUT/repository (--seed-repository fills it",
                "from a prepared one), never ~/.m2/repository. --fetch-references gets the released files with the Maven client.",
                "Exit 0: every run gave the same outputs and no reference differs substantively; 1: non-deterministic or",
                "NOT_REPRODUCIBLE; 2: the build failed, the tree is not at the tag, or an input was refused."},
        footer = {"", "Examples:",
                "  clearbox rebuild --buildspec commons-foo-1.2.buildspec --repo /audit/commons-foo \\",
                "      --reference commons-foo-1.2.jar --network fetch-first",
                "  clearbox rebuild /audit/src --jdk 17 --source-date-epoch 1709287200 --artifact build/acme-agent.jar \\",
                "      --out /audit/rebuild -- sh build.sh",
                "  clearbox rebuild /audit/src --buildspec commons-foo-1.2.buildspec --reference commons-foo-1.2.jar \\",
                "      --artifact target/commons-foo-1.2.jar --network fetch-first --out /audit/rebuild",
                "  clearbox rebuild --buildspec commons-foo-1.2.buildspec --repo /audit/commons-foo --fetch-references \\",
                "      --seed-repository /media/audit-room/m2-repository"})
final class RebuildCommand extends ClearboxCommand {
    @Parameters(paramLabel = "[SOURCE_DIR] [COMMAND]", arity = "0..*",
            description = "The checked-out source tree (unless --repo names it), then the build command after -- "
                    + "(not needed with --buildspec).")
    List<String> positionals = new ArrayList<>();

    @Option(names = "--repo", paramLabel = "DIR", description = "The checked-out source tree (instead of SOURCE_DIR).")
    Path repo;

    /** Set from the positionals: the tree and the command. */
    private Path source;
    private List<String> command = new ArrayList<>();

    @Option(names = "--buildspec", paramLabel = "FILE", description = "A Reproducible Central .buildspec file as the recipe (read as data, never run).")
    Path buildspec;

    @Option(names = "--jdk", paramLabel = "VERSION", description = "JDK version: 17, 17.0.2, 1.8 or auto (from --reference). Default: the .buildspec's, else auto.")
    String jdk;

    @Option(names = "--tool", paramLabel = "TOOL", description = "Build tool: mvn, gradle or command (default: from the command's first word).")
    String tool;

    @Option(names = "--newline", paramLabel = "lf|crlf", description = "Line endings: crlf builds as if on Windows (default: lf, or the .buildspec's).")
    String newline;

    @Option(names = "--runs", paramLabel = "N", description = "How many times to build, each in its own copy (default: 2).")
    Integer runs;

    @Option(names = "--network", paramLabel = "POLICY", description = "offline (default), fetch-first (one run with network, then offline), online.")
    String network;

    @Mixin
    SandboxOptions sandbox;

    @Option(names = "--umask", paramLabel = "OCTAL", description = "umask of the build (default: 022, or the .buildspec's).")
    String umask;

    @Option(names = "--reference", paramLabel = "JAR", description = "A released artifact (repeatable): its build's JDK and platform are read before building, "
            + "and it is compared with the rebuilt output of the same name.")
    List<Path> references = new ArrayList<>();

    @Option(names = "--artifact", paramLabel = "PATH", description = "A build output to collect, relative to the tree (repeatable).")
    List<String> artifacts = new ArrayList<>();

    @Option(names = "--source-date-epoch", paramLabel = "SECONDS",
            description = "SOURCE_DATE_EPOCH for the build (default: the HEAD commit's time; 0 for a tree without git).")
    Long sourceDateEpoch;

    @Option(names = "--no-tag-check", description = "Build a tree that is not a git checkout of the .buildspec's gitTag "
            + "(a source-release archive); the result says it was not checked.")
    boolean noTagCheck;

    @Option(names = "--upstream-branch", paramLabel = "BRANCH", description = "The branch upstream's release build was on: "
            + "the build copy is put on a branch of that name at the commit (default: HEAD detached at the tag, as Reproducible Central).")
    String upstreamBranch;

    @Option(names = "--upstream-remote", paramLabel = "URL", description = "The origin URL upstream's build saw "
            + "(default: the .buildspec's gitRepo).")
    String upstreamRemote;

    @Option(names = "--accept", paramLabel = "CLASS", split = ",",
            description = "Accept a substantive difference class as benign; only KNOWN_COMPILER_CHANGE can be accepted.")
    List<DifferenceClass> accept = List.of();

    @Option(names = "--format", defaultValue = "text", description = "Output: text or json (default: ${DEFAULT-VALUE}).")
    Format format;

    enum Format { text, json }

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "1800", description = "Time limit of one run (default: ${DEFAULT-VALUE}).")
    long timeout;

    @Option(names = "--tools-dir", paramLabel = "DIR", description = "Cache of build tools: a Maven version the recipe asks for "
            + "(tool=mvn-3.9.1) that is not installed is fetched with the Maven client as org.apache.maven:apache-maven:VERSION:tar.gz:bin, "
            + "checked against its published sha512 and unpacked into DIR/maven/VERSION (default: ~/.cache/clearbox/tools).")
    Path toolsDir;

    @Option(names = "--seed-repository", paramLabel = "DIR", description = "A prepared Maven repository (an offline audit room's) "
            + "copied into the session's own, OUT/repository, before the first run; the build never sees DIR itself. Without it "
            + "the session repository starts empty. Maven always uses the session repository, never ~/.m2/repository.")
    Path seedRepository;

    @Option(names = "--fetch-references", description = "Fetch the released files of the .buildspec's groupId:artifactId:version "
            + "with the Maven client (your configured repositories and mirrors, checksums checked) into OUT/references and "
            + "compare with them: the main jar before the build, then each rebuilt output named ARTIFACT-VERSION[-CLASSIFIER].EXT "
            + "or listed in the build's .buildinfo. One that cannot be fetched is NOT_VERIFIED with the reason.")
    boolean fetchReferences;

    @Option(names = "--maven-client", paramLabel = "FILE", description = "The mvn that fetches references and Maven distributions "
            + "(default: the installed mvn).")
    Path mavenClient;

    @Option(names = "--out", paramLabel = "DIR", description = "Work directory for the copies, logs and outputs "
            + "(default: clearbox-rebuild in the current directory, or rebuild-ARTIFACTID-VERSION with a .buildspec).")
    Path out;

    @Override
    protected ExitCode execute() throws Exception {
        List<String> rest = new ArrayList<>(positionals);
        if (repo == null && rest.isEmpty()) {
            throw new InvalidInputException(Stage.REBUILD, "SOURCE_DIR", "give the source tree (SOURCE_DIR or --repo DIR)");
        }
        source = repo != null ? repo : Path.of(rest.remove(0));
        command = rest;
        if (!Files.isDirectory(source)) {
            throw new InvalidInputException(Stage.REBUILD, source.toString(), "not a directory");
        }
        for (Path r : references) {
            if (!Files.isRegularFile(r)) {
                throw new InvalidInputException(Stage.REBUILD, r.toString(), "reference artifact not found");
            }
        }
        if (seedRepository != null && !Files.isDirectory(seedRepository)) {
            throw new InvalidInputException(Stage.REBUILD, seedRepository.toString(), "the seed repository is not a directory (--seed-repository)");
        }
        if (mavenClient != null && (!Files.isRegularFile(mavenClient) || !Files.isExecutable(mavenClient))) {
            throw new InvalidInputException(Stage.REBUILD, mavenClient.toString(), "not an executable file (--maven-client)");
        }
        Set<DifferenceClass> accepted = accept.isEmpty() ? Set.of() : EnumSet.copyOf(accept);
        CompareOptions compareOptions = CompareOptions.defaults().withAccepted(accepted);
        ReproducibleCentralSpec recipe = buildspec == null ? null : ReproducibleCentralSpec.read(buildspec);
        if (fetchReferences && (recipe == null || recipe.get("groupId").isBlank() || recipe.get("artifactId").isBlank()
                || recipe.get("version").isBlank())) {
            throw new InvalidInputException(Stage.REBUILD, buildspec == null ? "--fetch-references" : buildspec.toString(),
                    "--fetch-references needs a .buildspec naming groupId, artifactId and version");
        }
        BuildSpec spec = spec(recipe);
        Path tree = source.toAbsolutePath().normalize();
        List<String> checks = new ArrayList<>();
        String tag = spec.git() == null ? "" : spec.git().tag();
        Optional<RecipeCheckout.Commit> head;
        if (recipe != null && !tag.isEmpty() && !noTagCheck) {
            head = Optional.of(RecipeCheckout.requireAtTag(tree, tag, "the .buildspec's gitTag"));
            checks.add("tree is a clean checkout of tag " + tag + " (commit " + head.get().commit() + ")");
        } else {
            head = RecipeCheckout.head(tree);
            if (recipe != null) {
                checks.add(tag.isEmpty() ? "NOT CHECKED: the .buildspec names no gitTag"
                        : "NOT CHECKED against tag " + tag + " (--no-tag-check)");
            }
        }
        long epoch;
        if (sourceDateEpoch != null) {
            epoch = sourceDateEpoch;
        } else if (head.isPresent()) {
            epoch = head.get().commitTime();
        } else {
            epoch = 0;
            warn(Stage.REBUILD, tree.toString(), "no git repository, so no commit time: SOURCE_DATE_EPOCH is 0 (give --source-date-epoch)");
        }
        String buildinfo = artifacts.isEmpty() && recipe != null ? recipe.get("buildinfo") : "";
        Path work = (out != null ? out : Path.of(recipe != null && !recipe.get("artifactId").isBlank()
                ? "rebuild-" + recipe.get("artifactId") + "-" + recipe.get("version") : "clearbox-rebuild")).toAbsolutePath();
        dev.clearbox.core.rebuild.MavenClient client = mavenClient != null
                ? new dev.clearbox.core.rebuild.MavenClient(mavenClient.toAbsolutePath()) : dev.clearbox.core.rebuild.MavenClient.installed();
        List<Path> refs = new ArrayList<>(references.stream().map(Path::toAbsolutePath).toList());
        ReleasedReferences released = null;
        if (fetchReferences) {
            released = new ReleasedReferences(client, work.resolve("references"), recipe.get("groupId"), recipe.get("artifactId"),
                    recipe.get("version"));
            String main = recipe.get("artifactId") + "-" + recipe.get("version") + ".jar";
            if (refs.stream().noneMatch(r -> r.getFileName().toString().equals(main))) {
                ReleasedReferences.Reference m = released.main();
                if (m.fetched()) {
                    refs.add(m.file());
                }
            }
        }
        List<String> compared = new ArrayList<>(refs.stream().map(r -> r.getFileName().toString()).distinct().toList());
        if (released != null) {
            compared.addAll(released.unavailable().keySet());
        }
        if (spec.artifacts().isEmpty()) {
            spec = spec.withArtifacts(compared.stream().distinct().map(n -> new SessionManifest.Artifact("**/" + n, n)).toList());
        }
        if (spec.artifacts().isEmpty() && buildinfo.isEmpty()) {
            warn(Stage.REBUILD, buildspec != null ? buildspec.toString() : "options", "nothing will be collected: "
                    + "give --artifact PATH or --reference JAR (or a .buildspec with buildinfo), or the build is not compared with anything");
        }
        RebuildResult r = new Rebuilder(JdkLocator.system(), dev.clearbox.core.rebuild.internal.BuildTools.system().withDistributions(
                new dev.clearbox.core.rebuild.MavenDistributions(toolsDir != null ? toolsDir
                        : dev.clearbox.core.rebuild.MavenDistributions.defaultToolsDir(), client)))
                .rebuild(new RebuildRequest(tree, spec, epoch, work, refs)
                .withUnsandboxed(sandbox.unsandboxed).withBuildinfo(buildinfo)
                .withSeedRepository(seedRepository == null ? null : seedRepository.toAbsolutePath()), progress());
        if (recipe != null) {
            List<RebuildNote> notes = new ArrayList<>(r.notes());
            notes.addAll(recipe.notes());
            r = withNotes(r, notes);
        }
        if (released != null) {
            for (ReleasedReferences.Reference x : released.forOutputs(r, compared, work.resolve("tree"),
                    recipe.get("buildinfo"))) {
                if (x.fetched()) {
                    refs.add(x.file());
                }
            }
        }
        List<ArtifactComparison> verdicts = RebuildVerdicts.of(r, refs, released == null ? java.util.Map.of() : released.unavailable(),
                compareOptions);
        List<ReleasedReferences.Reference> fetched = released == null ? List.of() : released.asked();
        RebuildOutput output = new RebuildOutput(recipe == null ? "" : recipe.coordinates(), epoch, checks, fetched, r, verdicts);
        write(work.resolve("rebuild.json"), r);
        write(work.resolve("verdicts.json"), verdicts);
        if (format == Format.json) {
            JsonOutput.print(out(), output);
        } else {
            print(r, work, epoch, checks);
            fetched.forEach(f -> out().println("fetched    " + f.name() + ": " + (f.fetched() ? f.coordinates() + " (sha256 "
                    + f.sha256() + ") -> " + f.file() : "NOT FETCHED: " + f.problem())));
            printVerdicts(verdicts, accepted);
        }
        if (r.status() != RebuildResult.Status.SUCCEEDED && r.status() != RebuildResult.Status.NON_DETERMINISTIC) {
            return ExitCode.ERROR;
        }
        boolean negative = r.status() == RebuildResult.Status.NON_DETERMINISTIC
                || verdicts.stream().anyMatch(v -> v.verdict() == Verdict.NOT_REPRODUCIBLE);
        return negative ? ExitCode.NEGATIVE : ExitCode.OK;
    }

    /** What {@code --format json} prints: the recipe, what was checked, the references fetched, the rebuild and the verdicts. */
    record RebuildOutput(String coordinates, long sourceDateEpoch, List<String> checks,
                         List<ReleasedReferences.Reference> fetchedReferences, RebuildResult rebuild, List<ArtifactComparison> verdicts) {
    }

    private static RebuildResult withNotes(RebuildResult r, List<RebuildNote> notes) {
        return new RebuildResult(r.status(), r.reason(), r.jdk(), r.command(), r.environment(), r.umask(), r.exitCode(),
                r.durationMillis(), r.log(), r.artifacts(), r.tool(), r.toolVersion(), r.newline(), r.network(),
                r.isolation(), r.runs(), r.nonDeterministic(), r.references(), notes);
    }

    private static void write(Path file, Object value) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, JsonOutput.render(value) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidInputException(Stage.REBUILD, file.toString(), "cannot write: " + e.getMessage(), e);
        }
    }

    private void printVerdicts(List<ArtifactComparison> verdicts, Set<DifferenceClass> accepted) {
        for (ArtifactComparison v : verdicts) {
            out().println("verdict    " + v.verdict() + "  " + v.shipped() + ": " + why(v, accepted));
        }
    }

    /** The reason of a verdict in one line: what kinds of difference, with the first substantive one. */
    static String why(ArtifactComparison v, Set<DifferenceClass> accepted) {
        return switch (v.verdict()) {
            case REPRODUCIBLE -> "bit-identical (sha256 " + v.shippedSha256() + ")";
            case NOT_REBUILT, NOT_VERIFIED -> v.reason();
            case EQUIVALENT -> {
                Set<DifferenceClass> used = EnumSet.noneOf(DifferenceClass.class);
                v.differences().forEach(d -> used.add(d.kind()));
                Set<DifferenceClass> acceptedUsed = EnumSet.noneOf(DifferenceClass.class);
                used.stream().filter(accepted::contains).forEach(acceptedUsed::add);
                yield "only benign differences: " + counts(v, d -> true)
                        + (acceptedUsed.isEmpty() ? "" : "; accepted: " + acceptedUsed);
            }
            default -> {
                var first = v.substantive().get(0);
                yield v.substantive().size() + " substantive difference" + (v.substantive().size() == 1 ? "" : "s") + ": "
                        + counts(v, d -> !d.benign()) + "; first: " + (first.entry().isEmpty() ? "" : first.entry() + ": ")
                        + first.detail();
            }
        };
    }

    private static String counts(ArtifactComparison v, java.util.function.Predicate<dev.clearbox.core.compare.Difference> which) {
        java.util.Map<DifferenceClass, Integer> n = new java.util.EnumMap<>(DifferenceClass.class);
        v.differences().stream().filter(which).forEach(d -> n.merge(d.kind(), 1, Integer::sum));
        return String.join(", ", n.entrySet().stream().map(e -> e.getKey() + " x" + e.getValue()).toList());
    }

    private BuildSpec spec(ReproducibleCentralSpec recipe) {
        List<SessionManifest.Artifact> wanted = artifacts.stream().map(a -> new SessionManifest.Artifact(a, a)).toList();
        Duration limit = Duration.ofSeconds(timeout);
        try {
            BuildSpec spec;
            if (recipe != null) {
                spec = recipe.toBuildSpec(limit, wanted);
                if (!command.isEmpty()) {
                    spec = new BuildSpec(spec.tool(), spec.toolVersion(), command, spec.jdk(), spec.newline(), spec.umask(),
                            limit, wanted, spec.runs(), spec.network(), spec.fetchCommand(), spec.isolation(), spec.git(),
                            spec.extraEnvironment());
                }
            } else {
                if (command.isEmpty()) {
                    throw new InvalidInputException(Stage.REBUILD, "COMMAND", "give the build command after --, or --buildspec FILE");
                }
                spec = BuildSpec.of(BuildSpec.toolOf(command), command, JdkRequirement.automatic(), limit, wanted);
            }
            if (jdk != null) {
                spec = spec.withJdk(JdkRequirement.parse(jdk));
            }
            if (tool != null) {
                spec = spec.withTool(BuildTool.ofText(tool).orElseThrow(() -> unknown("--tool", BuildTool.choices(), tool)),
                        spec.toolVersion());
            }
            if (newline != null) {
                spec = spec.withNewline(Newline.ofText(newline).orElseThrow(() -> unknown("--newline", Newline.choices(), newline)));
            }
            if (runs != null) {
                spec = spec.withRuns(runs);
            }
            if (network != null) {
                spec = spec.withNetwork(NetworkPolicy.ofText(network)
                        .orElseThrow(() -> unknown("--network", NetworkPolicy.choices(), network)), spec.fetchCommand());
            }
            spec = spec.withIsolation(sandbox.level());
            if (umask != null) {
                spec = new BuildSpec(spec.tool(), spec.toolVersion(), spec.command(), spec.jdk(), spec.newline(), umask,
                        spec.timeout(), spec.artifacts(), spec.runs(), spec.network(), spec.fetchCommand(), spec.isolation(),
                        spec.git(), spec.extraEnvironment());
            }
            if (upstreamBranch != null || upstreamRemote != null) {
                BuildSpec.GitState g = spec.git() == null ? new BuildSpec.GitState("", "", "") : spec.git();
                spec = spec.withGit(new BuildSpec.GitState(upstreamRemote != null ? upstreamRemote : g.remoteUrl(), g.tag(),
                        upstreamBranch != null ? upstreamBranch : g.branch()));
            }
            return spec;
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(Stage.REBUILD, "options", e.getMessage());
        }
    }

    private static IllegalArgumentException unknown(String option, String choices, String value) {
        return new IllegalArgumentException(option + " must be " + choices + ", got '" + value + "'");
    }

    private void print(RebuildResult r, Path work, long epoch, List<String> checks) {
        checks.forEach(c -> out().println("checkout   " + c));
        out().println("status     " + r.status() + (r.reason().isEmpty() ? "" : ": " + r.reason()));
        out().println("epoch      SOURCE_DATE_EPOCH=" + epoch);
        out().println("jdk        " + (r.jdk() == null ? "none" : r.jdk().describe()));
        out().println("tool       " + r.tool() + ": " + r.toolVersion());
        out().println("isolation  " + r.isolation().level() + ": " + r.isolation().detail());
        out().println("network    " + r.network() + ", newline " + r.newline() + ", umask " + r.umask());
        out().println("duration   " + r.durationMillis() + " ms");
        for (RebuildResult.BuildRun run : r.runs()) {
            out().println("run        " + run.name() + ": exit " + run.exitCode() + ", " + run.durationMillis() + " ms, log "
                    + work.resolve(run.log().substring(run.log().indexOf('/') + 1)));
        }
        for (ReferenceFacts f : r.references()) {
            out().println("reference  " + f.artifact() + ": " + String.join("; ", f.evidence()));
        }
        for (RebuildNote n : r.notes()) {
            out().println("note       " + n.kind() + ": " + n.message());
        }
        for (RebuildResult.UnstableArtifact u : r.nonDeterministic()) {
            out().println("unstable   " + u.path() + " (run 1 vs run " + u.run() + "): " + String.join("; ", u.differences()));
        }
        for (RebuildResult.RebuiltArtifact a : r.artifacts()) {
            out().println("artifact   " + a.path() + "  sha256 " + a.sha256() + "  -> " + a.file());
        }
    }
}
