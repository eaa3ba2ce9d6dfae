package dev.clearbox.core.unpack;

import java.util.List;
import java.util.Objects;

/**
 * Whether a jar's signature verifies, as checked by {@link java.util.jar.JarFile} with verification on,
 * reading every entry. Only the cryptography is checked: whether the signer is trusted is the auditor's
 * call (compare {@link Signer#sha256Fingerprint()} with the vendor's published certificate), and certificate
 * validity dates are recorded, not judged, so that the result does not depend on the day of the audit.
 *
 * @param status          the outcome
 * @param signers         the distinct signers of the verified entries, sorted by fingerprint (empty unless
 *                        {@code VERIFIED} or {@code PARTIALLY_SIGNED})
 * @param failedEntry     for {@code INVALID} and {@code WEAK_ALGORITHM}: the entry whose check failed, or the
 *                        signature file; empty otherwise
 * @param unsignedEntries for {@code PARTIALLY_SIGNED}: entries no signature covers, sorted, at most
 *                        {@link #MAX_LISTED}; empty otherwise
 * @param unsignedCount   how many entries no signature covers (may exceed the list's length)
 * @param problem         one line: why the signature is invalid or was not checked; empty otherwise
 */
public record JarSignature(Status status, List<Signer> signers, String failedEntry, List<String> unsignedEntries,
                           int unsignedCount, String problem) {

    /** Most unsigned entries listed by name. */
    public static final int MAX_LISTED = 50;

    public JarSignature {
        Objects.requireNonNull(status, "status");
        signers = List.copyOf(signers);
        failedEntry = failedEntry == null ? "" : failedEntry;
        unsignedEntries = List.copyOf(unsignedEntries);
        problem = problem == null ? "" : problem;
    }

    /** The outcome of verifying a jar's signature. */
    public enum Status {
        /** No {@code META-INF/*.SF} signature file. */
        UNSIGNED,
        /** Every entry is covered by a signature that verifies. */
        VERIFIED,
        /** A digest or signature does not verify: the jar was changed after signing, or the signature is broken. */
        INVALID,
        /** The signature verifies, but some entries are not covered by it (added after signing). */
        PARTIALLY_SIGNED,
        /**
         * Signed only with digest algorithms the JDK disables as weak (SHA-1, MD5): the JDK treats the jar as
         * unsigned, so the signature gives no assurance either way.
         */
        WEAK_ALGORITHM,
        /** The jar could not be checked (unreadable, or over a limit); {@code problem} says why. */
        NOT_CHECKED
    }

    /**
     * A signer's certificate (the first of its chain).
     *
     * @param subject           subject distinguished name (RFC 2253)
     * @param issuer            issuer distinguished name (RFC 2253)
     * @param sha256Fingerprint SHA-256 of the DER-encoded certificate, lowercase hex
     * @param notBefore         start of validity, ISO-8601 UTC
     * @param notAfter          end of validity, ISO-8601 UTC
     */
    public record Signer(String subject, String issuer, String sha256Fingerprint, String notBefore, String notAfter) {
        public Signer {
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(issuer, "issuer");
            Objects.requireNonNull(sha256Fingerprint, "sha256Fingerprint");
            Objects.requireNonNull(notBefore, "notBefore");
            Objects.requireNonNull(notAfter, "notAfter");
        }
    }

    static JarSignature unsigned() {
        return new JarSignature(Status.UNSIGNED, List.of(), "", List.of(), 0, "");
    }

    static JarSignature invalid(String entry, String problem) {
        return new JarSignature(Status.INVALID, List.of(), entry, List.of(), 0, problem);
    }

    static JarSignature weak(String signatureFile, String problem) {
        return new JarSignature(Status.WEAK_ALGORITHM, List.of(), signatureFile, List.of(), 0, problem);
    }

    static JarSignature notChecked(String problem) {
        return new JarSignature(Status.NOT_CHECKED, List.of(), "", List.of(), 0, problem);
    }
}
