package dev.clearbox.core;

/**
 * Where stages report progress. Stages never write to stdout; the command line decides how to show this.
 *
 * <p>A stage reports, in order: {@link #stageStarted}, then for each of its phases (if it has several) a
 * {@link #phaseStarted} followed by {@link #progress} calls that count the phase's units, and last
 * {@link #stageFinished}. Progress that comes before any phase counts units of the stage as a whole.
 */
public interface ProgressListener {
    ProgressListener NONE = new ProgressListener() {
        @Override
        public void stageStarted(Stage stage, String detail) {
        }

        @Override
        public void progress(Stage stage, long done, long total, String item) {
        }

        @Override
        public void stageFinished(Stage stage, String summary) {
        }
    };

    void stageStarted(Stage stage, String detail);

    /**
     * A phase of {@code stage} begins (the source analysis: parse, call sites, flow, paths; the audit: its stages).
     * The {@link #progress} calls after it count this phase's units, from 0 to {@code totalUnits}; a listener that
     * shows an estimate of the time left computes it from the rate of the current phase. Does nothing by default.
     *
     * @param phase      the phase's name, as progress prints it
     * @param totalUnits how many units the phase will count, or -1 when unknown
     */
    default void phaseStarted(Stage stage, String phase, long totalUnits) {
    }

    /** {@code total} is -1 when unknown. */
    void progress(Stage stage, long done, long total, String item);

    void stageFinished(Stage stage, String summary);
}
