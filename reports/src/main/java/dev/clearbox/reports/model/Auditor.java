package dev.clearbox.reports.model;

import java.util.Objects;

/**
 * The report's {@code auditor}: who signed it. The identity is what the auditor said ({@code clearbox audit --auditor});
 * only the key, checked by whoever verifies, binds it.
 *
 * @param identity the auditor's name as given, or empty when none was given
 * @param keyId    the signing key's id: lowercase hex SHA-256 of its DER SubjectPublicKeyInfo, as in the envelope
 * @param demoKey  whether the key is the demo key Clearbox creates in a workspace when no key is given: such a report
 *                 shows what Clearbox found, but nobody vouches for it
 */
public record Auditor(String identity, String keyId, boolean demoKey) {
    public Auditor {
        identity = identity == null ? "" : identity;
        Objects.requireNonNull(keyId, "keyId");
    }
}
