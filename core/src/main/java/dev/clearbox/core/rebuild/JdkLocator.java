package dev.clearbox.core.rebuild;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds installed JDKs: the JDK running Clearbox first, then {@code JAVA_HOME}, then the JDKs declared in
 * Maven toolchains files ({@code ~/.m2/toolchains.xml}), then the usual install directories (Debian's
 * /usr/lib/jvm, macOS's JavaVirtualMachines, SDKMAN, ~/.jdks). A JDK is a directory with a {@code release}
 * file and {@code bin/javac}.
 */
public final class JdkLocator {
    private final List<Path> searchRoots;
    private final Map<String, String> env;
    private final List<Path> toolchains;

    public JdkLocator(List<Path> searchRoots, Map<String, String> env) {
        this(searchRoots, env, List.of());
    }

    /**
     * @param searchRoots directories whose children may be JDKs
     * @param env         the environment to read JAVA_HOME from
     * @param toolchains  Maven toolchains files whose {@code jdkHome}s are candidates
     */
    public JdkLocator(List<Path> searchRoots, Map<String, String> env, List<Path> toolchains) {
        this.searchRoots = List.copyOf(searchRoots);
        this.env = Map.copyOf(env);
        this.toolchains = List.copyOf(toolchains);
    }

    /** Where this locator looks, for messages. */
    public String searched() {
        List<String> places = new ArrayList<>(List.of("the running JDK", "JAVA_HOME"));
        toolchains.forEach(t -> places.add(t.toString()));
        searchRoots.forEach(r -> places.add(r.toString()));
        return String.join(", ", places);
    }

    /** The locator for this machine. */
    public static JdkLocator system() {
        String home = System.getProperty("user.home", "");
        return new JdkLocator(List.of(
                Path.of("/usr/lib/jvm"),
                Path.of("/Library/Java/JavaVirtualMachines"),
                Path.of(home, ".sdkman", "candidates", "java"),
                Path.of(home, ".jdks")), System.getenv(), List.of(Path.of(home, ".m2", "toolchains.xml")));
    }

    /** Every JDK found, in order of preference, without duplicates. */
    public List<Jdk> installed() {
        Set<Path> homes = new LinkedHashSet<>();
        homes.add(Path.of(System.getProperty("java.home")));
        String javaHome = env.get("JAVA_HOME");
        if (javaHome != null && !javaHome.isBlank()) {
            homes.add(Path.of(javaHome));
        }
        for (Path file : toolchains) {
            homes.addAll(MavenToolchains.jdkHomes(file));
        }
        for (Path root : searchRoots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> children = Files.list(root)) {
                children.sorted().forEach(child -> {
                    homes.add(child);
                    homes.add(child.resolve("Contents/Home"));
                });
            } catch (IOException e) {
                // an unreadable directory holds no JDK we can use
            }
        }
        List<Jdk> jdks = new ArrayList<>();
        Set<Path> seen = new LinkedHashSet<>();
        for (Path h : homes) {
            Path real;
            try {
                real = h.toRealPath();
            } catch (IOException e) {
                continue;
            }
            if (seen.add(real)) {
                read(real).ifPresent(jdks::add);
            }
        }
        return jdks;
    }

    /** The preferred JDK of the given feature version. */
    public Optional<Jdk> find(int feature) {
        return installed().stream().filter(j -> j.feature() == feature).findFirst();
    }

    /**
     * The JDK a requirement asks for: the exact version when one is asked for and installed, else the
     * preferred JDK of the feature version.
     */
    public Optional<Jdk> find(JdkRequirement requirement) {
        List<Jdk> all = installed();
        if (!requirement.version().isEmpty()) {
            Optional<Jdk> exact = all.stream().filter(j -> j.version().equals(requirement.version())).findFirst();
            if (exact.isPresent()) {
                return exact;
            }
        }
        return all.stream().filter(j -> j.feature() == requirement.feature()).findFirst();
    }

    static Optional<Jdk> read(Path home) {
        Path release = home.resolve("release");
        if (!Files.isRegularFile(release) || !Files.isRegularFile(home.resolve("bin/javac"))) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(release)) {
            p.load(in);
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
        String version = unquote(p.getProperty("JAVA_RUNTIME_VERSION", p.getProperty("JAVA_VERSION", "")));
        if (version.isEmpty()) {
            return Optional.empty();
        }
        int plus = version.indexOf('+');
        String shortVersion = plus > 0 ? version.substring(0, plus) : version;
        return Optional.of(new Jdk(home, shortVersion, unquote(p.getProperty("IMPLEMENTOR", "")), version));
    }

    private static String unquote(String s) {
        String t = s.trim();
        if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
            t = t.substring(1, t.length() - 1);
        }
        return t;
    }
}
