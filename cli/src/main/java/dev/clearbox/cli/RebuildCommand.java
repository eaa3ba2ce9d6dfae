package dev.clearbox.cli;

import dev.clearbox.core.InvalidInputException;
import dev.clearbox.core.rebuild.JdkLocator;
import dev.clearbox.core.rebuild.RebuildRequest;
import dev.clearbox.core.rebuild.RebuildResult;
import dev.clearbox.core.rebuild.Rebuilder;
import dev.clearbox.core.session.SessionManifest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

@Command(name = "rebuild",
        description = {"Rebuild a source tree with the vendor's build command in a normalised environment:",
                "the JDK of the given feature version, SOURCE_DATE_EPOCH, TZ=UTC, LC_ALL=C.UTF-8, umask 022,",
                "and a time limit. The tree is copied into --out first; the build log and outputs land there too."},
        footer = {"", "Example:",
                "  clearbox rebuild /audit/src --jdk 17 --source-date-epoch 1709287200 --artifact build/acme-agent.jar \\",
                "      --out /audit/rebuild -- sh build.sh"})
final class RebuildCommand extends ClearboxCommand {
    @Parameters(index = "0", paramLabel = "SOURCE_DIR", description = "The checked-out source tree.")
    Path source;

    @Parameters(index = "1..*", paramLabel = "COMMAND", arity = "1..*", description = "The build command, after --.")
    List<String> command = new ArrayList<>();

    @Option(names = "--jdk", required = true, paramLabel = "N", description = "JDK feature version, for example 17.")
    int jdk;

    @Option(names = "--artifact", paramLabel = "PATH", description = "A build output to collect, relative to the tree (repeatable).")
    List<String> artifacts = new ArrayList<>();

    @Option(names = "--source-date-epoch", paramLabel = "SECONDS", defaultValue = "0",
            description = "SOURCE_DATE_EPOCH for the build, usually the commit time (default: ${DEFAULT-VALUE}).")
    long sourceDateEpoch;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "1800", description = "Time limit (default: ${DEFAULT-VALUE}).")
    long timeout;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Work directory for the copy, log and outputs.")
    Path out;

    @Override
    protected ExitCode execute() {
        if (!Files.isDirectory(source)) {
            throw new InvalidInputException("rebuild", source.toString(), "not a directory");
        }
        List<SessionManifest.Artifact> wanted = artifacts.stream().map(a -> new SessionManifest.Artifact(a, a)).toList();
        RebuildResult r = new Rebuilder(JdkLocator.system()).rebuild(new RebuildRequest(source.toAbsolutePath(),
                command, jdk, Duration.ofSeconds(timeout), sourceDateEpoch, wanted, out.toAbsolutePath()), progress());
        out().println("status    " + r.status() + (r.reason().isEmpty() ? "" : ": " + r.reason()));
        out().println("jdk       " + (r.jdk() == null ? "none" : r.jdk().version() + " " + r.jdk().implementor()));
        out().println("duration  " + r.durationMillis() + " ms");
        out().println("log       " + out.resolve("build.log"));
        for (RebuildResult.RebuiltArtifact a : r.artifacts()) {
            out().println("artifact  " + a.path() + "  sha256 " + a.sha256() + "  -> " + a.file());
        }
        return r.status() == RebuildResult.Status.SUCCEEDED ? ExitCode.OK : ExitCode.ERROR;
    }
}
