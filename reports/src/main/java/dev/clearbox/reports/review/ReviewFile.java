package dev.clearbox.reports.review;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.clearbox.core.InvalidInputException;
import dev.clearbox.core.Sha256;
import dev.clearbox.core.StageFailedException;
import dev.clearbox.core.io.InputFiles;
import dev.clearbox.core.io.UntrustedJson;
import dev.clearbox.reports.model.Review;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A review file, {@code review.json}: the auditor's decisions, one per finding fingerprint (schema in docs/review.md
 * and docs/review.schema.json). Read strictly ({@link #read}): duplicate keys, unknown fields, an unknown status, a
 * missing or blank justification or reviewer, a date that is not ISO-8601, or a fingerprint decided twice are each
 * refused in one line naming the file. Written deterministically ({@link #write}): decisions sorted by fingerprint.
 *
 * @param schema    {@link #SCHEMA}
 * @param decisions sorted by fingerprint, one per fingerprint
 */
@JsonPropertyOrder({"schema", "decisions"})
public record ReviewFile(String schema, List<Decision> decisions) {
    /** The review file schema's URI. */
    public static final String SCHEMA = "https://clearbox.dev/schemas/review/v1";
    /** The largest review file read. */
    public static final long MAX_BYTES = 16L * 1024 * 1024;
    /** The longest justification accepted, in characters. */
    public static final int MAX_JUSTIFICATION = 8000;
    /** The stage errors name. */
    static final dev.clearbox.core.Stage STAGE = dev.clearbox.core.Stage.REVIEW;
    /** What a fingerprint may look like: a plain token (today 32 lowercase hex digits). */
    static final Pattern FINGERPRINT = Pattern.compile("[A-Za-z0-9:._-]{8,128}");

    public ReviewFile {
        decisions = decisions.stream().sorted(Comparator.comparing(Decision::fingerprint)).toList();
        for (int i = 1; i < decisions.size(); i++) {
            if (decisions.get(i).fingerprint().equals(decisions.get(i - 1).fingerprint())) {
                throw new IllegalArgumentException("fingerprint decided twice: " + decisions.get(i).fingerprint());
            }
        }
    }

    /** A review file without decisions. */
    public static ReviewFile empty() {
        return new ReviewFile(SCHEMA, List.of());
    }

    /**
     * One decision.
     *
     * @param fingerprint   the finding's fingerprint ({@code ReportFinding#fingerprint()})
     * @param status        what was decided
     * @param justification why (never blank); for {@code accepted}, the documented purpose
     * @param reviewer      who decided (never blank)
     * @param date          when, ISO-8601: {@code 2026-12-02} or {@code 2026-12-02T07:10:00Z}
     * @param origin        where it came from when carried over from an earlier report; {@code null} otherwise
     */
    @JsonPropertyOrder({"fingerprint", "status", "justification", "reviewer", "date", "origin"})
    public record Decision(String fingerprint, ReviewStatus status, String justification, String reviewer, String date,
                           @JsonInclude(JsonInclude.Include.NON_NULL) Review.Origin origin) {
        public Decision {
            Objects.requireNonNull(fingerprint, "fingerprint");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(justification, "justification");
            Objects.requireNonNull(reviewer, "reviewer");
            Objects.requireNonNull(date, "date");
        }

        /** The same decision with another origin. */
        public Decision withOrigin(Review.Origin o) {
            return new Decision(fingerprint, status, justification, reviewer, date, o);
        }
    }

    /** The decision for a fingerprint, if any. */
    public java.util.Optional<Decision> decision(String fingerprint) {
        return decisions.stream().filter(d -> d.fingerprint().equals(fingerprint)).findFirst();
    }

    /** This file with {@code d} recorded: it replaces any decision for the same fingerprint. */
    public ReviewFile with(Decision d) {
        Map<String, Decision> byFingerprint = new TreeMap<>();
        decisions.forEach(x -> byFingerprint.put(x.fingerprint(), x));
        byFingerprint.put(d.fingerprint(), d);
        return new ReviewFile(SCHEMA, new ArrayList<>(byFingerprint.values()));
    }

    /**
     * The decisions carried over from an earlier report joined with this file's: where both decide a fingerprint,
     * this file's decision wins (the reviewer's explicit word over the earlier one).
     */
    public ReviewFile withCarriedOver(List<Decision> carried) {
        Map<String, Decision> byFingerprint = new TreeMap<>();
        carried.forEach(x -> byFingerprint.put(x.fingerprint(), x));
        decisions.forEach(x -> byFingerprint.put(x.fingerprint(), x));
        return new ReviewFile(SCHEMA, new ArrayList<>(byFingerprint.values()));
    }

    // --- reading ---

    /** A review file as read, with its name and digest for the report. */
    public record Loaded(ReviewFile review, String fileName, String sha256) {
    }

    /**
     * Reads and checks {@code file}.
     *
     * @throws InvalidInputException in one line naming the file and the problem
     */
    public static Loaded read(Path file) {
        byte[] bytes = InputFiles.read(file, MAX_BYTES, STAGE, "review file");
        return new Loaded(parse(bytes, file.toString()), file.getFileName() == null ? file.toString()
                : file.getFileName().toString(), Sha256.hex(bytes));
    }

    /** Parses and checks review-file bytes; {@code name} is the input named in errors. */
    public static ReviewFile parse(byte[] bytes, String name) {
        RawFile raw;
        try {
            raw = READER.readValue(bytes, RawFile.class);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(STAGE, name, UntrustedJson.problem(e));
        } catch (IOException e) {
            throw new InvalidInputException(STAGE, name, "cannot read: " + e.getClass().getSimpleName());
        }
        if (raw == null) {
            throw new InvalidInputException(STAGE, name, "not a review file (expected a JSON object)");
        }
        if (!SCHEMA.equals(raw.schema())) {
            throw new InvalidInputException(STAGE, name, raw.schema() == null ? "'schema' is missing (expected "
                    + SCHEMA + ")" : "'schema' is not " + SCHEMA);
        }
        if (raw.decisions() == null) {
            throw new InvalidInputException(STAGE, name, "'decisions' is missing (an empty list is allowed)");
        }
        List<Decision> out = new ArrayList<>();
        Map<String, Integer> seen = new TreeMap<>();
        for (int i = 0; i < raw.decisions().size(); i++) {
            RawDecision d = raw.decisions().get(i);
            String at = "decisions[" + i + "]";
            if (d == null) {
                throw new InvalidInputException(STAGE, name, "'" + at + "' must be an object");
            }
            String fingerprint = required(name, at, "fingerprint", d.fingerprint());
            if (!FINGERPRINT.matcher(fingerprint).matches()) {
                throw new InvalidInputException(STAGE, name, "'" + at + ".fingerprint' is not a finding fingerprint");
            }
            Integer before = seen.put(fingerprint, i);
            if (before != null) {
                throw new InvalidInputException(STAGE, name, "'" + at + "' decides fingerprint " + fingerprint
                        + " again (already decided by decisions[" + before + "])");
            }
            String statusWord = required(name, at, "status", d.status());
            ReviewStatus status = ReviewStatus.of(statusWord).orElseThrow(() -> new InvalidInputException(STAGE, name,
                    "'" + at + ".status' is " + quoted(statusWord) + ", not one of " + ReviewStatus.words()));
            String justification = required(name, at, "justification", d.justification());
            if (justification.length() > MAX_JUSTIFICATION) {
                throw new InvalidInputException(STAGE, name, "'" + at + ".justification' is longer than "
                        + MAX_JUSTIFICATION + " characters");
            }
            String reviewer = required(name, at, "reviewer", d.reviewer());
            String date = required(name, at, "date", d.date());
            if (!isIsoDate(date)) {
                throw new InvalidInputException(STAGE, name, "'" + at + ".date' is not an ISO-8601 date or date-time"
                        + " (for example 2026-12-02 or 2026-12-02T07:10:00Z)");
            }
            Review.Origin origin = null;
            if (d.origin() != null) {
                if (d.origin().carriedOver() == null || d.origin().report() == null) {
                    throw new InvalidInputException(STAGE, name, "'" + at + ".origin' needs carriedOver and report");
                }
                origin = new Review.Origin(d.origin().carriedOver(), d.origin().report());
            }
            out.add(new Decision(fingerprint, status, justification, reviewer, date, origin));
        }
        return new ReviewFile(SCHEMA, out);
    }

    /** Whether {@code s} is an ISO-8601 date ({@code 2026-12-02}) or date-time with an offset ({@code ...T07:10:00Z}). */
    static boolean isIsoDate(String s) {
        try {
            LocalDate.parse(s);
            return true;
        } catch (DateTimeParseException e) {
            try {
                OffsetDateTime.parse(s);
                return true;
            } catch (DateTimeParseException e2) {
                return false;
            }
        }
    }

    private static String required(String name, String at, String field, String value) {
        if (value == null) {
            throw new InvalidInputException(STAGE, name, "'" + at + "." + field + "' is missing");
        }
        if (value.isBlank()) {
            throw new InvalidInputException(STAGE, name, "'" + at + "." + field + "' is blank");
        }
        return value;
    }

    private static String quoted(String word) {
        String shown = UntrustedJson.name(word);
        return shown.equals(word) ? "'" + word + "'" : "a word that is not a plain name";
    }

    private record RawFile(String schema, List<RawDecision> decisions) {
    }

    private record RawDecision(String fingerprint, String status, String justification, String reviewer, String date,
                               RawOrigin origin) {
    }

    private record RawOrigin(Boolean carriedOver, String report) {
    }

    private static final ObjectMapper READER = UntrustedJson.mapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            // a number or a boolean where a string belongs is an error, not silently text
            .withCoercionConfig(com.fasterxml.jackson.databind.type.LogicalType.Textual, c -> c
                    .setCoercion(com.fasterxml.jackson.databind.cfg.CoercionInputShape.Integer,
                            com.fasterxml.jackson.databind.cfg.CoercionAction.Fail)
                    .setCoercion(com.fasterxml.jackson.databind.cfg.CoercionInputShape.Float,
                            com.fasterxml.jackson.databind.cfg.CoercionAction.Fail)
                    .setCoercion(com.fasterxml.jackson.databind.cfg.CoercionInputShape.Boolean,
                            com.fasterxml.jackson.databind.cfg.CoercionAction.Fail))
            .build();

    // --- writing ---

    private static final ObjectMapper WRITER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    /** The file's bytes: pretty JSON, decisions sorted by fingerprint, a final newline. */
    public byte[] bytes() {
        try {
            byte[] json = WRITER.writeValueAsBytes(this);
            byte[] out = Arrays.copyOf(json, json.length + 1);
            out[json.length] = '\n';
            return out;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render the review file", e);
        }
    }

    /**
     * Writes the file: to a temporary file beside it, then moved into place, so a reader never sees half a file.
     *
     * @throws StageFailedException when it cannot be written
     */
    public void write(Path file) {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, ".review-", ".json.tmp");
            Files.write(tmp, bytes());
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new StageFailedException(STAGE, file.toString(), "cannot write the review file: "
                    + e.getClass().getSimpleName());
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // nothing left to do: the temporary file is hidden and named as such
                }
            }
        }
    }

    /** Today's decision time, UTC, to the second: what {@code review set} records. */
    public static String now(java.time.Clock clock) {
        return java.time.format.DateTimeFormatter.ISO_INSTANT.format(Instant.now(clock).truncatedTo(
                java.time.temporal.ChronoUnit.SECONDS));
    }
}
