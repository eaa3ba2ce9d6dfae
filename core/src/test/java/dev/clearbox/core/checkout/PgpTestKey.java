package dev.clearbox.core.checkout;

import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.BCPGOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyPacket;
import org.bouncycastle.crypto.generators.Ed25519KeyPairGenerator;
import org.bouncycastle.crypto.params.Ed25519KeyGenerationParameters;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPKeyRingGenerator;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;
import org.bouncycastle.openpgp.operator.bc.BcPGPKeyPair;
import org.eclipse.jgit.lib.GpgConfig;
import org.eclipse.jgit.lib.GpgSignature;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.Signer;
import org.eclipse.jgit.transport.CredentialsProvider;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Date;
import java.util.Locale;

/** An OpenPGP (Ed25519) key made in the test, and a JGit {@link Signer} that signs with it. */
final class PgpTestKey {
    final String userId;
    final PGPKeyPair pair;
    final PGPPublicKeyRing publicRing;

    private PgpTestKey(String userId, PGPKeyPair pair, PGPPublicKeyRing publicRing) {
        this.userId = userId;
        this.pair = pair;
        this.publicRing = publicRing;
    }

    static PgpTestKey generate(String userId) throws Exception {
        Ed25519KeyPairGenerator g = new Ed25519KeyPairGenerator();
        g.init(new Ed25519KeyGenerationParameters(new SecureRandom()));
        PGPKeyPair pair = new BcPGPKeyPair(PublicKeyPacket.VERSION_4, PublicKeyAlgorithmTags.EDDSA_LEGACY,
                g.generateKeyPair(), new Date(1_700_000_000_000L));
        PGPKeyRingGenerator rings = new PGPKeyRingGenerator(PGPSignature.POSITIVE_CERTIFICATION, pair, userId,
                new BcPGPDigestCalculatorProvider().get(HashAlgorithmTags.SHA1), null, null,
                new BcPGPContentSignerBuilder(pair.getPublicKey().getAlgorithm(), HashAlgorithmTags.SHA256), null);
        return new PgpTestKey(userId, pair, rings.generatePublicKeyRing());
    }

    String keyId() {
        return String.format(Locale.ROOT, "%016X", pair.getKeyID());
    }

    /** Writes the public keyring, armored or binary, as gpg --export [--armor] would. */
    Path writeKeyring(Path file, boolean armored, PgpTestKey... more) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = armored ? new ArmoredOutputStream(bytes) : bytes) {
            publicRing.encode(out);
            for (PgpTestKey k : more) {
                k.publicRing.encode(out);
            }
        }
        Files.write(file, bytes.toByteArray());
        return file;
    }

    byte[] sign(byte[] data) throws Exception {
        PGPSignatureGenerator gen = new PGPSignatureGenerator(
                new BcPGPContentSignerBuilder(pair.getPublicKey().getAlgorithm(), HashAlgorithmTags.SHA256),
                pair.getPublicKey());
        gen.init(PGPSignature.BINARY_DOCUMENT, pair.getPrivateKey());
        gen.update(data);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ArmoredOutputStream armor = new ArmoredOutputStream(bytes);
             BCPGOutputStream out = new BCPGOutputStream(armor)) {
            gen.generate().encode(out);
        }
        return bytes.toByteArray();
    }

    /** JGit's commit and tag commands sign through this. */
    Signer signer() {
        return new Signer() {
            @Override
            public GpgSignature sign(Repository repo, GpgConfig config, byte[] data, PersonIdent committer,
                                     String signingKey, CredentialsProvider credentials) {
                try {
                    return new GpgSignature(PgpTestKey.this.sign(data));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public boolean canLocateSigningKey(Repository repo, GpgConfig config, PersonIdent committer,
                                               String signingKey, CredentialsProvider credentials) {
                return true;
            }
        };
    }
}
