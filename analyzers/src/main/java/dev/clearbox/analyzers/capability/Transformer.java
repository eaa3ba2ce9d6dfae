package dev.clearbox.analyzers.capability;

import java.util.List;
import java.util.Objects;

/**
 * An API that changes the form of data without cleaning it (encoding, hashing, encryption,
 * compression). Flow analysis keeps tracking data through it and labels the step.
 *
 * @param type           fully-qualified declaring type
 * @param method         method name, {@code <init>} or {@code *}
 * @param parameterTypes erased parameter types, or {@code null} for any overload
 * @param label          how the data looks afterwards, for example {@code Base64-encoded}
 */
public record Transformer(String type, String method, List<String> parameterTypes, String label) {
    public Transformer {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(label, "label");
        parameterTypes = parameterTypes == null ? null : List.copyOf(parameterTypes);
    }
}
