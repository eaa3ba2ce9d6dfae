package dev.clearbox.core.rebuild;

import java.util.Optional;

/** When the build may reach the network. Only takes effect where the isolation in force can cut the network. */
public enum NetworkPolicy {
    /** Never: every build run has no network. Dependencies must already be in the dependency cache. */
    OFFLINE("offline"),
    /** One fetch run with network (in a throwaway copy, filling the dependency cache), then build runs without. */
    FETCH_FIRST("fetch-first"),
    /** Every run may use the network (recorded; weakens the audit). */
    ONLINE("online");

    private final String text;

    NetworkPolicy(String text) {
        this.text = text;
    }

    /** The name in a session manifest's {@code build.network} and on the command line: offline, fetch-first or online. */
    public String text() {
        return text;
    }

    /** The policy {@code text} names, if it names one (exact spelling, as {@link #text()} gives it). */
    public static Optional<NetworkPolicy> ofText(String text) {
        return TextNames.of(values(), NetworkPolicy::text, text);
    }

    /** The accepted names, for a message: "offline, fetch-first or online". */
    public static String choices() {
        return TextNames.choices(values(), NetworkPolicy::text);
    }
}
