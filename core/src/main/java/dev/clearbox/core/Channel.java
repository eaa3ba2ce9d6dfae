package dev.clearbox.core;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;
import java.util.Optional;

/**
 * Where a sink sends the data that reaches it (docs/capability-model.md, "Channels"): in a network payload, in
 * the network destination (the host, URL or address connected to), in a DNS name looked up, to a log, to a
 * file, or to another process.
 */
public enum Channel {
    NETWORK_PAYLOAD,
    NETWORK_DESTINATION,
    DNS_NAME,
    LOG,
    FILE,
    IPC;

    /** The spelling in model files and reports: {@code network-payload}, {@code dns-name}, ... */
    @JsonValue
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Parses the model-file spelling; empty for anything else. */
    public static Optional<Channel> fromJsonName(String text) {
        for (Channel c : values()) {
            if (c.jsonName().equals(text)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** The spellings, for error messages. */
    public static String names() {
        StringBuilder b = new StringBuilder();
        for (Channel c : values()) {
            b.append(b.isEmpty() ? "" : ", ").append(c.jsonName());
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return jsonName();
    }
}
