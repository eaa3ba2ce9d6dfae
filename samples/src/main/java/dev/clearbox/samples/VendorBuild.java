package dev.clearbox.samples;

import dev.clearbox.core.Stage;
import dev.clearbox.core.StageFailedException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a vendor's build command in a source tree, the way a release build would: a clean environment
 * with {@code SOURCE_DATE_EPOCH} set to the release commit's time, UTC, the C locale, and the JDK that
 * runs this code.
 */
final class VendorBuild {

    private final List<String> command;
    private final Duration timeout;

    VendorBuild(List<String> command, Duration timeout) {
        this.command = List.copyOf(command);
        this.timeout = timeout;
    }

    /** Runs the build in {@code tree}; returns its combined output. Fails when it fails or times out. */
    String run(Path tree, Instant sourceDate) {
        Path log = tree.resolveSibling(tree.getFileName() + "-build.log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(tree.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        environment(builder.environment(), sourceDate);
        String input = String.join(" ", command) + " in " + tree;
        try {
            Process process = builder.start();
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new StageFailedException(Stage.REBUILD, input, "timed out after " + timeout.toSeconds()
                        + " s; output:\n" + read(log));
            }
            String output = read(log);
            if (process.exitValue() != 0) {
                throw new StageFailedException(Stage.REBUILD, input, "exited with " + process.exitValue()
                        + "; output:\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new StageFailedException(Stage.REBUILD, input, "cannot run: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StageFailedException(Stage.REBUILD, input, "interrupted", e);
        }
    }

    private static void environment(Map<String, String> env, Instant sourceDate) {
        String inheritedPath = env.getOrDefault("PATH", "/usr/bin:/bin");
        String javaHome = System.getProperty("java.home");
        env.clear();
        env.put("SOURCE_DATE_EPOCH", Long.toString(sourceDate.getEpochSecond()));
        env.put("TZ", "UTC");
        env.put("LC_ALL", "C.UTF-8");
        env.put("JAVA_HOME", javaHome);
        env.put("PATH", Path.of(javaHome, "bin") + java.io.File.pathSeparator + inheritedPath);
    }

    private static String read(Path log) throws IOException {
        return Files.isRegularFile(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }
}
