package dev.clearbox.reports.sign;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clearbox.core.IntegrityException;
import dev.clearbox.core.InvalidInputException;
import dev.clearbox.core.Sha256;
import dev.clearbox.core.Stage;
import dev.clearbox.core.io.InputFiles;
import dev.clearbox.core.io.UntrustedJson;

import java.io.IOException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks a DSSE envelope offline, in this order (docs/verifying.md): the envelope is a regular file within the cap
 * and strict JSON (a key twice is refused); its payload type is an in-toto one; the payload is base64 (standard or
 * URL-safe) within the cap; one signature verifies over PAE(payloadType, payload) with the given public key; the
 * payload is a strict in-toto Statement v1 whose every subject has a digest of a known algorithm; the
 * {@link VerifyPolicy}'s expectations hold; each given artifact's sha256 is the digest of a subject. Needs nothing
 * from the audit but the envelope and the key. What the report says about the artifacts is returned, not judged:
 * {@link VerificationResult#failingVerdicts()}.
 */
public final class EnvelopeVerifier {
    private static final Stage STAGE = Stage.VERIFY;
    /** The payload type prefix of a predicate-specific in-toto media type, {@code application/vnd.in-toto.<predicate>+json}. */
    private static final Pattern IN_TOTO_PREDICATE_TYPE = Pattern.compile("application/vnd\\.in-toto\\.[a-z0-9][a-z0-9._-]{0,63}\\+json");
    /** Known digest algorithms (in-toto DigestSet) and the length of their hex value; 0 for any even length. */
    private static final Map<String, int[]> DIGESTS = new LinkedHashMap<>();

    static {
        DIGESTS.put("sha256", new int[]{64});
        DIGESTS.put("sha224", new int[]{56});
        DIGESTS.put("sha384", new int[]{96});
        DIGESTS.put("sha512", new int[]{128});
        DIGESTS.put("sha512_224", new int[]{56});
        DIGESTS.put("sha512_256", new int[]{64});
        DIGESTS.put("sha3_224", new int[]{56});
        DIGESTS.put("sha3_256", new int[]{64});
        DIGESTS.put("sha3_384", new int[]{96});
        DIGESTS.put("sha3_512", new int[]{128});
        DIGESTS.put("sha1", new int[]{40});
        DIGESTS.put("md5", new int[]{32});
        DIGESTS.put("blake2b", new int[]{128});
        DIGESTS.put("blake2s", new int[]{64});
        DIGESTS.put("ripemd160", new int[]{40});
        DIGESTS.put("sm3", new int[]{64});
        DIGESTS.put("gitCommit", new int[]{40, 64});
        DIGESTS.put("gitTree", new int[]{40, 64});
        DIGESTS.put("gitBlob", new int[]{40, 64});
        DIGESTS.put("gitTag", new int[]{40, 64});
        DIGESTS.put("dirHash", new int[]{64});
    }

    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]+");

    private final VerifyPolicy policy;
    private final ObjectMapper mapper;

    /** A verifier with the default payload cap and no expectations. */
    public EnvelopeVerifier() {
        this(VerifyPolicy.defaults());
    }

    public EnvelopeVerifier(VerifyPolicy policy) {
        this.policy = policy;
        // Jackson's own string limit is set to the envelope cap, so only this verifier's cap, with its message, applies.
        this.mapper = UntrustedJson.mapper((int) Math.min(Integer.MAX_VALUE - 16, policy.maxEnvelopeBytes()))
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    public VerificationResult verify(Path envelopeFile, PublicKey key, List<Path> artifacts) {
        String input = envelopeFile.toString();
        Envelope envelope = read(envelopeFile);
        if (envelope.payloadType() == null || envelope.payload() == null) {
            throw new InvalidInputException(STAGE, input, "not a DSSE envelope: 'payloadType' and 'payload' are required");
        }
        if (!Dsse.IN_TOTO_PAYLOAD_TYPE.equals(envelope.payloadType())
                && !IN_TOTO_PREDICATE_TYPE.matcher(envelope.payloadType()).matches()) {
            throw new InvalidInputException(STAGE, input, "payloadType is not '" + Dsse.IN_TOTO_PAYLOAD_TYPE
                    + "' or 'application/vnd.in-toto.<predicate>+json'");
        }
        if (envelope.signatures().isEmpty()) {
            throw new IntegrityException(STAGE, input, "the envelope holds no signature");
        }
        byte[] payload;
        try {
            payload = base64(envelope.payload());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(STAGE, input, "payload is not valid base64 (standard or URL-safe)");
        }
        if (payload.length > policy.maxPayloadBytes()) {
            throw new InvalidInputException(STAGE, input, "the payload is " + payload.length + " bytes, over the cap of "
                    + policy.maxPayloadBytes() + " bytes (--max-payload-bytes)");
        }
        String keyId = KeyFiles.keyId(key);
        boolean verified = false;
        for (Envelope.Signature s : envelope.signatures()) {
            if (s == null || s.sig() == null) {
                continue;
            }
            byte[] sig;
            try {
                sig = base64(s.sig());
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
        JsonNode tree;
        try {
            tree = mapper.readTree(payload);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(STAGE, input, "signed payload is not an in-toto Statement: " + UntrustedJson.problem(e));
        } catch (IOException e) {
            throw new InvalidInputException(STAGE, input, "signed payload is not an in-toto Statement");
        }
        if (tree == null || !tree.isObject() || !Statement.TYPE.equals(tree.path("_type").asText(null))
                || !tree.path("subject").isArray() || tree.path("subject").isEmpty()) {
            throw new InvalidInputException(STAGE, input, "signed payload is not an in-toto Statement v1 with subjects");
        }
        JsonNode predicateTypeNode = tree.path("predicateType");
        if (!predicateTypeNode.isTextual() || predicateTypeNode.asText().isEmpty()) {
            throw new InvalidInputException(STAGE, input, "the Statement has no predicateType");
        }
        String predicateType = predicateTypeNode.asText();
        List<Statement.Subject> subjects = subjects(tree.get("subject"), input);
        List<Statement.Subject> commits = subjects.stream().filter(s -> s.digest().containsKey("gitCommit")).toList();
        JsonNode predicate = tree.path("predicate");
        VerificationResult.ReportFacts report = ReportAttestation.PREDICATE_TYPE.equals(predicateType) && predicate.isObject()
                ? facts(predicate) : null;
        VerificationResult.SummaryFacts summary = VerificationSummaries.PREDICATE_TYPE.equals(predicateType)
                ? summaryFacts(predicate, input) : null;

        // Who the signed payload says signed it: a report's auditor, or a Clearbox summary's (its extension's) auditor.
        JsonNode auditor = report != null ? predicate.path("auditor")
                : summary != null && predicate.path(VerificationSummaries.EXTENSION).isObject()
                ? predicate.path(VerificationSummaries.EXTENSION).path("auditor") : null;
        expectations(input, keyId, predicateType, commits, report, auditor);

        Map<String, List<String>> bySha = new HashMap<>();
        for (Statement.Subject s : subjects) {
            String sha = s.digest().get("sha256");
            if (sha != null) {
                bySha.computeIfAbsent(sha.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(s.name());
            }
        }
        List<VerificationResult.ArtifactMatch> matches = new ArrayList<>();
        for (Path artifact : artifacts) {
            InputFiles.requireRegularFile(artifact, Long.MAX_VALUE, STAGE, "file");
            String sha = Sha256.hex(artifact);
            List<String> names = bySha.get(sha);
            if (names == null) {
                throw new IntegrityException(STAGE, artifact.toString(), "sha256 " + sha + " is not among the "
                        + subjects.size() + " subjects of the signed report");
            }
            matches.add(new VerificationResult.ArtifactMatch(artifact.toString(), sha, names,
                    report == null ? List.of() : verdicts(predicate, names)));
        }
        return new VerificationResult(keyId, envelope.payloadType(), predicateType, commits, subjects.size(), report, matches,
                summary);
    }

    private void expectations(String input, String keyId, String predicateType, List<Statement.Subject> commits,
                              VerificationResult.ReportFacts report, JsonNode auditor) {
        if (policy.expectPredicateType() != null && !policy.expectPredicateType().equals(predicateType)) {
            throw new IntegrityException(STAGE, input, "the predicate type is " + predicateType + ", not the expected "
                    + policy.expectPredicateType());
        }
        if (report != null && !commits.isEmpty() && !report.commit().isEmpty()
                && commits.stream().noneMatch(c -> c.digest().get("gitCommit").equalsIgnoreCase(report.commit()))) {
            throw new IntegrityException(STAGE, input, "the report's source.commitId " + report.commit()
                    + " is not the Statement's commit subject");
        }
        if (policy.expectCommit() != null && commits.stream()
                .noneMatch(c -> c.digest().get("gitCommit").equalsIgnoreCase(policy.expectCommit()))) {
            throw new IntegrityException(STAGE, input, "the report covers commit "
                    + (commits.isEmpty() ? "(none)" : commits.get(0).digest().get("gitCommit"))
                    + ", not the expected " + policy.expectCommit());
        }
        String signer = policy.expectSigner();
        if (signer != null) {
            // a payload that does not say it was signed with a real key is treated as signed with a demo key
            if (auditor != null && (!auditor.path("demoKey").isBoolean() || auditor.path("demoKey").asBoolean())) {
                throw new IntegrityException(STAGE, input, "the " + (report != null ? "report" : "verification summary")
                        + " was signed with a demo key, which no --expect-signer accepts (expected " + signer + ")");
            }
            String identity = auditor == null ? "" : auditor.path("identity").asText("");
            boolean byKey = signer.equalsIgnoreCase(keyId);
            boolean byIdentity = !identity.isEmpty() && identity.equals(signer)
                    && auditor.path("keyId").asText("").equalsIgnoreCase(keyId);
            if (!byKey && !byIdentity) {
                throw new IntegrityException(STAGE, input, "signed by key " + keyId
                        + (identity.isEmpty() ? "" : " for '" + identity + "'")
                        + ", not the expected signer " + signer);
            }
        }
    }

    /** Every subject, checked: an object with a non-empty digest whose every algorithm is known and value is hex. */
    private static List<Statement.Subject> subjects(JsonNode array, String input) {
        List<Statement.Subject> out = new ArrayList<>(array.size());
        int i = 0;
        for (JsonNode s : array) {
            String at = "subject " + i;
            if (!s.isObject()) {
                throw new InvalidInputException(STAGE, input, at + " is not an object");
            }
            JsonNode name = s.get("name");
            if (name != null && !name.isTextual()) {
                throw new InvalidInputException(STAGE, input, at + ": 'name' must be a string");
            }
            JsonNode digest = s.get("digest");
            if (digest == null || !digest.isObject() || digest.isEmpty()) {
                throw new InvalidInputException(STAGE, input, at + " has no digest");
            }
            Map<String, String> digests = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> d : digest.properties()) {
                int[] lengths = DIGESTS.get(d.getKey());
                if (lengths == null) {
                    throw new InvalidInputException(STAGE, input, at + ": unknown digest algorithm '"
                            + UntrustedJson.name(d.getKey()) + "'");
                }
                String value = d.getValue().isTextual() ? d.getValue().asText() : "";
                boolean lengthOk = false;
                for (int l : lengths) {
                    lengthOk |= value.length() == l;
                }
                if (!lengthOk || !HEX.matcher(value).matches()) {
                    throw new InvalidInputException(STAGE, input, at + ": the " + d.getKey()
                            + " digest is not a hex value of the algorithm's length");
                }
                digests.put(d.getKey(), value.toLowerCase(Locale.ROOT));
            }
            out.add(new Statement.Subject(name == null ? "" : name.asText(), digests));
            i++;
        }
        return out;
    }

    private static VerificationResult.ReportFacts facts(JsonNode p) {
        List<String> reasons = new ArrayList<>();
        p.path("summary").path("resultReasons").forEach(r -> reasons.add(r.asText()));
        JsonNode auditor = p.path("auditor");
        return new VerificationResult.ReportFacts(p.path("product").path("vendor").asText(""),
                p.path("product").path("name").asText(""), p.path("product").path("version").asText(""),
                p.path("source").path("commitId").asText(""), p.path("generatedAt").asText(""),
                auditor.path("identity").asText(""), auditor.path("keyId").asText(""),
                // a report that does not say it was signed with a real key is treated as signed with a demo key
                !auditor.path("demoKey").isBoolean() || auditor.path("demoKey").asBoolean(),
                p.path("summary").path("result").asText(""), reasons, p.get("session"));
    }

    /**
     * A VSA v1 predicate's result: {@code verificationResult} must be PASSED or FAILED and {@code verifier.id},
     * {@code timeVerified}, {@code resourceUri} and {@code policy.uri} must be set (required by the VSA spec);
     * other fields are read when present.
     */
    private static VerificationResult.SummaryFacts summaryFacts(JsonNode p, String input) {
        String result = p.path("verificationResult").asText("");
        if (!VerificationSummaries.PASSED.equals(result) && !VerificationSummaries.FAILED.equals(result)) {
            throw new InvalidInputException(STAGE, input, "the verification summary's verificationResult is not PASSED or FAILED");
        }
        for (JsonNode required : List.of(p.path("verifier").path("id"), p.path("timeVerified"), p.path("resourceUri"),
                p.path("policy").path("uri"))) {
            if (!required.isTextual() || required.asText().isEmpty()) {
                throw new InvalidInputException(STAGE, input, "the verification summary lacks verifier.id, timeVerified,"
                        + " resourceUri or policy.uri");
            }
        }
        List<String> levels = new ArrayList<>();
        p.path("verifiedLevels").forEach(l -> levels.add(l.asText()));
        List<String> reasons = new ArrayList<>();
        p.path(VerificationSummaries.EXTENSION).path("reasons").forEach(r -> reasons.add(r.asText()));
        return new VerificationResult.SummaryFacts(result, p.path("resourceUri").asText(), p.path("verifier").path("id").asText(),
                p.path("timeVerified").asText(), levels, reasons);
    }

    /** The report's verdicts for the named subjects and for every entry inside them ({@code NAME!/...}). */
    private static List<VerificationResult.CoveredVerdict> verdicts(JsonNode predicate, List<String> names) {
        List<VerificationResult.CoveredVerdict> out = new ArrayList<>();
        for (JsonNode v : predicate.path("verdicts")) {
            String shipped = v.path("shipped").asText("");
            for (String name : names) {
                if (!name.isEmpty() && (shipped.equals(name) || shipped.startsWith(name + "!/"))) {
                    out.add(new VerificationResult.CoveredVerdict(shipped, v.path("verdict").asText(""),
                            v.path("reason").asText("")));
                    break;
                }
            }
        }
        return out;
    }

    /**
     * Base64 as DSSE allows it: the standard or the URL-safe alphabet (not both in one value), padding optional.
     *
     * @throws IllegalArgumentException when it is neither
     */
    static byte[] base64(String s) {
        boolean urlSafe = s.indexOf('-') >= 0 || s.indexOf('_') >= 0;
        boolean standard = s.indexOf('+') >= 0 || s.indexOf('/') >= 0;
        if (urlSafe && standard) {
            throw new IllegalArgumentException("mixed base64 alphabets");
        }
        return (urlSafe ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(s);
    }

    private Envelope read(Path file) {
        long cap = policy.maxEnvelopeBytes();
        long size = InputFiles.requireRegularFile(file, Long.MAX_VALUE, STAGE, "DSSE envelope");
        if (size > cap) {
            throw new InvalidInputException(STAGE, file.toString(), "the envelope is " + size + " bytes, over the "
                    + cap + " bytes a payload cap of " + policy.maxPayloadBytes() + " bytes allows (--max-payload-bytes)");
        }
        byte[] bytes = InputFiles.read(file, cap, STAGE, "DSSE envelope");
        Envelope e;
        try {
            e = mapper.readValue(bytes, Envelope.class);
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
