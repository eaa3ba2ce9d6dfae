package dev.clearbox.core.checkout;

import dev.clearbox.core.ClearboxException;
import dev.clearbox.core.IntegrityException;
import dev.clearbox.core.InvalidInputException;
import dev.clearbox.core.ProgressListener;
import dev.clearbox.core.StageFailedException;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.ConfigConstants;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevTag;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.treewalk.TreeWalk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The checkout stage: fetches a repository (bundle, local path or URL) with JGit into a fresh repository
 * in the workspace, resolves the ref, refuses to go on when it is not the expected commit, and checks
 * the commit out.
 */
public final class Checkout {
    private static final String STAGE = "checkout";
    private static final Pattern FULL_ID = Pattern.compile("[0-9a-f]{40}");

    public CheckoutResult checkout(CheckoutRequest request, ProgressListener listener) {
        listener.stageStarted(STAGE, request.location() + " @ " + request.ref());
        checkLocation(request.location());
        Path dest = request.destination();
        prepareEmpty(dest);
        try (Git git = Git.init().setDirectory(dest.toFile()).setInitialBranch("clearbox-audit").call()) {
            Repository repo = git.getRepository();
            neutraliseConfig(repo);
            fetch(git, request.location());
            try (RevWalk walk = new RevWalk(repo)) {
                Resolved resolved = resolve(repo, walk, request);
                RevCommit commit = resolved.commit();
                if (request.expectedCommit() != null && !commit.name().equals(request.expectedCommit())) {
                    throw new IntegrityException(STAGE, request.location(),
                            "ref '" + request.ref() + "' resolves to commit " + commit.name()
                                    + ", but the manifest expects " + request.expectedCommit());
                }
                git.checkout().setName(commit.name()).setForced(true).call();
                CheckoutResult result = new CheckoutResult(dest, request.location(), request.ref(),
                        resolved.refName(), commit.name(), commit.getTree().name(), resolved.tag(),
                        person(commit.getAuthorIdent()), person(commit.getCommitterIdent()),
                        commit.getCommitTime(), commit.getShortMessage(), countFiles(repo, commit));
                listener.stageFinished(STAGE, "commit " + commit.name() + ", " + result.fileCount() + " files");
                return result;
            }
        } catch (ClearboxException e) {
            throw e;
        } catch (GitAPIException | IOException | RuntimeException e) {
            throw new InvalidInputException(STAGE, request.location(),
                    "not a readable git repository or bundle: " + oneLine(e), e);
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

    /** The user's and the system's git settings must not change what is checked out. */
    private static void neutraliseConfig(Repository repo) throws IOException {
        StoredConfig config = repo.getConfig();
        config.setString(ConfigConstants.CONFIG_CORE_SECTION, null, ConfigConstants.CONFIG_KEY_AUTOCRLF, "false");
        config.setString(ConfigConstants.CONFIG_CORE_SECTION, null, ConfigConstants.CONFIG_KEY_EOL, "lf");
        config.setBoolean(ConfigConstants.CONFIG_CORE_SECTION, null, ConfigConstants.CONFIG_KEY_FILEMODE, true);
        config.save();
    }

    private static void fetch(Git git, String location) throws GitAPIException {
        git.fetch()
                .setRemote(location)
                .setRefSpecs(new RefSpec("+refs/heads/*:refs/remotes/origin/*"),
                        new RefSpec("+refs/tags/*:refs/tags/*"))
                .setTagOpt(TagOpt.NO_TAGS)
                .setCheckFetchedObjects(true)
                .call();
    }

    private record Resolved(String refName, RevCommit commit, CheckoutResult.TagInfo tag) {
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
            if (obj instanceof RevTag revTag) {
                PersonIdent tagger = revTag.getTaggerIdent();
                tag = new CheckoutResult.TagInfo(revTag.getTagName(), revTag.name(),
                        tagger == null ? "" : person(tagger));
            }
            RevObject peeled = walk.peel(obj);
            if (!(peeled instanceof RevCommit commit)) {
                throw new IntegrityException(STAGE, request.location(),
                        "ref '" + ref + "' does not point to a commit");
            }
            walk.parseBody(commit);
            return new Resolved(candidate, commit, tag);
        }
        if (FULL_ID.matcher(ref).matches()) {
            try {
                RevCommit commit = walk.parseCommit(ObjectId.fromString(ref));
                walk.parseBody(commit);
                return new Resolved(ref, commit, null);
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

    private static int countFiles(Repository repo, RevCommit commit) throws IOException {
        int n = 0;
        try (TreeWalk tw = new TreeWalk(repo)) {
            tw.addTree(commit.getTree());
            tw.setRecursive(true);
            while (tw.next()) {
                n++;
            }
        }
        return n;
    }

    static String person(PersonIdent p) {
        return p.getName() + " <" + p.getEmailAddress() + ">";
    }

    private static String oneLine(Throwable e) {
        Throwable t = e;
        String msg = t.getMessage();
        while ((msg == null || msg.isBlank()) && t.getCause() != null) {
            t = t.getCause();
            msg = t.getMessage();
        }
        if (msg == null) {
            msg = t.getClass().getSimpleName();
        }
        return msg.replaceAll("\\s+", " ").trim();
    }
}
