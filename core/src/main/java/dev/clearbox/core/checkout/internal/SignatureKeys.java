package dev.clearbox.core.checkout.internal;

import java.util.Objects;

/** What the auditor trusts: an OpenPGP keyring for OpenPGP signatures, an allowed-signers file for SSH signatures. */
public record SignatureKeys(OpenPgpKeyring openPgp, SshAllowedSigners ssh) {
    public SignatureKeys {
        Objects.requireNonNull(openPgp, "openPgp");
        Objects.requireNonNull(ssh, "ssh");
    }
}
