package dev.clearbox.analyzers.capability;

import dev.clearbox.core.Capability;
import dev.clearbox.core.Channel;
import dev.clearbox.core.Sensitivity;

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
 * @param sensitivity    for sources: the class of the data yielded (a default by capability when the model names
 *                       none, {@link #defaultSensitivity}); null for other roles
 * @param channel        for sinks: where the data goes (a default by capability, {@link #defaultChannel}); null
 *                       for other roles
 * @param sends          for sinks: which parts of the call carry data out ({@link Sends#ARGUMENTS} when the model
 *                       names none); null for other roles
 */
public record CapabilityEntry(
        String type, String method, List<String> parameterTypes, Capability capability, Role role, String data,
        Sensitivity sensitivity, Channel channel, Sends sends) {

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
        sensitivity = role != Role.SOURCE ? null : sensitivity == null ? defaultSensitivity(capability) : sensitivity;
        channel = role != Role.SINK ? null : channel == null ? defaultChannel(capability) : channel;
        sends = role != Role.SINK ? null : sends == null ? Sends.ARGUMENTS : sends;
    }

    /** An entry whose sink (if it is one) sends its arguments only. */
    public CapabilityEntry(String type, String method, List<String> parameterTypes, Capability capability, Role role,
                           String data, Sensitivity sensitivity, Channel channel) {
        this(type, method, parameterTypes, capability, role, data, sensitivity, channel, null);
    }

    /** An entry whose source class and sink channel are the defaults of its capability. */
    public CapabilityEntry(String type, String method, List<String> parameterTypes, Capability capability, Role role,
                           String data) {
        this(type, method, parameterTypes, capability, role, data, null, null, null);
    }

    /**
     * The class of a source whose entry names none: {@code environment} for environment variables and system
     * properties, {@code device-identifier} for system information and the local host, {@code personal} for
     * everything else (file contents whose path is not known, clipboard, screen).
     */
    public static Sensitivity defaultSensitivity(Capability capability) {
        return switch (capability) {
            case ENV, SYSTEM_PROPERTY -> Sensitivity.ENVIRONMENT;
            case SYSTEM_INFO, DNS -> Sensitivity.DEVICE_IDENTIFIER;
            default -> Sensitivity.PERSONAL;
        };
    }

    /** The channel of a sink whose entry names none: {@code dns-name} for DNS, {@code file} for file writes,
     * {@code ipc} for processes, {@code network-payload} otherwise. */
    public static Channel defaultChannel(Capability capability) {
        return switch (capability) {
            case DNS -> Channel.DNS_NAME;
            case FILE_WRITE -> Channel.FILE;
            case PROCESS_EXEC -> Channel.IPC;
            default -> Channel.NETWORK_PAYLOAD;
        };
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
