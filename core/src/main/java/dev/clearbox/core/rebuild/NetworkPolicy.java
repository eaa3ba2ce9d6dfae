package dev.clearbox.core.rebuild;

/** When the build may reach the network. Only takes effect where the isolation in force can cut the network. */
public enum NetworkPolicy {
    /** Never: every build run has no network. Dependencies must already be in the dependency cache. */
    OFFLINE,
    /** One fetch run with network (in a throwaway copy, filling the dependency cache), then build runs without. */
    FETCH_FIRST,
    /** Every run may use the network (recorded; weakens the audit). */
    ONLINE
}
