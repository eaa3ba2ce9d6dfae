package dev.clearbox.reports.sign;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clearbox.core.IntegrityException;
import dev.clearbox.core.InvalidInputException;
import dev.clearbox.core.Sha256;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SignVerifyTest {
    @TempDir
    Path tmp;

    Path priv;
    Path pub;
    Path artifact;
    Path envelopeFile;
    final ObjectMapper mapper = new ObjectMapper();

    @BeforeEach
    void signSomething() throws Exception {
        priv = tmp.resolve("keys/signing.pem");
        pub = tmp.resolve("keys/signing.pub.pem");
        KeyFiles.write(KeyFiles.generateEd25519(), priv, pub);
        artifact = Files.writeString(tmp.resolve("update.zip"), "shipped bytes");
        ObjectNode predicate = mapper.createObjectNode().put("verdict", "REPRODUCIBLE");
        predicate.putObject("auditor").put("identity", "Example Lab").put("keyId", KeyFiles.keyId(KeyFiles.readPublicKey(pub)))
                .put("demoKey", false);
        byte[] statement = Attestations.statement(List.of(
                new Statement.Subject("update.zip", Map.of("sha256", Sha256.hex(artifact))),
                new Statement.Subject("source", Map.of("gitCommit", "0123456789abcdef0123456789abcdef01234567"))),
                "https://clearbox.dev/attestation/audit-report/v1", predicate);
        envelopeFile = tmp.resolve("report.dsse.json");
        Attestations.write(Attestations.sign(statement, KeyFiles.readPrivateKey(priv), KeyFiles.readPublicKey(pub)),
                envelopeFile);
    }

    private VerificationResult verify(Path envelope, Path key, Path... artifacts) {
        return new EnvelopeVerifier().verify(envelope, KeyFiles.readPublicKey(key), List.of(artifacts));
    }

    @Test
    void paeMatchesTheDsseSpecificationExample() {
        assertArrayEquals("DSSEv1 29 http://example.com/HelloWorld 11 hello world".getBytes(StandardCharsets.UTF_8),
                Dsse.pae("http://example.com/HelloWorld", "hello world".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void privateKeyIsOwnerOnlyAndKeysAreNeverOverwritten() throws Exception {
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(priv)));
        assertTrue(Files.readString(priv).startsWith("-----BEGIN PRIVATE KEY-----\n"));
        assertTrue(Files.readString(pub).startsWith("-----BEGIN PUBLIC KEY-----\n"));
        String before = Files.readString(priv);
        KeyPair other = KeyFiles.generateEd25519();
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> KeyFiles.write(other, priv, pub));
        assertTrue(e.problem().contains("refusing to overwrite"));
        assertEquals(before, Files.readString(priv));
    }

    @Test
    void signedStatementVerifiesAndCoversTheArtifact() {
        VerificationResult r = verify(envelopeFile, pub, artifact);
        assertEquals(KeyFiles.keyId(KeyFiles.readPublicKey(pub)), r.keyId());
        assertEquals("https://clearbox.dev/attestation/audit-report/v1", r.predicateType());
        assertEquals(2, r.subjectCount());
        assertEquals("0123456789abcdef0123456789abcdef01234567", r.gitCommits().get(0).digest().get("gitCommit"));
        assertEquals("update.zip", r.artifacts().get(0).subject());
    }

    private Path withEnvelope(String field, java.util.function.UnaryOperator<byte[]> change) throws Exception {
        ObjectNode env = (ObjectNode) mapper.readTree(envelopeFile.toFile());
        if (field.equals("payload")) {
            env.put("payload", Base64.getEncoder().encodeToString(change.apply(Base64.getDecoder().decode(env.get("payload").asText()))));
        } else {
            ObjectNode sig = (ObjectNode) env.get("signatures").get(0);
            sig.put("sig", Base64.getEncoder().encodeToString(change.apply(Base64.getDecoder().decode(sig.get("sig").asText()))));
        }
        Path out = tmp.resolve("altered-" + field + ".json");
        mapper.writeValue(out.toFile(), env);
        return out;
    }

    private static byte[] flipByte(byte[] b, int index) {
        byte[] c = b.clone();
        c[index] ^= 0x01;
        return c;
    }

    @Test
    void oneChangedByteOfPayloadOrSignatureStopsVerification() throws Exception {
        for (int i : new int[]{0, 17, 40}) {
            int index = i;
            Path p = withEnvelope("payload", b -> flipByte(b, index));
            IntegrityException e = assertThrows(IntegrityException.class, () -> verify(p, pub));
            assertTrue(e.problem().startsWith("signature does not verify"), e.oneLine());
            Path s = withEnvelope("sig", b -> flipByte(b, index));
            assertThrows(IntegrityException.class, () -> verify(s, pub));
        }
    }

    @Test
    void anotherKeyDoesNotVerify() {
        Path otherPub = tmp.resolve("other/pub.pem");
        KeyFiles.write(KeyFiles.generateEd25519(), tmp.resolve("other/priv.pem"), otherPub);
        assertThrows(IntegrityException.class, () -> verify(envelopeFile, otherPub));
    }

    @Test
    void artifactNotCoveredIsRejected() throws Exception {
        Path stranger = Files.writeString(tmp.resolve("other.zip"), "not shipped");
        IntegrityException e = assertThrows(IntegrityException.class, () -> verify(envelopeFile, pub, artifact, stranger));
        assertEquals(stranger.toString(), e.input());
        assertTrue(e.problem().contains("is not among the 2 subjects"), e.oneLine());
    }

    @Test
    void malformedEnvelopesAndKeysAreOneLineErrors() throws Exception {
        Path notJson = Files.writeString(tmp.resolve("bad.json"), "{ nope");
        assertTrue(assertThrows(InvalidInputException.class, () -> verify(notJson, pub)).problem().startsWith("not a DSSE envelope"));
        Path wrongType = Files.writeString(tmp.resolve("type.json"), "{\"payloadType\":\"text/plain\",\"payload\":\"\",\"signatures\":[]}");
        assertTrue(assertThrows(InvalidInputException.class, () -> verify(wrongType, pub)).problem().contains("payloadType"));
        Path missing = tmp.resolve("absent.pem");
        assertEquals("keys: " + missing + ": no such file",
                assertThrows(InvalidInputException.class, () -> KeyFiles.readPublicKey(missing)).oneLine());
        Path garbageKey = Files.writeString(tmp.resolve("garbage.pem"), "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n");
        assertTrue(assertThrows(InvalidInputException.class, () -> KeyFiles.readPublicKey(garbageKey)).problem()
                .startsWith("not an Ed25519 or ECDSA public key"));
        assertTrue(assertThrows(InvalidInputException.class, () -> KeyFiles.readPublicKey(priv)).problem()
                .contains("'PUBLIC KEY' block"));
    }

    @Test
    void anEnvelopeWithADuplicateKeyIsRefused() throws Exception {
        String json = Files.readString(envelopeFile);
        Path twice = Files.writeString(tmp.resolve("twice.dsse.json"),
                json.replaceFirst("\\{", "{\"payload\": \"e30=\",\n"));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> verify(twice, pub));
        assertEquals("verify: " + twice + ": not a DSSE envelope: duplicate key 'payload' at line 4", e.oneLine());
    }

    @Test
    void aSignedStatementWithADuplicateKeyIsRefused() throws Exception {
        // Validly signed, so only the duplicate can be what is refused: two readers could see two subject lists.
        String statement = "{\"_type\": \"" + Statement.TYPE + "\", \"subject\": [{\"name\": \"a\", \"digest\": {\"sha256\": \""
                + Sha256.hex(artifact) + "\"}}], \"predicateType\": \"x\", \"subject\": [], \"predicate\": {}}";
        Path signed = tmp.resolve("dup-statement.dsse.json");
        Attestations.write(Attestations.sign(statement.getBytes(StandardCharsets.UTF_8), KeyFiles.readPrivateKey(priv),
                KeyFiles.readPublicKey(pub)), signed);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> verify(signed, pub, artifact));
        assertEquals("verify: " + signed + ": signed payload is not an in-toto Statement: duplicate key 'subject' at line 1",
                e.oneLine());
    }

    private Path signed(String name, String payloadType, String statement) throws Exception {
        Path out = tmp.resolve(name);
        Attestations.write(Dsse.sign(payloadType, statement.getBytes(StandardCharsets.UTF_8), KeyFiles.readPrivateKey(priv),
                KeyFiles.readPublicKey(pub)), out);
        return out;
    }

    private String statementWithSubjects(String subjects) {
        return "{\"_type\": \"" + Statement.TYPE + "\", \"subject\": [" + subjects
                + "], \"predicateType\": \"https://example.com/p/v1\", \"predicate\": {}}";
    }

    @Test
    void urlSafeBase64WithoutPaddingIsAccepted() throws Exception {
        ObjectNode env = (ObjectNode) mapper.readTree(envelopeFile.toFile());
        byte[] payload = Base64.getDecoder().decode(env.get("payload").asText());
        ObjectNode sig = (ObjectNode) env.get("signatures").get(0);
        byte[] signature = Base64.getDecoder().decode(sig.get("sig").asText());
        env.put("payload", Base64.getUrlEncoder().withoutPadding().encodeToString(payload));
        sig.put("sig", Base64.getUrlEncoder().withoutPadding().encodeToString(signature));
        Path urlSafe = tmp.resolve("url-safe.dsse.json");
        mapper.writeValue(urlSafe.toFile(), env);
        assertEquals("update.zip", verify(urlSafe, pub, artifact).artifacts().get(0).subject());
        // the same bytes in the standard alphabet verify too; one value mixing both alphabets does not
        assertTrue(EnvelopeVerifier.base64("-_8").length > 0);
        assertArrayEquals(EnvelopeVerifier.base64("-_8"), EnvelopeVerifier.base64("+/8"));
        assertThrows(IllegalArgumentException.class, () -> EnvelopeVerifier.base64("+_8"));
    }

    @Test
    void thePredicateSpecificInTotoPayloadTypeIsAcceptedAndOthersAreNot() throws Exception {
        String statement = statementWithSubjects("{\"name\": \"update.zip\", \"digest\": {\"sha256\": \""
                + Sha256.hex(artifact) + "\"}}");
        Path specific = signed("specific.dsse.json", "application/vnd.in-toto.audit-report+json", statement);
        VerificationResult r = verify(specific, pub, artifact);
        assertEquals("application/vnd.in-toto.audit-report+json", r.payloadType());
        Path other = signed("other-type.dsse.json", "application/json", statement);
        assertTrue(assertThrows(InvalidInputException.class, () -> verify(other, pub)).problem().startsWith("payloadType is not"));
        Path upper = signed("upper.dsse.json", "application/vnd.in-toto.Audit+json", statement);
        assertThrows(InvalidInputException.class, () -> verify(upper, pub));
    }

    @Test
    void everySubjectNeedsADigestOfAKnownAlgorithmWithAHexValue() throws Exception {
        String good = "{\"name\": \"update.zip\", \"digest\": {\"sha256\": \"" + Sha256.hex(artifact) + "\"}}";
        Map<String, String> bad = new java.util.LinkedHashMap<>();
        bad.put("{\"name\": \"empty\", \"digest\": {}}", "subject 1 has no digest");
        bad.put("{\"name\": \"none\"}", "subject 1 has no digest");
        bad.put("{\"name\": \"x\", \"digest\": {\"crc32\": \"0badf00d\"}}", "subject 1: unknown digest algorithm 'crc32'");
        bad.put("{\"name\": \"x\", \"digest\": {\"sha256\": \"\"}}",
                "subject 1: the sha256 digest is not a hex value of the algorithm's length");
        bad.put("{\"name\": \"x\", \"digest\": {\"sha256\": \"" + "g".repeat(64) + "\"}}",
                "subject 1: the sha256 digest is not a hex value of the algorithm's length");
        bad.put("{\"name\": \"x\", \"digest\": {\"gitCommit\": \"abc\"}}",
                "subject 1: the gitCommit digest is not a hex value of the algorithm's length");
        int i = 0;
        for (Map.Entry<String, String> b : bad.entrySet()) {
            Path env = signed("bad-subject-" + i++ + ".dsse.json", Dsse.IN_TOTO_PAYLOAD_TYPE,
                    statementWithSubjects(good + ", " + b.getKey()));
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> verify(env, pub, artifact), b.getKey());
            assertEquals(b.getValue(), e.problem());
        }
        Path ok = signed("good-subjects.dsse.json", Dsse.IN_TOTO_PAYLOAD_TYPE, statementWithSubjects(good));
        assertEquals(1, verify(ok, pub, artifact).subjectCount());
    }

    private VerificationResult verifyWith(VerifyPolicy policy, Path envelope) {
        return new EnvelopeVerifier(policy).verify(envelope, KeyFiles.readPublicKey(pub), List.of());
    }

    @Test
    void expectationsOnPredicateTypeCommitAndSigner() {
        String type = "https://clearbox.dev/attestation/audit-report/v1";
        String commit = "0123456789abcdef0123456789abcdef01234567";
        String keyId = KeyFiles.keyId(KeyFiles.readPublicKey(pub));
        long cap = VerifyPolicy.DEFAULT_MAX_PAYLOAD_BYTES;
        assertEquals(type, verifyWith(new VerifyPolicy(cap, type, commit, keyId), envelopeFile).predicateType());
        IntegrityException e = assertThrows(IntegrityException.class,
                () -> verifyWith(new VerifyPolicy(cap, "https://slsa.dev/provenance/v1", null, null), envelopeFile));
        assertEquals("the predicate type is " + type + ", not the expected https://slsa.dev/provenance/v1", e.problem());
        e = assertThrows(IntegrityException.class, () -> verifyWith(new VerifyPolicy(cap, null, "f".repeat(40), null), envelopeFile));
        assertEquals("the report covers commit " + commit + ", not the expected " + "f".repeat(40), e.problem());
        e = assertThrows(IntegrityException.class, () -> verifyWith(new VerifyPolicy(cap, null, null, "Someone Else"), envelopeFile));
        assertEquals("signed by key " + keyId + " for 'Example Lab', not the expected signer Someone Else", e.problem());
        assertEquals("Example Lab", verifyWith(new VerifyPolicy(cap, null, null, "Example Lab"), envelopeFile)
                .report().auditorIdentity(), "the identity the report names, bound to the verifying key");
    }

    @Test
    void aDemoKeyOrAReportWithoutAuditorNeverMeetsAnExpectedSigner() throws Exception {
        String keyId = KeyFiles.keyId(KeyFiles.readPublicKey(pub));
        for (String auditor : List.of("{\"identity\": \"Example Lab\", \"keyId\": \"" + keyId + "\", \"demoKey\": true}", "null")) {
            String statement = "{\"_type\": \"" + Statement.TYPE + "\", \"subject\": [{\"name\": \"a\", \"digest\": {\"sha256\": \""
                    + Sha256.hex(artifact) + "\"}}], \"predicateType\": \"" + ReportAttestation.PREDICATE_TYPE
                    + "\", \"predicate\": {\"auditor\": " + auditor + "}}";
            Path env = signed("demo-" + auditor.length() + ".dsse.json", Dsse.IN_TOTO_PAYLOAD_TYPE, statement);
            assertTrue(verifyWith(VerifyPolicy.defaults(), env).report().demoKey());
            IntegrityException e = assertThrows(IntegrityException.class,
                    () -> verifyWith(new VerifyPolicy(VerifyPolicy.DEFAULT_MAX_PAYLOAD_BYTES, null, null, keyId), env));
            assertTrue(e.problem().startsWith("the report was signed with a demo key"), e.problem());
        }
    }

    @Test
    void thePayloadCapIsClearboxsOwnAndConfigurable() throws Exception {
        long size = Files.size(envelopeFile);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> verifyWith(new VerifyPolicy(16, null, null, null), envelopeFile));
        assertTrue(e.problem().startsWith("the payload is ") && e.problem().endsWith(" bytes, over the cap of 16 bytes"
                + " (--max-payload-bytes)"), e.problem() + " (envelope " + size + " bytes)");
        assertThrows(IllegalArgumentException.class, () -> new VerifyPolicy(0, null, null, null));
        assertThrows(IllegalArgumentException.class, () -> new VerifyPolicy(VerifyPolicy.LARGEST_MAX_PAYLOAD_BYTES + 1, null, null, null));
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aStatementWithAHundredThousandSubjectsOverJacksonsStringLimitVerifiesInSeconds() throws Exception {
        List<Statement.Subject> subjects = new java.util.ArrayList<>();
        subjects.add(new Statement.Subject("update.zip", Map.of("sha256", Sha256.hex(artifact))));
        String padding = "x".repeat(120);
        for (int i = 0; i < 100_000; i++) {
            subjects.add(new Statement.Subject("product-" + i + ".zip!/lib/" + padding + "/Class" + i + ".class",
                    Map.of("sha256", Sha256.hex(("entry " + i).getBytes(StandardCharsets.UTF_8)))));
        }
        byte[] statement = Attestations.statement(subjects, ReportAttestation.PREDICATE_TYPE, mapper.createObjectNode());
        assertTrue(statement.length / 3 * 4 > 20_000_000, "the base64 payload exceeds Jackson's default string limit: "
                + statement.length);
        Path big = tmp.resolve("big.dsse.json");
        Attestations.write(Attestations.sign(statement, KeyFiles.readPrivateKey(priv), KeyFiles.readPublicKey(pub)), big);
        long start = System.nanoTime();
        VerificationResult r = verify(big, pub, artifact);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(100_001, r.subjectCount());
        assertEquals("update.zip", r.artifacts().get(0).subject());
        assertTrue(millis < 20_000, "verified in " + millis + " ms");
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aKeyThatIsADeviceIsRefusedWithoutReadingForever() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> KeyFiles.readPublicKey(Path.of("/dev/zero")));
        assertEquals("keys: /dev/zero: not a regular file (a character device); refusing to read it", e.oneLine());
        e = assertThrows(InvalidInputException.class, () -> KeyFiles.readPrivateKey(Path.of("/dev/zero")));
        assertEquals("keys: /dev/zero: not a regular file (a character device); refusing to read it", e.oneLine());
    }

    @Test
    void aPrivateKeyReadableByOthersIsReportedAsData() throws Exception {
        assertEquals(Optional.empty(), KeyFiles.exposure(priv), "keys written by KeyFiles are owner-only");
        Files.setPosixFilePermissions(priv, PosixFilePermissions.fromString("rw-r--r--"));
        assertEquals(Optional.of("private key is readable by group and others (rw-r--r--); make it owner-only: chmod 600"),
                KeyFiles.exposure(priv));
        Files.setPosixFilePermissions(priv, PosixFilePermissions.fromString("rw-r-----"));
        assertEquals(Optional.of("private key is readable by group (rw-r-----); make it owner-only: chmod 600"),
                KeyFiles.exposure(priv));
    }
}
