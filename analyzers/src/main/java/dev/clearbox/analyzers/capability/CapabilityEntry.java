package dev.clearbox.analyzers.capability;

import dev.clearbox.core.Capability;

import java.util.List;
import java.util.Objects;

/**
 * One API the model knows: calling {@code type#method} gives {@code capability}.
 *
 * @param type           fully-qualified declaring type, nested types with dots ({@code java.util.Base64.Encoder})
 * @param method         method name, {@code <init>} for constructors, {@code *} for any method of the type
 * @param parameterTypes fully-qualified erased parameter types, or {@code null} for any overload
 * @param capability     what the call can do; a {@linkplain Capability#modelled() modelled} capability
 * @param role           plain, source or sink
 * @param data           for sources: the data yielded ("environment variable"); otherwise a short note or empty
 */
public record CapabilityEntry(
        String type, String method, List<String> parameterTypes, Capability capability, Role role, String data) {

    /** The method name that matches any method of the type. */
    public static final String ANY_METHOD = "*";
    /** The method name of constructors. */
    public static final String CONSTRUCTOR = "<init>";

    public CapabilityEntry {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(capability, "capability");
        if (!capability.modelled()) {
            throw new IllegalArgumentException(capability + " is not a capability a model can name");
        }
        Objects.requireNonNull(role, "role");
        parameterTypes = parameterTypes == null ? null : List.copyOf(parameterTypes);
        data = data == null ? "" : data;
    }

    /** {@code type#method} as findings name the API. */
    public String api() {
        return type + "#" + method;
    }

    /** True when this entry stands for every method of its type. */
    public boolean isWildcard() {
        return ANY_METHOD.equals(method);
    }
}
