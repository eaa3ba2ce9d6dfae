package dev.clearbox.core;

/**
 * Where stages report progress. Stages never write to stdout; the command line decides how to show this.
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

    /** {@code total} is -1 when unknown. */
    void progress(Stage stage, long done, long total, String item);

    void stageFinished(Stage stage, String summary);
}
