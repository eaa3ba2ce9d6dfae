package dev.clearbox.reports.review;

import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** What a reviewer decided about a finding; the word is how {@code review.json} and the report spell it. */
public enum ReviewStatus {
    /** The finding is real and matters: the reviewer confirms it. */
    CONFIRMED("the finding is real and stands"),
    /** The finding is real and is the product's documented behaviour; the justification names the documented purpose. */
    ACCEPTED("real, and the product's documented behaviour (say which purpose in the justification)"),
    /** The finding is not real: the analysis was wrong. */
    FALSE_POSITIVE("not real: the analysis is wrong here"),
    /** The reviewer cannot decide without the vendor: a question for the vendor. */
    QUESTION("a question for the vendor; undecided until answered");

    private final String meaning;

    ReviewStatus(String meaning) {
        this.meaning = meaning;
    }

    /** The word: {@code confirmed}, {@code accepted}, {@code false-positive}, {@code question}. */
    @com.fasterxml.jackson.annotation.JsonValue
    public String word() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** What the status means, for --help and the docs. */
    public String meaning() {
        return meaning;
    }

    /**
     * Whether {@code clearbox audit --fail-on} leaves a finding with this decision out: {@code accepted} (documented
     * behaviour) and {@code false-positive} (not real) do; {@code confirmed} and {@code question} do not.
     */
    public boolean waivesPolicy() {
        return this == ACCEPTED || this == FALSE_POSITIVE;
    }

    /** The status a word names, if any. */
    public static Optional<ReviewStatus> of(String word) {
        return Stream.of(values()).filter(s -> s.word().equals(word)).findFirst();
    }

    /** Every word, comma-separated. */
    public static String words() {
        return Stream.of(values()).map(ReviewStatus::word).collect(Collectors.joining(", "));
    }
}
