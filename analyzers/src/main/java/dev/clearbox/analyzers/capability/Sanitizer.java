package dev.clearbox.analyzers.capability;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A library method that ends taint: what it returns carries none of the data it was given, for the
 * {@link Purpose} it declares. Flow analysis stops a flow at such a call (nothing is reported for the rest
 * of it). Matched on the receiver's (or, for a static call, the class's) exact static type only: a call
 * whose type the flow pass cannot name is not sanitised.
 *
 * @param type           fully-qualified declaring type
 * @param method         method name (not {@code *}: a sanitiser names each method it vouches for)
 * @param parameterTypes erased parameter types, or {@code null} for any overload
 * @param purpose        why its result is clean
 */
public record Sanitizer(String type, String method, List<String> parameterTypes, Purpose purpose) {
    public Sanitizer {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(purpose, "purpose");
        parameterTypes = parameterTypes == null ? null : List.copyOf(parameterTypes);
    }

    /** Why a sanitiser's result is clean. */
    public enum Purpose {
        /** An explicit check that answers yes or no about the data (one bit, followed only as an implicit flow). */
        VALIDATION,
        /** Maps the data onto a fixed, small set of values that do not depend on it (a constant-time comparison). */
        COMPARISON;

        public String jsonName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Purpose> fromJsonName(String text) {
            for (Purpose p : values()) {
                if (p.jsonName().equals(text)) {
                    return Optional.of(p);
                }
            }
            return Optional.empty();
        }
    }
}
