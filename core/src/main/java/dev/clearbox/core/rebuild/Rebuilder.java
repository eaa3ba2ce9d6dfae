package dev.clearbox.core.rebuild;

import dev.clearbox.core.ProgressListener;
import dev.clearbox.core.Sha256;
import dev.clearbox.core.StageFailedException;
import dev.clearbox.core.session.SessionManifest;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The rebuild stage: copies the checked-out tree into the workspace and runs the vendor's build there in
 * a normalised environment — the JDK of the required feature version, SOURCE_DATE_EPOCH from the
 * commit, TZ=UTC, a UTF-8 C locale, umask 022 — with a time limit, then collects the named outputs.
 * A build that fails is a result ({@link RebuildResult.Status}), not an exception: the compare stage
 * turns it into a NOT_REBUILT verdict with the reason.
 */
public final class Rebuilder {
    private static final String STAGE = "rebuild";
    static final String UMASK = "0022";

    private final JdkLocator jdks;

    public Rebuilder(JdkLocator jdks) {
        this.jdks = jdks;
    }

    public RebuildResult rebuild(RebuildRequest request, ProgressListener listener) {
        listener.stageStarted(STAGE, String.join(" ", request.command()) + " (JDK " + request.jdkFeature() + ")");
        Path work = request.workDir();
        Path tree = work.resolve("tree");
        Path log = work.resolve("build.log");
        Path outputs = work.resolve("artifacts");
        String logName = work.getFileName() + "/build.log";
        var jdk = jdks.find(request.jdkFeature());
        if (jdk.isEmpty()) {
            String reason = "JDK " + request.jdkFeature() + " not found (looked at the running JDK, JAVA_HOME, "
                    + "/usr/lib/jvm, /Library/Java/JavaVirtualMachines, ~/.sdkman, ~/.jdks)";
            listener.stageFinished(STAGE, reason);
            return new RebuildResult(RebuildResult.Status.JDK_NOT_FOUND, reason, null, request.command(),
                    Map.of(), UMASK, -1, 0, "", List.of());
        }
        Map<String, String> env = environment(jdk.get(), request.sourceDateEpoch());
        try {
            copyTree(request.sourceTree(), tree);
            Files.createDirectories(outputs);
        } catch (IOException e) {
            throw new StageFailedException(STAGE, tree.toString(), "cannot prepare the build tree: " + e.getMessage(), e);
        }

        List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", "umask " + UMASK + " && exec \"$@\"", "rebuild"));
        command.addAll(request.command());
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(tree.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
        pb.environment().clear();
        pb.environment().putAll(env);

        long start = System.nanoTime();
        int exit;
        RebuildResult.Status status;
        String reason = "";
        try {
            Process process = pb.start();
            boolean finished = process.waitFor(request.timeout().toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                exit = -1;
                status = RebuildResult.Status.TIMED_OUT;
                reason = "the build did not finish within " + request.timeout().toSeconds() + " s";
            } else {
                exit = process.exitValue();
                status = exit == 0 ? RebuildResult.Status.SUCCEEDED : RebuildResult.Status.FAILED;
                if (exit != 0) {
                    reason = "the build exited with code " + exit + "; see " + logName;
                }
            }
        } catch (IOException e) {
            throw new StageFailedException(STAGE, String.join(" ", request.command()),
                    "cannot start the build: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StageFailedException(STAGE, String.join(" ", request.command()), "interrupted", e);
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        List<RebuildResult.RebuiltArtifact> collected = new ArrayList<>();
        if (status == RebuildResult.Status.SUCCEEDED) {
            for (SessionManifest.Artifact a : request.artifacts()) {
                Path built = tree.resolve(a.path()).normalize();
                if (!built.startsWith(tree) || !Files.isRegularFile(built, LinkOption.NOFOLLOW_LINKS)) {
                    status = RebuildResult.Status.ARTIFACT_MISSING;
                    reason = "the build succeeded but did not produce " + a.path();
                    collected.clear();
                    break;
                }
                Path copy = outputs.resolve(built.getFileName().toString());
                try {
                    Files.copy(built, copy, StandardCopyOption.REPLACE_EXISTING);
                    collected.add(new RebuildResult.RebuiltArtifact(a.path(), a.shippedAs(), copy,
                            Sha256.hex(copy), Files.size(copy)));
                } catch (IOException e) {
                    throw new StageFailedException(STAGE, a.path(), "cannot collect the build output: " + e.getMessage(), e);
                }
            }
        }
        listener.stageFinished(STAGE, status + (reason.isEmpty() ? "" : ": " + reason) + " in " + millis + " ms");
        return new RebuildResult(status, reason, jdk.get(), request.command(), env, UMASK, exit, millis, logName,
                collected);
    }

    /** The normalised environment. Nothing else from Clearbox's own environment reaches the build. */
    static Map<String, String> environment(Jdk jdk, long sourceDateEpoch) {
        Map<String, String> env = new TreeMap<>();
        env.put("JAVA_HOME", jdk.home().toString());
        env.put("PATH", jdk.home().resolve("bin") + ":/usr/local/bin:/usr/bin:/bin");
        env.put("HOME", System.getProperty("user.home"));
        env.put("SOURCE_DATE_EPOCH", Long.toString(sourceDateEpoch));
        env.put("TZ", "UTC");
        env.put("LANG", "C.UTF-8");
        env.put("LC_ALL", "C.UTF-8");
        return env;
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    /** Copies a tree without following symbolic links: a link is copied as a link, never its target. */
    static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, to.resolve(from.relativize(file).toString()),
                        StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
