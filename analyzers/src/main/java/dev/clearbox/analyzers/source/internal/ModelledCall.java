package dev.clearbox.analyzers.source.internal;

import com.github.javaparser.ast.Node;
import dev.clearbox.analyzers.capability.CapabilityEntry;

/**
 * A call the capability model names as a source or a sink, as resolved by {@link FileAnalyzer}: the
 * flow analysis starts and ends its paths at these.
 *
 * @param api        {@code type#method} as the per-call finding names it
 * @param resolution how the call was resolved
 */
public record ModelledCall(Node call, ParsedFile file, int line, int column, CapabilityEntry entry, String api,
                           String resolution) {
}
