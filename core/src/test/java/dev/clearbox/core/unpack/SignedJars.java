package dev.clearbox.core.unpack;

import jdk.security.jarsigner.JarSigner;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertPath;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Signs jars in tests: a key pair and self-signed certificate made by the running JDK's {@code keytool}, and
 * the JDK's public {@link JarSigner} API to sign.
 */
final class SignedJars {
    static final String DNAME = "CN=Acme Release Signing,O=Acme Corp,C=US";
    private static final char[] PASSWORD = "changeit".toCharArray();

    final PrivateKey key;
    final X509Certificate certificate;
    private final CertPath certPath;

    private SignedJars(PrivateKey key, CertPath certPath) {
        this.key = key;
        this.certPath = certPath;
        this.certificate = (X509Certificate) certPath.getCertificates().get(0);
    }

    /** Generates a P-256 key and self-signed certificate with keytool into {@code dir}. */
    static SignedJars create(Path dir) throws IOException, InterruptedException, GeneralSecurityException {
        Path store = dir.resolve("signing.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "vendor", "-keyalg", "EC",
                "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA", "-dname", DNAME, "-validity", "3650",
                "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", new String(PASSWORD),
                "-keypass", new String(PASSWORD))
                .redirectErrorStream(true).redirectOutput(dir.resolve("keytool.log").toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("keytool failed: " + Files.readString(dir.resolve("keytool.log")));
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, PASSWORD);
        }
        PrivateKey key = (PrivateKey) ks.getKey("vendor", PASSWORD);
        CertPath path = CertificateFactory.getInstance("X.509")
                .generateCertPath(Arrays.asList(ks.getCertificateChain("vendor")));
        return new SignedJars(key, path);
    }

    /** The jar signed with this key (SHA-256 digests, SHA256withECDSA). */
    byte[] sign(byte[] jar, Path scratch) throws IOException, GeneralSecurityException {
        return sign(jar, scratch, "SHA-256", "SHA256withECDSA");
    }

    byte[] sign(byte[] jar, Path scratch, String digest, String signatureAlgorithm)
            throws IOException, GeneralSecurityException {
        Path in = Files.createTempFile(scratch, "unsigned", ".jar");
        Files.write(in, jar);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipFile zip = new ZipFile(in.toFile())) {
            new JarSigner.Builder(key, certPath).signerName("VENDOR").digestAlgorithm(digest).signatureAlgorithm(signatureAlgorithm)
                    .build().sign(zip, out);
        }
        return out.toByteArray();
    }

    /** A copy of the jar with every entry in order, the content of the named ones replaced. */
    static byte[] rewrite(byte[] jar, Map<String, UnaryOperator<byte[]>> changes, Map<String, byte[]> added) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(jar));
             ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                byte[] content = in.readAllBytes();
                UnaryOperator<byte[]> change = changes.get(e.getName());
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(change == null ? content : change.apply(content));
                out.closeEntry();
            }
            for (Map.Entry<String, byte[]> a : added.entrySet()) {
                out.putNextEntry(new ZipEntry(a.getKey()));
                out.write(a.getValue());
                out.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Flips the last byte. */
    static byte[] flipLastByte(byte[] content) {
        byte[] copy = content.clone();
        copy[copy.length - 1] ^= 0x01;
        return copy;
    }

    static List<String> names(byte[] zip) {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            List<String> names = new java.util.ArrayList<>();
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                names.add(e.getName());
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
