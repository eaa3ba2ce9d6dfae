package dev.clearbox.analyzers.bytecode.internal;

import dev.clearbox.core.Capability;
import edu.umd.cs.findbugs.OpcodeStack.Item;

import java.util.List;

/**
 * What the capability detector knows about one value on the operand stack or in a local variable; kept
 * as the OpcodeStack's user value. Immutable with value equality, so that SpotBugs can compare the
 * values of two paths where they merge.
 *
 * @param text    the value as text when it is (partly) known, unknown parts written {@code {…}}; null when unknown
 * @param taint   the steps from a source to this value (a source call, then transformers); empty when untainted
 * @param channel the sink call this value came from (a socket's output stream, a connection); null otherwise
 */
record Value(String text, List<Hop> taint, Channel channel) {
    static final String UNKNOWN = "{…}";

    /** A value obtained from a sink call: data written to it goes where the sink sends it. */
    record Channel(Hop sink, Capability capability) {
    }

    Value {
        taint = List.copyOf(taint);
    }

    static Value text(String text) {
        return new Value(text, List.of(), null);
    }

    /** The item's value, or null when the detector knows nothing about it. */
    static Value of(Item item) {
        return item.getUserValue() instanceof Value v ? v : null;
    }

    boolean isEmpty() {
        return text == null && taint.isEmpty() && channel == null;
    }
}
