package com.acme.agent;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Runs the agent's periodic jobs on one background thread; a failing run never stops its job. */
final class AgentScheduler implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(AgentScheduler.class.getName());

    /** A job run: may fail with any exception, which is logged. */
    interface Job {
        void run() throws Exception;
    }

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "acme-agent-jobs");
        thread.setDaemon(true);
        return thread;
    });

    void every(Duration interval, String name, Job job) {
        executor.scheduleWithFixedDelay(() -> {
            try {
                job.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                LOG.log(System.Logger.Level.WARNING, name + " failed: " + e.getMessage());
            }
        }, 0, interval.toSeconds(), TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
