package dev.clearbox.cli;

import dev.clearbox.core.ProgressListener;
import dev.clearbox.core.Stage;

import java.io.PrintWriter;

/** Shows stage progress on stderr, one line per stage event; items are throttled so long stages stay readable. */
final class ConsoleProgress implements ProgressListener {
    private final PrintWriter err;
    private final boolean quiet;
    private long lastItemNanos;

    ConsoleProgress(PrintWriter err, boolean quiet) {
        this.err = err;
        this.quiet = quiet;
    }

    @Override
    public void stageStarted(Stage stage, String detail) {
        if (!quiet) {
            err.printf("[%s] %s%n", stage.id(), detail);
            err.flush();
        }
    }

    @Override
    public void progress(Stage stage, long done, long total, String item) {
        long now = System.nanoTime();
        if (quiet || now - lastItemNanos < 2_000_000_000L) {
            return;
        }
        lastItemNanos = now;
        err.printf("[%s] %d%s %s%n", stage.id(), done, total > 0 ? "/" + total : "", item);
        err.flush();
    }

    @Override
    public void stageFinished(Stage stage, String summary) {
        if (!quiet) {
            err.printf("[%s] done: %s%n", stage.id(), summary);
            err.flush();
        }
    }
}
