package dev.clearbox.analyzers.bytecode.internal;

import dev.clearbox.core.Capability;
import dev.clearbox.analyzers.capability.Role;

import java.util.List;

/**
 * What Clearbox's SpotBugs detector saw, as data: collected through {@link RunContext#report} during the run and
 * turned into findings by {@link FindingConverter}, never encoded into SpotBugs bug annotations.
 */
public sealed interface Hit {
    /** Where it was seen. */
    Site site();

    /**
     * Where in the analyzed code.
     *
     * @param className the class, dotted (binary name), as SpotBugs names it
     * @param method    the method, {@code com.acme.Foo.send}
     * @param line      the line from the line-number table, 0 when unknown (native declarations)
     * @param code      the instruction, as Clearbox shows it ({@code invokevirtual java.net.URL.openStream()})
     */
    record Site(String className, String method, int line, String code) {
    }

    /**
     * A call (instruction, method handle or native declaration) matching an entry of the capability model.
     *
     * @param api       the model's name for the API, {@code java.net.URL#openStream}
     * @param callee    the owner named by the instruction, in model spelling
     * @param data      the entry's data label (for sources)
     * @param endpoints literal endpoints reaching the call (network and DNS only)
     */
    record Call(Site site, Capability capability, Role role, String api, String callee, String data,
                List<String> endpoints) implements Hit {
        public Call {
            endpoints = List.copyOf(endpoints);
        }
    }

    /**
     * Data from a model source reaching a sink (or a value obtained from a sink) within one method.
     *
     * @param capability the sink's capability
     * @param api        the sink's API
     * @param steps      from the source call to the sink, in order
     * @param endpoints  literal endpoints reaching the sink
     */
    record Flow(Site site, Capability capability, String api, List<Hop> steps, List<String> endpoints) implements Hit {
        public Flow {
            steps = List.copyOf(steps);
            endpoints = List.copyOf(endpoints);
        }
    }
}
