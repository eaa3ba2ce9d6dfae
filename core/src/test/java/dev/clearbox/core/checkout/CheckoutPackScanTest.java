package dev.clearbox.core.checkout;

import dev.clearbox.core.checkout.internal.FetchLimits;
import dev.clearbox.core.checkout.internal.PackScan;
import org.eclipse.jgit.internal.storage.pack.PackWriter;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.storage.pack.PackConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

import static dev.clearbox.core.checkout.RawRepo.file;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pack scan on packs JGit writes (with offset and reference deltas) and on packs written by hand. */
class CheckoutPackScanTest {
    private static final FetchLimits GENEROUS = new FetchLimits(1 << 30, 1L << 33, Duration.ofSeconds(60));

    @TempDir
    Path tmp;

    /** A pack of two commits whose files (60 KB) differ in one line, written by JGit with deltas of the given kind. */
    private byte[] jgitPackWithDeltas(boolean offsetDeltas) throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            text.append("line ").append(i).append(" of the vendor's source\n");
        }
        try (RawRepo raw = RawRepo.create(tmp.resolve(offsetDeltas ? "ofs.git" : "ref.git"))) {
            ObjectId first = raw.commit(raw.tree(file("A.java", raw.blob(text.toString()))), "one", "refs/heads/one");
            ObjectId tip = raw.commit(raw.tree(file("A.java", raw.blob(text.toString().replace("line 1000 ", "line M ")))),
                    "two");
            PackConfig config = new PackConfig(raw.repo);
            config.setDeltaCompress(true);
            config.setReuseDeltas(false);
            config.setReuseObjects(false);
            config.setDeltaBaseAsOffset(offsetDeltas);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (PackWriter pw = new PackWriter(config, raw.repo.newObjectReader())) {
                pw.preparePack(NullProgressMonitor.INSTANCE, Set.of(first, tip), Set.of());
                pw.writePack(NullProgressMonitor.INSTANCE, NullProgressMonitor.INSTANCE, out);
                assertTrue(pw.getStatistics().getTotalDeltas() > 0, "the pack holds deltas");
            }
            return out.toByteArray();
        }
    }

    private static byte[] readThrough(byte[] pack, FetchLimits limits) throws IOException {
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        try (InputStream in = new PackScan(new ByteArrayInputStream(pack), limits)) {
            byte[] buf = new byte[7]; // odd small reads: headers and zlib streams split across reads
            int n;
            while ((n = in.read(buf, 0, buf.length)) > 0) {
                seen.write(buf, 0, n);
            }
        }
        return seen.toByteArray();
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void packsJGitWritesPassUnchanged(boolean offsetDeltas) throws IOException {
        byte[] pack = jgitPackWithDeltas(offsetDeltas);
        assertArrayEquals(pack, readThrough(pack, GENEROUS));
    }

    @Test
    void theTotalCountsDeltaResults() throws IOException {
        byte[] pack = jgitPackWithDeltas(true);
        // the file is about 60 KB: once whole, once as a delta's result, so a 100 KB total is not enough
        PackScan.Refused e = assertThrows(PackScan.Refused.class,
                () -> readThrough(pack, new FetchLimits(1 << 30, 100_000, Duration.ofSeconds(60))));
        assertEquals("pack-too-large", e.rule());
        assertTrue(e.problem().contains(", a delta on the object at offset ") && e.problem().contains(") makes an object of "),
                e.problem());
        assertArrayEquals(pack, readThrough(pack, new FetchLimits(1 << 30, 200_000, Duration.ofSeconds(60))));
    }

    @Test
    void referenceDeltaNamesItsBase() throws IOException {
        RawPack pack = new RawPack();
        ObjectId base = ObjectId.fromString("0123456789abcdef0123456789abcdef01234567");
        pack.refDelta(base, RawPack.delta(65536, 1L << 40, RawPack.copies64k(4)));
        PackScan.Refused e = assertThrows(PackScan.Refused.class, () -> readThrough(pack.toBytes(), GENEROUS));
        assertEquals("pack object 1 of 1 (offset 12, a delta on object " + base.name() + ") makes an object of "
                + (1L << 40) + " bytes, over the limit of 1073741824 bytes per object", e.problem());
    }

    @Test
    void objectThatInflatesPastItsDeclaredSizeIsRefused() {
        RawPack pack = new RawPack();
        pack.whole(RawPack.OBJ_BLOB, 4, "more than four".getBytes(StandardCharsets.US_ASCII));
        PackScan.Refused e = assertThrows(PackScan.Refused.class, () -> readThrough(pack.toBytes(), GENEROUS));
        assertEquals("malformed-pack", e.rule());
        assertEquals("pack object 1 of 1 (offset 12, a blob) inflates to more than the 4 bytes it declares", e.problem());
    }

    @Test
    void streamThatIsNotAPackIsRefused() {
        PackScan.Refused e = assertThrows(PackScan.Refused.class,
                () -> readThrough("<html>not a pack</html>".getBytes(StandardCharsets.US_ASCII), GENEROUS));
        assertEquals("the stream does not start with a pack header", e.problem());
    }
}
