package dev.clearbox.core.rebuild.internal;

import dev.clearbox.core.rebuild.Isolation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The sandbox a vendor's build runs in, chosen at run time from what this machine allows.
 *
 * <p>Both sandboxes apply the same {@link SandboxLayout} and the same rules: a read-only system and JDK; writable
 * only the build copy, a private /tmp and a private home (both in memory, size-capped); nothing of the auditor's
 * home, keys, workspace or checkout; no network unless the run is the declared fetch run; own PID, IPC and UTS
 * namespaces, so the build cannot see or signal Clearbox and everything it started dies with it; no
 * capabilities; and the whole sandbox is killed if Clearbox dies. Every file it writes is capped in size
 * ({@code prlimit --fsize}).
 *
 * <ul>
 *   <li>{@link Isolation.Level#BUBBLEWRAP}: {@code bwrap} where installed;</li>
 *   <li>{@link Isolation.Level#USER_NAMESPACE}: util-linux {@code unshare} (user, mount, PID, IPC, UTS, network
 *       namespaces) running {@code sandbox-setup.sh}, which builds the same file-system view with bind mounts and
 *       {@code pivot_root} and drops every capability before the build starts.</li>
 * </ul>
 *
 * Each candidate is probed by running {@code true} under exactly the mechanism a build gets, so a machine that
 * has the binary but forbids namespaces falls back honestly. Below these, {@link Isolation.Level#PROCESS_GROUP}
 * and {@link Isolation.Level#NONE} are not sandboxes; the rebuild stage only uses them when the auditor asked
 * for an unsandboxed build.
 */
public final class Sandbox {
    private static final List<Path> BIN_DIRS = List.of(Path.of("/usr/bin"), Path.of("/bin"), Path.of("/usr/sbin"),
            Path.of("/sbin"), Path.of("/usr/local/bin"));
    private static final String SETUP_SCRIPT = script();

    /** What to do about the machine when no sandbox works. */
    public static final String HOW_TO_GET_ONE = "install bubblewrap (Debian/Ubuntu: apt-get install bubblewrap; "
            + "Fedora: dnf install bubblewrap) or allow unprivileged user namespaces "
            + "(sysctl kernel.unprivileged_userns_clone=1, or kernel.apparmor_restrict_unprivileged_userns=0), "
            + "or rebuild with --unsandboxed-build to run the vendor's build without a sandbox";

    private final Isolation.Level level;
    private final Path binary;
    private final Path setsid;
    private final Path setpriv;
    private final Path prlimit;
    private final List<String> unavailable;

    private Sandbox(Isolation.Level level, Path binary, Path setsid, Path setpriv, Path prlimit, List<String> unavailable) {
        this.level = level;
        this.binary = binary;
        this.setsid = setsid;
        this.setpriv = setpriv;
        this.prlimit = prlimit;
        this.unavailable = List.copyOf(unavailable);
    }

    /**
     * The strongest isolation available up to {@code wanted}.
     *
     * @param scratch an empty directory of Clearbox's own where the probe may run (the rebuild stage's directory)
     */
    public static Sandbox detect(Isolation.Level wanted, Path scratch) {
        List<String> unavailable = new ArrayList<>();
        Path setsid = find("setsid");
        Path setpriv = find("setpriv");
        Path prlimit = find("prlimit");
        if (wanted.compareTo(Isolation.Level.BUBBLEWRAP) >= 0) {
            Path bwrap = find("bwrap");
            if (bwrap == null) {
                unavailable.add("bubblewrap: bwrap not installed");
            } else {
                Sandbox candidate = new Sandbox(Isolation.Level.BUBBLEWRAP, bwrap, setsid, setpriv, prlimit, unavailable);
                String problem = candidate.probe(scratch);
                if (problem.isEmpty()) {
                    return candidate;
                }
                unavailable.add("bubblewrap: " + bwrap + " cannot make its sandbox here (" + problem + ")");
            }
        }
        if (wanted.compareTo(Isolation.Level.USER_NAMESPACE) >= 0) {
            Path unshare = find("unshare");
            Path pivotRoot = find("pivot_root");
            if (unshare == null || setpriv == null || pivotRoot == null) {
                unavailable.add("user namespace: util-linux unshare, setpriv and pivot_root are not all installed");
            } else {
                Sandbox candidate = new Sandbox(Isolation.Level.USER_NAMESPACE, unshare, setsid, setpriv, prlimit, unavailable);
                String problem = candidate.probe(scratch);
                if (problem.isEmpty()) {
                    return candidate;
                }
                unavailable.add("user namespace: " + unshare + " cannot make its sandbox here (" + problem + ")");
            }
        }
        if (wanted.compareTo(Isolation.Level.PROCESS_GROUP) >= 0) {
            if (setsid != null) {
                return new Sandbox(Isolation.Level.PROCESS_GROUP, null, setsid, setpriv, prlimit, unavailable);
            }
            unavailable.add("process group: setsid not installed");
        }
        return new Sandbox(Isolation.Level.NONE, null, null, setpriv, prlimit, unavailable);
    }

    public Isolation.Level level() {
        return level;
    }

    /** Whether this is one of the two sandboxes (and not merely a process group or a plain process). */
    public boolean sandboxed() {
        return level.compareTo(Isolation.Level.USER_NAMESPACE) >= 0;
    }

    /** Why stronger levels were not used, one string each. */
    public List<String> unavailable() {
        return unavailable;
    }

    /** Whether the build's process group can be killed as a whole (outside a sandbox, whose PID namespace does it). */
    public boolean ownSession() {
        return setsid != null && level == Isolation.Level.PROCESS_GROUP;
    }

    /** What this isolation means for a run with or without network. */
    public Isolation describe(boolean network) {
        String net = network ? "network allowed" : "no network (own network namespace)";
        String rules = "; reads a read-only system and JDK, writes only its build copy, a private /tmp and a private home "
                + "(the dependency caches bound into it), sees nothing of the auditor's home, keys or workspace; "
                + "own PID namespace (cannot signal Clearbox; everything it started is killed when it ends), no capabilities";
        return switch (level) {
            case BUBBLEWRAP -> new Isolation(level, "bubblewrap (" + binary + "): " + net + rules);
            case USER_NAMESPACE -> new Isolation(level, "util-linux unshare (" + binary + ") with a mount namespace and "
                    + "read-only bind mounts: " + net + rules);
            case PROCESS_GROUP -> new Isolation(level, "UNSANDBOXED: own session and process group (setsid), killed as a whole; "
                    + "network and file system not restricted; the build could read and change anything this user can");
            case NONE -> new Isolation(level, "UNSANDBOXED: a plain child process; descendants killed on timeout as far as the JVM "
                    + "sees them; network and file system not restricted");
        };
    }

    /**
     * The command line that runs {@code command} under this isolation.
     *
     * @param layout       what the build sees (ignored outside a sandbox)
     * @param rootMount    an empty directory of Clearbox's own on which the unshare sandbox mounts its root
     * @param network      whether the run may use the network
     * @param maxFileBytes the largest file the build may write
     */
    public List<String> wrap(List<String> command, SandboxLayout layout, Path rootMount, boolean network, long maxFileBytes) {
        List<String> out = new ArrayList<>();
        if (prlimit != null) {
            out.addAll(List.of(prlimit.toString(), "--fsize=" + maxFileBytes + ":" + maxFileBytes, "--"));
        }
        switch (level) {
            case BUBBLEWRAP -> out.addAll(bubblewrap(layout, network));
            case USER_NAMESPACE -> out.addAll(unshare(layout, rootMount, network));
            case PROCESS_GROUP -> out.add(setsid.toString());
            case NONE -> {
            }
        }
        out.addAll(command);
        return out;
    }

    private List<String> bubblewrap(SandboxLayout layout, boolean network) {
        List<String> a = new ArrayList<>(List.of(binary.toString(), "--unshare-all"));
        if (network) {
            a.add("--share-net");
        }
        a.addAll(List.of("--die-with-parent", "--new-session", "--cap-drop", "ALL", "--hostname", "clearbox-build"));
        for (SandboxLayout.Step s : layout.steps()) {
            switch (s.kind()) {
                case RO -> a.addAll(List.of("--ro-bind", s.source(), s.target()));
                case RW -> a.addAll(List.of("--bind", s.source(), s.target()));
                case LINK -> a.addAll(List.of("--symlink", s.source(), s.target()));
                case MASK -> a.addAll(Files.isDirectory(Path.of(s.target()))
                        ? List.of("--perms", "0755", "--tmpfs", s.target(), "--remount-ro", s.target())
                        : List.of("--ro-bind", "/dev/null", s.target()));
                case TMPFS -> a.addAll(List.of("--perms", s.target().equals("/tmp") ? "1777" : "0700",
                        "--size", s.source(), "--tmpfs", s.target()));
                case DEV -> a.addAll(List.of("--dev", s.target()));
                case PROC -> a.addAll(List.of("--proc", s.target()));
            }
        }
        a.addAll(List.of("--remount-ro", "/", "--chdir", layout.tree().toString(), "--"));
        return a;
    }

    private List<String> unshare(SandboxLayout layout, Path rootMount, boolean network) {
        List<String> a = new ArrayList<>(List.of(setpriv.toString(), "--pdeathsig", "KILL", "--",
                binary.toString(), "--user", "--map-root-user", "--mount", "--pid", "--fork", "--kill-child",
                "--ipc", "--uts"));
        if (!network) {
            a.add("--net");
        }
        a.addAll(List.of("--propagation", "private", "--", "/bin/sh", "-c", SETUP_SCRIPT, "clearbox-sandbox",
                rootMount.toString()));
        for (SandboxLayout.Step s : layout.steps()) {
            switch (s.kind()) {
                case RO -> a.addAll(List.of("ro", s.source(), s.target()));
                case RW -> a.addAll(List.of("rw", s.source(), s.target()));
                case LINK -> a.addAll(List.of("link", s.source(), s.target()));
                case MASK -> a.addAll(List.of("mask", s.target()));
                case TMPFS -> a.addAll(List.of("tmpfs", s.source(), s.target()));
                case DEV -> a.add("dev");
                case PROC -> a.add("proc");
            }
        }
        a.addAll(List.of("--", layout.tree().toString()));
        return a;
    }

    /** Runs {@code true} in a throwaway sandbox; empty when it worked, else what went wrong. */
    private String probe(Path scratch) {
        Path dir = scratch.resolve(".sandbox-probe");
        try {
            Path tree = Files.createDirectories(dir.resolve("tree"));
            Path root = Files.createDirectories(dir.resolve("root"));
            SandboxLayout layout = SandboxLayout.of(new SandboxLayout.Policy(tree, null, List.of(), List.of(), false, 1 << 20));
            Process p = new ProcessBuilder(wrap(List.of("/bin/sh", "-c", "true"), layout, root, false, 1 << 20))
                    .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            byte[] out;
            try (InputStream in = p.getInputStream()) {
                out = in.readNBytes(4096);
            }
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "timed out";
            }
            if (p.exitValue() == 0) {
                return "";
            }
            String text = new String(out, StandardCharsets.UTF_8).strip();
            int nl = text.indexOf('\n');
            return "exit " + p.exitValue() + (text.isEmpty() ? "" : ": " + (nl < 0 ? text : text.substring(0, nl)));
        } catch (IOException e) {
            return e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } finally {
            try {
                dev.clearbox.core.workspace.Workspace.deleteTree(dir, true);
            } catch (IOException | RuntimeException e) {
                // a probe directory left behind is harmless
            }
        }
    }

    private static String script() {
        try (InputStream in = Sandbox.class.getResourceAsStream("sandbox-setup.sh")) {
            if (in == null) {
                throw new IllegalStateException("sandbox-setup.sh is missing from the Clearbox jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path find(String name) {
        for (Path dir : BIN_DIRS) {
            Path p = dir.resolve(name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }
}
