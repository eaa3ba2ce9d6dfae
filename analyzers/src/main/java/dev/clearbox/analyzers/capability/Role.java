package dev.clearbox.analyzers.capability;

import java.util.Locale;
import java.util.Optional;

/** What part an API plays in a possible exfiltration path. */
public enum Role {
    /** Has the capability, but neither yields sensitive data nor sends data away. */
    PLAIN,
    /** Yields sensitive local data (an environment variable, a file under the user's home...). */
    SOURCE,
    /** Sends data off the machine (a network write, a DNS lookup of a name that may carry data). */
    SINK;

    /** The spelling used in the model file: {@code plain}, {@code source}, {@code sink}. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the model-file spelling; empty for anything else. */
    public static Optional<Role> fromJsonName(String text) {
        for (Role role : values()) {
            if (role.jsonName().equals(text)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
