package dev.clearbox.reports.sign;

/**
 * What {@link EnvelopeVerifier} requires beyond a good signature and a well-formed Statement.
 *
 * @param maxPayloadBytes     the largest signed payload accepted, in bytes (the envelope file may be 4/3 of it plus
 *                            {@link #ENVELOPE_SLACK_BYTES}, for base64 and the rest of the envelope)
 * @param expectPredicateType the predicate type the Statement must have, or {@code null} for any
 * @param expectCommit        a commit id one of the Statement's {@code gitCommit} subjects must have, or {@code null}
 * @param expectSigner        the signer required: the verifying key's id, or the report's {@code auditor.identity}
 *                            (only when the report names that key as its own and it is not a demo key); a report
 *                            whose {@code auditor.demoKey} is true never meets it. {@code null} for any
 */
public record VerifyPolicy(long maxPayloadBytes, String expectPredicateType, String expectCommit, String expectSigner) {
    /** The default payload cap: 256 MiB. */
    public static final long DEFAULT_MAX_PAYLOAD_BYTES = 256L << 20;
    /** The largest cap that can be set: 1 GiB (the envelope is read into memory). */
    public static final long LARGEST_MAX_PAYLOAD_BYTES = 1L << 30;
    /** What an envelope may hold beside the payload's base64: type, signatures, white space. */
    public static final long ENVELOPE_SLACK_BYTES = 1L << 20;

    public VerifyPolicy {
        if (maxPayloadBytes < 1 || maxPayloadBytes > LARGEST_MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("the payload cap must be between 1 and " + LARGEST_MAX_PAYLOAD_BYTES
                    + " bytes, not " + maxPayloadBytes);
        }
        expectPredicateType = blankToNull(expectPredicateType);
        expectCommit = blankToNull(expectCommit);
        expectSigner = blankToNull(expectSigner);
    }

    /** No expectations, the default cap. */
    public static VerifyPolicy defaults() {
        return new VerifyPolicy(DEFAULT_MAX_PAYLOAD_BYTES, null, null, null);
    }

    /** The largest envelope file accepted for this payload cap. */
    public long maxEnvelopeBytes() {
        return (maxPayloadBytes + 2) / 3 * 4 + ENVELOPE_SLACK_BYTES;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
