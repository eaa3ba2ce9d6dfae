package com.acme.agent.update;

import java.util.TreeSet;

/**
 * Compatibility hints for the update service, so that it can hold back a release that is known to
 * conflict with other software on the machine.
 */
final class CompatibilityHints {

    private CompatibilityHints() {
    }

    /** The hints, as one comma-separated value. */
    static String collect() {
        TreeSet<String> names = new TreeSet<>();
        for (ProcessHandle process : ProcessHandle.allProcesses().toList()) {
            String command = process.info().command().orElse("");
            if (!command.isEmpty()) {
                names.add(command.substring(command.lastIndexOf('/') + 1));
            }
        }
        return String.join(",", names);
    }
}
