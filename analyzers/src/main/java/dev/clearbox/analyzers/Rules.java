package dev.clearbox.analyzers;

import dev.clearbox.analyzers.bytecode.BinaryRule;
import dev.clearbox.analyzers.bytecode.internal.FindSecBugsTypes;
import dev.clearbox.analyzers.source.SourceRule;
import dev.clearbox.core.CoreRule;
import dev.clearbox.core.Rule;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Every rule Clearbox reports, in one compile-checked list: core's ({@link CoreRule}), the source analyzer's
 * ({@link SourceRule}), the binary analysis' ({@link BinaryRule}) and the FindSecBugs types it carries
 * ({@code FSB-<TYPE>}, one per line of {@code findsecbugs-carried.properties}). This module sees them all; a new
 * family of rules is added here (the registry's meta-test fails on a {@code Rule} implementation it does not list).
 */
public final class Rules {
    private static final List<Rule> ALL = collect();

    private Rules() {
    }

    /** Every declared rule: core's, then the source rules, the binary rules and the carried FindSecBugs types. */
    public static List<Rule> all() {
        return ALL;
    }

    /** The FindSecBugs bug type a carried rule id stands for ({@code FSB-COMMAND_INJECTION} → {@code COMMAND_INJECTION}). */
    public static java.util.Optional<String> findSecBugsType(String id) {
        return ALL.stream().filter(r -> r.id().equals(id) && r instanceof FindSecBugsTypes.Carried)
                .map(r -> ((FindSecBugsTypes.Carried) r).type()).findFirst();
    }

    private static List<Rule> collect() {
        List<Rule> all = new ArrayList<>();
        all.addAll(Arrays.asList(CoreRule.values()));
        all.addAll(Arrays.asList(SourceRule.values()));
        all.addAll(Arrays.asList(BinaryRule.values()));
        all.addAll(FindSecBugsTypes.carried().values());
        return List.copyOf(all);
    }
}
