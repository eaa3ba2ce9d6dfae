package dev.clearbox.reports.sign;

import java.util.List;

/**
 * A DSSE envelope (https://github.com/secure-systems-lab/dsse), as serialised in JSON: the payload is
 * base64 (standard alphabet, padded), each signature is over {@link Dsse#pae} of type and payload.
 */
public record Envelope(String payloadType, String payload, List<Signature> signatures) {
    public Envelope {
        signatures = signatures == null ? List.of() : List.copyOf(signatures);
    }

    /** One signature: the signer's key id and the base64 signature bytes. */
    public record Signature(String keyid, String sig) {
    }
}
