package dev.clearbox.core.unpack;

import dev.clearbox.core.Finding;
import dev.clearbox.core.Severity;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.Opcodes;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static dev.clearbox.core.unpack.Fixtures.files;
import static dev.clearbox.core.unpack.Fixtures.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Jar identity and signature verification, with jars built and signed in code. */
class JarInspectionTest {
    @TempDir
    static Path keys;
    static SignedJars signing;

    @TempDir
    Path tmp;

    @BeforeAll
    static void makeKey() throws Exception {
        signing = SignedJars.create(keys);
    }

    private static byte[] plainJar() {
        return Fixtures.zip(files("META-INF/MANIFEST.MF", Fixtures.MANIFEST,
                "com/acme/Foo.class", Fixtures.classFile("com/acme/Foo", Opcodes.V17),
                "com/acme/Bar.class", Fixtures.classFile("com/acme/Bar", Opcodes.V17),
                "config/defaults.properties", utf8("endpoint=https://telemetry.example/\n")));
    }

    private byte[] signedJar() throws Exception {
        return signing.sign(plainJar(), tmp);
    }

    private static InventoryEntry entry(PackageInventory inv, String path) {
        return inv.entries().stream().filter(e -> e.path().equals(path)).findFirst().orElseThrow();
    }

    private static String fingerprint(java.security.cert.X509Certificate cert) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
    }

    @Test
    @Tag("negative:CBX-PKG-SIGNATURE")
    void unsignedJarIsUnsignedAndGivesNoFinding() {
        PackageInventory inv = new Sandbox(tmp).unpack("update.zip", Fixtures.zip(files("lib/plain.jar", plainJar())));

        JarInfo jar = entry(inv, "lib/plain.jar").jar();
        assertNotNull(jar);
        assertEquals(JarSignature.Status.UNSIGNED, jar.signature().status());
        assertEquals(List.of(), jar.signature().signers());
        assertEquals(List.of(), SignatureFindings.of(inv));
        assertNull(entry(inv, "lib/plain.jar!/com/acme/Foo.class").jar(), "only jars carry jar facts");
    }

    @Test
    @Tag("negative:CBX-PKG-SIGNATURE")
    void signedJarVerifiesAndNamesItsSigner() throws Exception {
        byte[] signed = signedJar();
        assertTrue(SignedJars.names(signed).stream().anyMatch(n -> n.endsWith(".SF")), "fixture is signed");

        PackageInventory inv = new Sandbox(tmp).unpack("update.zip", Fixtures.zip(files("lib/signed.jar", signed)));

        JarSignature s = entry(inv, "lib/signed.jar").jar().signature();
        assertEquals(JarSignature.Status.VERIFIED, s.status(), s.problem());
        assertEquals(1, s.signers().size());
        JarSignature.Signer signer = s.signers().get(0);
        assertEquals(SignedJars.DNAME, signer.subject());
        assertEquals(SignedJars.DNAME, signer.issuer(), "self-signed");
        assertEquals(fingerprint(signing.certificate), signer.sha256Fingerprint());
        assertEquals(signing.certificate.getNotBefore().toInstant().toString(), signer.notBefore());
        assertEquals(signing.certificate.getNotAfter().toInstant().toString(), signer.notAfter());
        assertEquals(List.of(), SignatureFindings.of(inv));
    }

    @Test
    @Tag("positive:CBX-PKG-SIGNATURE")
    void tamperedEntryMakesTheSignatureInvalidAndNamesTheEntry() throws Exception {
        byte[] tampered = SignedJars.rewrite(signedJar(), Map.of("com/acme/Bar.class", SignedJars::flipLastByte), Map.of());

        PackageInventory inv = new Sandbox(tmp).unpack("update.zip", Fixtures.zip(files("lib/signed.jar", tampered)));

        JarSignature s = entry(inv, "lib/signed.jar").jar().signature();
        assertEquals(JarSignature.Status.INVALID, s.status());
        assertEquals("com/acme/Bar.class", s.failedEntry());
        assertTrue(s.problem().contains("digest"), s.problem());
        List<Finding> findings = SignatureFindings.of(inv);
        assertEquals(1, findings.size());
        Finding f = findings.get(0);
        assertEquals("CBX-PKG-SIGNATURE", f.ruleId());
        assertEquals(Severity.HIGH, f.severity());
        assertEquals("update.zip!/lib/signed.jar", f.location().file());
        assertEquals("com/acme/Bar.class", f.location().code());
        assertTrue(f.message().contains("com/acme/Bar.class"), f.message());
    }

    @Test
    @Tag("positive:CBX-PKG-SIGNATURE")
    void entryAddedAfterSigningMakesTheJarPartiallySigned() throws Exception {
        byte[] grown = SignedJars.rewrite(signedJar(), Map.of(),
                Map.of("com/acme/Implant.class", Fixtures.classFile("com/acme/Implant", Opcodes.V17)));

        PackageInventory inv = new Sandbox(tmp).unpack("update.zip", Fixtures.zip(files("lib/signed.jar", grown)));

        JarSignature s = entry(inv, "lib/signed.jar").jar().signature();
        assertEquals(JarSignature.Status.PARTIALLY_SIGNED, s.status());
        assertEquals(List.of("com/acme/Implant.class"), s.unsignedEntries());
        assertEquals(1, s.unsignedCount());
        assertEquals(fingerprint(signing.certificate), s.signers().get(0).sha256Fingerprint());
        List<Finding> findings = SignatureFindings.of(inv);
        assertEquals(1, findings.size());
        assertEquals(Severity.MEDIUM, findings.get(0).severity());
        assertTrue(findings.get(0).message().contains("com/acme/Implant.class"), findings.get(0).message());
    }

    @Test
    void jarsAreCheckedAtEveryLevelAndBeyondTheNestingDepth() throws Exception {
        byte[] tampered = SignedJars.rewrite(signedJar(), Map.of("com/acme/Foo.class", SignedJars::flipLastByte), Map.of());
        byte[] war = Fixtures.zip(files("WEB-INF/classes/App.class", Fixtures.classFile("App", Opcodes.V17),
                "WEB-INF/lib/signed.jar", signedJar(), "WEB-INF/lib/tampered.jar", tampered));
        byte[] pkg = Fixtures.compress("gz", Fixtures.tar(files("app/app.war", war)));

        // depth 1 opens the tar.gz's members (the war) but not the jars inside the war
        PackageInventory inv = new Sandbox(tmp).unpack("update.tar.gz", pkg,
                new UnpackLimits(64 << 20, 16 << 20, 1000, 100, 1));

        assertEquals(EntryType.JAR, entry(inv, "app/app.war").type());
        assertEquals(JarSignature.Status.UNSIGNED, entry(inv, "app/app.war").jar().signature().status());
        InventoryEntry signedEntry = entry(inv, "app/app.war!/WEB-INF/lib/signed.jar");
        assertTrue(signedEntry.detail().contains("not unpacked"), signedEntry.detail());
        assertEquals(JarSignature.Status.VERIFIED, signedEntry.jar().signature().status());
        JarSignature bad = entry(inv, "app/app.war!/WEB-INF/lib/tampered.jar").jar().signature();
        assertEquals(JarSignature.Status.INVALID, bad.status());
        assertEquals("com/acme/Foo.class", bad.failedEntry());
        assertEquals(List.of("update.tar.gz!/app/app.war!/WEB-INF/lib/tampered.jar"),
                SignatureFindings.of(inv).stream().map(f -> f.location().file()).toList());
    }

    @Test
    void packageThatIsASignedJarIsVerifiedItself() throws Exception {
        byte[] tampered = SignedJars.rewrite(signedJar(), Map.of("config/defaults.properties",
                c -> utf8("endpoint=https://collector.example/\n")), Map.of());

        PackageInventory good = new Sandbox(tmp, "good").unpack("agent.jar", signedJar());
        PackageInventory bad = new Sandbox(tmp, "bad").unpack("agent-tampered.jar", tampered);

        assertEquals(JarSignature.Status.VERIFIED, good.jar().signature().status());
        assertEquals(JarSignature.Status.INVALID, bad.jar().signature().status());
        assertEquals("config/defaults.properties", bad.jar().signature().failedEntry());
        assertEquals("agent-tampered.jar", SignatureFindings.of(bad).get(0).location().file());
        assertNull(new Sandbox(tmp, "zip").unpack("data.zip", Fixtures.zip(files("a.txt", utf8("a")))).jar(),
                "a zip that is not a jar has no jar facts");
    }

    @Test
    void identityComesFromPomPropertiesAndTheManifest() {
        byte[] manifest = utf8("Manifest-Version: 1.0\r\nImplementation-Title: Acme Agent\r\n"
                + "Implementation-Version: 1.4.0\r\nImplementation-Vendor: Acme Corp\r\n"
                + "Bundle-SymbolicName: com.acme.agent;singleton:=true\r\nBundle-Version: 1.4.0.v2026\r\n\r\n");
        byte[] shaded = Fixtures.zip(files("META-INF/MANIFEST.MF", manifest,
                "META-INF/maven/com.acme/agent/pom.properties", utf8("groupId=com.acme\nartifactId=agent\nversion=1.4.0\n"),
                "META-INF/maven/com.squareup.okio/okio/pom.properties",
                utf8("#Generated\nversion=3.9.0\ngroupId=com.squareup.okio\nartifactId=okio\n"),
                "META-INF/maven/broken/broken/pom.properties", utf8("groupId=broken\n"),
                "com/acme/Agent.class", Fixtures.classFile("com/acme/Agent", Opcodes.V17)));

        PackageInventory inv = new Sandbox(tmp).unpack("update.zip", Fixtures.zip(files("lib/agent-1.4.0.jar", shaded)));

        JarInfo jar = entry(inv, "lib/agent-1.4.0.jar").jar();
        assertEquals(List.of(
                new MavenCoordinates("com.acme", "agent", "1.4.0", "META-INF/maven/com.acme/agent/pom.properties"),
                new MavenCoordinates("com.squareup.okio", "okio", "3.9.0",
                        "META-INF/maven/com.squareup.okio/okio/pom.properties")), jar.maven());
        assertEquals("Acme Agent", jar.implementationTitle());
        assertEquals("1.4.0", jar.implementationVersion());
        assertEquals("Acme Corp", jar.implementationVendor());
        assertEquals("com.acme.agent", jar.bundleSymbolicName());
        assertEquals("1.4.0.v2026", jar.bundleVersion());
    }

    @Test
    void hostileMetadataIsBoundedAndEscaped() {
        String longValue = "x".repeat(5000);
        byte[] jar = Fixtures.zip(files("META-INF/MANIFEST.MF", Fixtures.MANIFEST,
                "META-INF/maven/g/a/pom.properties", utf8("groupId=g\\n\\u0007evil\nartifactId=" + longValue + "\nversion=1\n"),
                "A.class", Fixtures.classFile("A", Opcodes.V17)));

        PackageInventory inv = new Sandbox(tmp).unpack("update.zip", Fixtures.zip(files("a.jar", jar)));

        MavenCoordinates c = entry(inv, "a.jar").jar().maven().get(0);
        assertEquals("g\\n\\x07evil", c.groupId());
        assertEquals(256, c.artifactId().length());
    }

    @Test
    void bombInsideASignedJarBeyondTheNestingDepthIsNotReadPastTheLimits() throws Exception {
        byte[] bomb = signing.sign(Fixtures.zip(files("META-INF/MANIFEST.MF", Fixtures.MANIFEST,
                "A.class", Fixtures.classFile("A", Opcodes.V17), "zeros.bin", new byte[3 << 20])), tmp);

        PackageInventory inv = new Sandbox(tmp).unpack("update.zip", Fixtures.zip(files("lib/bomb.jar", bomb)),
                new UnpackLimits(64 << 20, 1 << 20, 1000, 100, 0));

        JarSignature s = entry(inv, "lib/bomb.jar").jar().signature();
        assertEquals(JarSignature.Status.NOT_CHECKED, s.status());
        assertTrue(s.problem().contains("zeros.bin") && s.problem().contains("limits"), s.problem());
        assertEquals(Severity.LOW, SignatureFindings.of(inv).get(0).severity());
    }

    @Test
    void jarSignedWithSha1OnlyIsReportedAsWeakNotAsTampered() throws Exception {
        byte[] sha1 = signing.sign(plainJar(), tmp, "SHA-1", "SHA1withECDSA");

        PackageInventory inv = new Sandbox(tmp).unpack("update.zip", Fixtures.zip(files("lib/old.jar", sha1)));

        JarSignature s = entry(inv, "lib/old.jar").jar().signature();
        assertEquals(JarSignature.Status.WEAK_ALGORITHM, s.status(), s.problem());
        assertEquals("META-INF/VENDOR.SF", s.failedEntry());
        assertTrue(s.problem().startsWith("signed with SHA-1 digests only"), s.problem());
        assertEquals(Severity.LOW, SignatureFindings.of(inv).get(0).severity());
    }

    @Test
    void digestAlgorithmsAreReadFromSignatureFileAttributes() {
        assertEquals(java.util.Set.of("SHA1", "SHA-256"), JarSignatureVerifier.digestAlgorithms(
                "Signature-Version: 1.0\r\nSHA1-Digest-Manifest-Main-Attributes: x\r\n\r\nName: a\r\nSHA-256-Digest: y\r\n"));
    }
}
