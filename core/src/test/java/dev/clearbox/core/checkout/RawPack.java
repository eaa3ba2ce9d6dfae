package dev.clearbox.core.checkout;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.zip.Deflater;

/**
 * Writes a pack byte by byte (header, objects with their type-and-size headers, zlib data, SHA-1 trailer), so a
 * test can write what no git would: deltas that make huge objects from a few bytes, headers that lie about sizes.
 * {@link #bundle} wraps it in a v2 git bundle.
 */
final class RawPack {
    static final int OBJ_COMMIT = Constants.OBJ_COMMIT;
    static final int OBJ_TREE = Constants.OBJ_TREE;
    static final int OBJ_BLOB = Constants.OBJ_BLOB;
    static final int OBJ_OFS_DELTA = Constants.OBJ_OFS_DELTA;
    static final int OBJ_REF_DELTA = Constants.OBJ_REF_DELTA;

    private final ByteArrayOutputStream objects = new ByteArrayOutputStream();
    private int count;

    /** Adds a whole object; returns its offset in the pack. */
    long whole(int type, byte[] content) {
        return whole(type, content.length, content);
    }

    /** Adds a whole object whose header declares {@code declaredSize}; returns its offset in the pack. */
    long whole(int type, long declaredSize, byte[] content) {
        long offset = offset();
        header(type, declaredSize);
        deflate(content);
        count++;
        return offset;
    }

    /** Adds an offset delta on the object at {@code baseOffset}; returns its offset. */
    long ofsDelta(long baseOffset, byte[] delta) {
        long offset = offset();
        header(OBJ_OFS_DELTA, delta.length);
        long distance = offset - baseOffset;
        byte[] buf = new byte[10];
        int p = buf.length - 1;
        buf[p] = (byte) (distance & 0x7f);
        while ((distance >>>= 7) > 0) {
            buf[--p] = (byte) (0x80 | (--distance & 0x7f));
        }
        objects.write(buf, p, buf.length - p);
        deflate(delta);
        count++;
        return offset;
    }

    /** Adds a reference delta on {@code base}; returns its offset. */
    long refDelta(ObjectId base, byte[] delta) {
        long offset = offset();
        header(OBJ_REF_DELTA, delta.length);
        byte[] id = new byte[Constants.OBJECT_ID_LENGTH];
        base.copyRawTo(id, 0);
        objects.writeBytes(id);
        deflate(delta);
        count++;
        return offset;
    }

    /** Delta data: the base's size, the result's size, then the instructions. */
    static byte[] delta(long baseSize, long resultSize, byte[] instructions) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        varint(out, baseSize);
        varint(out, resultSize);
        out.writeBytes(instructions);
        return out.toByteArray();
    }

    /** {@code n} copy instructions each copying 64 KiB from offset 0 of the base (one byte each: 0x80). */
    static byte[] copies64k(int n) {
        byte[] b = new byte[n];
        java.util.Arrays.fill(b, (byte) 0x80);
        return b;
    }

    /** One insert instruction carrying {@code data} (at most 127 bytes). */
    static byte[] insert(byte[] data) {
        byte[] b = new byte[data.length + 1];
        b[0] = (byte) data.length;
        System.arraycopy(data, 0, b, 1, data.length);
        return b;
    }

    /** The pack: header, objects, SHA-1 of both. */
    byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("PACK".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(new byte[]{0, 0, 0, 2});
        out.writeBytes(new byte[]{(byte) (count >>> 24), (byte) (count >>> 16), (byte) (count >>> 8), (byte) count});
        out.writeBytes(objects.toByteArray());
        out.writeBytes(sha1(out.toByteArray()));
        return out.toByteArray();
    }

    /** A v2 bundle of this pack with {@code ref} pointing at {@code tip}. */
    Path bundle(Path file, String ref, ObjectId tip) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("# v2 git bundle\n" + tip.name() + " " + ref + "\n\n").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(toBytes());
        return Files.write(file, out.toByteArray());
    }

    private long offset() {
        return 12L + objects.size();
    }

    private void header(int type, long size) {
        int c = (type << 4) | (int) (size & 0x0f);
        size >>>= 4;
        while (size > 0) {
            objects.write(c | 0x80);
            c = (int) (size & 0x7f);
            size >>>= 7;
        }
        objects.write(c);
    }

    private void deflate(byte[] data) {
        Deflater d = new Deflater(Deflater.BEST_COMPRESSION);
        d.setInput(data);
        d.finish();
        byte[] buf = new byte[8192];
        while (!d.finished()) {
            objects.write(buf, 0, d.deflate(buf));
        }
        d.end();
    }

    private static void varint(ByteArrayOutputStream out, long v) {
        while (v >= 0x80) {
            out.write((int) (v & 0x7f) | 0x80);
            v >>>= 7;
        }
        out.write((int) v);
    }

    private static byte[] sha1(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
