package dev.clearbox.cli;

import dev.clearbox.core.InvalidInputException;
import dev.clearbox.core.Stage;
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
import dev.clearbox.core.rebuild.ReproducibleCentralSpec;
import dev.clearbox.core.session.SessionManifest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

@Command(name = "rebuild",
        description = {"Rebuild a source tree with the vendor's build in a normalised environment:",
                "the JDK asked for (or the one the --reference jar names), SOURCE_DATE_EPOCH, TZ=UTC, LC_ALL=C.UTF-8,",
                "the umask and line-ending policy, a time limit, in a sandbox (bubblewrap where installed, else one made",
                "with util-linux unshare): read-only system, no network, nothing of your home or the evidence visible,",
                "own PID namespace, capped log and disk use. Where no sandbox works the build is not run, unless",
                "--unsandboxed-build says so. Builds --runs times, each in its own copy under --out,",
                "and reports outputs that differ between runs as non-deterministic. The recipe is the command after --,",
                "or a Reproducible Central .buildspec file (--buildspec)."},
        footer = {"", "Examples:",
                "  clearbox rebuild /audit/src --jdk 17 --source-date-epoch 1709287200 --artifact build/acme-agent.jar \\",
                "      --out /audit/rebuild -- sh build.sh",
                "  clearbox rebuild /audit/src --buildspec commons-foo-1.2.buildspec --reference commons-foo-1.2.jar \\",
                "      --artifact target/commons-foo-1.2.jar --network fetch-first --out /audit/rebuild"})
final class RebuildCommand extends ClearboxCommand {
    @Parameters(index = "0", paramLabel = "SOURCE_DIR", description = "The checked-out source tree.")
    Path source;

    @Parameters(index = "1..*", paramLabel = "COMMAND", arity = "0..*",
            description = "The build command, after -- (not needed with --buildspec).")
    List<String> command = new ArrayList<>();

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

    @Option(names = "--reference", paramLabel = "JAR", description = "A shipped artifact to read the reference build's JDK and platform from (repeatable).")
    List<Path> references = new ArrayList<>();

    @Option(names = "--artifact", paramLabel = "PATH", description = "A build output to collect, relative to the tree (repeatable).")
    List<String> artifacts = new ArrayList<>();

    @Option(names = "--source-date-epoch", paramLabel = "SECONDS", defaultValue = "0",
            description = "SOURCE_DATE_EPOCH for the build, usually the commit time (default: ${DEFAULT-VALUE}).")
    long sourceDateEpoch;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "1800", description = "Time limit of one run (default: ${DEFAULT-VALUE}).")
    long timeout;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Work directory for the copies, logs and outputs.")
    Path out;

    @Override
    protected ExitCode execute() {
        if (!Files.isDirectory(source)) {
            throw new InvalidInputException(Stage.REBUILD, source.toString(), "not a directory");
        }
        for (Path r : references) {
            if (!Files.isRegularFile(r)) {
                throw new InvalidInputException(Stage.REBUILD, r.toString(), "reference artifact not found");
            }
        }
        BuildSpec spec = spec();
        RebuildResult r = new Rebuilder(JdkLocator.system()).rebuild(new RebuildRequest(source.toAbsolutePath(), spec,
                sourceDateEpoch, out.toAbsolutePath(), references.stream().map(Path::toAbsolutePath).toList())
                .withUnsandboxed(sandbox.unsandboxed), progress());
        print(r);
        return switch (r.status()) {
            case SUCCEEDED -> ExitCode.OK;
            case NON_DETERMINISTIC -> ExitCode.NEGATIVE;
            default -> ExitCode.ERROR;
        };
    }

    private BuildSpec spec() {
        List<SessionManifest.Artifact> wanted = artifacts.stream().map(a -> new SessionManifest.Artifact(a, a)).toList();
        Duration limit = Duration.ofSeconds(timeout);
        try {
            BuildSpec spec;
            if (buildspec != null) {
                spec = ReproducibleCentralSpec.read(buildspec).toBuildSpec(limit, wanted);
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
            return spec;
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(Stage.REBUILD, "options", e.getMessage());
        }
    }

    private static IllegalArgumentException unknown(String option, String choices, String value) {
        return new IllegalArgumentException(option + " must be " + choices + ", got '" + value + "'");
    }

    private void print(RebuildResult r) {
        out().println("status     " + r.status() + (r.reason().isEmpty() ? "" : ": " + r.reason()));
        out().println("jdk        " + (r.jdk() == null ? "none" : r.jdk().describe()));
        out().println("tool       " + r.tool() + ": " + r.toolVersion());
        out().println("isolation  " + r.isolation().level() + ": " + r.isolation().detail());
        out().println("network    " + r.network() + ", newline " + r.newline() + ", umask " + r.umask());
        out().println("duration   " + r.durationMillis() + " ms");
        for (RebuildResult.BuildRun run : r.runs()) {
            out().println("run        " + run.name() + ": exit " + run.exitCode() + ", log " + out.resolve(run.log()
                    .substring(run.log().indexOf('/') + 1)));
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
