package dev.clearbox.core.checkout;

import dev.clearbox.core.ClearboxException;
import dev.clearbox.core.IntegrityException;
import dev.clearbox.core.InvalidInputException;
import dev.clearbox.core.ProgressListener;
import dev.clearbox.core.Sha256;
import dev.clearbox.core.Stage;
import dev.clearbox.core.StageFailedException;
import dev.clearbox.core.UnsafeInputException;
import dev.clearbox.core.checkout.internal.FetchFailures;
import dev.clearbox.core.checkout.internal.FetchLimits;
import dev.clearbox.core.checkout.internal.OpenPgpKeyring;
import dev.clearbox.core.checkout.internal.PackScan;
import dev.clearbox.core.checkout.internal.Problems;
import dev.clearbox.core.checkout.internal.Repos;
import dev.clearbox.core.checkout.internal.SignatureKeys;
import dev.clearbox.core.checkout.internal.Signatures;
import dev.clearbox.core.checkout.internal.SshAllowedSigners;
import dev.clearbox.core.checkout.internal.Submodules;
import dev.clearbox.core.checkout.internal.TreeDigests;
import dev.clearbox.core.checkout.internal.TreeScan;
import dev.clearbox.core.workspace.Workspace;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevTag;
import org.eclipse.jgit.revwalk.RevWalk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The checkout stage: fetches a repository (bundle, local path or URL) with JGit into a fresh repository
 * in the workspace (refusing packs whose declared sizes are over the limits before JGit inflates them, and URL
 * sources that do not answer within the timeout), resolves the ref, refuses to go on when it is not the expected
 * commit, scans the commit's tree (refusing hostile paths, trees nested too deep and oversized blobs before
 * anything is written), checks the commit out with
 * symbolic links as plain files, checks out its submodules where their commits are at hand, checks the tag's
 * and the commit's signatures against the auditor's OpenPGP keyring or SSH allowed-signers file, and digests the
 * checked-out tree. Whatever it throws (a stack overflow or out-of-memory in a library call becomes one line too),
 * it first removes everything it wrote.
 */
public final class Checkout {
    private static final Stage STAGE = Stage.CHECKOUT;
    private static final Pattern FULL_ID = Pattern.compile("[0-9a-f]{40}");

    private final Predicate<Path> caseInsensitive;

    public Checkout() {
        this(Checkout::foldsCase);
    }

    /** @param caseInsensitive tells whether the file system holding a directory treats names that differ in case as one */
    Checkout(Predicate<Path> caseInsensitive) {
        this.caseInsensitive = caseInsensitive;
    }

    public CheckoutResult checkout(CheckoutRequest request, ProgressListener listener) {
        String location = request.location();
        listener.stageStarted(STAGE, location + " @ " + request.ref());
        checkLocation(location);
        SignatureKeys keys = new SignatureKeys(
                request.keyring() == null ? OpenPgpKeyring.none() : OpenPgpKeyring.load(request.keyring(), STAGE),
                request.allowedSigners() == null ? SshAllowedSigners.none()
                        : SshAllowedSigners.load(request.allowedSigners(), STAGE));
        Path dest = request.destination();
        boolean existed = Files.exists(dest);
        prepareEmpty(dest);
        boolean checkedOut = false;
        try {
            CheckoutResult result = run(request, keys, dest, listener);
            checkedOut = true;
            return result;
        } finally {
            if (!checkedOut) { // refused or failed, whatever was thrown: nothing is left that a later stage could take
                removeWhatWasWritten(dest, existed);
            }
        }
    }

    private CheckoutResult run(CheckoutRequest request, SignatureKeys keys, Path dest, ProgressListener listener) {
        String location = request.location();
        boolean foldsCase = caseInsensitive.test(dest);
        FetchLimits limits = limits(request);
        try (Git git = Repos.init(dest, null, limits)) {
            Repository repo = git.getRepository();
            fetch(git, location, limits);
            try (RevWalk walk = new RevWalk(repo); ObjectReader reader = repo.newObjectReader()) {
                Resolved resolved = resolve(repo, walk, request);
                RevCommit commit = resolved.commit();
                if (request.expectedCommit() != null && !commit.name().equals(request.expectedCommit())) {
                    throw new IntegrityException(STAGE, location,
                            "ref '" + request.ref() + "' resolves to commit " + commit.name()
                                    + ", but the manifest expects " + request.expectedCommit());
                }
                Found found = new Found();
                TreeScan.Result top = scan(found, reader, commit, "", location, request, foldsCase);
                Map<String, Submodules.Declared> declared = Submodules.read(reader, commit.getTree(), "", location, STAGE);
                git.checkout().setName(commit.name()).setForced(true).call();
                List<SubmoduleCheckout> submodules = new ArrayList<>();
                for (TreeScan.Gitlink link : top.gitlinks()) {
                    submodules.add(submodule(repo, dest, link, declared.get(link.path()), found, request, limits,
                            foldsCase));
                }
                SignatureCheck tagSignature = resolved.tagObject() == null ? null
                        : Signatures.check(resolved.tagObject(), keys);
                SignatureCheck commitSignature = Signatures.check(commit, keys);
                TreeDigest digest = TreeDigests.compute(dest.toAbsolutePath().normalize(), STAGE, location);
                CheckoutResult result = new CheckoutResult(dest, location, request.ref(),
                        resolved.refName(), commit.name(), commit.getTree().name(), resolved.tag(),
                        person(commit.getAuthorIdent()), person(commit.getCommitterIdent()),
                        commit.getCommitTime(), commit.getShortMessage(), top.fileCount(),
                        tagSignature, commitSignature, Submodules.sorted(submodules),
                        found.lfs.stream().sorted(Comparator.comparing(LfsPointer::path)).toList(),
                        found.symlinks.stream().sorted(Comparator.comparing(SymlinkEntry::path)).toList(),
                        TreeScan.caseCollisions(found.paths), digest);
                listener.stageFinished(STAGE, "commit " + commit.name() + ", " + result.fileCount() + " files, "
                        + "signature " + commitSignature.status() + ", tree digest " + digest.sha256());
                return result;
            }
        } catch (ClearboxException e) {
            throw e;
        } catch (GitAPIException | IOException | RuntimeException e) {
            throw new StageFailedException(STAGE, location, "cannot check out: " + Problems.oneLine(e), e);
        } catch (StackOverflowError e) {
            // the tree scan bounds every nesting Clearbox knows JGit to recurse on; this is the net for the rest
            throw new UnsafeInputException(STAGE, location, "resource-exhausted",
                    "reading the repository overflowed the Java stack (objects nested too deeply)");
        } catch (OutOfMemoryError e) {
            throw new StageFailedException(STAGE, location, "reading the repository ran out of Java heap (at most "
                    + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB; -Xmx sets it)");
        }
    }

    /**
     * A fetched pack's objects are held to the blob limit, but never to less than its default: a smaller blob limit
     * is a policy on the checked-out files, refused by the tree scan with the file's path, not a reason to refuse
     * the commits and trees of the pack.
     */
    private static FetchLimits limits(CheckoutRequest request) {
        return new FetchLimits(Math.max(request.maxBlobBytes(), CheckoutRequest.DEFAULT_MAX_BLOB_BYTES),
                request.maxInflatedBytes(), request.timeout());
    }

    /** What the scans of the superproject and its submodules found. */
    private static final class Found {
        final List<SymlinkEntry> symlinks = new ArrayList<>();
        final List<LfsPointer> lfs = new ArrayList<>();
        final List<String> paths = new ArrayList<>();
    }

    private static TreeScan.Result scan(Found found, ObjectReader reader, RevCommit commit, String prefix,
                                        String location, CheckoutRequest request, boolean foldsCase) throws IOException {
        TreeScan.Result r = TreeScan.scan(reader, commit.getTree(), prefix, location, request.maxBlobBytes(),
                request.maxTreeDepth(), STAGE);
        if (foldsCase) {
            List<List<String>> collisions = TreeScan.caseCollisions(r.allPaths());
            if (!collisions.isEmpty()) {
                throw new UnsafeInputException(STAGE, location + "!/" + Problems.clean(collisions.get(0).get(0)),
                        "case-collision", "paths " + Problems.clean(String.join(", ", collisions.get(0)))
                        + " are equal ignoring case, and this file system does not tell them apart");
            }
        }
        found.symlinks.addAll(r.symlinks());
        found.lfs.addAll(r.lfsPointers());
        found.paths.addAll(r.allPaths());
        return r;
    }

    private static SubmoduleCheckout submodule(Repository superRepo, Path dest, TreeScan.Gitlink link,
                                               Submodules.Declared declared, Found found, CheckoutRequest request,
                                               FetchLimits limits, boolean foldsCase)
            throws IOException, GitAPIException {
        Path workTree = Workspace.resolveInside(dest, link.path(), STAGE, request.location() + "!/" + link.path());
        String gitDirName = Sha256.hex(link.path().getBytes(StandardCharsets.UTF_8)).substring(0, 16);
        Path gitDir = superRepo.getDirectory().toPath().resolve("modules").resolve(gitDirName);
        List<TreeScan.Gitlink> nested = new ArrayList<>();
        SubmoduleCheckout s = Submodules.checkout(superRepo, request.location(), workTree, gitDir, link, declared,
                limits, STAGE, (repo, commit) -> {
                    try (ObjectReader reader = repo.newObjectReader()) {
                        nested.addAll(scan(found, reader, commit, link.path() + "/", request.location(), request,
                                foldsCase).gitlinks());
                    }
                });
        if (!nested.isEmpty()) {
            return new SubmoduleCheckout(s.path(), s.url(), s.commit(), s.status(), s.source(),
                    "its own submodules are not checked out: " + String.join(", ",
                            nested.stream().map(g -> Problems.clean(g.path())).toList()));
        }
        return s;
    }

    private static void removeWhatWasWritten(Path dest, boolean keepDirectory) {
        try {
            Workspace.deleteTree(dest, keepDirectory);
        } catch (IOException | RuntimeException e) {
            // best effort: the error being reported matters more
        }
    }

    private static void checkLocation(String location) {
        boolean looksLikeUrl = location.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*") || location.matches("^[^/]+@[^/]+:.*");
        if (!looksLikeUrl && !Files.exists(Path.of(location))) {
            throw new InvalidInputException(STAGE, location, "no such file or directory");
        }
    }

    private static void prepareEmpty(Path dest) {
        try {
            if (Files.exists(dest)) {
                try (Stream<Path> s = Files.list(dest)) {
                    if (s.findAny().isPresent()) {
                        throw new InvalidInputException(STAGE, dest.toString(),
                                "checkout directory is not empty; use a fresh workspace");
                    }
                }
            }
            Files.createDirectories(dest);
        } catch (IOException e) {
            throw new StageFailedException(STAGE, dest.toString(), "cannot create directory: " + e.getMessage(), e);
        }
    }

    /** Whether the file system holding {@code dir} treats names that differ only in case as one name. */
    static boolean foldsCase(Path dir) {
        Path probe = dir.resolve(".clearbox-case-probe");
        try {
            Files.deleteIfExists(probe);
            Files.createFile(probe);
            try {
                return Files.exists(dir.resolve(".CLEARBOX-CASE-PROBE"));
            } finally {
                Files.delete(probe);
            }
        } catch (IOException e) {
            throw new StageFailedException(STAGE, dir.toString(), "cannot write into the checkout directory: "
                    + Problems.oneLine(e), e);
        }
    }

    private static void fetch(Git git, String location, FetchLimits limits) {
        try {
            Repos.fetch(git, location, limits);
        } catch (GitAPIException | RuntimeException e) {
            Optional<PackScan.Refused> refused = FetchFailures.refusal(e);
            if (refused.isPresent()) {
                throw new UnsafeInputException(STAGE, location, refused.get().rule(), refused.get().problem());
            }
            if (FetchFailures.timedOut(e)) {
                throw new StageFailedException(STAGE, location, "no answer within " + limits.timeout().getSeconds()
                        + " s (the connect and read timeout for URL sources)", e);
            }
            throw new InvalidInputException(STAGE, location,
                    "not a readable git repository or bundle: " + Problems.oneLine(e), e);
        }
    }

    private record Resolved(String refName, RevCommit commit, CheckoutResult.TagInfo tag, RevTag tagObject) {
    }

    private static Resolved resolve(Repository repo, RevWalk walk, CheckoutRequest request) throws IOException {
        String ref = request.ref();
        for (String candidate : candidates(ref)) {
            Ref r = repo.exactRef(candidate);
            if (r == null) {
                continue;
            }
            RevObject obj = walk.parseAny(r.getObjectId());
            CheckoutResult.TagInfo tag = null;
            RevTag tagObject = null;
            if (obj instanceof RevTag revTag) {
                PersonIdent tagger = revTag.getTaggerIdent();
                tag = new CheckoutResult.TagInfo(revTag.getTagName(), revTag.name(),
                        tagger == null ? "" : person(tagger));
                tagObject = revTag;
            }
            RevObject peeled = walk.peel(obj);
            if (!(peeled instanceof RevCommit commit)) {
                throw new IntegrityException(STAGE, request.location(),
                        "ref '" + ref + "' does not point to a commit");
            }
            walk.parseBody(commit);
            return new Resolved(candidate, commit, tag, tagObject);
        }
        if (FULL_ID.matcher(ref).matches()) {
            try {
                RevCommit commit = walk.parseCommit(ObjectId.fromString(ref));
                walk.parseBody(commit);
                return new Resolved(ref, commit, null, null);
            } catch (IOException | RevisionSyntaxException e) {
                // fall through to the error below
            }
        }
        throw new IntegrityException(STAGE, request.location(), "ref '" + ref + "' not found");
    }

    private static List<String> candidates(String ref) {
        List<String> names = new ArrayList<>();
        if (ref.startsWith("refs/heads/")) {
            names.add("refs/remotes/origin/" + ref.substring("refs/heads/".length()));
        } else if (ref.startsWith(Constants.R_REFS)) {
            names.add(ref);
        } else {
            names.add(Constants.R_TAGS + ref);
            names.add("refs/remotes/origin/" + ref);
        }
        return names;
    }

    static String person(PersonIdent p) {
        return p.getName() + " <" + p.getEmailAddress() + ">";
    }
}
