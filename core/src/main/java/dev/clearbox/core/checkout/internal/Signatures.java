package dev.clearbox.core.checkout.internal;

import dev.clearbox.core.checkout.SignatureCheck;
import dev.clearbox.core.checkout.SignatureCheck.Status;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevTag;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Takes the signature and the signed bytes out of a commit or an annotated tag, as git does, and checks them:
 * a commit's signature is its {@code gpgsig} header, and the signed bytes are the commit without that header;
 * a tag's signature is appended to its message, and the signed bytes are everything before it. OpenPGP signatures
 * are checked against the auditor's keyring, SSH signatures against the auditor's allowed-signers file.
 */
public final class Signatures {
    private static final byte[] GPGSIG = "gpgsig ".getBytes(StandardCharsets.US_ASCII);

    private Signatures() {
    }

    public static SignatureCheck check(RevCommit commit, SignatureKeys keys) {
        byte[] signature = commit.getRawGpgSignature();
        if (signature == null) {
            return SignatureCheck.unsigned();
        }
        return check(signature, commitPayload(commit.getRawBuffer()), keys);
    }

    public static SignatureCheck check(RevTag tag, SignatureKeys keys) {
        byte[] signature = tag.getRawGpgSignature();
        if (signature == null) {
            return SignatureCheck.unsigned();
        }
        byte[] raw = tag.getRawBuffer();
        int start = raw.length - signature.length;
        if (start < 0 || !Arrays.equals(raw, start, raw.length, signature, 0, signature.length)) {
            return new SignatureCheck(Status.BAD, format(signature), "", "", "",
                    "the signature is not at the end of the tag");
        }
        return check(signature, Arrays.copyOfRange(raw, 0, start), keys);
    }

    private static SignatureCheck check(byte[] signature, byte[] payload, SignatureKeys keys) {
        String format = format(signature);
        return switch (format) {
            case "openpgp" -> keys.openPgp().verify(signature, payload);
            case "ssh" -> keys.ssh().verify(signature, payload);
            case "x509" -> new SignatureCheck(Status.X509_NOT_VERIFIED, format, "", "", "",
                    "X.509 signature present, not verified");
            default -> new SignatureCheck(Status.BAD, "unknown", "", "", "", "signature in an unknown format");
        };
    }

    static String format(byte[] signature) {
        String head = new String(signature, 0, Math.min(signature.length, 64), StandardCharsets.US_ASCII);
        if (head.startsWith("-----BEGIN PGP SIGNATURE-----")) {
            return "openpgp";
        }
        if (head.startsWith("-----BEGIN SSH SIGNATURE-----")) {
            return "ssh";
        }
        if (head.startsWith("-----BEGIN SIGNED MESSAGE-----")) {
            return "x509";
        }
        return "unknown";
    }

    /** The commit's bytes without the {@code gpgsig} header and its continuation lines. */
    static byte[] commitPayload(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length);
        int i = 0;
        boolean inSignature = false;
        while (i < raw.length) {
            int end = i;
            while (end < raw.length && raw[end] != '\n') {
                end++;
            }
            int next = Math.min(end + 1, raw.length);
            if (end == i) { // the blank line: headers are over, the rest is the message
                out.write(raw, i, raw.length - i);
                break;
            }
            if (startsWith(raw, i, GPGSIG)) {
                inSignature = true;
            } else if (!(inSignature && raw[i] == ' ')) {
                inSignature = false;
                out.write(raw, i, next - i);
            }
            i = next;
        }
        return out.toByteArray();
    }

    private static boolean startsWith(byte[] raw, int at, byte[] prefix) {
        return raw.length - at >= prefix.length && Arrays.equals(raw, at, at + prefix.length, prefix, 0, prefix.length);
    }
}
