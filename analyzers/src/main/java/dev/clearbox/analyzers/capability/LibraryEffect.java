package dev.clearbox.analyzers.capability;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * How data moves through a call into code that is not in the sources (the JDK, a library): which of the call's
 * receiver, arguments and result it taints from which. The model's {@code effects} section
 * (docs/capability-model.md). A call that no effect names keeps the conservative default: its result carries
 * its receiver and every argument, and the path says so.
 *
 * @param type             fully-qualified type of the receiver (or of the class named for a static call), or
 *                         {@code *} for any type; a typed effect is matched on the exact static type only
 * @param method           the method name, or the start of method names when {@code prefix}; {@code <init>} for a
 *                         constructor ({@code writesThrough} only)
 * @param prefix           whether {@code method} is a prefix ({@code "add"} matches {@code addAll}, {@code addFirst})
 * @param call             static calls only, instance calls only, or both
 * @param result           what the result carries, or null for the default (receiver and every argument)
 * @param receiver         what is added to the receiver, or null for nothing
 * @param intoArguments    argument position (from 0) to what is copied into that argument ({@code read(buf)})
 * @param keepsConnection  the result is the connection its receiver is ({@code getOutputStream}, {@code newWriter})
 * @param writesThrough    for a constructor: argument positions of objects it wraps, which receive what is later
 *                         added to the new object ({@code new Formatter(builder)})
 * @param minArguments     the effect holds only for calls with at least this many arguments ({@code read(buf)}
 *                         returns a count, {@code read()} a byte of the data); 0 for any call
 */
public record LibraryEffect(String type, String method, boolean prefix, Call call, Parts result, Parts receiver,
                            Map<Integer, Parts> intoArguments, boolean keepsConnection, List<Integer> writesThrough,
                            int minArguments) {
    /** The type of an effect that holds for any receiver type. */
    public static final String ANY_TYPE = "*";

    public LibraryEffect {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(call, "call");
        intoArguments = Collections.unmodifiableMap(new TreeMap<>(intoArguments));
        writesThrough = List.copyOf(new TreeSet<>(writesThrough));
        if (minArguments < 0) {
            throw new IllegalArgumentException("minArguments must be >= 0: " + minArguments);
        }
    }

    /** An effect for calls with any number of arguments. */
    public LibraryEffect(String type, String method, boolean prefix, Call call, Parts result, Parts receiver,
                         Map<Integer, Parts> intoArguments, boolean keepsConnection, List<Integer> writesThrough) {
        this(type, method, prefix, call, result, receiver, intoArguments, keepsConnection, writesThrough, 0);
    }

    /** True when this effect names {@code name}. */
    public boolean names(String name) {
        return prefix ? name.startsWith(method) : name.equals(method);
    }

    /** True when this effect holds for a call that is ({@code isStatic}) or is not static. */
    public boolean accepts(boolean isStatic) {
        return call == Call.ANY || (call == Call.STATIC) == isStatic;
    }

    /** True when this effect holds for a call that is ({@code isStatic}) or is not static, with {@code arguments}. */
    public boolean accepts(boolean isStatic, int arguments) {
        return accepts(isStatic) && arguments >= minArguments;
    }

    /** Which calls an effect holds for. */
    public enum Call {
        ANY, STATIC, INSTANCE;

        public static Optional<Call> fromJsonName(String text) {
            return switch (text) {
                case "any" -> Optional.of(ANY);
                case "static" -> Optional.of(STATIC);
                case "instance" -> Optional.of(INSTANCE);
                default -> Optional.empty();
            };
        }
    }

    /**
     * Parts of a call that data comes from: its receiver, every argument, arguments at positions (from 0); may be
     * none ({@code []}: the result carries nothing, as for {@code size()}).
     */
    public record Parts(boolean receiver, boolean arguments, List<Integer> positions) {
        public static final Parts NONE = new Parts(false, false, List.of());

        public Parts {
            positions = List.copyOf(new TreeSet<>(positions));
        }

        /** True when the argument at {@code position} is one of these parts. */
        public boolean argument(int position) {
            return arguments || positions.contains(position);
        }

        /** Both together. */
        public Parts union(Parts other) {
            if (other == null || other.equals(this)) {
                return this;
            }
            List<Integer> ps = new ArrayList<>(positions);
            ps.addAll(other.positions);
            return new Parts(receiver || other.receiver, arguments || other.arguments, ps);
        }

        /**
         * The model's words: each {@code receiver}, {@code args} or {@code argN} (N from 0 to
         * {@link Sends#MAX_POSITION}, no leading zero). Empty when a word is none of these.
         */
        public static Optional<Parts> parse(List<String> words) {
            boolean receiver = false;
            boolean arguments = false;
            List<Integer> positions = new ArrayList<>();
            for (String w : words) {
                if (w.equals("receiver")) {
                    receiver = true;
                } else if (w.equals("args")) {
                    arguments = true;
                } else {
                    Optional<Integer> p = position(w);
                    if (p.isEmpty()) {
                        return Optional.empty();
                    }
                    positions.add(p.get());
                }
            }
            return Optional.of(new Parts(receiver, arguments, positions));
        }

        /** The position an {@code argN} word names, or empty. */
        public static Optional<Integer> position(String word) {
            if (word.matches("arg(0|[1-9][0-9]{0,2})") && Integer.parseInt(word.substring(3)) <= Sends.MAX_POSITION) {
                return Optional.of(Integer.parseInt(word.substring(3)));
            }
            return Optional.empty();
        }
    }
}
