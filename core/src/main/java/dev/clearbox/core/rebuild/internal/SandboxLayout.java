package dev.clearbox.core.rebuild.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What a sandboxed build sees of the file system, as an ordered list of mount steps that both sandboxes
 * (bubblewrap and the util-linux {@code unshare} one) apply in this order, so they enforce the same view:
 *
 * <ul>
 *   <li>the system ({@code /usr}, {@code /etc} and the merged-usr links {@code /bin}, {@code /lib}, …) read-only,
 *       with the secrets of {@code /etc} ({@link #ETC_SECRETS}) masked;</li>
 *   <li>the JDK and the build tool read-only, where they are not under {@code /usr};</li>
 *   <li>a fresh {@code /dev} (null, zero, full, random, urandom, tty, shm), a {@code /proc} of the build's own PID namespace;</li>
 *   <li>a private, size-capped {@code /tmp} and a private, size-capped home directory (in memory, gone when the build ends),
 *       into which only the dependency caches are bound: read-only, or writable where the run may fill them;</li>
 *   <li>the build's own copy of the tree, writable.</li>
 * </ul>
 *
 * Nothing else exists for the build: not the auditor's home, keys, the workspace around the build copy, other
 * workspaces, the original checkout, {@code /root}, {@code /home}, {@code /var}, {@code /run}, {@code /sys}.
 * Mount points are only ever created inside the sandbox's own in-memory directories (its root, {@code /tmp},
 * the home), never in a directory of this machine.
 */
public final class SandboxLayout {
    /** Files and directories of /etc that a build has no business reading; masked by an empty file or directory. */
    static final List<String> ETC_SECRETS = List.of("/etc/shadow", "/etc/shadow-", "/etc/gshadow", "/etc/gshadow-",
            "/etc/sudoers", "/etc/sudoers.d", "/etc/ssh", "/etc/ssl/private", "/etc/security/opasswd",
            "/etc/machine-id", "/etc/krb5.keytab", "/etc/libvirt", "/etc/docker", "/etc/containers/auth.json");
    private static final List<String> SYSTEM_DIRS = List.of("/usr", "/etc");
    private static final List<String> MERGED_USR = List.of("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32");

    /** One mount step. {@code source} is a path of this machine; {@code target} a path inside the sandbox. */
    public record Step(Kind kind, String source, String target) {
    }

    /** The kinds of step. */
    public enum Kind {
        /** Bind {@code source} at {@code target}, read-only. */
        RO,
        /** Bind {@code source} at {@code target}, writable. */
        RW,
        /** A symbolic link at {@code target} pointing to {@code source}. */
        LINK,
        /** Hide {@code target}: an empty read-only directory over a directory, /dev/null over a file. */
        MASK,
        /** A fresh in-memory directory at {@code target}, writable, of at most {@code source} bytes. */
        TMPFS,
        /** A fresh /dev with the harmless devices only. */
        DEV,
        /** /proc of the build's PID namespace. */
        PROC
    }

    /**
     * What one build run may see and write.
     *
     * @param tree        the build copy (writable)
     * @param home        the home directory the build gets in its environment (a private in-memory one)
     * @param readOnly    further directories of this machine the build may read (JDK, build tool, dependency caches)
     * @param writable    further directories the build may write (the dependency cache during a fetch run)
     * @param network     whether the run may use the network (then name resolution files are made visible)
     * @param tmpBytes    size of the private /tmp and of the private home
     * @param aliases     directories of this machine bound at another path inside the sandbox (the session's dependency
     *                    cache at {@code ~/.m2/repository} of the private home), besides any binding at their own path
     */
    public record Policy(Path tree, Path home, List<Path> readOnly, List<Path> writable, boolean network, long tmpBytes,
                         List<Alias> aliases) {
        public Policy {
            readOnly = List.copyOf(readOnly);
            writable = List.copyOf(writable);
            aliases = List.copyOf(aliases);
        }

        /** A policy without aliases. */
        public Policy(Path tree, Path home, List<Path> readOnly, List<Path> writable, boolean network, long tmpBytes) {
            this(tree, home, readOnly, writable, network, tmpBytes, List.of());
        }
    }

    /**
     * A directory of this machine shown at another path inside the sandbox.
     *
     * @param source   the directory of this machine (left out when it does not exist)
     * @param target   where the build sees it; under the private home or another in-memory directory of the sandbox
     * @param writable whether the build may write it
     */
    public record Alias(Path source, Path target, boolean writable) {
    }

    private final List<Step> steps;
    private final Path tree;

    private SandboxLayout(List<Step> steps, Path tree) {
        this.steps = List.copyOf(steps);
        this.tree = tree;
    }

    /** The layout for one run. Directories that do not exist on this machine are left out. */
    public static SandboxLayout of(Policy policy) {
        List<Step> steps = new ArrayList<>();
        for (String dir : SYSTEM_DIRS) {
            if (Files.isDirectory(Path.of(dir))) {
                steps.add(new Step(Kind.RO, dir, dir));
            }
        }
        for (String dir : MERGED_USR) {
            Path p = Path.of(dir);
            if (Files.isSymbolicLink(p)) {
                try {
                    steps.add(new Step(Kind.LINK, Files.readSymbolicLink(p).toString(), dir));
                } catch (IOException e) {
                    // unreadable link: leave it out
                }
            } else if (Files.isDirectory(p)) {
                steps.add(new Step(Kind.RO, dir, dir));
            }
        }
        for (String secret : ETC_SECRETS) {
            if (Files.exists(Path.of(secret), LinkOption.NOFOLLOW_LINKS)) {
                steps.add(new Step(Kind.MASK, "", secret));
            }
        }
        if (policy.network()) {
            resolvConfTarget().ifPresent(t -> steps.add(new Step(Kind.RO, t.toString(), t.toString())));
        }
        steps.add(new Step(Kind.DEV, "", "/dev"));
        steps.add(new Step(Kind.PROC, "", "/proc"));
        steps.add(new Step(Kind.TMPFS, Long.toString(policy.tmpBytes()), "/tmp"));
        Path home = policy.home();
        if (home != null && home.getNameCount() > 0 && !covered(home.toString(), steps)) {
            steps.add(new Step(Kind.TMPFS, Long.toString(policy.tmpBytes()), home.toString()));
        }
        List<Step> binds = new ArrayList<>();
        for (Path p : policy.readOnly()) {
            if (!Files.exists(p)) {
                continue;
            }
            // Bound where it really is (a link under /usr to a JDK in /opt must still lead somewhere), and where it is named.
            String real = real(p);
            if (!covered(real, steps)) {
                binds.add(new Step(Kind.RO, real, real));
            }
            if (!real.equals(p.toString()) && !covered(p.toString(), steps)) {
                binds.add(new Step(Kind.RO, real, p.toString()));
            }
        }
        for (Path p : policy.writable()) {
            if (Files.isDirectory(p)) {
                binds.add(new Step(Kind.RW, real(p), p.toString()));
            }
        }
        for (Alias a : policy.aliases()) {
            if (Files.isDirectory(a.source()) && !covered(a.target().toString(), steps)) {
                binds.add(new Step(a.writable() ? Kind.RW : Kind.RO, real(a.source()), a.target().toString()));
            }
        }
        binds.add(new Step(Kind.RW, real(policy.tree()), policy.tree().toString()));
        // Parents before children, so that no mount hides another.
        binds.sort(Comparator.comparingInt((Step s) -> Path.of(s.target()).getNameCount()));
        steps.addAll(binds);
        return new SandboxLayout(steps, policy.tree());
    }

    public List<Step> steps() {
        return steps;
    }

    /** The directory the build starts in. */
    public Path tree() {
        return tree;
    }

    /** Whether {@code path} lies under a read-only system directory already in the layout. */
    private static boolean covered(String path, List<Step> steps) {
        for (Step s : steps) {
            if (s.kind() == Kind.RO && SYSTEM_DIRS.contains(s.target())
                    && (path.equals(s.target()) || path.startsWith(s.target() + "/"))) {
                return true;
            }
        }
        return false;
    }

    private static String real(Path p) {
        try {
            return p.toRealPath().toString();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize().toString();
        }
    }

    /** Where /etc/resolv.conf really lives when it is a link out of /etc (systemd-resolved), so a fetch run can resolve names. */
    private static java.util.Optional<Path> resolvConfTarget() {
        Path conf = Path.of("/etc/resolv.conf");
        if (!Files.isSymbolicLink(conf)) {
            return java.util.Optional.empty();
        }
        try {
            Path dir = conf.toRealPath().getParent();
            return dir == null || dir.startsWith("/etc") || dir.startsWith("/usr") ? java.util.Optional.empty()
                    : java.util.Optional.of(dir);
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }
}
