package dev.clearbox.core.rebuild.internal;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one build process: a cleared environment, stdin from /dev/null, stdout and stderr into the log, a time
 * limit, a cap on the log (output beyond it is read and dropped, so the build never blocks on it) and a cap on
 * what the build may write into its directories (checked while it runs; over the cap the build is killed).
 * In a sandbox the PID namespace takes every descendant with the build; a build in its own session has its
 * process group killed when it ends (daemons do not outlive the build) or times out; otherwise the
 * descendants the JVM can see are killed.
 */
public final class ProcessRunner {
    private static final long WATCH_INTERVAL_MILLIS = 1000;
    private static final long MAX_ENTRIES = 2_000_000;

    private ProcessRunner() {
    }

    /**
     * What a run may produce.
     *
     * @param maxLogBytes     the largest log kept; further output is dropped and the log says so
     * @param maxWrittenBytes the most the files under {@code watched} may hold together while the build runs
     * @param watched         the directories the build writes (its tree)
     */
    public record Limits(long maxLogBytes, long maxWrittenBytes, List<Path> watched) {
        public Limits {
            watched = List.copyOf(watched);
        }
    }

    /**
     * How a run ended.
     *
     * @param logTruncated  whether output beyond the log cap was dropped
     * @param limitExceeded which limit the build exceeded (it was killed), or empty
     */
    public record Outcome(int exitCode, boolean timedOut, long millis, boolean logTruncated, String limitExceeded) {
    }

    public static Outcome run(List<String> argv, Path dir, Map<String, String> env, Path log, Duration timeout,
                              boolean ownSession, Limits limits) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(argv)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().clear();
        pb.environment().putAll(env);
        long start = System.nanoTime();
        Process process = pb.start();
        long pid = process.pid();
        LogCopy copy = new LogCopy(process.getInputStream(), log, limits.maxLogBytes());
        Thread copier = new Thread(copy, "clearbox-build-log");
        copier.setDaemon(true);
        copier.start();
        AtomicReference<String> exceeded = new AtomicReference<>("");
        boolean finished;
        try {
            finished = watch(process, timeout, limits, exceeded);
        } catch (InterruptedException e) {
            kill(process, pid, ownSession);
            throw e;
        }
        if (!finished || !exceeded.get().isEmpty()) {
            kill(process, pid, ownSession);
        } else if (ownSession) {
            killGroup(pid); // whatever the build left running in its session
        }
        copier.join(TimeUnit.SECONDS.toMillis(10));
        if (copier.isAlive()) {
            // something outside the sandbox still holds the pipe open: stop reading it
            process.getInputStream().close();
            copier.join(TimeUnit.SECONDS.toMillis(5));
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        int exit = finished ? process.exitValue() : -1;
        return new Outcome(exit, !finished, millis, copy.truncated, exceeded.get());
    }

    /**
     * Waits for the process, checking the written bytes every second (less often when one check takes more than
     * 50 ms, so that the watch stays near 5% of one core); false when the time limit was reached.
     */
    private static boolean watch(Process process, Duration timeout, Limits limits, AtomicReference<String> exceeded)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long interval = WATCH_INTERVAL_MILLIS;
        while (true) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                return process.waitFor(0, TimeUnit.MILLISECONDS);
            }
            if (process.waitFor(Math.min(left, interval), TimeUnit.MILLISECONDS)) {
                return true;
            }
            long walk = System.nanoTime();
            String over = overLimit(limits);
            // At most about 5% of one core for the watch, however large the tree grows.
            interval = Math.max(WATCH_INTERVAL_MILLIS, 20 * TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - walk));
            if (!over.isEmpty()) {
                exceeded.set(over);
                return true;
            }
        }
    }

    /** Why the watched directories are over the cap, or empty. */
    static String overLimit(Limits limits) {
        long[] total = {0, 0};
        for (Path root : limits.watched()) {
            try {
                Files.walkFileTree(root, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                        total[0] += attrs.size();
                        total[1]++;
                        return total[0] > limits.maxWrittenBytes() || total[1] > MAX_ENTRIES
                                ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                        total[1]++;
                        return total[1] > MAX_ENTRIES ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException exc) {
                        return FileVisitResult.CONTINUE; // the build removed it meanwhile
                    }
                });
            } catch (IOException e) {
                // a directory the build removed: nothing to count
            }
        }
        if (total[0] > limits.maxWrittenBytes()) {
            return "the build wrote more than " + limits.maxWrittenBytes() + " bytes into its tree";
        }
        if (total[1] > MAX_ENTRIES) {
            return "the build made more than " + MAX_ENTRIES + " files and directories in its tree";
        }
        return "";
    }

    private static void kill(Process process, long pid, boolean ownSession) throws InterruptedException {
        if (ownSession) {
            killGroup(pid);
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    /** Sends SIGKILL to the process group {@code pgid}; a group that no longer exists is fine. */
    static void killGroup(long pgid) {
        try {
            Process k = new ProcessBuilder("/bin/kill", "-KILL", "--", "-" + pgid)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            k.waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            // no kill binary: the descendants the JVM sees are still killed by the caller
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Copies the build's output into the log up to the cap, then reads and drops the rest. */
    private static final class LogCopy implements Runnable {
        private final InputStream in;
        private final Path log;
        private final long max;
        private volatile boolean truncated;

        LogCopy(InputStream in, Path log, long max) {
            this.in = in;
            this.log = log;
            this.max = max;
        }

        @Override
        public void run() {
            byte[] buf = new byte[64 * 1024];
            long written = 0;
            try (OutputStream out = Files.newOutputStream(log, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    if (written < max) {
                        int keep = (int) Math.min(n, max - written);
                        out.write(buf, 0, keep);
                        written += keep;
                        if (keep < n) {
                            markTruncated(out);
                        }
                    } else if (n > 0 && !truncated) {
                        markTruncated(out);
                    }
                }
            } catch (IOException e) {
                // the stream was closed after the build ended; what was read is in the log
            }
        }

        private void markTruncated(OutputStream out) throws IOException {
            truncated = true;
            out.write(("\n[clearbox: the log reached its cap of " + max + " bytes; further output was dropped]\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }
}
