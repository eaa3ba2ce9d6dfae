package dev.clearbox.analyzers.capability;

/**
 * What code can do, as named by the capability model. Every model entry names one of these; the
 * analyzers turn each into a rule with a stable id (see {@code docs/rules/}).
 *
 * <p>The set is closed on purpose: a capability is public vocabulary (rule ids, SARIF, baselines),
 * so adding one is a code change with a rule page, not a line in a user file.
 */
public enum Capability {
    /** Opens connections or sends/receives data over the network. */
    NETWORK,
    /** Resolves host names (a lookup can itself carry data to a name server). */
    DNS,
    /** Reads local files or lists directories. */
    FILE_READ,
    /** Writes, moves or deletes local files. */
    FILE_WRITE,
    /** Reads environment variables. */
    ENV,
    /** Reads JVM system properties (user name, home directory...). */
    SYSTEM_PROPERTY,
    /** Starts operating-system processes. */
    PROCESS_EXEC,
    /** Calls code chosen at run time by name; the analysis cannot see the target. */
    REFLECTION,
    /** Loads or defines classes at run time; the analysis cannot see the loaded code. */
    CLASS_LOADING,
    /** Loads or declares native code, or uses unsafe memory access. */
    NATIVE,
    /** Deserializes objects (code execution risk, data decoding). */
    SERIALIZATION,
    /** Uses cryptography or changes TLS verification. */
    CRYPTO,
    /** Evaluates scripts or compiles code at run time. */
    SCRIPT_ENGINE,
    /** Reads the system clipboard. */
    CLIPBOARD,
    /** Captures the screen. */
    SCREEN_CAPTURE,
    /** Reads machine identity: hardware addresses, network interfaces, running processes. */
    SYSTEM_INFO
}
