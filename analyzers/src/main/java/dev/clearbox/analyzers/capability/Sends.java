package dev.clearbox.analyzers.capability;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What a sink call sends off the machine: its receiver (where the receiver carries the destination or a payload
 * set earlier: a URL built from data, a connection whose request properties were set, a call built from a
 * request), every argument, or arguments at given positions. Flow analysis reports only the data of these parts
 * reaching the sink, so {@code writer.println(secret); writer.println("\n")} is one flow, not two. The model
 * writes it as the sink entry's {@code sends} list: {@code receiver}, {@code args}, {@code arg0}, {@code arg1}...
 *
 * @param receiver  the receiver's data is sent
 * @param arguments every argument's data is sent
 * @param positions argument positions (from 0) whose data is sent, sorted; a position past the call's last
 *                  argument sends nothing; the last position of a variable-arity call is only that argument
 */
public record Sends(boolean receiver, boolean arguments, List<Integer> positions) {
    /** The default for a sink: every argument, not the receiver. */
    public static final Sends ARGUMENTS = new Sends(false, true, List.of());
    /** The largest argument position a model may name. */
    public static final int MAX_POSITION = 254;

    public Sends {
        positions = List.copyOf(new TreeSet<>(positions));
        if (!receiver && !arguments && positions.isEmpty()) {
            throw new IllegalArgumentException("a sink sends something: its receiver or arguments");
        }
        if (arguments && !positions.isEmpty()) {
            throw new IllegalArgumentException("args already sends every argument; positions would repeat it");
        }
        for (int p : positions) {
            if (p < 0 || p > MAX_POSITION) {
                throw new IllegalArgumentException("argument position out of range: " + p);
            }
        }
    }

    /** True when the argument at {@code position} (from 0) is sent. */
    public boolean sendsArgument(int position) {
        return arguments || positions.contains(position);
    }

    /** True when some argument is sent. */
    public boolean sendsArguments() {
        return arguments || !positions.isEmpty();
    }

    /** Both: what either sends (a call matched by several sink entries sends what any of them does). */
    public Sends union(Sends other) {
        if (other == null || other.equals(this)) {
            return this;
        }
        boolean all = arguments || other.arguments;
        List<Integer> ps = new ArrayList<>();
        if (!all) {
            ps.addAll(positions);
            ps.addAll(other.positions);
        }
        return new Sends(receiver || other.receiver, all, ps);
    }

    /** The model's words for this: {@code receiver}, {@code args}, {@code arg0}... in that order. */
    public List<String> jsonNames() {
        List<String> out = new ArrayList<>();
        if (receiver) {
            out.add("receiver");
        }
        if (arguments) {
            out.add("args");
        }
        positions.forEach(p -> out.add("arg" + p));
        return List.copyOf(out);
    }

    /**
     * The {@code sends} list a model writes: each word {@code receiver}, {@code args} or {@code argN} (N from 0 to
     * {@link #MAX_POSITION}, no leading zero). Empty when a word is none of these, when the list is empty, or when
     * it names {@code args} and a position too.
     */
    public static Optional<Sends> parse(List<String> words) {
        return LibraryEffect.Parts.parse(words)
                .filter(p -> (p.receiver() || p.arguments() || !p.positions().isEmpty())
                        && !(p.arguments() && !p.positions().isEmpty()))
                .map(p -> new Sends(p.receiver(), p.arguments(), p.positions()));
    }
}
