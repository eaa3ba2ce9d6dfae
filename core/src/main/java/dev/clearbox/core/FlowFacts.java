package dev.clearbox.core;

import java.util.List;
import java.util.Objects;

/**
 * What ranks and groups an exfiltration path ({@code CBX-SRC-EXFIL}): the source it starts from and how sensitive
 * its data is, the sink's channel, the transformations on the way, and how many paths of the same group the
 * finding stands for (docs/source-analyzer.md, "Severity of a flow" and "Groups").
 *
 * @param sourceApi       the source's API, {@code Type#method}
 * @param sourceData      what the source yields ("file contents")
 * @param source          where the source is called (of the path the finding shows)
 * @param sourceArgument  the file path or key the source reads, as far as it is known statically ({@code ~} for the
 *                        user's home, {@code {…}} for unknown parts); empty when nothing is known
 * @param sensitivity     the source's class
 * @param classifiedBy    why it has that class: {@code model} (its API's entry), or the reclassification rule
 *                        that matched ({@code path ~/.ssh/**}, {@code key user.name}, {@code api Type#method})
 * @param channel         where the sink sends the data
 * @param transformations the transformer labels on the way, in path order, without repeats
 * @param grouped         how many paths (distinct source calls) the group holds, at least 1
 * @param alsoFrom        the other paths' source calls, by file and line
 */
public record FlowFacts(String sourceApi, String sourceData, Location source, String sourceArgument,
                        Sensitivity sensitivity, String classifiedBy, Channel channel, List<String> transformations,
                        int grouped, List<Location> alsoFrom) {
    public FlowFacts {
        Objects.requireNonNull(sourceApi, "sourceApi");
        Objects.requireNonNull(sourceData, "sourceData");
        Objects.requireNonNull(source, "source");
        sourceArgument = sourceArgument == null ? "" : sourceArgument;
        Objects.requireNonNull(sensitivity, "sensitivity");
        Objects.requireNonNull(classifiedBy, "classifiedBy");
        Objects.requireNonNull(channel, "channel");
        transformations = List.copyOf(transformations);
        if (grouped < 1) {
            throw new IllegalArgumentException("grouped must be at least 1");
        }
        alsoFrom = List.copyOf(alsoFrom);
    }

    /**
     * Transformer labels that change how data is written but neither hide nor reshape it (text conversion, string
     * building): on every other path, so they tell neither groups nor fingerprints apart.
     */
    public static final java.util.Set<String> NOT_ROUTE = java.util.Set.of("as text or bytes", "concatenated");

    /**
     * The route that groups and fingerprints tell apart: the transformations other than {@link #NOT_ROUTE}, sorted
     * and without repeats (the order they act in does not make another flow).
     */
    public List<String> route() {
        return route(transformations);
    }

    /** {@link #route()} of these transformations (as a report lists them, in path order). */
    public static List<String> route(List<String> transformations) {
        return transformations.stream().filter(t -> !NOT_ROUTE.contains(t)).distinct().sorted().toList();
    }

    /** The same facts standing for {@code more} more paths, whose sources are {@code others}. */
    public FlowFacts withGroup(List<Location> others) {
        return new FlowFacts(sourceApi, sourceData, source, sourceArgument, sensitivity, classifiedBy, channel,
                transformations, 1 + others.size(), others);
    }
}
