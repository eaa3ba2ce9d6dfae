package dev.clearbox.core.checkout;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.eclipse.jgit.lib.Signer;
import org.eclipse.jgit.signing.ssh.SshSignerFactory;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;

/**
 * An SSH key pair made in the test (Apache MINA sshd, as JGit uses it), written as OpenSSH key files, and JGit's own
 * SSH signer ({@code org.eclipse.jgit.ssh.apache}) to sign commits and tags with it.
 */
final class SshTestKey {
    final KeyPair pair;
    final Path privateKey;
    final Path publicKey;

    private SshTestKey(KeyPair pair, Path privateKey, Path publicKey) {
        this.pair = pair;
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    /** @param type an OpenSSH key type: {@code ssh-ed25519}, {@code ecdsa-sha2-nistp256}, {@code ssh-rsa} */
    static SshTestKey generate(String type, int bits, Path dir, String name) throws Exception {
        KeyPair pair = KeyUtils.generateKeyPair(type, bits);
        Files.createDirectories(dir);
        Path priv = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(priv)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(pair, name, null, out);
        }
        Files.setPosixFilePermissions(priv, PosixFilePermissions.fromString("rw-------")); // ssh-keygen insists
        Path pub = Files.writeString(dir.resolve(name + ".pub"), PublicKeyEntry.toString(pair.getPublic()) + " " + name + "\n");
        return new SshTestKey(pair, priv, pub);
    }

    /** The key as an allowed-signers line holds it: {@code KEYTYPE BASE64}. */
    String publicKeyText() {
        return PublicKeyEntry.toString(pair.getPublic());
    }

    /** The fingerprint as {@code ssh-keygen -l} prints it: {@code SHA256:…}. */
    String fingerprint() {
        return KeyUtils.getFingerPrint(pair.getPublic());
    }

    /** JGit's SSH signer; pass {@link #signingKey()} as the signing key. */
    static Signer signer() {
        return new SshSignerFactory().create();
    }

    /** The signing key as git's {@code user.signingKey} names it for SSH: the public key file beside the private key. */
    String signingKey() {
        return publicKey.toString();
    }
}
