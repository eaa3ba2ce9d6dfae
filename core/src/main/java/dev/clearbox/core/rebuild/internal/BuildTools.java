package dev.clearbox.core.rebuild.internal;

import dev.clearbox.core.rebuild.BuildTool;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Finds the build tool a build will run and its version, without running anything: Maven's version from
 * its {@code lib/maven-core-VERSION.jar}, Gradle's from {@code lib/gradle-launcher-VERSION.jar}, and a
 * wrapper's ({@code mvnw}, {@code gradlew}) from the {@code distributionUrl} of its properties file.
 */
public final class BuildTools {
    private static final Pattern MAVEN_DIST = Pattern.compile("apache-maven-([0-9][\\w.-]*?)-bin\\.(?:zip|tar\\.gz)");
    private static final Pattern GRADLE_DIST = Pattern.compile("gradle-([0-9][\\w.-]*?)-(?:bin|all)\\.zip");

    private final List<Path> mavenRoots;
    private final List<Path> pathDirs;
    private final dev.clearbox.core.rebuild.MavenDistributions distributions;

    /**
     * @param mavenRoots directories whose descendants (two levels) may be Maven installations
     * @param pathDirs   the directories of the PATH the build gets, searched for {@code mvn} and {@code gradle}
     */
    public BuildTools(List<Path> mavenRoots, List<Path> pathDirs) {
        this(mavenRoots, pathDirs, null);
    }

    /**
     * @param distributions where a Maven version asked for but not installed is taken from (fetched, verified,
     *                      unpacked), or null to use the installed Maven with a note
     */
    public BuildTools(List<Path> mavenRoots, List<Path> pathDirs, dev.clearbox.core.rebuild.MavenDistributions distributions) {
        this.mavenRoots = List.copyOf(mavenRoots);
        this.pathDirs = List.copyOf(pathDirs);
        this.distributions = distributions;
    }

    /** The same places, with a cache of Maven distributions. */
    public BuildTools withDistributions(dev.clearbox.core.rebuild.MavenDistributions d) {
        return new BuildTools(mavenRoots, pathDirs, d);
    }

    public static BuildTools system() {
        String home = System.getProperty("user.home", "");
        return new BuildTools(List.of(Path.of(home, ".m2", "wrapper", "dists"), Path.of(home, ".sdkman", "candidates", "maven"),
                Path.of("/opt")),
                List.of(Path.of("/usr/local/bin"), Path.of("/usr/bin"), Path.of("/bin")));
    }

    /**
     * What was found.
     *
     * @param description the tool and version for the record ({@code Apache Maven 3.8.7 (/usr/share/maven)})
     * @param version     the version, or empty when unknown
     * @param binDir      a directory to put first on the PATH (a Maven of the requested version), or null
     * @param problem     why the requested version is not the one used, or empty
     */
    public record Found(String description, String version, Path binDir, String problem) {
    }

    public Found locate(BuildTool tool, String requestedVersion, List<String> command, Path tree) {
        String first = command.isEmpty() ? "" : command.get(0);
        String name = first.substring(first.lastIndexOf('/') + 1);
        return switch (tool) {
            case MAVEN -> name.startsWith("mvnw")
                    ? wrapper("Maven wrapper", tree.resolve(".mvn/wrapper/maven-wrapper.properties"), MAVEN_DIST, "Apache Maven", requestedVersion)
                    : maven(requestedVersion);
            case GRADLE -> name.startsWith("gradlew")
                    ? wrapper("Gradle wrapper", tree.resolve("gradle/wrapper/gradle-wrapper.properties"), GRADLE_DIST, "Gradle", requestedVersion)
                    : gradle(requestedVersion);
            case COMMAND -> new Found("command", "", null, "");
        };
    }

    private Found maven(String requested) {
        List<Path[]> homes = new ArrayList<>(); // {home, version as path}
        Optional<Path> onPath = onPath("mvn");
        onPath.flatMap(p -> home(p)).ifPresent(h -> version(h, "maven-core-").ifPresent(v -> homes.add(new Path[] {h, Path.of(v)})));
        for (Path root : mavenRoots) {
            for (Path h : candidates(root)) {
                version(h, "maven-core-").ifPresent(v -> homes.add(new Path[] {h, Path.of(v)}));
            }
        }
        if (!requested.isEmpty()) {
            for (Path[] h : homes) {
                if (h[1].toString().equals(requested)) {
                    return new Found("Apache Maven " + requested + " (" + h[0] + ")", requested, h[0].resolve("bin"), "");
                }
            }
        }
        String notProvided = "";
        if (!requested.isEmpty() && distributions != null) {
            try {
                var d = distributions.provide(requested);
                return new Found("Apache Maven " + requested + " (" + (d.fetched() ? "fetched as " : "cached, ")
                        + dev.clearbox.core.rebuild.MavenDistributions.coordinates(requested) + ", sha512 "
                        + d.sha512().substring(0, 16) + "…, " + d.home() + ")", requested, d.home().resolve("bin"), "");
            } catch (dev.clearbox.core.ClearboxException e) {
                notProvided = " (" + e.getMessage() + ")";
            }
        }
        if (homes.isEmpty()) {
            return new Found("Apache Maven (not found)", "", null, "no Maven installation found (PATH, ~/.m2/wrapper/dists, ~/.sdkman, /opt, /usr/share)"
                    + notProvided);
        }
        Path[] chosen = homes.get(0);
        String v = chosen[1].toString();
        String problem = requested.isEmpty()
                ? "the recipe names no Maven version (tool mvn): the installed Maven " + v + " (" + chosen[0] + ") was used"
                : requested.equals(v) ? ""
                : "Maven " + requested + " was asked for but is not installed" + (distributions == null ? "" : " and could not be provided"
                + notProvided) + "; the build uses Maven " + v;
        return new Found("Apache Maven " + v + " (" + chosen[0] + ")", v, onPath.isPresent() ? null : chosen[0].resolve("bin"), problem);
    }

    private Found gradle(String requested) {
        Optional<Path> home = onPath("gradle").flatMap(BuildTools::home);
        Optional<String> v = home.flatMap(h -> version(h, "gradle-launcher-"));
        if (v.isEmpty()) {
            return new Found("Gradle (not found)", "", null, "no gradle on the PATH");
        }
        String problem = requested.isEmpty() || requested.equals(v.get()) ? ""
                : "Gradle " + requested + " was asked for but the build uses Gradle " + v.get();
        return new Found("Gradle " + v.get() + " (" + home.get() + ")", v.get(), null, problem);
    }

    private static Found wrapper(String what, Path props, Pattern dist, String toolName, String requested) {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(props)) {
            p.load(in);
        } catch (IOException | IllegalArgumentException e) {
            return new Found(what + " (no " + props.getFileName() + ")", "", null, "");
        }
        Matcher m = dist.matcher(p.getProperty("distributionUrl", ""));
        if (!m.find()) {
            return new Found(what + " (distributionUrl names no version)", "", null, "");
        }
        String v = m.group(1);
        String problem = requested.isEmpty() || requested.equals(v) ? ""
                : toolName + " " + requested + " was asked for but the project's wrapper uses " + v;
        return new Found(toolName + " " + v + " (" + what + ")", v, null, problem);
    }

    private Optional<Path> onPath(String name) {
        for (Path d : pathDirs) {
            Path p = d.resolve(name);
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** bin/mvn → its installation (following links, /usr/bin/mvn → /usr/share/maven). */
    private static Optional<Path> home(Path executable) {
        try {
            Path real = executable.toRealPath();
            Path bin = real.getParent();
            return bin == null || bin.getParent() == null ? Optional.empty() : Optional.of(bin.getParent());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static List<Path> candidates(Path root) {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return out;
        }
        try (Stream<Path> s = Files.walk(root, 3)) {
            s.filter(p -> Files.isDirectory(p.resolve("lib")) && Files.isRegularFile(p.resolve("bin/mvn")))
                    .sorted().forEach(out::add);
        } catch (IOException | RuntimeException e) {
            // unreadable: no candidates there
        }
        return out;
    }

    /** The version in lib/PREFIX-VERSION.jar, or (Debian's maven-core-3.x.jar) in the jar's pom.properties. */
    static Optional<String> version(Path home, String jarPrefix) {
        List<Path> jars;
        try (Stream<Path> s = Files.list(home.resolve("lib"))) {
            jars = s.filter(p -> p.getFileName().toString().startsWith(jarPrefix)
                    && p.getFileName().toString().endsWith(".jar")).sorted().toList();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        for (Path jar : jars) {
            String n = jar.getFileName().toString();
            String v = n.substring(jarPrefix.length(), n.length() - 4);
            if (v.matches("[0-9]+(\\.[0-9]+)+.*")) {
                return Optional.of(v);
            }
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                var entries = zip.stream().filter(e -> e.getName().startsWith("META-INF/maven/")
                        && e.getName().endsWith("/pom.properties")).toList();
                for (ZipEntry e : entries) {
                    Properties p = new Properties();
                    try (InputStream in = zip.getInputStream(e)) {
                        p.load(in);
                    }
                    String found = p.getProperty("version", "");
                    if (!found.isEmpty()) {
                        return Optional.of(found);
                    }
                }
            } catch (IOException | RuntimeException e) {
                // not readable: try the next jar
            }
        }
        return Optional.empty();
    }
}
