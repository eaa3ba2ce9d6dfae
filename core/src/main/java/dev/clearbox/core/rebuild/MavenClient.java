package dev.clearbox.core.rebuild;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Fetches artifacts with the Maven client: the installed {@code mvn} runs the dependency plugin's {@code copy}
 * goal (no project needed), which resolves the artifact through the user's configured repositories and mirrors;
 * {@code --strict-checksums} for the artifact itself, so the resolver refuses a file that does not match the
 * checksum the repository publishes. Nothing of the vendor's runs here.
 */
public final class MavenClient implements MavenDistributions.Fetcher {
    /** The dependency plugin version the parent pom pins. */
    static final String PLUGIN = "org.apache.maven.plugins:maven-dependency-plugin:3.11.0:copy";
    private static final long TIMEOUT_SECONDS = 600;

    private final Path mvn;

    public MavenClient(Path mvn) {
        this.mvn = mvn;
    }

    /** The {@code mvn} on the PATH ({@code /usr/local/bin}, {@code /usr/bin}, {@code /bin} or PATH), or null. */
    public static MavenClient installed() {
        List<Path> dirs = new ArrayList<>(List.of(Path.of("/usr/local/bin"), Path.of("/usr/bin"), Path.of("/bin")));
        String path = System.getenv("PATH");
        if (path != null) {
            for (String d : path.split(":")) {
                if (!d.isBlank() && Path.of(d).isAbsolute()) {
                    dirs.add(Path.of(d));
                }
            }
        }
        return dirs.stream().map(d -> d.resolve("mvn")).filter(Files::isExecutable).findFirst()
                .map(MavenClient::new).orElse(null);
    }

    @Override
    public String describe() {
        return "the Maven client (" + mvn + " " + PLUGIN + ")";
    }

    @Override
    public Path fetch(String coordinates, Path directory) throws IOException {
        String[] c = coordinates.split(":");
        String file = c[1] + "-" + c[2] + (c.length > 4 ? "-" + c[4] : "") + "." + (c.length > 3 ? c[3] : "jar");
        boolean checksumFile = c.length > 3 && (c[3].endsWith(".sha512") || c[3].endsWith(".sha1"));
        List<String> cmd = new ArrayList<>(List.of(mvn.toString(), "-B", "-q", "-N"));
        if (!checksumFile) {
            cmd.add("-C"); // a checksum file has no checksum of its own to check
        }
        cmd.addAll(List.of(PLUGIN, "-Dartifact=" + coordinates, "-DoutputDirectory=" + directory.toAbsolutePath(),
                "-Dmdep.overWriteReleases=true"));
        Path log = directory.resolve("fetch-" + file + ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().put("MAVEN_SKIP_RC", "true");
        Process p = pb.start();
        try {
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(coordinates + ": the Maven client did not finish within " + TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        Path out = directory.resolve(file);
        if (p.exitValue() != 0 || !Files.isRegularFile(out)) {
            throw new IOException(coordinates + " could not be fetched (the Maven client exited with " + p.exitValue()
                    + "; see " + log + ")");
        }
        return out;
    }
}
