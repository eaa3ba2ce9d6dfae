package dev.clearbox.core.rebuild;

import java.util.Objects;

/**
 * The isolation a build ran under, as far as Clearbox could establish it on this machine.
 *
 * @param level  the strongest isolation in force
 * @param detail what it means here, in words (which directories were writable, whether the network was cut)
 */
public record Isolation(Level level, String detail) {
    public Isolation {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(detail, "detail");
    }

    /** Whether the build ran in one of the two sandboxes. */
    public boolean sandboxed() {
        return level.compareTo(Level.USER_NAMESPACE) >= 0;
    }

    /**
     * Isolation levels, weakest first. The two strongest are sandboxes with the same rules (see docs/rebuild.md);
     * the two weakest are not sandboxes and are only used with the auditor's explicit consent.
     */
    public enum Level {
        /** Not a sandbox: the build runs as a plain child process. */
        NONE,
        /** Not a sandbox: the build runs in its own session and process group, killed as a whole at the end or on timeout. */
        PROCESS_GROUP,
        /**
         * The sandbox built from util-linux {@code unshare} (user, mount, PID, IPC, UTS and network namespaces) with
         * read-only bind mounts and {@code pivot_root}: the same file-system view and rules as {@link #BUBBLEWRAP}.
         */
        USER_NAMESPACE,
        /** bubblewrap: no network, a read-only system, writable only the build copy, private /tmp and home, own PID namespace. */
        BUBBLEWRAP
    }
}
