package dev.clearbox.core;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A rule: what a {@link Finding} reports. The id is public (SARIF, baselines) and never changes meaning; each
 * rule has a page at {@link #docPage()}. Rules are declared once, as enum constants ({@link CoreRule},
 * {@code analyzers.source.SourceRule}, {@code analyzers.bytecode.BinaryRule}) or, for the FindSecBugs types
 * Clearbox carries, as one value per line of a data file; {@code analyzers.Rules.all()} lists them all.
 *
 * <p>A rule serialises as its id.
 */
public interface Rule {
    /** Where the rule pages live, relative to the repository root. */
    String DOCS = "docs/rules/";

    /** The stable id, for example {@code CBX-SRC-NETWORK}. */
    @JsonValue
    String id();

    /** The severity of its findings unless a finding says otherwise (some rules grade their findings). */
    Severity severity();

    /** A short title for rule listings (SARIF {@code shortDescription}, rule pages). */
    String title();

    /** The rule's page, relative to the repository root: {@code docs/rules/<id>.md}. */
    default String docPage() {
        return DOCS + id() + ".md";
    }
}
