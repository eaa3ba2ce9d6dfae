package dev.clearbox.core.rebuild.internal;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one build process: a cleared environment, stdin from /dev/null, stdout and stderr into the log,
 * a time limit. When the build ran in its own session, the whole process group is killed when it ends
 * (daemons do not outlive the build) or times out; otherwise the descendants the JVM can see.
 */
public final class ProcessRunner {
    private ProcessRunner() {
    }

    /** How a run ended. */
    public record Outcome(int exitCode, boolean timedOut, long millis) {
    }

    public static Outcome run(List<String> argv, Path dir, Map<String, String> env, Path log, Duration timeout,
                              boolean ownSession) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(argv)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().clear();
        pb.environment().putAll(env);
        long start = System.nanoTime();
        Process process = pb.start();
        long pid = process.pid();
        boolean finished;
        try {
            finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            kill(process, pid, ownSession);
            throw e;
        }
        if (!finished) {
            kill(process, pid, ownSession);
            return new Outcome(-1, true, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        }
        int exit = process.exitValue();
        if (ownSession) {
            killGroup(pid); // whatever the build left running in its session
        }
        return new Outcome(exit, false, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
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
}
