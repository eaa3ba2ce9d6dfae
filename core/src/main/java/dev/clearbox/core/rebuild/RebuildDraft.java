package dev.clearbox.core.rebuild;

import dev.clearbox.core.ProgressListener;
import dev.clearbox.core.rebuild.internal.BuildTools;
import dev.clearbox.core.rebuild.internal.ProcessRunner;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The result of one rebuild while it is being made, the one mutable place: what is known so far (the
 * JDK, the isolation, the command and environment once decided, the notes, the runs with their time and
 * exit code), and the ways a rebuild ends, each reporting to the listener once.
 */
final class RebuildDraft {
    final ProgressListener listener;
    final BuildSpec spec;
    final String rel;
    final List<ReferenceFacts> facts;
    final List<RebuildNote> notes = new ArrayList<>();
    final List<RebuildResult.BuildRun> runs = new ArrayList<>();
    Isolation isolation;
    Jdk jdk;
    List<String> command;
    Map<String, String> env = Map.of();
    String log = "";
    String toolVersion = "";
    int exit = -1;
    long millis;

    RebuildDraft(ProgressListener listener, BuildSpec spec, String rel, List<ReferenceFacts> facts) {
        this.listener = listener;
        this.spec = spec;
        this.rel = rel;
        this.facts = facts;
        this.command = spec.command();
    }

    /** The build is about to run: from now on the result names its command, environment, tool and log. */
    void building(List<String> command, Map<String, String> env, BuildTools.Found tool) {
        this.command = command;
        this.env = env;
        this.toolVersion = tool.description();
        this.log = rel + "/build.log";
    }

    /** A run finished: its time counts, its exit code is the last one. */
    void ran(ProcessRunner.Outcome outcome, RebuildResult.BuildRun run) {
        millis += outcome.millis();
        exit = outcome.exitCode();
        runs.add(run);
    }

    /** Nothing was run. */
    RebuildResult notRun(RebuildResult.Status status, String reason) {
        listener.stageFinished(Rebuilder.STAGE, (status == RebuildResult.Status.JDK_NOT_FOUND ? "" : status + ": ") + reason);
        return result(status, reason, List.of(), List.of());
    }

    /** A run failed, or an output is missing: nothing is trusted. */
    RebuildResult end(RebuildResult.Status status, String reason) {
        return end(status, reason, List.of(), List.of());
    }

    RebuildResult end(RebuildResult.Status status, String reason, List<RebuildResult.RebuiltArtifact> artifacts,
                      List<RebuildResult.UnstableArtifact> unstable) {
        listener.stageFinished(Rebuilder.STAGE, status + (reason.isEmpty() ? "" : ": " + reason) + " in " + millis + " ms");
        return result(status, reason, artifacts, unstable);
    }

    private RebuildResult result(RebuildResult.Status status, String reason, List<RebuildResult.RebuiltArtifact> artifacts,
                                 List<RebuildResult.UnstableArtifact> unstable) {
        return new RebuildResult(status, reason, jdk, command, env, spec.umask(), exit, millis, log, artifacts,
                spec.tool(), toolVersion, spec.newline(), spec.network(), isolation, runs, unstable, facts, notes);
    }
}
