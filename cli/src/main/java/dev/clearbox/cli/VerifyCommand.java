package dev.clearbox.cli;

import dev.clearbox.core.ClearboxException;
import dev.clearbox.core.IntegrityException;
import dev.clearbox.reports.sign.EnvelopeVerifier;
import dev.clearbox.reports.sign.KeyFiles;
import dev.clearbox.reports.sign.Statement;
import dev.clearbox.reports.sign.VerificationResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

@Command(name = "verify",
        description = {"Verify a signed audit report offline, trusting nothing but the public key you give.",
                "Checks the DSSE signature over the in-toto Statement, then that each --artifact's sha256",
                "is one of the Statement's subjects. Prints who signed and which commit the report covers."},
        footer = {"", "Example:",
                "  clearbox verify report.dsse.json --key vendor-auditor.pub.pem --artifact acme-updater-1.4.0.zip"})
final class VerifyCommand extends ClearboxCommand {
    @Parameters(index = "0", paramLabel = "ENVELOPE", description = "The DSSE envelope (report.dsse.json).")
    Path envelope;

    @Option(names = "--key", required = true, paramLabel = "PUBLIC.pem", description = "The signer's public key (PEM).")
    Path key;

    @Option(names = "--artifact", paramLabel = "FILE", description = "A file that must be covered by the report (repeatable).")
    List<Path> artifacts = new ArrayList<>();

    @Override
    protected ExitCode execute() {
        VerificationResult r = new EnvelopeVerifier().verify(envelope, KeyFiles.readPublicKey(key), artifacts);
        out().println("verified: " + envelope);
        out().println("  signed by key " + r.keyId());
        out().println("  predicate     " + r.predicateType());
        for (Statement.Subject c : r.gitCommits()) {
            out().println("  source        " + c.name() + " at commit " + c.digest().get("gitCommit"));
        }
        out().println("  subjects      " + r.subjectCount());
        for (VerificationResult.ArtifactMatch m : r.artifacts()) {
            out().println("  covered       " + m.file() + " = " + m.subject() + " (sha256 " + m.sha256() + ")");
        }
        return ExitCode.OK;
    }

    @Override
    protected ExitCode exitFor(ClearboxException e) {
        return e instanceof IntegrityException ? ExitCode.NEGATIVE : ExitCode.ERROR;
    }
}
