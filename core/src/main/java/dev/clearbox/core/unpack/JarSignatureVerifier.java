package dev.clearbox.core.unpack;

import dev.clearbox.core.Sha256;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.CodeSigner;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.security.auth.x500.X500Principal;

/**
 * Verifies a jar's signature with the JDK's own verifier: {@link JarFile} opened with verification on,
 * every entry read to its end (which is when the JDK checks its digest), then each entry's
 * {@link JarEntry#getCodeSigners() signers} collected. Reading is bounded by the unpack limits, so a
 * compression bomb in a jar that was not unpacked (nesting depth reached) cannot run away.
 */
final class JarSignatureVerifier {
    /** Largest signature-related entry (manifest, {@code .SF}, signature block) the JDK is allowed to load. */
    static final long MAX_SIGNATURE_FILE_BYTES = 16L * 1024 * 1024;

    private static final Set<String> WEAK_DIGESTS = Set.of("SHA1", "SHA", "SHA-1", "MD5", "MD2");
    private static final Pattern DIGEST_ATTRIBUTE = Pattern.compile(
            "(?m)^([A-Za-z0-9-]+?)-Digest(?:-Manifest(?:-Main-Attributes)?)?:");

    private JarSignatureVerifier() {
    }

    /** True for {@code META-INF/NAME.SF}: the file whose presence makes a jar signed. */
    static boolean isSignatureFile(String name) {
        int n = name.length();
        return n > 12 && name.regionMatches(true, 0, "META-INF/", 0, 9) && name.indexOf('/', 9) < 0
                && name.regionMatches(true, n - 3, ".SF", 0, 3);
    }

    /**
     * True for the entries a signature does not cover: the manifest and the signature files and blocks
     * directly under {@code META-INF/} (as {@code jarsigner} decides).
     */
    static boolean isSignatureRelated(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        if (!upper.startsWith("META-INF/") || upper.indexOf('/', 9) >= 0) {
            return false;
        }
        String file = upper.substring(9);
        return file.equals("MANIFEST.MF") || file.endsWith(".SF") || file.endsWith(".DSA") || file.endsWith(".RSA")
                || file.endsWith(".EC") || file.startsWith("SIG-");
    }

    static JarSignature verify(Path jar, UnpackLimits limits) {
        TreeMap<String, JarSignature.Signer> signers = new TreeMap<>();
        Map<CodeSigner, Boolean> seen = new IdentityHashMap<>();
        List<String> unsigned = new ArrayList<>();
        String lastSignatureFile = "";
        long total = 0;
        byte[] buf = new byte[64 * 1024];
        ByteArrayOutputStream signatureFiles = new ByteArrayOutputStream();
        try (JarFile jf = new JarFile(jar.toFile(), true)) {
            List<JarEntry> entries = Collections.list(jf.entries());
            for (JarEntry e : entries) {
                if (isSignatureRelated(e.getName()) && e.getSize() > MAX_SIGNATURE_FILE_BYTES) {
                    return JarSignature.notChecked(Failures.printable(e.getName()) + " is larger than "
                            + MAX_SIGNATURE_FILE_BYTES + " bytes");
                }
            }
            for (JarEntry e : entries) {
                String name = e.getName();
                if (e.isDirectory()) {
                    continue;
                }
                if (isSignatureFile(name)) {
                    lastSignatureFile = name;
                }
                long size = 0;
                boolean keep = isSignatureFile(name);
                try (InputStream in = jf.getInputStream(e)) {
                    for (int n; (n = in.read(buf)) >= 0; ) {
                        if (keep && size + n <= MAX_SIGNATURE_FILE_BYTES) {
                            signatureFiles.write(buf, 0, n);
                        }
                        size += n;
                        total += n;
                        if (size > limits.maxEntryBytes() || total > limits.maxTotalBytes()) {
                            return JarSignature.notChecked("reading " + Failures.printable(name)
                                    + " for verification exceeds the unpack limits");
                        }
                    }
                } catch (SecurityException ex) {
                    return JarSignature.invalid(Failures.printable(name), Failures.describe(ex));
                } catch (IOException | RuntimeException ex) {
                    return JarSignature.notChecked("cannot read " + Failures.printable(name) + ": " + Failures.describe(ex));
                }
                if (isSignatureRelated(name)) {
                    continue;
                }
                CodeSigner[] codeSigners = e.getCodeSigners();
                if (codeSigners == null || codeSigners.length == 0) {
                    unsigned.add(Failures.printable(name));
                    continue;
                }
                for (CodeSigner cs : codeSigners) {
                    // The JDK hands the same CodeSigner to every entry of one signature: describe it once.
                    if (seen.put(cs, Boolean.TRUE) == null) {
                        JarSignature.Signer s = signer(cs);
                        if (s != null) {
                            signers.putIfAbsent(s.sha256Fingerprint(), s);
                        }
                    }
                }
            }
        } catch (SecurityException ex) {
            return JarSignature.invalid(Failures.printable(lastSignatureFile), Failures.describe(ex));
        } catch (IOException | RuntimeException ex) {
            return JarSignature.notChecked("not a readable jar: " + Failures.describe(ex));
        }
        if (signers.isEmpty()) {
            Set<String> digests = digestAlgorithms(signatureFiles.toString(StandardCharsets.UTF_8));
            if (!digests.isEmpty() && WEAK_DIGESTS.containsAll(digests)) {
                return JarSignature.weak(Failures.printable(lastSignatureFile), "signed with " + String.join(", ", digests)
                        + " digests only, which the JDK disables as weak; it treats the jar as unsigned");
            }
            return JarSignature.invalid(Failures.printable(lastSignatureFile),
                    "no entry is covered by a signature the JDK accepts (broken signature block, manifest sections"
                            + " that do not match, or a disabled algorithm)");
        }
        List<JarSignature.Signer> list = new ArrayList<>(signers.values());
        if (unsigned.isEmpty()) {
            return new JarSignature(JarSignature.Status.VERIFIED, list, "", List.of(), 0, "");
        }
        unsigned.sort(Comparator.naturalOrder());
        List<String> listed = unsigned.subList(0, Math.min(unsigned.size(), JarSignature.MAX_LISTED));
        return new JarSignature(JarSignature.Status.PARTIALLY_SIGNED, list, "", listed, unsigned.size(),
                unsigned.size() + " entr" + (unsigned.size() == 1 ? "y is" : "ies are") + " not covered by the signature");
    }

    /** Upper-case names of the digest algorithms a signature file uses ({@code SHA1} from {@code SHA1-Digest: ...}). */
    static Set<String> digestAlgorithms(String signatureFiles) {
        Set<String> names = new TreeSet<>();
        Matcher m = DIGEST_ATTRIBUTE.matcher(signatureFiles);
        while (m.find()) {
            names.add(m.group(1).toUpperCase(Locale.ROOT));
        }
        return names;
    }

    private static JarSignature.Signer signer(CodeSigner cs) {
        List<? extends Certificate> chain = cs.getSignerCertPath().getCertificates();
        if (chain.isEmpty() || !(chain.get(0) instanceof X509Certificate cert)) {
            return null;
        }
        String fingerprint;
        try {
            fingerprint = Sha256.hex(cert.getEncoded());
        } catch (CertificateEncodingException e) {
            return null;
        }
        return new JarSignature.Signer(
                Failures.printable(cert.getSubjectX500Principal().getName(X500Principal.RFC2253)),
                Failures.printable(cert.getIssuerX500Principal().getName(X500Principal.RFC2253)),
                fingerprint, cert.getNotBefore().toInstant().toString(), cert.getNotAfter().toInstant().toString());
    }
}
