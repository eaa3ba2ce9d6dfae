package dev.clearbox.analyzers.bytecode.internal;

import dev.clearbox.core.Capability;
import dev.clearbox.analyzers.capability.CapabilityEntry;
import dev.clearbox.analyzers.capability.Role;

import java.util.ArrayList;
import java.util.List;

/**
 * The first analysis of Clearbox's detector: calls matching the capability model. Each call, method handle or
 * native method declaration whose owner (or an ancestor) the model names becomes a {@link Hit.Call}, with the
 * literal endpoints reaching network and DNS calls ({@link StringTexts}).
 */
final class CapabilityCalls {
    /** A model entry a call matched, with the API name and endpoints it was reported with. */
    record Match(CapabilityEntry entry, String api, List<String> endpoints) {
    }

    private final RunContext context;

    CapabilityCalls(RunContext context) {
        this.context = context;
    }

    /** Reports every entry the call matches (at most one per capability, nearest type first) and returns them. */
    List<Match> atCall(Invocation call) {
        List<Match> out = new ArrayList<>();
        for (CapabilityEntry e : context.match(call.owner(), call.name(), call.descriptor(), call.params())) {
            String api = api(e, call.name());
            List<String> endpoints = e.capability() == Capability.NETWORK || e.capability() == Capability.DNS
                    ? StringTexts.endpoints(call.receiver(), call.args()) : List.of();
            report(e, api, call.owner(), endpoints, call.site());
            out.add(new Match(e, api, endpoints));
        }
        return out;
    }

    /** A method reference or lambda target: matched like a call, reported at the line that creates it. */
    void atMethodHandle(String owner, String name, String descriptor, List<String> params, Hit.Site site) {
        for (CapabilityEntry e : context.match(owner, name, descriptor, params)) {
            report(e, api(e, name), owner, List.of(), site);
        }
    }

    /** A native method declaration: code the bytecode analysis cannot see, reported like the source analyzer does. */
    void nativeMethod(String className, String methodName, Hit.Site site) {
        context.report(new Hit.Call(site, Capability.NATIVE, Role.PLAIN, className + "#" + methodName, className,
                "native method declaration", List.of()));
    }

    private void report(CapabilityEntry e, String api, String owner, List<String> endpoints, Hit.Site site) {
        context.report(new Hit.Call(site, e.capability(), e.role(), api, RunContext.modelName(owner), e.data(), endpoints));
    }

    private static String api(CapabilityEntry e, String name) {
        return e.type() + "#" + (e.isWildcard() ? name : e.method());
    }
}
