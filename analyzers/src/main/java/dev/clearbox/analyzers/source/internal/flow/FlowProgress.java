package dev.clearbox.analyzers.source.internal.flow;

import dev.clearbox.core.ProgressListener;
import dev.clearbox.core.Stage;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the units of the taint analysis's phases for a {@link ProgressListener}: methods analysed in the
 * {@link TaintAnalysis#PHASE_FLOW flow} phase (the total grows when the summaries call for another round), then
 * in the {@link TaintAnalysis#PHASE_PATHS paths} phase the sources searched from and then the sinks whose findings
 * are written (a total that grows once the search is over). Thread-safe: workers count at once.
 */
final class FlowProgress {
    private final ProgressListener listener;
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong total = new AtomicLong();

    FlowProgress(ProgressListener listener) {
        this.listener = listener;
    }

    /** A phase of {@code units} units (-1: none known yet) begins. */
    void phase(String name, long units) {
        done.set(0);
        total.set(Math.max(0, units));
        listener.phaseStarted(Stage.ANALYZE, name, units);
    }

    /** The current phase has {@code units} more to do than it said (the program's methods, another round of the summaries). */
    void more(long units) {
        total.addAndGet(units);
    }

    /** One unit of the current phase is done; {@code item} names it. */
    void done(String item) {
        listener.progress(Stage.ANALYZE, done.incrementAndGet(), total.get(), item);
    }
}
