package dev.clearbox.core;

/**
 * What a finding is about. Most are what code can do, as the capability model names it ({@link #modelled()}:
 * each has a source rule {@code CBX-SRC-<NAME>} and a binary rule {@code CBX-BIN-<NAME>} that take this
 * severity and title). The others are what the analysis sees about the code or the package itself (a hidden
 * string, a class without source, a broken jar signature...); a capability model cannot name them, and each is
 * reported by one rule, which takes its severity and title from here.
 *
 * <p>The set is closed on purpose: a capability is public vocabulary (rule ids, SARIF, baselines), so adding one
 * is a code change with a rule page, not a line in a user file. A user model attaches APIs to these names.
 * A capability serialises as its name.
 */
public enum Capability {
    /** Opens connections or sends/receives data over the network. */
    NETWORK(Severity.HIGH, "Network connection or transfer"),
    /** Resolves host names (a lookup can itself carry data to a name server). */
    DNS(Severity.HIGH, "Host name resolution"),
    /** Reads local files or lists directories. */
    FILE_READ(Severity.MEDIUM, "Local file read or directory listing"),
    /** Writes, moves or deletes local files. */
    FILE_WRITE(Severity.LOW, "Local file write, move or delete"),
    /** Reads environment variables. */
    ENV(Severity.MEDIUM, "Environment variable read"),
    /** Reads JVM system properties (user name, home directory...). */
    SYSTEM_PROPERTY(Severity.LOW, "System property read"),
    /** Starts operating-system processes. */
    PROCESS_EXEC(Severity.HIGH, "Operating-system process started"),
    /** Calls code chosen at run time by name; the analysis cannot see the target. */
    REFLECTION(Severity.MEDIUM, "Reflective call the analysis cannot follow"),
    /** Loads or defines classes at run time; the analysis cannot see the loaded code. */
    CLASS_LOADING(Severity.HIGH, "Class loaded or defined at run time"),
    /** Loads or declares native code, or uses unsafe memory access. */
    NATIVE(Severity.HIGH, "Native code or unsafe memory access"),
    /** Deserializes objects (code execution risk, data decoding). */
    SERIALIZATION(Severity.MEDIUM, "Object deserialization"),
    /** Uses cryptography or changes TLS verification. */
    CRYPTO(Severity.LOW, "Cryptography or TLS configuration"),
    /** Evaluates scripts or compiles code at run time. */
    SCRIPT_ENGINE(Severity.HIGH, "Script evaluation or run-time compilation"),
    /** Reads the system clipboard. */
    CLIPBOARD(Severity.MEDIUM, "Clipboard access"),
    /** Captures the screen. */
    SCREEN_CAPTURE(Severity.HIGH, "Screen capture"),
    /** Reads machine identity: hardware addresses, network interfaces, running processes. */
    SYSTEM_INFO(Severity.MEDIUM, "Machine identity read (hardware address, processes)"),

    /** Not modelled: a string hidden from plain reading in the source. */
    HIDDEN_STRING(Severity.HIGH, "String hidden from plain reading (Base64, char or byte array, XOR or shift loop)", false),
    /** Not modelled: the source declares a type named like a modelled API. */
    SHADOWED_API(Severity.HIGH, "Source declares a type with the name of an API the capability model knows", false),
    /** Not modelled: a shipped class with no source file. */
    NO_SOURCE(Severity.HIGH, "Shipped class with no source file", false),
    /** Not modelled: names made short to hide what code does. */
    OBFUSCATION(Severity.MEDIUM, "Obfuscated names", false),
    /** Not modelled: a class or jar built differently from the rest of the product. */
    BUILD(Severity.MEDIUM, "Built differently from the rest of the product", false),
    /** Not modelled: what is at stake is the package's integrity (its jar signatures), not a code capability. */
    PACKAGE_INTEGRITY(Severity.HIGH, "A shipped jar's signature does not verify", false);

    private final Severity severity;
    private final String title;
    private final boolean modelled;

    Capability(Severity severity, String title) {
        this(severity, title, true);
    }

    Capability(Severity severity, String title, boolean modelled) {
        this.severity = severity;
        this.title = title;
        this.modelled = modelled;
    }

    /** The severity of the rules that report this capability (the capability rules, or the one rule of a non-modelled one). */
    public Severity severity() {
        return severity;
    }

    /** A short title, the title of the rules that report it. */
    public String title() {
        return title;
    }

    /** Whether a capability model may attach APIs to it (and the analyzers have one rule each for it). */
    public boolean modelled() {
        return modelled;
    }

    @com.fasterxml.jackson.annotation.JsonValue
    String json() {
        return name();
    }
}
