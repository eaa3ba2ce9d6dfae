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
