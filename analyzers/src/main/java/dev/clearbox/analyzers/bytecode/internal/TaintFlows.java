package dev.clearbox.analyzers.bytecode.internal;

import dev.clearbox.analyzers.bytecode.internal.CapabilityCalls.Match;
import dev.clearbox.analyzers.bytecode.internal.Value.Channel;
import dev.clearbox.analyzers.capability.CapabilityEntry;
import dev.clearbox.analyzers.capability.Role;
import dev.clearbox.analyzers.capability.Transformer;
import edu.umd.cs.findbugs.OpcodeStack.Item;

import java.util.ArrayList;
import java.util.List;

/**
 * The third analysis of Clearbox's detector: data from model sources, through transformers and concatenation,
 * to sinks within one method. Values returned by sinks are "channels" (a socket's output stream): a tainted value
 * passed to a sink, or to a call on a channel, is a {@link Hit.Flow} with its steps.
 */
final class TaintFlows {
    /** What a call does to the data: the sink it is (for the result's channel), the source it is (for the result's taint). */
    record AtCall(Channel sink, List<Hop> source) {
    }

    private final RunContext context;

    TaintFlows(RunContext context) {
        this.context = context;
    }

    /**
     * Reports a tainted receiver or argument reaching the call's first sink entry, or, when the call is no sink,
     * written to a channel it is called on.
     */
    AtCall atCall(Invocation call, List<Match> matches) {
        Channel sink = null;
        List<Hop> source = null;
        for (Match m : matches) {
            CapabilityEntry e = m.entry();
            if (e.role() == Role.SINK && sink == null) {
                Hop here = hop(call, m.api(), e.capability().name() + " sink");
                sink = new Channel(here, e.capability());
                List<Hop> tainted = firstTaint(call.receiver(), call.args());
                if (tainted != null) {
                    List<Hop> steps = new ArrayList<>(tainted);
                    steps.add(here);
                    context.report(new Hit.Flow(call.site(), e.capability(), m.api(), steps, m.endpoints()));
                }
            } else if (e.role() == Role.SOURCE && source == null) {
                source = List.of(hop(call, m.api(), "source: " + e.data()));
            }
        }
        Value receiver = call.receiver() == null ? null : Value.of(call.receiver());
        if (sink == null && receiver != null && receiver.channel() != null) {
            List<Hop> tainted = firstTaint(null, call.args());
            if (tainted != null) {
                Channel channel = receiver.channel();
                List<Hop> steps = new ArrayList<>(tainted);
                steps.add(channel.sink());
                steps.add(hop(call, RunContext.modelName(call.owner()) + "#" + call.name(),
                        "written to the value obtained at line " + channel.sink().line()));
                context.report(new Hit.Flow(call.site(), channel.capability(), channel.sink().api(), steps,
                        StringTexts.endpoints(call.receiver(), List.of())));
            }
        }
        return new AtCall(sink, source);
    }

    /** The taint of a call's result: a source's, or a transformer's input's. */
    List<Hop> resultTaint(Invocation call, AtCall at) {
        if (at.source() != null) {
            return at.source();
        }
        List<Transformer> ts = context.transformers(call.owner(), call.name(), call.descriptor(), call.params());
        List<Hop> in = firstTaint(call.receiver(), call.args());
        if (!ts.isEmpty() && in != null) {
            List<Hop> steps = new ArrayList<>(in);
            steps.add(hop(call, ts.get(0).type() + "#" + call.name(), ts.get(0).label()));
            return steps;
        }
        return List.of();
    }

    /** The channel a call's result is: the sink's, the receiver's (instance calls), or an argument's (constructors). */
    static Channel resultChannel(Invocation call, AtCall at) {
        Channel channel = at.sink();
        if (channel == null) {
            if (call.receiver() != null && !call.isConstructor() && Value.of(call.receiver()) != null) {
                channel = Value.of(call.receiver()).channel();
            }
            if (call.isConstructor()) {
                for (Item a : call.args()) {
                    if (Value.of(a) != null && Value.of(a).channel() != null) {
                        channel = Value.of(a).channel();
                        break;
                    }
                }
            }
        }
        return channel;
    }

    /** The steps of the first tainted value among receiver and arguments, or null. */
    static List<Hop> firstTaint(Item receiver, List<Item> args) {
        if (receiver != null && Value.of(receiver) != null && !Value.of(receiver).taint().isEmpty()) {
            return Value.of(receiver).taint();
        }
        for (Item a : args) {
            Value v = Value.of(a);
            if (v != null && !v.taint().isEmpty()) {
                return v.taint();
            }
        }
        return null;
    }

    private static Hop hop(Invocation call, String api, String note) {
        return new Hop(call.site().line(), call.site().method(), api, note);
    }
}
