package dev.clearbox.core;

/**
 * Where stages report progress. Stages never write to stdout; the command line decides how to show this.
 */
public interface ProgressListener {
    ProgressListener NONE = new ProgressListener() {
        @Override
        public void stageStarted(String stage, String detail) {
        }

        @Override
        public void progress(String stage, long done, long total, String item) {
        }

        @Override
        public void stageFinished(String stage, String summary) {
        }
    };

    void stageStarted(String stage, String detail);

    /** {@code total} is -1 when unknown. */
    void progress(String stage, long done, long total, String item);

    void stageFinished(String stage, String summary);
}
