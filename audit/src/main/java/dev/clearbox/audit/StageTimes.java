package dev.clearbox.audit;

import dev.clearbox.reports.model.Session;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The stages of one audit as they ran, each with its duration (on a monotonic clock, so a change of the wall clock
 * cannot make one negative) and what it produced, for the report's {@code session.stages}.
 */
final class StageTimes {
    private final LongSupplier nanos;
    private final List<Session.StageRun> runs = new ArrayList<>();
    private long started;

    StageTimes(LongSupplier nanos) {
        this.nanos = nanos;
    }

    /** The current stage starts now. */
    void start() {
        started = nanos.getAsLong();
    }

    /** The current stage, {@code stage}, ended now, having produced what {@code detail} says. */
    void end(AuditStage stage, String detail) {
        long millis = Math.max(0, (nanos.getAsLong() - started) / 1_000_000);
        runs.add(new Session.StageRun(stage.stage().id(), millis, detail));
    }

    List<Session.StageRun> runs() {
        return List.copyOf(runs);
    }
}
