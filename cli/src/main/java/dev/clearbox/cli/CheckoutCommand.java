package dev.clearbox.cli;

import dev.clearbox.core.checkout.Checkout;
import dev.clearbox.core.checkout.CheckoutRequest;
import dev.clearbox.core.checkout.CheckoutResult;
import dev.clearbox.core.checkout.LfsPointer;
import dev.clearbox.core.checkout.SignatureCheck;
import dev.clearbox.core.checkout.SubmoduleCheckout;
import dev.clearbox.core.checkout.SymlinkEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

@Command(name = "checkout",
        description = {"Check out a repository (git bundle, local repository or URL) at a ref with JGit, and print",
                "the commit, tree, author, committer, tag, signature checks, submodules, LFS pointers, symbolic",
                "links and the tree digest (docs/checkout.md). With --commit, refuse unless the ref resolves to it.",
                "Hostile trees (paths leaving the tree or entering .git, huge blobs, directories nested too deep,",
                "escaping submodule paths) are refused before anything is written, packs whose objects would inflate",
                "past the limits before they are inflated; symbolic links are written as plain files holding the target.",
                "OpenPGP signatures are checked against --keyring, SSH signatures against --allowed-signers.",
                "Exits with 1 when the tag's or the commit's signature is BAD."},
        footer = {"", "Examples:",
                "  clearbox checkout acme-updater.bundle --ref v1.4.0 --commit 3f2a... --keyring vendor.asc --out /audit/src",
                "  clearbox checkout https://git.vendor.example/acme.git --ref v1.4.0 --allowed-signers allowed_signers --out /audit/src",
                "",
                "An allowed-signers file has one line per key: the principals, optional options, the public key",
                "(as in ~/.ssh/id_ed25519.pub), the format git's gpg.ssh.allowedSignersFile and ssh-keygen -Y verify use:",
                "  release@vendor.example namespaces=\"git\" ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAA...",
                "Put at most one option on a line, or separate options with spaces (JGit does not read OpenSSH's commas)."})
final class CheckoutCommand extends ClearboxCommand {
    @Parameters(index = "0", paramLabel = "REPOSITORY", description = "A git bundle, a local repository, or a URL.")
    String location;

    @Option(names = "--ref", required = true, paramLabel = "REF", description = "Tag, branch, full ref or commit id.")
    String ref;

    @Option(names = "--commit", paramLabel = "ID", description = "The 40-digit commit id the ref must resolve to.")
    String commit;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "An empty or absent directory for the tree.")
    Path out;

    @Option(names = "--keyring", paramLabel = "FILE",
            description = "OpenPGP public keyring (gpg --export [--armor]) to check the tag's and commit's signatures against.")
    Path keyring;

    @Option(names = "--allowed-signers", paramLabel = "FILE",
            description = "SSH allowed-signers file (git's gpg.ssh.allowedSignersFile format) to check SSH signatures against.")
    Path allowedSigners;

    @Option(names = "--max-blob-bytes", paramLabel = "N", defaultValue = "" + CheckoutRequest.DEFAULT_MAX_BLOB_BYTES,
            description = "Refuse a commit holding a file larger than this (default: ${DEFAULT-VALUE}, 512 MiB).")
    long maxBlobBytes;

    @Option(names = "--max-tree-depth", paramLabel = "N", defaultValue = "" + CheckoutRequest.DEFAULT_MAX_TREE_DEPTH,
            description = "Refuse a commit with directories nested deeper than this (default: ${DEFAULT-VALUE}).")
    int maxTreeDepth;

    @Option(names = "--max-inflated-bytes", paramLabel = "SIZE", converter = LimitOptions.SizeConverter.class,
            defaultValue = "8G", description = "Refuse a fetched pack whose objects, deltas applied, inflate to more"
            + " than this together (default: ${DEFAULT-VALUE}; K, M, G, T suffixes).")
    long maxInflatedBytes;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "Give up on a URL that does not connect, or stops sending, for this long (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Override
    protected ExitCode execute() {
        if (maxBlobBytes <= 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--max-blob-bytes must be positive");
        }
        if (maxTreeDepth <= 0 || maxInflatedBytes <= 0 || timeoutSeconds <= 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--max-tree-depth, --max-inflated-bytes and --timeout must be positive");
        }
        CheckoutResult r = new Checkout().checkout(
                new CheckoutRequest(location, ref, commit, out, keyring, allowedSigners, maxBlobBytes, maxTreeDepth,
                        maxInflatedBytes, Duration.ofSeconds(timeoutSeconds)), progress());
        out().println("commit     " + r.commitId());
        out().println("tree       " + r.treeId());
        out().println("ref        " + r.ref() + " (" + r.resolvedRef() + ")");
        if (r.tag() != null) {
            out().println("tag        " + r.tag().name() + " by " + r.tag().tagger());
            out().println("tag sig    " + signature(r.tagSignature()));
        }
        out().println("commit sig " + signature(r.commitSignature()));
        out().println("author     " + r.author());
        out().println("committer  " + r.committer());
        out().println("subject    " + r.subject());
        out().println("files      " + r.fileCount());
        out().println("digest     " + r.treeDigest().recipe() + " " + r.treeDigest().sha256()
                + " (" + r.treeDigest().files() + " files)");
        for (SubmoduleCheckout s : r.submodules()) {
            out().println("submodule  " + s.path() + " @ " + s.commit() + " " + s.status()
                    + (s.status() == SubmoduleCheckout.Status.CHECKED_OUT ? " from " + s.source() : "")
                    + (s.reason().isEmpty() ? "" : ": " + s.reason()));
        }
        for (LfsPointer p : r.lfsPointers()) {
            out().println("lfs        " + p.path() + " " + p.oid() + " (" + p.size() + " bytes, content not in the repository)");
        }
        for (SymlinkEntry s : r.symlinks()) {
            out().println("symlink    " + s.path() + " -> " + Terminal.escape(s.target())
                    + (s.escapes() ? " (points outside the tree)" : "") + ", written as a plain file");
        }
        for (List<String> group : r.caseCollisions()) {
            out().println("case       " + String.join(", ", group) + " are equal ignoring case");
        }
        out().println("checked out into " + out);
        boolean bad = r.commitSignature().status() == SignatureCheck.Status.BAD
                || r.tagSignature() != null && r.tagSignature().status() == SignatureCheck.Status.BAD;
        return bad ? ExitCode.NEGATIVE : ExitCode.OK;
    }

    /** One line for a signature check: status, signer, key and detail. */
    static String signature(SignatureCheck s) {
        StringBuilder b = new StringBuilder(s.status().name());
        if (!s.signer().isEmpty()) {
            b.append(" by ").append(s.signer());
        }
        if (!s.keyId().isEmpty()) {
            b.append(" key ").append(s.keyId());
        }
        return b.append(" (").append(s.detail()).append(')').toString();
    }
}
