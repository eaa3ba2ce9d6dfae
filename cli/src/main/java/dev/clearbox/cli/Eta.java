package dev.clearbox.cli;

import java.util.Locale;
import java.util.OptionalLong;

/**
 * The estimated time left in a phase, from the rate of the phase so far: {@code elapsed * (total - done) / done}.
 * None until enough of the phase is behind it to make a rate ({@link #MIN_FRACTION} of its units, or
 * {@link #MIN_NANOS} and at least {@link #MIN_FRACTION_AFTER_MIN_NANOS} of them), none when the total is unknown
 * or the counts do not add up, and none beyond {@link #MAX_SECONDS}: an estimate is never negative or absurd.
 */
final class Eta {
    /** The fraction of a phase after which its rate is trusted however short it took. */
    static final double MIN_FRACTION = 0.05;
    /** The time after which the rate is trusted at a smaller fraction. */
    static final long MIN_NANOS = 2_000_000_000L;
    /** That smaller fraction. */
    static final double MIN_FRACTION_AFTER_MIN_NANOS = 0.01;
    /** The longest estimate shown (99 hours); beyond it the rate says nothing useful. */
    static final long MAX_SECONDS = 99L * 3600;

    private Eta() {
    }

    /** Seconds left (rounded up) after {@code done} of {@code total} units in {@code elapsedNanos}, when known. */
    static OptionalLong secondsLeft(long elapsedNanos, long done, long total) {
        if (total <= 0 || done <= 0 || done > total || elapsedNanos <= 0) {
            return OptionalLong.empty();
        }
        double fraction = (double) done / total;
        if (fraction < MIN_FRACTION && (elapsedNanos < MIN_NANOS || fraction < MIN_FRACTION_AFTER_MIN_NANOS)) {
            return OptionalLong.empty();
        }
        double seconds = Math.ceil(elapsedNanos / 1e9 * (total - done) / done);
        if (!(seconds <= MAX_SECONDS)) {
            return OptionalLong.empty();
        }
        return OptionalLong.of((long) seconds);
    }

    /** {@code 7s}, {@code 3m05s}, {@code 2h07m}: two units at most, the larger first. */
    static String format(long seconds) {
        if (seconds < 0) {
            throw new IllegalArgumentException("negative duration: " + seconds);
        }
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, seconds % 3600 / 60);
    }
}
