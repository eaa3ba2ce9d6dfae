package dev.clearbox.analyzers.capability;

import dev.clearbox.core.Channel;
import dev.clearbox.core.Sensitivity;
import dev.clearbox.core.Severity;

import java.util.List;
import java.util.Locale;

/**
 * The severity of an exfiltration path, from the class of its source, the channel of its sink and the
 * transformations on the way. The rules are documented in docs/source-analyzer.md ("Severity of a flow"); a test
 * keeps the table there and this one equal.
 *
 * <ol>
 *   <li>The base severity is {@link #BASE}[class][channel].</li>
 *   <li>An encoding on the way (a transformer label ending in {@code -encoded}) into a DNS name or a network
 *       destination raises it by one: data reshaped to fit in a name or a URL is the mark of smuggling.</li>
 *   <li>Encryption on the way to the network raises it by one: nobody watching the traffic, the auditor included,
 *       can see what leaves.</li>
 *   <li>A digest or MAC on the way ({@code hashed}, {@code MAC-ed}) lowers it by one, not below LOW: the value is
 *       not revealed, though it still identifies.</li>
 *   <li>Only a {@code secret} reaches CRITICAL; raising stops at HIGH for every other class.</li>
 * </ol>
 */
public final class FlowSeverity {
    private static final Severity C = Severity.CRITICAL;
    private static final Severity H = Severity.HIGH;
    private static final Severity M = Severity.MEDIUM;
    private static final Severity L = Severity.LOW;
    private static final Severity I = Severity.INFO;

    /** Rows by {@link Sensitivity} (ordinal), columns by {@link Channel} (ordinal). */
    static final Severity[][] BASE = {
        //  payload destination dns-name log file ipc
        {L, L, L, I, I, I},   // configuration
        {M, L, M, L, I, L},   // environment
        {M, M, H, L, L, L},   // device-identifier
        {H, H, H, M, M, M},   // personal
        {C, C, C, H, H, H},   // secret
    };

    private FlowSeverity() {
    }

    /** The base severity of a class sent on a channel, before transformations. */
    public static Severity base(Sensitivity sensitivity, Channel channel) {
        return BASE[sensitivity.ordinal()][channel.ordinal()];
    }

    /** The severity of a path ({@code transformations}: its transformer labels, in any order). */
    public static Severity of(Sensitivity sensitivity, Channel channel, List<String> transformations) {
        int level = base(sensitivity, channel).ordinal();
        boolean intoName = channel == Channel.DNS_NAME || channel == Channel.NETWORK_DESTINATION;
        boolean network = intoName || channel == Channel.NETWORK_PAYLOAD;
        boolean encoded = transformations.stream().anyMatch(t -> t.toLowerCase(Locale.ROOT).endsWith("-encoded"));
        boolean encrypted = transformations.stream().anyMatch(t -> t.toLowerCase(Locale.ROOT).equals("encrypted"));
        boolean digested = transformations.stream().anyMatch(t -> t.equals("hashed") || t.equals("MAC-ed"));
        int ceiling = sensitivity == Sensitivity.SECRET ? C.ordinal() : H.ordinal();
        if (encoded && intoName) {
            level = Math.max(level, Math.min(level + 1, ceiling));
        }
        if (encrypted && network) {
            level = Math.max(level, Math.min(level + 1, ceiling));
        }
        if (digested && level > L.ordinal()) {
            level--;
        }
        return Severity.values()[level];
    }
}
