package dev.clearbox.reports.sign;

import dev.clearbox.core.InvalidInputException;
import dev.clearbox.core.Sha256;
import dev.clearbox.core.Stage;
import dev.clearbox.core.io.InputFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Signing keys as PEM files: PKCS#8 private keys ({@code -----BEGIN PRIVATE KEY-----}) and X.509
 * SubjectPublicKeyInfo public keys ({@code -----BEGIN PUBLIC KEY-----}), the forms that OpenSSL and
 * standard DSSE verifiers read. Ed25519 is generated; Ed25519 and ECDSA P-256 keys are accepted.
 */
public final class KeyFiles {
    private static final Stage STAGE = Stage.KEYS;
    private static final List<String> ALGORITHMS = List.of("Ed25519", "EC");
    private static final long MAX_PEM_BYTES = 64 * 1024;

    private KeyFiles() {
    }

    public static KeyPair generateEd25519() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no Ed25519", e);
        }
    }

    /**
     * Writes the pair; the private key file is created readable and writable by its owner only (on POSIX
     * file systems) before any byte is written. Existing files are never overwritten.
     */
    public static void write(KeyPair pair, Path privatePem, Path publicPem) {
        writeNew(privatePem, pem("PRIVATE KEY", pair.getPrivate().getEncoded()), true);
        writeNew(publicPem, pem("PUBLIC KEY", pair.getPublic().getEncoded()), false);
    }

    public static PrivateKey readPrivateKey(Path file) {
        byte[] der = readPem(file, "PRIVATE KEY");
        for (String alg : ALGORITHMS) {
            try {
                return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException | RuntimeException e) {
                // try the next algorithm
            }
        }
        throw new InvalidInputException(STAGE, file.toString(), "not an Ed25519 or ECDSA private key");
    }

    public static PublicKey readPublicKey(Path file) {
        byte[] der = readPem(file, "PUBLIC KEY");
        for (String alg : ALGORITHMS) {
            try {
                return KeyFactory.getInstance(alg).generatePublic(new X509EncodedKeySpec(der));
            } catch (GeneralSecurityException | RuntimeException e) {
                // try the next algorithm
            }
        }
        throw new InvalidInputException(STAGE, file.toString(), "not an Ed25519 or ECDSA public key");
    }

    /**
     * What is wrong with who may read a private key file, or empty when only its owner may (or the file system
     * has no POSIX permissions, or the file cannot be inspected: reading it then reports the problem). The caller
     * decides whether this is a warning or a refusal.
     */
    public static Optional<String> exposure(Path privateKey) {
        Set<PosixFilePermission> perms;
        try {
            if (!privateKey.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                return Optional.empty();
            }
            perms = Files.getPosixFilePermissions(privateKey);
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
        boolean group = perms.contains(PosixFilePermission.GROUP_READ);
        boolean others = perms.contains(PosixFilePermission.OTHERS_READ);
        if (!group && !others) {
            return Optional.empty();
        }
        return Optional.of("private key is readable by " + (group && others ? "group and others" : group ? "group" : "others")
                + " (" + PosixFilePermissions.toString(perms) + "); make it owner-only: chmod 600");
    }

    /** The key id used in envelopes: lowercase hex SHA-256 of the public key's DER SubjectPublicKeyInfo. */
    public static String keyId(PublicKey key) {
        return Sha256.hex(key.getEncoded());
    }

    static String pem(String label, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
    }

    private static byte[] readPem(Path file, String label) {
        String text = new String(InputFiles.read(file, MAX_PEM_BYTES, STAGE, "PEM key file"), StandardCharsets.US_ASCII);
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int b = text.indexOf(begin);
        int e = text.indexOf(end);
        if (b < 0 || e < b) {
            throw new InvalidInputException(STAGE, file.toString(), "not a PEM file with a '" + label + "' block");
        }
        String body = text.substring(b + begin.length(), e).replaceAll("\\s+", "");
        try {
            return Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException ex) {
            throw new InvalidInputException(STAGE, file.toString(), "PEM body is not valid base64");
        }
    }

    private static void writeNew(Path file, String content, boolean ownerOnly) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
            if (posix) {
                Set<PosixFilePermission> perms = PosixFilePermissions.fromString(ownerOnly ? "rw-------" : "rw-r--r--");
                FileAttribute<Set<PosixFilePermission>> attr = PosixFilePermissions.asFileAttribute(perms);
                Files.createFile(file, attr);
                Files.setPosixFilePermissions(file, perms); // the umask may have narrowed or widened createFile's
            } else {
                Files.createFile(file);
            }
            Files.writeString(file, content, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (FileAlreadyExistsException e) {
            throw new InvalidInputException(STAGE, file.toString(), "already exists; refusing to overwrite a key");
        } catch (IOException e) {
            throw new InvalidInputException(STAGE, file.toString(), "cannot write key file: " + e.getMessage());
        }
    }
}
