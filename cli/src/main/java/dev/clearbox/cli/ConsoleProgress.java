package dev.clearbox.cli;

import dev.clearbox.core.ProgressListener;
import dev.clearbox.core.Stage;

import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

/**
 * Shows stage progress on stderr, one line per event: {@code [stage] detail} when a stage starts,
 * {@code [stage] phase: 0/total} when one of its phases does, and at most one counting line every
 * {@link #ITEM_INTERVAL_NANOS}, {@code [stage] phase: done/total (p%), ETA 1m05s item}, the ETA from the rate
 * of the current phase of that stage ({@link Eta}). Nothing with {@code --quiet}. Stages nest (the audit's
 * stages run inside the audit), so each stage keeps its own current phase. Thread-safe.
 */
final class ConsoleProgress implements ProgressListener {
    /** The shortest time between two counting lines, so long stages stay readable. */
    static final long ITEM_INTERVAL_NANOS = 2_000_000_000L;

    private final PrintWriter err;
    private final boolean quiet;
    private final LongSupplier nanoClock;
    private final Map<Stage, Phase> phases = new EnumMap<>(Stage.class);
    private boolean shownItem;
    private long lastItemNanos;

    /** The phase a stage is in: its name (empty before the stage's first phase), when it began, its units. */
    private record Phase(String name, long startedNanos, long total) {
    }

    ConsoleProgress(PrintWriter err, boolean quiet) {
        this(err, quiet, System::nanoTime);
    }

    /** With {@code nanoClock} as the monotonic clock (a test's fake one). */
    ConsoleProgress(PrintWriter err, boolean quiet, LongSupplier nanoClock) {
        this.err = err;
        this.quiet = quiet;
        this.nanoClock = nanoClock;
    }

    @Override
    public synchronized void stageStarted(Stage stage, String detail) {
        phases.put(stage, new Phase("", nanoClock.getAsLong(), -1));
        if (!quiet) {
            err.printf("[%s] %s%n", stage.id(), detail);
            err.flush();
        }
    }

    @Override
    public synchronized void phaseStarted(Stage stage, String phase, long totalUnits) {
        phases.put(stage, new Phase(phase, nanoClock.getAsLong(), totalUnits));
        if (!quiet) {
            err.printf("[%s] %s%n", stage.id(), totalUnits > 0 ? phase + ": 0/" + totalUnits : phase);
            err.flush();
        }
    }

    @Override
    public synchronized void progress(Stage stage, long done, long total, String item) {
        long now = nanoClock.getAsLong();
        Phase phase = phases.computeIfAbsent(stage, s -> new Phase("", now, total));
        if (quiet || shownItem && now - lastItemNanos < ITEM_INTERVAL_NANOS) {
            return;
        }
        shownItem = true;
        lastItemNanos = now;
        err.printf("[%s] %s%s%n", stage.id(), counts(phase, now, done, total), item == null || item.isEmpty() ? "" : " " + item);
        err.flush();
    }

    @Override
    public synchronized void stageFinished(Stage stage, String summary) {
        phases.remove(stage);
        if (!quiet) {
            err.printf("[%s] done: %s%n", stage.id(), summary);
            err.flush();
        }
    }

    /** {@code phase: 120/800 (15%), ETA 42s}, each part only where it is known. */
    private static String counts(Phase phase, long now, long done, long total) {
        StringBuilder s = new StringBuilder();
        if (!phase.name().isEmpty()) {
            s.append(phase.name()).append(": ");
        }
        s.append(done);
        if (total > 0) {
            s.append('/').append(total);
            if (done >= 0 && done <= total) {
                s.append(" (").append(done * 100 / total).append("%)");
            }
            OptionalLong eta = Eta.secondsLeft(now - phase.startedNanos(), done, total);
            if (eta.isPresent()) {
                s.append(", ETA ").append(Eta.format(eta.getAsLong()));
            }
        }
        return s.toString();
    }
}
