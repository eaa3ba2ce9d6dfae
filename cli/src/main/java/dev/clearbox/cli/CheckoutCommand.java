package dev.clearbox.cli;

import dev.clearbox.core.checkout.Checkout;
import dev.clearbox.core.checkout.CheckoutRequest;
import dev.clearbox.core.checkout.CheckoutResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

@Command(name = "checkout",
        description = {"Check out a repository (git bundle, local repository or URL) at a ref with JGit, and print",
                "the commit, tree, author, committer and tag. With --commit, refuse unless the ref resolves to it."},
        footer = {"", "Example:",
                "  clearbox checkout acme-updater.bundle --ref v1.4.0 --commit 3f2a... --out /audit/src"})
final class CheckoutCommand extends ClearboxCommand {
    @Parameters(index = "0", paramLabel = "REPOSITORY", description = "A git bundle, a local repository, or a URL.")
    String location;

    @Option(names = "--ref", required = true, paramLabel = "REF", description = "Tag, branch, full ref or commit id.")
    String ref;

    @Option(names = "--commit", paramLabel = "ID", description = "The 40-digit commit id the ref must resolve to.")
    String commit;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "An empty or absent directory for the tree.")
    Path out;

    @Override
    protected ExitCode execute() {
        CheckoutResult r = new Checkout().checkout(new CheckoutRequest(location, ref, commit, out), progress());
        out().println("commit     " + r.commitId());
        out().println("tree       " + r.treeId());
        out().println("ref        " + r.ref() + " (" + r.resolvedRef() + ")");
        if (r.tag() != null) {
            out().println("tag        " + r.tag().name() + " by " + r.tag().tagger());
        }
        out().println("author     " + r.author());
        out().println("committer  " + r.committer());
        out().println("subject    " + r.subject());
        out().println("files      " + r.fileCount());
        out().println("checked out into " + out);
        return ExitCode.OK;
    }
}
