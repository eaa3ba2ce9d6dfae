package dev.clearbox.core.rebuild.internal;

import dev.clearbox.core.rebuild.Isolation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The isolation a build runs under, chosen at run time from what this machine allows: bubblewrap, then a
 * user + network namespace ({@code unshare -rn}), then its own session ({@code setsid}), then nothing.
 * Each candidate is probed by running {@code true} under exactly the flags a build would get, so a
 * machine that has the binary but forbids namespaces falls back honestly.
 */
public final class Sandbox {
    private static final List<Path> BIN_DIRS = List.of(Path.of("/usr/bin"), Path.of("/bin"), Path.of("/usr/local/bin"));

    private final Isolation.Level level;
    private final Path binary;
    private final Path setsid;
    private final List<String> unavailable;

    private Sandbox(Isolation.Level level, Path binary, Path setsid, List<String> unavailable) {
        this.level = level;
        this.binary = binary;
        this.setsid = setsid;
        this.unavailable = List.copyOf(unavailable);
    }

    /** The strongest isolation available up to {@code wanted}. */
    public static Sandbox detect(Isolation.Level wanted) {
        List<String> unavailable = new ArrayList<>();
        Path setsid = find("setsid");
        if (wanted.compareTo(Isolation.Level.BUBBLEWRAP) >= 0) {
            Path bwrap = find("bwrap");
            if (bwrap == null) {
                unavailable.add("bubblewrap: bwrap not installed");
            } else if (!probe(bubblewrapArgs(bwrap, Path.of("/"), false, List.of()))) {
                unavailable.add("bubblewrap: " + bwrap + " cannot create namespaces here");
            } else {
                return new Sandbox(Isolation.Level.BUBBLEWRAP, bwrap, setsid, unavailable);
            }
        }
        if (wanted.compareTo(Isolation.Level.USER_NAMESPACE) >= 0) {
            Path unshare = find("unshare");
            if (unshare == null) {
                unavailable.add("user namespace: unshare not installed");
            } else if (!probe(List.of(unshare.toString(), "-r", "-n", "--", "/bin/sh", "-c", "true"))) {
                unavailable.add("user namespace: unprivileged user namespaces are not allowed here");
            } else {
                return new Sandbox(Isolation.Level.USER_NAMESPACE, unshare, setsid, unavailable);
            }
        }
        if (wanted.compareTo(Isolation.Level.PROCESS_GROUP) >= 0) {
            if (setsid != null) {
                return new Sandbox(Isolation.Level.PROCESS_GROUP, null, setsid, unavailable);
            }
            unavailable.add("process group: setsid not installed");
        }
        return new Sandbox(Isolation.Level.NONE, null, null, unavailable);
    }

    public Isolation.Level level() {
        return level;
    }

    /** Why stronger levels were not used, one string each. */
    public List<String> unavailable() {
        return unavailable;
    }

    /** Whether the build's process group can be killed as a whole. */
    public boolean ownSession() {
        return setsid != null && level != Isolation.Level.NONE;
    }

    /** What this isolation means for a run with or without network. */
    public Isolation describe(boolean network) {
        String net = network ? "network allowed" : "no network";
        return switch (level) {
            case BUBBLEWRAP -> new Isolation(level, "bubblewrap (" + binary + "): " + (network ? "network allowed" : "no network (own network namespace)")
                    + "; file system read-only except the build tree and a private /tmp; own PID namespace and session");
            case USER_NAMESPACE -> new Isolation(level, "unshare -r" + (network ? "" : "n") + " (" + binary + "): own user namespace, "
                    + (network ? "network allowed" : "no network (own network namespace)")
                    + "; the file system is not restricted beyond the user's rights; own session (setsid)");
            case PROCESS_GROUP -> new Isolation(level, "own session and process group (setsid), killed as a whole; "
                    + net + " only by policy, not enforced; file system not restricted");
            case NONE -> new Isolation(level, "a plain child process; descendants killed on timeout as far as the JVM sees them; "
                    + "network and file system not restricted");
        };
    }

    /**
     * The command line that runs {@code command} in {@code tree} under this isolation.
     *
     * @param writable further directories the build may write (the dependency cache during a fetch run)
     */
    public List<String> wrap(List<String> command, Path tree, boolean network, List<Path> writable) {
        List<String> out = new ArrayList<>();
        switch (level) {
            case BUBBLEWRAP -> {
                if (setsid != null) {
                    out.add(setsid.toString());
                }
                out.addAll(bubblewrapArgs(binary, tree, network, writable));
            }
            case USER_NAMESPACE -> {
                if (setsid != null) {
                    out.add(setsid.toString());
                }
                out.add(binary.toString());
                out.add("-r");
                if (!network) {
                    out.add("-n");
                }
                out.add("--");
            }
            case PROCESS_GROUP -> out.add(setsid.toString());
            case NONE -> {
            }
        }
        out.addAll(command);
        return out;
    }

    private static List<String> bubblewrapArgs(Path bwrap, Path tree, boolean network, List<Path> writable) {
        List<String> a = new ArrayList<>(List.of(bwrap.toString(),
                "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp"));
        for (Path w : writable) {
            if (Files.isDirectory(w)) {
                a.addAll(List.of("--bind", w.toString(), w.toString()));
            }
        }
        a.addAll(List.of("--bind", tree.toString(), tree.toString()));
        if (!network) {
            a.add("--unshare-net");
        }
        a.addAll(List.of("--unshare-pid", "--unshare-ipc", "--die-with-parent", "--new-session",
                "--chdir", tree.toString(), "--"));
        return a;
    }

    private static boolean probe(List<String> command) {
        List<String> c = new ArrayList<>(command);
        if (c.get(c.size() - 1).equals("--")) {
            c.addAll(List.of("/bin/sh", "-c", "true"));
        }
        try {
            Process p = new ProcessBuilder(c).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
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
