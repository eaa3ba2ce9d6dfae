package dev.clearbox.core.checkout.internal;

import dev.clearbox.core.InvalidInputException;
import dev.clearbox.core.Stage;
import dev.clearbox.core.io.InputFiles;
import dev.clearbox.core.checkout.SignatureCheck;
import dev.clearbox.core.checkout.SignatureCheck.Status;
import org.bouncycastle.bcpg.sig.IssuerFingerprint;
import org.bouncycastle.openpgp.PGPCompressedData;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPSignatureSubpacketVector;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;
import org.bouncycastle.util.encoders.Hex;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import java.util.Locale;

/**
 * The auditor's OpenPGP public keyring, and the check of a detached OpenPGP signature against it (Bouncy Castle,
 * lightweight API: no JCA provider is registered).
 */
public final class OpenPgpKeyring {
    private static final long MAX_KEYRING_BYTES = 64L * 1024 * 1024;

    private final PGPPublicKeyRingCollection rings;

    private OpenPgpKeyring(PGPPublicKeyRingCollection rings) {
        this.rings = rings;
    }

    /** No keyring: every signed object is reported as {@code UNKNOWN_KEY}. */
    public static OpenPgpKeyring none() {
        return new OpenPgpKeyring(null);
    }

    /** Reads a binary or ASCII-armored public keyring, as {@code gpg --export [--armor]} writes it. */
    public static OpenPgpKeyring load(Path file, Stage stage) {
        String input = file.toString();
        try {
            Problems.requireSmallFile(file, stage, input, "keyring", MAX_KEYRING_BYTES);
            PGPPublicKeyRingCollection rings;
            byte[] bytes = InputFiles.read(file, MAX_KEYRING_BYTES, stage, "keyring");
            try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(bytes))) {
                rings = new PGPPublicKeyRingCollection(in, new BcKeyFingerprintCalculator());
            }
            if (rings.size() == 0) {
                throw new InvalidInputException(stage, input, "not an OpenPGP public keyring (write one with gpg --export): no public keys in it");
            }
            return new OpenPgpKeyring(rings);
        } catch (IOException | PGPException | RuntimeException e) {
            if (e instanceof InvalidInputException iie) {
                throw iie;
            }
            throw new InvalidInputException(stage, input,
                    "not an OpenPGP public keyring (write one with gpg --export): " + Problems.oneLine(e), e);
        }
    }

    /** Checks an ASCII-armored detached signature over {@code payload}. */
    public SignatureCheck verify(byte[] armoredSignature, byte[] payload) {
        PGPSignature sig;
        try {
            sig = parse(armoredSignature);
        } catch (IOException | PGPException | RuntimeException e) {
            return check(Status.BAD, "", "", "", "unreadable OpenPGP signature: " + Problems.oneLine(e));
        }
        if (sig == null) {
            return check(Status.BAD, "", "", "", "unreadable OpenPGP signature: no signature packet");
        }
        String keyId = String.format(Locale.ROOT, "%016X", sig.getKeyID());
        PGPPublicKey key = find(sig);
        if (key == null) {
            return check(Status.UNKNOWN_KEY, "", keyId, "", rings == null
                    ? "no keyring given: the signature cannot be checked"
                    : "key " + keyId + " is not in the keyring");
        }
        keyId = String.format(Locale.ROOT, "%016X", key.getKeyID());
        String fingerprint = Hex.toHexString(key.getFingerprint()).toUpperCase(Locale.ROOT);
        String signer = signer(key);
        boolean ok;
        try {
            sig.init(new BcPGPContentVerifierBuilderProvider(), key);
            sig.update(payload);
            ok = sig.verify();
        } catch (PGPException | RuntimeException e) {
            return check(Status.BAD, signer, keyId, fingerprint, "signature cannot be verified: " + Problems.oneLine(e));
        }
        if (!ok) {
            return check(Status.BAD, signer, keyId, fingerprint, "signature does not match the signed content");
        }
        String made = sig.getCreationTime() == null ? ""
                : " made " + DateTimeFormatter.ISO_INSTANT.format(sig.getCreationTime().toInstant());
        String revoked = key.hasRevocation() ? "; the key carries a revocation" : "";
        return check(Status.GOOD, signer, keyId, fingerprint, "good signature" + made + revoked);
    }

    private static SignatureCheck check(Status status, String signer, String keyId, String fingerprint, String detail) {
        return new SignatureCheck(status, "openpgp", signer, keyId, fingerprint, detail);
    }

    private static PGPSignature parse(byte[] armored) throws IOException, PGPException {
        InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(armored));
        BcPGPObjectFactory factory = new BcPGPObjectFactory(in);
        Object o = factory.nextObject();
        if (o instanceof PGPCompressedData compressed) {
            o = new BcPGPObjectFactory(compressed.getDataStream()).nextObject();
        }
        if (o instanceof PGPSignatureList list && !list.isEmpty()) {
            return list.get(0);
        }
        return null;
    }

    private PGPPublicKey find(PGPSignature sig) throws IllegalStateException {
        if (rings == null) {
            return null;
        }
        try {
            PGPPublicKey key = sig.getKeyID() == 0 ? null : rings.getPublicKey(sig.getKeyID());
            if (key == null) {
                key = byFingerprint(sig.getHashedSubPackets());
            }
            return key;
        } catch (PGPException e) {
            return null;
        }
    }

    private PGPPublicKey byFingerprint(PGPSignatureSubpacketVector hashed) throws PGPException {
        IssuerFingerprint fp = hashed == null ? null : hashed.getIssuerFingerprint();
        return fp == null ? null : rings.getPublicKey(fp.getFingerprint());
    }

    private String signer(PGPPublicKey key) {
        PGPPublicKeyRing ring = rings.getPublicKeyRing(key.getKeyID());
        PGPPublicKey primary = ring == null ? key : ring.getPublicKey();
        Iterator<String> ids = primary.getUserIDs();
        return ids.hasNext() ? Problems.clean(ids.next()) : "";
    }
}
