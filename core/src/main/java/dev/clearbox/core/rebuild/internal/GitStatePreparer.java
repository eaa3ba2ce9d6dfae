package dev.clearbox.core.rebuild.internal;

import dev.clearbox.core.rebuild.BuildSpec;
import dev.clearbox.core.rebuild.RebuildNote;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes the git repository in a build copy look as upstream's release build saw it: {@code origin} set to
 * the upstream URL, HEAD detached at the commit (as {@code git checkout TAG} leaves it) or on a named
 * branch, and the tag present. Whatever a build reads from git comes from this state, so the differences
 * it causes are named {@link RebuildNote.Kind#GIT_STATE}.
 */
public final class GitStatePreparer {
    private GitStatePreparer() {
    }

    public static List<RebuildNote> prepare(Path tree, BuildSpec.GitState git) throws IOException {
        List<RebuildNote> notes = new ArrayList<>();
        Path dotGit = tree.resolve(".git");
        if (!Files.isDirectory(dotGit, LinkOption.NOFOLLOW_LINKS)) {
            notes.add(new RebuildNote(RebuildNote.Kind.GIT_STATE, "the build tree has no git repository: what a build "
                    + "reads from git (git.properties, an SCM revision in the manifest, a build number) is missing or "
                    + "different, and such differences are of class GIT_STATE"));
            return notes;
        }
        if (git == null) {
            return notes;
        }
        try (Repository repo = new FileRepositoryBuilder().setGitDir(dotGit.toFile()).setMustExist(true).build()) {
            ObjectId head = repo.resolve(Constants.HEAD + "^{commit}");
            if (head == null) {
                notes.add(new RebuildNote(RebuildNote.Kind.GIT_STATE, "the build tree's repository has no HEAD commit"));
                return notes;
            }
            List<String> state = new ArrayList<>();
            if (!git.remoteUrl().isEmpty()) {
                StoredConfig config = repo.getConfig();
                config.setString("remote", "origin", "url", git.remoteUrl());
                config.setString("remote", "origin", "fetch", "+refs/heads/*:refs/remotes/origin/*");
                config.save();
                state.add("origin is " + git.remoteUrl());
            }
            if (!git.tag().isEmpty()) {
                String tagRef = Constants.R_TAGS + git.tag();
                if (repo.exactRef(tagRef) == null) {
                    RefUpdate u = repo.updateRef(tagRef);
                    u.setNewObjectId(head);
                    u.forceUpdate();
                    state.add("tag " + git.tag() + " was not in the repository and was created as a lightweight tag "
                            + "(git describe without --tags does not see it, unlike upstream's annotated tag)");
                } else {
                    state.add("tag " + git.tag() + " present");
                }
            }
            if (!git.branch().isEmpty()) {
                String branchRef = Constants.R_HEADS + git.branch();
                RefUpdate b = repo.updateRef(branchRef);
                b.setNewObjectId(head);
                b.forceUpdate();
                RefUpdate h = repo.updateRef(Constants.HEAD);
                h.link(branchRef);
                state.add("HEAD on branch " + git.branch() + " at " + head.name());
            } else {
                RefUpdate h = repo.updateRef(Constants.HEAD, true);
                h.setNewObjectId(head);
                h.forceUpdate();
                state.add("HEAD detached at " + head.name() + ", as a checkout of the tag leaves it");
            }
            notes.add(new RebuildNote(RebuildNote.Kind.GIT_STATE, "the build sees git state as upstream's release build did: "
                    + String.join("; ", state) + "; differences from git state are of class GIT_STATE"));
        }
        return notes;
    }
}
