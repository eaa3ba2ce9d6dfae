package dev.clearbox.core.unpack;

import dev.clearbox.core.ClearboxException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads of one unpack run. Two kinds of work go to them: hashing and writing a member (a zip entry,
 * inflated there from its own position in the file, or a small stream-format member the reading thread has
 * already decoded into memory), and describing a written file (class name, jar identity and signature),
 * which reads only that file.
 *
 * <p>Everything that decides whether a package is refused stays on the thread that reads the archive, in
 * entry order: names, duplicates, entry counts and the total size (zip entries reserve their declared size
 * up front, and none may produce more). What a worker checks concerns its own entry alone (its size, ratio,
 * CRC), and the reading thread collects the results in entry order. So the same package is refused with the
 * same message whatever the number of threads.
 *
 * <p>With one thread, tasks run in the caller when they are submitted.
 */
final class Workers implements AutoCloseable {
    private static final AtomicInteger RUNS = new AtomicInteger();
    private final ExecutorService pool;
    private volatile boolean cancelled;

    /** {@code threads} worker threads; 1 or less runs every task in the caller. */
    Workers(int threads) {
        if (threads <= 1) {
            pool = null;
            return;
        }
        int run = RUNS.incrementAndGet();
        AtomicInteger n = new AtomicInteger();
        pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "clearbox-unpack-" + run + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** True when tasks run on other threads than the caller's. */
    boolean parallel() {
        return pool != null;
    }

    <T> Future<T> submit(Callable<T> task) {
        if (pool == null) {
            try {
                return CompletableFuture.completedFuture(task.call());
            } catch (Exception e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        return pool.submit(() -> {
            if (cancelled) {
                throw new CancellationException("unpack cancelled");
            }
            return task.call();
        });
    }

    /**
     * The task's result; its failure rethrown as it was thrown (Clearbox exceptions and errors unchanged,
     * an {@link IOException} as {@link UncheckedIOException}).
     */
    static <T> T await(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while waiting for an unpack task");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ClearboxException c) {
                throw c;
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            if (cause instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
            throw new IllegalStateException(cause);
        }
    }

    /** True once the run failed: long tasks stop at their next chunk. */
    boolean cancelled() {
        return cancelled;
    }

    /** Stops the run: queued tasks are dropped and running ones told to stop. */
    void cancel() {
        cancelled = true;
    }

    /** Waits until no task runs any more, so a failed run's files can be deleted safely. */
    @Override
    public void close() {
        if (pool == null) {
            return;
        }
        if (cancelled) {
            pool.shutdownNow();
        } else {
            pool.shutdown();
        }
        boolean interrupted = false;
        while (true) {
            try {
                if (pool.awaitTermination(1, TimeUnit.MINUTES)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
