package dev.clearbox.core.checkout;

import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds repositories object by object (blobs, trees, commits), so a test can write trees that JGit's porcelain
 * and git itself would never write: names with '..', '/', '.git', control characters, escaping symlinks.
 */
final class RawRepo implements AutoCloseable {
    final Repository repo;
    private final ObjectInserter inserter;

    private RawRepo(Repository repo) {
        this.repo = repo;
        this.inserter = repo.newObjectInserter();
    }

    /** A bare repository at {@code dir}. */
    static RawRepo create(Path dir) throws IOException {
        Repository repo = new FileRepositoryBuilder().setGitDir(dir.toFile()).setBare().build();
        repo.create(true);
        return new RawRepo(repo);
    }

    record Entry(String name, FileMode mode, ObjectId id) {
        byte[] sortKey() {
            String key = mode == FileMode.TREE ? name + "/" : name;
            return key.getBytes(StandardCharsets.UTF_8);
        }
    }

    static Entry file(String name, ObjectId blob) {
        return new Entry(name, FileMode.REGULAR_FILE, blob);
    }

    static Entry dir(String name, ObjectId tree) {
        return new Entry(name, FileMode.TREE, tree);
    }

    static Entry link(String name, ObjectId targetBlob) {
        return new Entry(name, FileMode.SYMLINK, targetBlob);
    }

    static Entry gitlink(String name, ObjectId commit) {
        return new Entry(name, FileMode.GITLINK, commit);
    }

    ObjectId blob(String content) throws IOException {
        return blob(content.getBytes(StandardCharsets.UTF_8));
    }

    ObjectId blob(byte[] content) throws IOException {
        return inserter.insert(Constants.OBJ_BLOB, content);
    }

    /** A tree of the entries, in git's order (a tree sorts as if its name ended in '/'). */
    ObjectId tree(Entry... entries) throws IOException {
        List<Entry> sorted = new ArrayList<>(List.of(entries));
        sorted.sort((a, b) -> Arrays.compareUnsigned(a.sortKey(), b.sortKey()));
        TreeFormatter f = new TreeFormatter();
        for (Entry e : sorted) {
            f.append(e.name().getBytes(StandardCharsets.UTF_8), e.mode(), e.id());
        }
        return inserter.insert(f);
    }

    /** A commit of {@code tree} on {@code refs/heads/main}. */
    ObjectId commit(ObjectId tree, String message) throws IOException {
        return commit(tree, message, "refs/heads/main");
    }

    /** A commit of {@code tree} on {@code ref}. */
    ObjectId commit(ObjectId tree, String message, String ref) throws IOException {
        PersonIdent who = new PersonIdent("Vendor Build", "build@vendor.example",
                Instant.parse("2024-03-01T10:00:00Z"), ZoneOffset.UTC);
        CommitBuilder c = new CommitBuilder();
        c.setTreeId(tree);
        c.setAuthor(who);
        c.setCommitter(who);
        c.setMessage(message + "\n");
        ObjectId id = inserter.insert(c);
        inserter.flush();
        RefUpdate u = repo.updateRef(ref);
        u.setNewObjectId(id);
        u.setForceUpdate(true);
        u.update();
        return id;
    }

    @Override
    public void close() {
        inserter.close();
        repo.close();
    }
}
