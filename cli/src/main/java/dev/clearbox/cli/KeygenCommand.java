package dev.clearbox.cli;

import dev.clearbox.core.InvalidInputException;
import dev.clearbox.core.Stage;
import dev.clearbox.reports.sign.KeyFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.security.KeyPair;

@Command(name = "keygen",
        description = {"Create an Ed25519 signing key pair as PEM files.",
                "The private key is written readable by its owner only; existing files are never overwritten.",
                "Give the public key to whoever must verify your reports."},
        footer = {"", "Example:", "  clearbox keygen --out keys/   # keys/clearbox-signing.pem and keys/clearbox-signing.pub.pem"})
final class KeygenCommand extends ClearboxCommand {
    @Option(names = "--out", paramLabel = "DIR", defaultValue = ".", description = "Directory for the key files (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--name", paramLabel = "NAME", defaultValue = "clearbox-signing",
            description = "Base name of the files: NAME.pem and NAME.pub.pem, a plain file name (default: ${DEFAULT-VALUE}).")
    String name;

    @Override
    protected ExitCode execute() {
        if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.contains("..")
                || name.indexOf('\0') >= 0 || Path.of(name).isAbsolute()) {
            throw new InvalidInputException(Stage.KEYS, name,
                    "a key name must be a plain file name, without '/', '\\' or '..': the files go into --out");
        }
        Path priv = out.resolve(name + ".pem");
        Path pub = out.resolve(name + ".pub.pem");
        KeyPair pair = KeyFiles.generateEd25519();
        KeyFiles.write(pair, priv, pub);
        out().println("private key: " + priv + " (owner-only)");
        out().println("public key:  " + pub);
        out().println("key id:      " + KeyFiles.keyId(pair.getPublic()));
        return ExitCode.OK;
    }
}
