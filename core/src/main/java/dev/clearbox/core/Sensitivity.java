package dev.clearbox.core;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;
import java.util.Optional;

/**
 * How sensitive the data a source yields is (docs/capability-model.md, "Sensitivity"), from least to most:
 * the classes a capability model gives its sources, and from which, with the sink's {@link Channel}, a flow's
 * severity is derived (docs/source-analyzer.md, "Severity of a flow").
 */
public enum Sensitivity {
    /** The product's own configuration files and resources. */
    CONFIGURATION,
    /** Environment variables and system properties. */
    ENVIRONMENT,
    /** What identifies the machine or its user: host name, MAC address, serial numbers, user name. */
    DEVICE_IDENTIFIER,
    /** The user's own data: files in the home directory, contacts, the clipboard, the screen. */
    PERSONAL,
    /** Keys, credentials, tokens, password fields, key stores. */
    SECRET;

    /** The spelling in model files and reports: {@code secret}, {@code device-identifier}, ... */
    @JsonValue
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Parses the model-file spelling; empty for anything else. */
    public static Optional<Sensitivity> fromJsonName(String text) {
        for (Sensitivity s : values()) {
            if (s.jsonName().equals(text)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** The spellings, for error messages: {@code secret, personal, ...}. */
    public static String names() {
        StringBuilder b = new StringBuilder();
        for (int i = values().length - 1; i >= 0; i--) {
            b.append(values()[i].jsonName()).append(i > 0 ? ", " : "");
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return jsonName();
    }
}
