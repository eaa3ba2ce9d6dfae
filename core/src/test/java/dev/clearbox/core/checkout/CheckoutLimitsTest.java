package dev.clearbox.core.checkout;

import dev.clearbox.core.ClearboxException;
import dev.clearbox.core.ProgressListener;
import dev.clearbox.core.StageFailedException;
import dev.clearbox.core.UnsafeInputException;
import org.eclipse.jgit.internal.storage.dfs.DfsRepositoryDescription;
import org.eclipse.jgit.internal.storage.dfs.InMemoryRepository;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.BundleWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static dev.clearbox.core.checkout.RawRepo.file;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The checkout's resource limits against hostile sources built in code: a tree nested 10,000 deep, a pack whose
 * one delta makes 2 GiB from a few hundred bytes, a pack over the total, a server that never answers. Each refusal
 * is one line naming the source, and leaves nothing behind.
 */
class CheckoutLimitsTest {
    private static final int DEFAULT_OBJECT_LIMIT = (int) Math.min(Integer.MAX_VALUE, CheckoutRequest.DEFAULT_MAX_BLOB_BYTES);

    private static final PersonIdent VENDOR = new PersonIdent("Vendor Build", "build@vendor.example",
            Instant.parse("2024-03-01T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path tmp;

    private Path tree() {
        return tmp.resolve("ws/checkout/tree");
    }

    private CheckoutRequest request(Path source) {
        return new CheckoutRequest(source.toString(), "main", null, tree());
    }

    private static CheckoutResult checkout(CheckoutRequest request) {
        return new Checkout().checkout(request, ProgressListener.NONE);
    }

    /** The refusal is one line, and neither the checkout directory nor anything beside the sources is left. */
    private <T extends ClearboxException> T refusedCleanly(Class<T> type, CheckoutRequest request, String... sources)
            throws IOException {
        T e = assertThrows(type, () -> checkout(request));
        assertFalse(e.oneLine().contains("\n"), e.oneLine());
        assertFalse(Files.exists(tree()), "the refused checkout is removed, .git included");
        Set<String> expected = new java.util.HashSet<>(List.of(sources));
        expected.add("ws");
        assertEquals(expected, list(tmp));
        return e;
    }

    private static Set<String> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }

    /**
     * A bundle of a commit whose tree nests {@code depth} directories named {@code d}, the last holding one file
     * (built in memory: ten thousand loose objects on disk take seconds).
     */
    private Path nestedBundle(int depth) throws IOException {
        Path bundle = tmp.resolve("deep.bundle");
        try (Repository repo = new InMemoryRepository(new DfsRepositoryDescription("deep"));
             ObjectInserter ins = repo.newObjectInserter()) {
            TreeFormatter leaf = new TreeFormatter();
            leaf.append("x.txt", FileMode.REGULAR_FILE, ins.insert(RawPack.OBJ_BLOB, "x\n".getBytes(StandardCharsets.UTF_8)));
            ObjectId tree = ins.insert(leaf);
            for (int i = 0; i < depth; i++) {
                TreeFormatter t = new TreeFormatter();
                t.append("d", FileMode.TREE, tree);
                tree = ins.insert(t);
            }
            CommitBuilder c = new CommitBuilder();
            c.setTreeId(tree);
            c.setAuthor(VENDOR);
            c.setCommitter(VENDOR);
            c.setMessage("deep\n");
            ObjectId commit = ins.insert(c);
            ins.flush();
            RefUpdate u = repo.updateRef("refs/heads/main");
            u.setNewObjectId(commit);
            u.update();
            try (OutputStream out = Files.newOutputStream(bundle)) {
                BundleWriter w = new BundleWriter(repo);
                w.include(repo.exactRef("refs/heads/main"));
                w.writeBundle(NullProgressMonitor.INSTANCE, out);
            }
        }
        return bundle;
    }

    @Test
    void treeNestedTenThousandDeepIsRefusedBeforeJGitRecurses() throws IOException {
        Path bundle = nestedBundle(10_000);
        UnsafeInputException e = refusedCleanly(UnsafeInputException.class, request(bundle), "deep.bundle");
        assertEquals("tree-too-deep", e.rule());
        String path = String.join("/", java.util.Collections.nCopies(257, "d"));
        assertEquals("checkout: " + bundle + "!/" + path + ": directory nested 257 levels deep, over the limit of 256"
                + " [tree-too-deep]", e.oneLine());
    }

    @Test
    void treeAtTheDepthLimitIsCheckedOutAndOneDeeperIsNot() throws IOException {
        Path bundle = nestedBundle(5);
        CheckoutResult ok = checkout(request(bundle).withLimits(5, CheckoutRequest.DEFAULT_MAX_INFLATED_BYTES));
        assertEquals("x\n", Files.readString(ok.tree().resolve("d/d/d/d/d/x.txt")));
        org.eclipse.jgit.util.FileUtils.delete(tmp.resolve("ws").toFile(), org.eclipse.jgit.util.FileUtils.RECURSIVE);

        UnsafeInputException e = refusedCleanly(UnsafeInputException.class,
                request(bundle).withLimits(4, CheckoutRequest.DEFAULT_MAX_INFLATED_BYTES), "deep.bundle");
        assertEquals("checkout: " + bundle + "!/d/d/d/d/d: directory nested 5 levels deep, over the limit of 4"
                + " [tree-too-deep]", e.oneLine());
    }

    /**
     * With the depth limit lifted, JGit's checkout recurses once per level (its attribute lookup) and overflows the
     * stack: that is one line too, and the half-made repository is removed. The checkout runs on a thread with a
     * small stack, so the overflow does not depend on the JVM's default stack size.
     */
    @Test
    void stackOverflowInsideJGitIsOneLineAndLeavesNothing() throws Exception {
        Path bundle = nestedBundle(10_000);
        CheckoutRequest unlimited = request(bundle).withLimits(1_000_000, CheckoutRequest.DEFAULT_MAX_INFLATED_BYTES);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                checkout(unlimited);
            } catch (Throwable e) {
                thrown.set(e);
            }
        }, "small-stack-checkout", 512 * 1024);
        t.start();
        t.join();
        UnsafeInputException e = assertInstanceOf(UnsafeInputException.class, thrown.get());
        assertEquals("checkout: " + bundle + ": reading the repository overflowed the Java stack (objects nested too"
                + " deeply) [resource-exhausted]", e.oneLine());
        assertFalse(Files.exists(tree()), "the half-made checkout, .git included, is removed");
    }

    /** A commit with README, and a 64 KiB blob of zeros with a delta on it copying it {@code copies} times. */
    private record DeltaPack(Path bundle, ObjectId commit, ObjectId result, int packBytes) {
    }

    private DeltaPack deltaPack(int copies) throws IOException {
        ObjectInserter.Formatter ids = new ObjectInserter.Formatter();
        byte[] readme = "delta bomb\n".getBytes(StandardCharsets.UTF_8);
        ObjectId readmeId = ids.idFor(RawPack.OBJ_BLOB, readme);
        TreeFormatter tf = new TreeFormatter();
        tf.append("README", FileMode.REGULAR_FILE, readmeId);
        byte[] treeBytes = tf.toByteArray();
        CommitBuilder c = new CommitBuilder();
        c.setTreeId(ids.idFor(RawPack.OBJ_TREE, treeBytes));
        c.setAuthor(VENDOR);
        c.setCommitter(VENDOR);
        c.setMessage("release\n");
        byte[] commitBytes = c.build();
        ObjectId commitId = ids.idFor(RawPack.OBJ_COMMIT, commitBytes);

        byte[] base = new byte[64 * 1024];
        long resultSize = (long) copies * base.length;
        RawPack pack = new RawPack();
        pack.whole(RawPack.OBJ_COMMIT, commitBytes);
        pack.whole(RawPack.OBJ_TREE, treeBytes);
        pack.whole(RawPack.OBJ_BLOB, readme);
        long baseOffset = pack.whole(RawPack.OBJ_BLOB, base);
        pack.ofsDelta(baseOffset, RawPack.delta(base.length, resultSize, RawPack.copies64k(copies)));
        ObjectId result = resultSize <= DEFAULT_OBJECT_LIMIT ? ids.idFor(RawPack.OBJ_BLOB, new byte[(int) resultSize]) : null;
        Path bundle = pack.bundle(tmp.resolve("bomb.bundle"), "refs/heads/main", commitId);
        return new DeltaPack(bundle, commitId, result, pack.toBytes().length);
    }

    @Test
    void deltaOfTheBombsShapeButSmallIsResolvedByJGit() throws IOException {
        DeltaPack small = deltaPack(2);
        CheckoutResult r = checkout(request(small.bundle()));
        assertEquals(small.commit().name(), r.commitId());
        try (Repository repo = new FileRepositoryBuilder().setGitDir(r.tree().resolve(".git").toFile()).build()) {
            assertTrue(repo.getObjectDatabase().has(small.result()), "the delta was parsed and resolved");
            assertEquals(128 * 1024, repo.open(small.result()).getSize());
        }
    }

    @Test
    void deltaThatMakesTwoGibibytesIsRefusedBeforeItIsInflated() throws IOException {
        DeltaPack bomb = deltaPack(32 * 1024); // 32768 copies of 64 KiB: 2 GiB
        assertTrue(bomb.packBytes() < 1024, "the whole pack is " + bomb.packBytes() + " bytes");
        UnsafeInputException e = refusedCleanly(UnsafeInputException.class, request(bomb.bundle()), "bomb.bundle");
        assertEquals("object-too-large", e.rule());
        assertTrue(e.oneLine().matches("checkout: " + java.util.regex.Pattern.quote(bomb.bundle().toString())
                + ": pack object 5 of 5 \\(offset \\d+, a delta on the object at offset \\d+\\) makes an object of"
                + " 2147483648 bytes, over the limit of 536870912 bytes per object \\[object-too-large]"), e.oneLine());
    }

    @Test
    void wholeObjectWhoseHeaderDeclaresTooMuchIsRefusedAtTheHeader() throws IOException {
        RawPack pack = new RawPack();
        pack.whole(RawPack.OBJ_BLOB, 3L * 1024 * 1024 * 1024, "tiny".getBytes(StandardCharsets.US_ASCII));
        Path bundle = pack.bundle(tmp.resolve("liar.bundle"), "refs/heads/main",
                ObjectId.fromString("0123456789abcdef0123456789abcdef01234567"));
        UnsafeInputException e = refusedCleanly(UnsafeInputException.class, request(bundle), "liar.bundle");
        assertEquals("checkout: " + bundle + ": pack object 1 of 1 (offset 12, a blob) is 3221225472 bytes once"
                + " inflated, over the limit of 536870912 bytes per object [object-too-large]", e.oneLine());
    }

    @Test
    void packOverTheTotalInflationLimitIsRefused() throws IOException {
        Path origin = tmp.resolve("origin.git");
        try (RawRepo raw = RawRepo.create(origin)) {
            raw.commit(raw.tree(file("A.java", raw.blob("class A {}\n".repeat(20)))), "release");
        }
        CheckoutRequest small = request(origin).withLimits(CheckoutRequest.DEFAULT_MAX_TREE_DEPTH, 100);
        UnsafeInputException e = refusedCleanly(UnsafeInputException.class, small, "origin.git");
        assertEquals("pack-too-large", e.rule());
        assertTrue(e.oneLine().startsWith("checkout: " + origin + ": pack object "), e.oneLine());
        assertTrue(e.oneLine().endsWith(" bytes, over the limit of 100 bytes per pack [pack-too-large]"),
                e.oneLine());

        CheckoutResult ok = checkout(request(origin).withLimits(CheckoutRequest.DEFAULT_MAX_TREE_DEPTH, 1000));
        assertEquals(1, ok.fileCount());
    }

    @Test
    void serverThatAcceptsAndNeverAnswersTimesOut() throws Exception {
        List<Socket> held = new CopyOnWriteArrayList<>();
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(server.accept()); // and never a byte back
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            }, "silent-server");
            acceptor.setDaemon(true);
            acceptor.start();
            String url = "http://127.0.0.1:" + server.getLocalPort() + "/vendor/product.git";
            CheckoutRequest r = new CheckoutRequest(url, "main", null, tree()).withTimeout(Duration.ofSeconds(1));
            StageFailedException e = assertThrows(StageFailedException.class, () -> checkout(r));
            assertEquals("checkout: " + url + ": no answer within 1 s (the connect and read timeout for URL sources)",
                    e.oneLine());
            assertFalse(held.isEmpty(), "the server accepted the connection: the read timed out, not the connect");
            assertFalse(Files.exists(tree()), "nothing is left");
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }
}
