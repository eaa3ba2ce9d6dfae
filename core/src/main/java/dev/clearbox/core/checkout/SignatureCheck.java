package dev.clearbox.core.checkout;

/**
 * The outcome of checking one git object's signature (an annotated tag or a commit).
 *
 * @param status      what the check found
 * @param format      the signature's format: {@code openpgp}, {@code ssh}, {@code x509}, or empty when unsigned
 * @param signer      OpenPGP: the primary user id of the key that made a GOOD or BAD signature; SSH: the principal(s)
 *                    the allowed-signers file lists for the key of a GOOD signature (comma-separated); else empty
 * @param keyId       OpenPGP: the 16-hex-digit key id the signature names (also for UNKNOWN_KEY); SSH: the key's
 *                    {@code SHA256:} fingerprint, as {@code ssh-keygen -l} prints it (an SSH signature carries its
 *                    whole public key, so the key is named whenever the signature can be read); else empty
 * @param fingerprint OpenPGP: the full fingerprint of that key when it is in the keyring; SSH: the same
 *                    {@code SHA256:} fingerprint as {@code keyId}; else empty
 * @param detail      one line for people: why the status is what it is
 */
public record SignatureCheck(Status status, String format, String signer, String keyId, String fingerprint,
                             String detail) {

    /** Signature statuses, in the words of the report. */
    public enum Status {
        /**
         * Signed with a key the auditor trusts (in the OpenPGP keyring; in the allowed-signers file for git
         * objects at the object's date), and the signature matches the object.
         */
        GOOD,
        /** Signed, but the signature does not match the object (tampered), or cannot be read. */
        BAD,
        /**
         * The signature matches the object, but its key is not one the auditor trusts: not in the keyring or the
         * allowed-signers file, not allowed there for git objects or at the object's date, or no keyring or
         * allowed-signers file was given. (For OpenPGP the match is not checked without the key.)
         */
        UNKNOWN_KEY,
        /** The object carries no signature. */
        UNSIGNED,
        /** An X.509 (gpgsm) signature is present; Clearbox does not verify X.509 signatures. */
        X509_NOT_VERIFIED
    }

    public static SignatureCheck unsigned() {
        return new SignatureCheck(Status.UNSIGNED, "", "", "", "", "no signature");
    }
}
