package dev.clearbox.reports.sign;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clearbox.core.IntegrityException;
import dev.clearbox.core.InvalidInputException;
import dev.clearbox.core.Sha256;
import dev.clearbox.core.io.InputFiles;
import dev.clearbox.core.io.UntrustedJson;

import java.io.IOException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Checks a DSSE envelope offline: the signature over PAE(payloadType, payload) with a given public key,
 * then that the payload is an in-toto Statement v1, then that each given artifact's sha256 is the digest
 * of one of the Statement's subjects. Needs nothing from the audit but the envelope and the key.
 */
public final class EnvelopeVerifier {
    private static final String STAGE = "verify";
    private static final long MAX_ENVELOPE_BYTES = 256L << 20;
    private static final ObjectMapper MAPPER = UntrustedJson.mapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public VerificationResult verify(Path envelopeFile, PublicKey key, List<Path> artifacts) {
        String input = envelopeFile.toString();
        Envelope envelope = read(envelopeFile);
        if (envelope.payloadType() == null || envelope.payload() == null) {
            throw new InvalidInputException(STAGE, input, "not a DSSE envelope: 'payloadType' and 'payload' are required");
        }
        if (!Dsse.IN_TOTO_PAYLOAD_TYPE.equals(envelope.payloadType())) {
            throw new InvalidInputException(STAGE, input, "payloadType is not '" + Dsse.IN_TOTO_PAYLOAD_TYPE + "'");
        }
        if (envelope.signatures().isEmpty()) {
            throw new IntegrityException(STAGE, input, "the envelope holds no signature");
        }
        byte[] payload;
        try {
            payload = Base64.getDecoder().decode(envelope.payload());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(STAGE, input, "payload is not valid base64");
        }
        String keyId = KeyFiles.keyId(key);
        boolean verified = false;
        for (Envelope.Signature s : envelope.signatures()) {
            if (s == null || s.sig() == null) {
                continue;
            }
            byte[] sig;
            try {
                sig = Base64.getDecoder().decode(s.sig());
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (Dsse.verify(envelope.payloadType(), payload, sig, key)) {
                verified = true;
                break;
            }
        }
        if (!verified) {
            throw new IntegrityException(STAGE, input,
                    "signature does not verify with key " + keyId + " (wrong key, or the envelope was altered)");
        }
        Statement statement;
        try {
            statement = MAPPER.readValue(payload, Statement.class);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(STAGE, input, "signed payload is not an in-toto Statement: " + UntrustedJson.problem(e));
        } catch (IOException e) {
            throw new InvalidInputException(STAGE, input, "signed payload is not an in-toto Statement");
        }
        if (statement == null || !Statement.TYPE.equals(statement.type()) || statement.subject().isEmpty()) {
            throw new InvalidInputException(STAGE, input, "signed payload is not an in-toto Statement v1 with subjects");
        }
        List<Statement.Subject> commits = new ArrayList<>();
        for (Statement.Subject s : statement.subject()) {
            if (s.digest().containsKey("gitCommit")) {
                commits.add(s);
            }
        }
        List<VerificationResult.ArtifactMatch> matches = new ArrayList<>();
        for (Path artifact : artifacts) {
            InputFiles.requireRegularFile(artifact, Long.MAX_VALUE, STAGE, "file");
            String sha = Sha256.hex(artifact);
            Statement.Subject match = statement.subject().stream()
                    .filter(s -> sha.equals(s.digest().get("sha256")))
                    .findFirst()
                    .orElseThrow(() -> new IntegrityException(STAGE, artifact.toString(),
                            "sha256 " + sha + " is not among the " + statement.subject().size()
                                    + " subjects of the signed report"));
            matches.add(new VerificationResult.ArtifactMatch(artifact.toString(), sha, match.name()));
        }
        return new VerificationResult(keyId, statement.predicateType(), commits, statement.subject().size(), matches);
    }

    private static Envelope read(Path file) {
        byte[] bytes = InputFiles.read(file, MAX_ENVELOPE_BYTES, STAGE, "DSSE envelope");
        Envelope e;
        try {
            e = MAPPER.readValue(bytes, Envelope.class);
        } catch (JsonProcessingException ex) {
            throw new InvalidInputException(STAGE, file.toString(), "not a DSSE envelope: " + UntrustedJson.problem(ex));
        } catch (IOException ex) {
            throw new InvalidInputException(STAGE, file.toString(), "not a DSSE envelope");
        }
        if (e == null) {
            throw new InvalidInputException(STAGE, file.toString(), "empty file");
        }
        return e;
    }
}
