package dev.clearbox.core.checkout.internal;

import dev.clearbox.core.InvalidInputException;
import dev.clearbox.core.Stage;
import dev.clearbox.core.io.InputFiles;
import dev.clearbox.core.checkout.SignatureCheck;
import dev.clearbox.core.checkout.SignatureCheck.Status;
import org.eclipse.jgit.internal.storage.dfs.DfsRepositoryDescription;
import org.eclipse.jgit.internal.storage.dfs.InMemoryRepository;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.GpgConfig;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.SignatureVerifier;
import org.eclipse.jgit.lib.SignatureVerifier.SignatureVerification;
import org.eclipse.jgit.lib.SignatureVerifier.TrustLevel;
import org.eclipse.jgit.signing.ssh.SigningKeyDatabase;
import org.eclipse.jgit.signing.ssh.SshSignatureVerifierFactory;
import org.eclipse.jgit.signing.ssh.VerificationException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The auditor's SSH allowed-signers file (git's {@code gpg.ssh.allowedSignersFile}, the format of
 * {@code ssh-keygen -Y verify}), and the check of an SSH signature against it with JGit's own verifier
 * ({@code org.eclipse.jgit.ssh.apache}: {@link SshSignatureVerifierFactory}).
 *
 * <p>JGit reads the file's name from a {@link GpgConfig}; Clearbox builds that from an in-memory {@link Config}
 * holding only the absolute path, so neither the auditor's nor the vendor's git configuration has a say, and
 * nothing process-wide is set. The verifier looks the key up in JGit's default {@link SigningKeyDatabase}, which
 * caches parsed files by path and re-reads a file that changed; its {@code Repository} argument only serves to
 * resolve relative paths, which Clearbox never passes, so a small in-memory repository stands in for it.
 *
 * <p>Each signature is verified twice: once with no allowed-signers file, which tells whether the signature
 * is well-formed, in the {@code git} namespace and matches the signed bytes (JGit then reports the trust as
 * {@link TrustLevel#UNKNOWN}: "good, but no principal"), and once with the file, which tells whether the key
 * may sign git objects (principal, {@code namespaces=}, {@code valid-after=}/{@code valid-before=} against the
 * committer's or tagger's date, as git does). That keeps "tampered" ({@code BAD}) apart from "not trusted"
 * ({@code UNKNOWN_KEY}) without reading JGit's messages.
 */
public final class SshAllowedSigners {
    private static final long MAX_FILE_BYTES = 16L * 1024 * 1024;
    private static final String FORMAT = "ssh";
    private static final String WRITE_ONE = "write lines as 'PRINCIPALS [OPTIONS] KEYTYPE BASE64-KEY', as for ssh-keygen -Y verify";
    private static final GpgConfig NO_FILE = new GpgConfig(new Config());

    private final Path file;
    private final GpgConfig config;
    private final Repository standIn;

    private SshAllowedSigners(Path file) {
        this.file = file;
        if (file == null) {
            this.config = NO_FILE;
        } else {
            Config c = new Config();
            c.setString("gpg", "ssh", "allowedSignersFile", file.toString());
            this.config = new GpgConfig(c);
        }
        this.standIn = new InMemoryRepository(new DfsRepositoryDescription("clearbox-allowed-signers"));
    }

    /** No allowed-signers file: every well-formed, matching SSH signature is reported as {@code UNKNOWN_KEY}. */
    public static SshAllowedSigners none() {
        return new SshAllowedSigners(null);
    }

    /**
     * Reads an allowed-signers file, refusing one that is missing, unreadable, empty or that JGit cannot parse.
     * The file is parsed by JGit itself (the same parser the verifier uses), here rather than at the first signature,
     * so that a broken file is an error and not a silent {@code UNKNOWN_KEY}.
     */
    public static SshAllowedSigners load(Path path, Stage stage) {
        Path file = path.toAbsolutePath().normalize();
        String input = path.toString();
        try {
            Problems.requireSmallFile(file, stage, input, "allowed-signers file", MAX_FILE_BYTES);
            if (!hasEntries(InputFiles.read(file, MAX_FILE_BYTES, stage, "allowed-signers file"))) {
                throw new InvalidInputException(stage, input, "no signers in the allowed-signers file (" + WRITE_ONE + ")");
            }
        } catch (IOException e) {
            throw new InvalidInputException(stage, input, "cannot read the allowed-signers file: " + Problems.oneLine(e), e);
        }
        SshAllowedSigners signers = new SshAllowedSigners(file);
        signers.parseNow(stage, input);
        return signers;
    }

    /** Whether any line is neither blank nor a comment (the lines JGit skips). */
    private static boolean hasEntries(byte[] content) throws IOException {
        String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
        try (BufferedReader r = new BufferedReader(new StringReader(text))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String s = line.strip();
                if (!s.isEmpty() && s.charAt(0) != '#') {
                    return true;
                }
            }
        }
        return false;
    }

    /** Makes JGit's key database parse the file now (asking about a throwaway key), so a format error surfaces here. */
    private void parseNow(Stage stage, String input) {
        PublicKey probe;
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            probe = g.generateKeyPair().getPublic();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot make an EC key", e);
        }
        SshSignatureVerifierFactory factory = new SshSignatureVerifierFactory();
        factory.create().clear(); // drop any copy of this file JGit parsed before: read it as it is now
        try {
            SigningKeyDatabase.getInstance().isAllowed(standIn, config, probe, "git", null);
        } catch (VerificationException e) {
            // the probe key matched an entry that refuses it: the file parsed
        } catch (IOException | RuntimeException e) {
            throw new InvalidInputException(stage, input, "not a valid allowed-signers file: " + problem(e), e);
        }
    }

    private static final Pattern LINE = Pattern.compile("problem at line (\\d+):");

    /** JGit's parse error names the file and repeats the line; keep the line number and what is wrong with it. */
    private static String problem(Throwable e) {
        String msg = Problems.oneLine(e);
        Matcher m = LINE.matcher(msg);
        Throwable cause = e.getCause();
        if (!m.find() || cause == null || cause.getMessage() == null || cause.getMessage().isBlank()) {
            return msg;
        }
        String why = Problems.oneLine(cause);
        String hint = why.startsWith("Cannot parse public key ,")
                ? "; JGit 7.8 reads options separated by spaces, not by the commas OpenSSH writes,"
                        + " so put at most one option on a line, or separate options with spaces"
                : "";
        return "line " + m.group(1) + ": " + withoutContent(why) + hint;
    }

    /** JGit's reason without the text of the file it quotes (a key, a date, identities, an option name). */
    private static String withoutContent(String why) {
        for (String prefix : List.of("Cannot parse public key", "Cannot parse valid-before or valid-after date",
                "Identities contains an empty identity; check for spurious extra commas")) {
            if (why.startsWith(prefix)) {
                return prefix;
            }
        }
        if (why.startsWith("Text '") && why.contains("' could not be parsed")) {
            return "a valid-before or valid-after date could not be parsed";
        }
        return why.endsWith(" is allowed only once") ? "an option is given more than once" : why;
    }

    /** Checks an armored SSH signature ({@code -----BEGIN SSH SIGNATURE-----}) over {@code payload}. */
    public SignatureCheck verify(byte[] armoredSignature, byte[] payload) {
        SignatureVerifier verifier = new SshSignatureVerifierFactory().create();
        SignatureVerification alone;
        try {
            alone = verifier.verify(standIn, NO_FILE, payload, armoredSignature);
        } catch (IOException | RuntimeException e) {
            return check(Status.BAD, "", "", "unreadable SSH signature: " + Problems.oneLine(e));
        }
        String fingerprint = alone.keyFingerprint() == null ? "" : Problems.clean(alone.keyFingerprint());
        if (alone.trustLevel() != TrustLevel.UNKNOWN) {
            String why = alone.message() == null || alone.message().isBlank()
                    ? "signature does not match the signed content"
                    : "invalid SSH signature: " + oneLine(alone.message());
            return check(Status.BAD, "", fingerprint, why);
        }
        String key = fingerprint.isEmpty() ? "the key" : "key " + fingerprint;
        if (file == null) {
            return check(Status.UNKNOWN_KEY, "", fingerprint, "no allowed-signers file given: the signature cannot be checked");
        }
        SignatureVerification allowed;
        try {
            allowed = verifier.verify(standIn, config, payload, armoredSignature);
        } catch (IOException | RuntimeException e) {
            return check(Status.UNKNOWN_KEY, "", fingerprint, key + " could not be looked up in the allowed-signers file: "
                    + Problems.oneLine(e));
        }
        if (allowed.verified() && allowed.keyUser() != null && !allowed.keyUser().isBlank()) {
            return check(Status.GOOD, Problems.clean(allowed.keyUser()), fingerprint, "good signature");
        }
        if (allowed.trustLevel() == TrustLevel.UNKNOWN) {
            return check(Status.UNKNOWN_KEY, "", fingerprint, key + " is not in the allowed-signers file");
        }
        return check(Status.UNKNOWN_KEY, "", fingerprint, key + " is in the allowed-signers file, but " + refusal(allowed));
    }

    /** Why a listed key was refused. JGit 7.8's own texts for these two cases name the wrong value, so say it here. */
    private static String refusal(SignatureVerification allowed) {
        String message = allowed.message() == null ? "" : oneLine(allowed.message());
        if (allowed.expired()) {
            return "not at the object's date (its valid-after/valid-before)";
        }
        if (message.startsWith("Key may not be used in namespace")) {
            return "not for git objects (its namespaces= does not include \"git\")";
        }
        return message.isEmpty() ? "refused" : "refused: " + message;
    }

    private static String oneLine(String s) {
        return Problems.clean(s.replaceAll("\\s+", " ").trim());
    }

    /** For SSH, the key id is the key's fingerprint: the signature carries the whole public key. */
    private static SignatureCheck check(Status status, String signer, String fingerprint, String detail) {
        return new SignatureCheck(status, FORMAT, signer, fingerprint, fingerprint, detail);
    }
}
