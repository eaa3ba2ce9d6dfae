package dev.clearbox.samples;

import dev.clearbox.core.Stage;
import dev.clearbox.core.StageFailedException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TagBuilder;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.BundleWriter;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Writes a scripted history into a git bundle. Objects are built directly (blobs from the files'
 * bytes as they are, trees from an in-core index, commits with fixed identities and times), so neither
 * the machine's git configuration nor its file system can change a commit id.
 */
final class HistoryWriter {

    /** The branch the history is written to. */
    static final String BRANCH = "refs/heads/main";

    private final Path productDir;
    private final Path overlayDir;
    private final String name;
    private final String email;
    private final Set<String> executables;

    /**
     * @param productDir  the product tree: each file's content at the last commit
     * @param overlayDir  older contents: {@code overlayDir/<n>/<path>} is {@code path} as of commit
     *                    {@code n} (1-based), used instead of the product file when present
     * @param name        author, committer and tagger name
     * @param email       author, committer and tagger e-mail
     * @param executables paths stored with mode 100755; every other file is 100644
     */
    HistoryWriter(Path productDir, Path overlayDir, String name, String email, Set<String> executables) {
        this.productDir = productDir;
        this.overlayDir = overlayDir;
        this.name = name;
        this.email = email;
        this.executables = Set.copyOf(executables);
    }

    /** An annotated tag on the last commit. */
    record Tag(String name, Instant time, String message) {
    }

    /**
     * Writes {@code commits} on {@link #BRANCH}, tags the last one, and writes a bundle holding the
     * branch, the tag and HEAD. Returns the id of the last commit.
     */
    String writeBundle(List<PlannedCommit> commits, Tag tag, Path bundle, Path scratchDir) {
        try {
            Path gitDir = Files.createTempDirectory(scratchDir, "history-").resolve("repo.git");
            ObjectId commit;
            try (Repository repo = new FileRepositoryBuilder().setGitDir(gitDir.toFile()).setBare().build()) {
                repo.create(true);
                ObjectId tagObject;
                try (ObjectInserter inserter = repo.newObjectInserter()) {
                    commit = insertCommits(inserter, commits);
                    tagObject = insertTag(inserter, commit, tag);
                    inserter.flush();
                }
                String tagRef = Constants.R_TAGS + tag.name();
                createRef(repo, BRANCH, commit);
                createRef(repo, tagRef, tagObject);
                RefUpdate head = repo.updateRef(Constants.HEAD);
                head.link(BRANCH);

                BundleWriter writer = new BundleWriter(repo);
                writer.include(BRANCH, commit);
                writer.include(tagRef, tagObject);
                writer.include(Constants.HEAD, commit);
                Files.createDirectories(bundle.toAbsolutePath().getParent());
                try (OutputStream out = Files.newOutputStream(bundle)) {
                    writer.writeBundle(NullProgressMonitor.INSTANCE, out);
                }
            }
            return commit.name();
        } catch (IOException e) {
            throw new StageFailedException(Stage.SAMPLE, bundle.toString(), "cannot write the history: " + e.getMessage(), e);
        }
    }

    private ObjectId insertCommits(ObjectInserter inserter, List<PlannedCommit> commits) throws IOException {
        List<String> files = new ArrayList<>();
        ObjectId parent = null;
        for (int i = 0; i < commits.size(); i++) {
            PlannedCommit planned = commits.get(i);
            files.addAll(planned.addedFiles());
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(insertTree(inserter, files, i + 1));
            if (parent != null) {
                commit.setParentId(parent);
            }
            commit.setAuthor(ident(planned.time()));
            commit.setCommitter(ident(planned.time()));
            commit.setMessage(planned.message() + "\n");
            parent = inserter.insert(commit);
        }
        if (parent == null) {
            throw new IllegalArgumentException("a history needs at least one commit");
        }
        return parent;
    }

    private ObjectId insertTree(ObjectInserter inserter, List<String> files, int commitNumber) throws IOException {
        DirCache index = DirCache.newInCore();
        DirCacheBuilder builder = index.builder();
        for (String path : files) {
            byte[] content = Files.readAllBytes(contentOf(path, commitNumber));
            DirCacheEntry entry = new DirCacheEntry(path);
            entry.setFileMode(executables.contains(path) ? FileMode.EXECUTABLE_FILE : FileMode.REGULAR_FILE);
            entry.setLength(content.length);
            entry.setObjectId(inserter.insert(Constants.OBJ_BLOB, content));
            builder.add(entry);
        }
        builder.finish();
        return index.writeTree(inserter);
    }

    private Path contentOf(String path, int commitNumber) {
        Path older = overlayDir.resolve(Integer.toString(commitNumber)).resolve(path);
        return Files.isRegularFile(older) ? older : productDir.resolve(path);
    }

    private ObjectId insertTag(ObjectInserter inserter, ObjectId commit, Tag tag) throws IOException {
        TagBuilder builder = new TagBuilder();
        builder.setObjectId(commit, Constants.OBJ_COMMIT);
        builder.setTag(tag.name());
        builder.setTagger(ident(tag.time()));
        builder.setMessage(tag.message() + "\n");
        return inserter.insert(builder);
    }

    private PersonIdent ident(Instant time) {
        return new PersonIdent(name, email, time, ZoneOffset.UTC);
    }

    private static void createRef(Repository repo, String ref, ObjectId id) throws IOException {
        RefUpdate update = repo.updateRef(ref);
        update.setNewObjectId(id);
        update.setExpectedOldObjectId(ObjectId.zeroId());
        RefUpdate.Result result = update.update();
        if (result != RefUpdate.Result.NEW) {
            throw new IOException("cannot create " + ref + ": " + result);
        }
    }
}
