package dev.clearbox.core;

import java.util.Objects;

/** One step of an exfiltration path: where it happens, in which method, and what happens there. */
public record PathStep(Location location, String method, String note) {
    public PathStep {
        Objects.requireNonNull(location, "location");
        method = method == null ? "" : method;
        note = note == null ? "" : note;
    }
}
