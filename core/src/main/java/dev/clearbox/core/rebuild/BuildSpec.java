package dev.clearbox.core.rebuild;

import dev.clearbox.core.session.SessionManifest;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * How to rebuild: the recipe, independent of where the source is.
 *
 * @param tool         the build tool
 * @param toolVersion  the build tool version asked for ({@code 3.9.6}), or empty for the one installed
 * @param command      the build command, run in a copy of the source tree
 * @param jdk          the JDK it needs
 * @param newline      the line-ending policy
 * @param umask        the umask, octal ({@code 022})
 * @param timeout      the time limit of one run
 * @param artifacts    which outputs to collect
 * @param runs         how many times to build (each in its own copy); outputs that differ between runs are non-deterministic
 * @param network      when the build may reach the network
 * @param fetchCommand the command of the fetch run ({@link NetworkPolicy#FETCH_FIRST}); empty means the build command
 * @param isolation    the strongest isolation wanted; the strongest available up to it is used
 * @param git          how the build should see the repository's git state, or {@code null} to leave it as checked out
 * @param extraEnvironment further variables for the build (for example MAVEN_OPTS); cannot replace the normalised ones
 */
public record BuildSpec(
        BuildTool tool,
        String toolVersion,
        List<String> command,
        JdkRequirement jdk,
        Newline newline,
        String umask,
        Duration timeout,
        List<SessionManifest.Artifact> artifacts,
        int runs,
        NetworkPolicy network,
        List<String> fetchCommand,
        Isolation.Level isolation,
        GitState git,
        Map<String, String> extraEnvironment) {

    public static final int DEFAULT_RUNS = 2;
    public static final String DEFAULT_UMASK = "022";
    private static final Pattern UMASK = Pattern.compile("0?[0-7]{3}");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    public BuildSpec {
        Objects.requireNonNull(tool, "tool");
        toolVersion = toolVersion == null ? "" : toolVersion;
        command = List.copyOf(command);
        Objects.requireNonNull(jdk, "jdk");
        Objects.requireNonNull(newline, "newline");
        Objects.requireNonNull(timeout, "timeout");
        artifacts = List.copyOf(artifacts);
        Objects.requireNonNull(network, "network");
        fetchCommand = List.copyOf(fetchCommand);
        Objects.requireNonNull(isolation, "isolation");
        extraEnvironment = Map.copyOf(new TreeMap<>(extraEnvironment));
        if (command.isEmpty()) {
            throw new IllegalArgumentException("empty build command");
        }
        if (!UMASK.matcher(umask).matches()) {
            throw new IllegalArgumentException("umask must be three octal digits, got '" + umask + "'");
        }
        if (runs < 1 || runs > 10) {
            throw new IllegalArgumentException("runs must be between 1 and 10, got " + runs);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        for (String name : extraEnvironment.keySet()) {
            if (!ENV_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("not an environment variable name: '" + name + "'");
            }
        }
    }

    /** A command build with the defaults: LF, umask 022, two runs, offline, the strongest isolation available. */
    public static BuildSpec of(BuildTool tool, List<String> command, JdkRequirement jdk, Duration timeout,
                               List<SessionManifest.Artifact> artifacts) {
        return new BuildSpec(tool, "", command, jdk, Newline.LF, DEFAULT_UMASK, timeout, artifacts, DEFAULT_RUNS,
                NetworkPolicy.OFFLINE, List.of(), Isolation.Level.BUBBLEWRAP, null, Map.of());
    }

    /** The tool a command's first word names: mvn/mvnw → MAVEN, gradle/gradlew → GRADLE, else COMMAND. */
    public static BuildTool toolOf(List<String> command) {
        String first = command.isEmpty() ? "" : command.get(0);
        String name = first.substring(first.lastIndexOf('/') + 1);
        return switch (name) {
            case "mvn", "mvnw", "mvn.cmd", "mvnw.cmd" -> BuildTool.MAVEN;
            case "gradle", "gradlew", "gradlew.bat" -> BuildTool.GRADLE;
            default -> BuildTool.COMMAND;
        };
    }

    /**
     * The recipe a session manifest's {@code build} describes: its {@code .buildspec} when it names one, with
     * every field the manifest gives taking precedence; the defaults of {@link #of} otherwise.
     */
    public static BuildSpec fromManifest(SessionManifest.Build build) {
        Duration timeout = Duration.ofSeconds(build.timeoutSeconds());
        BuildSpec spec;
        if (build.buildspec() != null) {
            spec = ReproducibleCentralSpec.read(build.buildspec()).toBuildSpec(timeout, build.artifacts());
            if (!build.command().isEmpty()) {
                spec = new BuildSpec(toolOf(build.command()) == BuildTool.COMMAND ? spec.tool() : toolOf(build.command()),
                        spec.toolVersion(), build.command(), spec.jdk(), spec.newline(), spec.umask(), timeout,
                        spec.artifacts(), spec.runs(), spec.network(), spec.fetchCommand(), spec.isolation(), spec.git(),
                        spec.extraEnvironment());
            }
            if (!build.jdk().isEmpty()) {
                spec = spec.withJdk(JdkRequirement.parse(build.jdk()));
            }
        } else {
            spec = of(toolOf(build.command()), build.command(), JdkRequirement.parse(build.jdk()), timeout, build.artifacts());
        }
        if (build.tool() != null) {
            spec = spec.withTool(build.tool(), spec.toolVersion());
        }
        if (build.newline() != null) {
            spec = spec.withNewline(build.newline());
        }
        if (build.runs() > 0) {
            spec = spec.withRuns(build.runs());
        }
        if (build.network() != null) {
            spec = spec.withNetwork(build.network(), spec.fetchCommand());
        }
        return spec;
    }

    public BuildSpec withRuns(int n) {
        return new BuildSpec(tool, toolVersion, command, jdk, newline, umask, timeout, artifacts, n, network,
                fetchCommand, isolation, git, extraEnvironment);
    }

    public BuildSpec withNewline(Newline n) {
        return new BuildSpec(tool, toolVersion, command, jdk, n, umask, timeout, artifacts, runs, network,
                fetchCommand, isolation, git, extraEnvironment);
    }

    public BuildSpec withNetwork(NetworkPolicy n, List<String> fetch) {
        return new BuildSpec(tool, toolVersion, command, jdk, newline, umask, timeout, artifacts, runs, n,
                fetch, isolation, git, extraEnvironment);
    }

    public BuildSpec withIsolation(Isolation.Level level) {
        return new BuildSpec(tool, toolVersion, command, jdk, newline, umask, timeout, artifacts, runs, network,
                fetchCommand, level, git, extraEnvironment);
    }

    public BuildSpec withTool(BuildTool t, String version) {
        return new BuildSpec(t, version, command, jdk, newline, umask, timeout, artifacts, runs, network,
                fetchCommand, isolation, git, extraEnvironment);
    }

    public BuildSpec withArtifacts(List<SessionManifest.Artifact> a) {
        return new BuildSpec(tool, toolVersion, command, jdk, newline, umask, timeout, a, runs, network,
                fetchCommand, isolation, git, extraEnvironment);
    }

    public BuildSpec withTimeout(Duration t) {
        return new BuildSpec(tool, toolVersion, command, jdk, newline, umask, t, artifacts, runs, network,
                fetchCommand, isolation, git, extraEnvironment);
    }

    public BuildSpec withJdk(JdkRequirement j) {
        return new BuildSpec(tool, toolVersion, command, j, newline, umask, timeout, artifacts, runs, network,
                fetchCommand, isolation, git, extraEnvironment);
    }

    public BuildSpec withGit(GitState g) {
        return new BuildSpec(tool, toolVersion, command, jdk, newline, umask, timeout, artifacts, runs, network,
                fetchCommand, isolation, g, extraEnvironment);
    }

    /**
     * How the build should see the git repository, as upstream's release build did.
     *
     * @param remoteUrl the URL {@code origin} should have, or empty to leave the remotes alone
     * @param tag       the tag being built, or empty
     * @param branch    the branch to check out at the commit, or empty for a detached HEAD (as
     *                  Reproducible Central's {@code git checkout TAG} does)
     */
    public record GitState(String remoteUrl, String tag, String branch) {
        public GitState {
            remoteUrl = remoteUrl == null ? "" : remoteUrl;
            tag = tag == null ? "" : tag;
            branch = branch == null ? "" : branch;
        }
    }
}
