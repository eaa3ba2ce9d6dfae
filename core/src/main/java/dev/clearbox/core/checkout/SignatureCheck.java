package dev.clearbox.core.checkout;

/**
 * The outcome of checking one git object's signature (an annotated tag or a commit).
 *
 * @param status      what the check found
 * @param format      the signature's format: {@code openpgp}, {@code ssh}, {@code x509}, or empty when unsigned
 * @param signer      the primary user id of the key that made a GOOD or BAD signature, else empty
 * @param keyId       the 16-hex-digit OpenPGP key id the signature names (also for UNKNOWN_KEY), else empty
 * @param fingerprint the full fingerprint of that key when it is in the keyring, else empty
 * @param detail      one line for people: why the status is what it is
 */
public record SignatureCheck(Status status, String format, String signer, String keyId, String fingerprint,
                             String detail) {

    /** Signature statuses, in the words of the report. */
    public enum Status {
        /** Signed with a key in the auditor's keyring, and the signature matches the object. */
        GOOD,
        /** Signed, but the signature does not match the object (tampered), or cannot be read. */
        BAD,
        /** Signed with a key that is not in the auditor's keyring (or no keyring was given). */
        UNKNOWN_KEY,
        /** The object carries no signature. */
        UNSIGNED,
        /** An SSH signature is present; Clearbox does not verify SSH signatures. */
        SSH_NOT_VERIFIED,
        /** An X.509 (gpgsm) signature is present; Clearbox does not verify X.509 signatures. */
        X509_NOT_VERIFIED
    }

    public static SignatureCheck unsigned() {
        return new SignatureCheck(Status.UNSIGNED, "", "", "", "", "no signature");
    }
}
