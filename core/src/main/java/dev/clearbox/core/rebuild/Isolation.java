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

    /** Isolation levels, weakest first. */
    public enum Level {
        /** The build runs as a plain child process. */
        NONE,
        /** The build runs in its own session and process group; the whole group is killed at the end or on timeout. */
        PROCESS_GROUP,
        /** As PROCESS_GROUP, plus a user and network namespace ({@code unshare -rn}): no network; the file system is not restricted. */
        USER_NAMESPACE,
        /** bubblewrap: no network, a read-only file system except the build tree and a private /tmp, own PID namespace. */
        BUBBLEWRAP
    }
}
