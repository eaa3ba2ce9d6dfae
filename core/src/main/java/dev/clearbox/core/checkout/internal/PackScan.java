package dev.clearbox.core.checkout.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Reads a pack stream alongside JGit's {@code PackParser} and refuses it, before JGit has inflated or resolved
 * anything large, when a size it declares is over the {@link FetchLimits}: a whole object's header declares its
 * inflated size, a delta's data starts with the size of the object it makes (only those first bytes of a delta need
 * inflating to read it). JGit reads every object of a pack before it resolves the first delta, so a refusal here
 * always comes first. The stream is also inflated to find where each object ends; an object that inflates to more
 * than it declares is refused as soon as it does, so the scan itself never inflates more than the limits allow.
 *
 * <p>The pack format: {@code "PACK"}, version (2 or 3) and object count (4 bytes each, big-endian); per object a
 * header of type (3 bits) and inflated size (4 bits, then 7 bits a byte, least significant first); for an offset
 * delta the distance back to its base, for a reference delta the base's id; then the zlib stream; at the end the
 * pack's SHA-1. Delta data starts with two sizes (7 bits a byte, least significant first): the base's, the result's.
 */
public final class PackScan extends FilterInputStream {
    private static final int OBJ_OFS_DELTA = 6;
    private static final int OBJ_REF_DELTA = 7;
    private static final int ID_LENGTH = 20;
    private static final int HEADER_LENGTH = 12;
    private static final int DELTA_HEAD_MAX = 20;

    /** The pack was refused: the rule and the problem, in words naming the object. */
    public static final class Refused extends IOException {
        private static final long serialVersionUID = 1L;
        private final String rule;
        private final String problem;

        Refused(String rule, String problem) {
            super(problem + " [" + rule + "]");
            this.rule = rule;
            this.problem = problem;
        }

        public String rule() {
            return rule;
        }

        public String problem() {
            return problem;
        }
    }

    private enum State { HEADER, OBJECT_HEADER, OFS_BASE, REF_BASE, DATA, TRAILER, DONE }

    private final FetchLimits limits;
    private final Inflater inflater = new Inflater();
    private final byte[] scratch = new byte[8192];
    private final byte[] head = new byte[Math.max(HEADER_LENGTH, ID_LENGTH)];
    private final byte[] deltaHead = new byte[DELTA_HEAD_MAX];

    private State state = State.HEADER;
    private Refused refused;
    private long position;
    private long objectCount;
    private long objectIndex;
    private long total;
    private int headLength;

    // the object being read
    private long objectOffset;
    private int type;
    private long size;
    private int shift;
    private boolean firstHeaderByte;
    private long baseDistance;
    private String base;
    private long inflated;
    private int deltaHeadLength;
    private boolean deltaHeadRead;

    public PackScan(InputStream in, FetchLimits limits) {
        super(in);
        this.limits = limits;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n <= 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (refused != null) {
            throw refused;
        }
        int n = in.read(b, off, len);
        if (n > 0) {
            try {
                feed(b, off, n);
            } catch (Refused e) {
                refused = e;
                inflater.end();
                throw e;
            }
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = 0;
        while (skipped < n) {
            int r = read(scratch, 0, (int) Math.min(scratch.length, n - skipped));
            if (r <= 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public void mark(int readlimit) {
        // not supported: every byte is scanned once, in order
    }

    @Override
    public void reset() throws IOException {
        throw new IOException("mark/reset not supported");
    }

    @Override
    public void close() throws IOException {
        inflater.end();
        super.close();
    }

    /** Scans the next {@code len} bytes of the pack. */
    private void feed(byte[] b, int off, int len) throws Refused {
        int end = off + len;
        int p = off;
        while (p < end) {
            int used = switch (state) {
                case HEADER -> header(b, p, end);
                case OBJECT_HEADER -> objectHeader(b[p]);
                case OFS_BASE -> ofsBase(b[p]);
                case REF_BASE -> refBase(b, p, end);
                case DATA -> data(b, p, end);
                case TRAILER -> trailer(end - p);
                case DONE -> end - p;
            };
            p += used;
            position += used;
        }
    }

    private int header(byte[] b, int p, int end) throws Refused {
        int n = Math.min(HEADER_LENGTH - headLength, end - p);
        System.arraycopy(b, p, head, headLength, n);
        headLength += n;
        if (headLength == HEADER_LENGTH) {
            if (!Arrays.equals(head, 0, 4, "PACK".getBytes(StandardCharsets.US_ASCII), 0, 4)) {
                throw malformed("the stream does not start with a pack header");
            }
            long version = uint32(head, 4);
            if (version != 2 && version != 3) {
                throw malformed("pack version " + version + " is not 2 or 3");
            }
            objectCount = uint32(head, 8);
            headLength = 0;
            state = objectCount == 0 ? State.TRAILER : State.OBJECT_HEADER;
            startObject();
        }
        return n;
    }

    private void startObject() {
        objectOffset = position;
        type = 0;
        size = 0;
        shift = 0;
        firstHeaderByte = true;
        baseDistance = 0;
        base = null;
        inflated = 0;
        deltaHeadLength = 0;
        deltaHeadRead = false;
    }

    private int objectHeader(byte c) throws Refused {
        if (firstHeaderByte) {
            objectOffset = position;
            type = (c >> 4) & 7;
            size = c & 0x0f;
            shift = 4;
            firstHeaderByte = false;
        } else {
            if (shift > 56) {
                throw malformed(object() + " declares a size that does not fit in 64 bits");
            }
            size |= (long) (c & 0x7f) << shift;
            shift += 7;
        }
        if ((c & 0x80) == 0) {
            if (type == 0 || type == 5) {
                throw malformed(object() + " has the unknown type " + type);
            }
            if (type < OBJ_OFS_DELTA) {
                count(size, object() + " is " + size + " bytes once inflated");
            } else {
                // the delta's own data is inflated and held whole by JGit, like any object
                count(size, object() + " has " + size + " bytes of delta data");
            }
            state = type == OBJ_OFS_DELTA ? State.OFS_BASE : type == OBJ_REF_DELTA ? State.REF_BASE : State.DATA;
            firstHeaderByte = true;
            shift = 0;
        }
        return 1;
    }

    private int ofsBase(byte c) throws Refused {
        if (firstHeaderByte) {
            baseDistance = c & 0x7f;
            firstHeaderByte = false;
        } else {
            if (baseDistance > (Long.MAX_VALUE >> 8)) {
                throw malformed(object() + " has a base offset that does not fit in 64 bits");
            }
            baseDistance = ((baseDistance + 1) << 7) | (c & 0x7f);
        }
        if ((c & 0x80) == 0) {
            if (baseDistance <= 0 || baseDistance > objectOffset) {
                throw malformed(object() + " has its delta base outside the pack");
            }
            base = "the object at offset " + (objectOffset - baseDistance);
            state = State.DATA;
        }
        return 1;
    }

    private int refBase(byte[] b, int p, int end) {
        int n = Math.min(ID_LENGTH - headLength, end - p);
        System.arraycopy(b, p, head, headLength, n);
        headLength += n;
        if (headLength == ID_LENGTH) {
            base = "object " + HexFormat.of().formatHex(head, 0, ID_LENGTH);
            headLength = 0;
            state = State.DATA;
        }
        return n;
    }

    /** Inflates what there is of the object's zlib stream; returns how many of the bytes belong to it. */
    private int data(byte[] b, int p, int end) throws Refused {
        int len = end - p;
        inflater.setInput(b, p, len);
        while (true) {
            int n;
            try {
                n = inflater.inflate(scratch);
            } catch (DataFormatException e) {
                throw malformed(object() + " is not a valid zlib stream");
            }
            if (n > 0) {
                inflated(n);
            }
            if (inflater.finished()) {
                int used = len - inflater.getRemaining();
                endObject();
                return used;
            }
            if (n == 0) {
                if (inflater.needsDictionary()) {
                    throw malformed(object() + " is not a valid zlib stream");
                }
                return len; // needs more input
            }
        }
    }

    private void inflated(int n) throws Refused {
        inflated += n;
        if (inflated > size) {
            throw malformed(object() + " inflates to more than the " + size + " bytes it declares");
        }
        if (type >= OBJ_OFS_DELTA && !deltaHeadRead) {
            int take = Math.min(n, DELTA_HEAD_MAX - deltaHeadLength);
            System.arraycopy(scratch, 0, deltaHead, deltaHeadLength, take);
            deltaHeadLength += take;
            long[] sizes = deltaSizes();
            if (sizes != null) {
                deltaHeadRead = true;
                count(sizes[1], object() + " makes an object of " + sizes[1] + " bytes");
            } else if (deltaHeadLength == DELTA_HEAD_MAX) {
                throw malformed(object() + " has delta sizes that do not fit in 64 bits");
            }
        }
    }

    /** The base and result sizes a delta starts with, or {@code null} if not all of them were inflated yet. */
    private long[] deltaSizes() {
        long[] sizes = new long[2];
        int i = 0;
        for (int k = 0; k < 2; k++) {
            long v = 0;
            int s = 0;
            while (true) {
                if (i >= deltaHeadLength || s > 63) {
                    return null;
                }
                int c = deltaHead[i++] & 0xff;
                v |= (long) (c & 0x7f) << s;
                s += 7;
                if ((c & 0x80) == 0) {
                    break;
                }
            }
            sizes[k] = v;
        }
        return sizes;
    }

    private void endObject() throws Refused {
        if (inflated != size) {
            throw malformed(object() + " inflates to " + inflated + " bytes, not the " + size + " it declares");
        }
        if (type >= OBJ_OFS_DELTA && !deltaHeadRead) {
            throw malformed(object() + " is a delta too short to hold its sizes");
        }
        inflater.reset();
        objectIndex++;
        state = objectIndex == objectCount ? State.TRAILER : State.OBJECT_HEADER;
        startObject();
    }

    private int trailer(int available) {
        int n = Math.min(ID_LENGTH - headLength, available);
        headLength += n;
        if (headLength == ID_LENGTH) {
            state = State.DONE;
            inflater.end();
        }
        return n;
    }

    /** Counts {@code bytes} against both limits; {@code what} says, for the refusal, what the object declares. */
    private void count(long bytes, String what) throws Refused {
        if (bytes > limits.maxObjectBytes()) {
            throw new Refused("object-too-large", what + ", over the limit of " + limits.maxObjectBytes()
                    + " bytes per object");
        }
        total += bytes;
        if (total > limits.maxInflatedBytes()) {
            throw new Refused("pack-too-large", what + "; with it the pack inflates to " + total
                    + " bytes, over the limit of " + limits.maxInflatedBytes() + " bytes per pack");
        }
    }

    /** The object being read, for errors: its number, offset and kind. */
    private String object() {
        String kind = switch (type) {
            case 1 -> "a commit";
            case 2 -> "a tree";
            case 3 -> "a blob";
            case 4 -> "a tag";
            case OBJ_OFS_DELTA, OBJ_REF_DELTA -> base == null ? "a delta" : "a delta on " + base;
            default -> "of type " + type;
        };
        return "pack object " + (objectIndex + 1) + " of " + objectCount + " (offset " + objectOffset + ", " + kind + ")";
    }

    private static Refused malformed(String problem) {
        return new Refused("malformed-pack", problem);
    }

    private static long uint32(byte[] b, int p) {
        return ((b[p] & 0xffL) << 24) | ((b[p + 1] & 0xffL) << 16) | ((b[p + 2] & 0xffL) << 8) | (b[p + 3] & 0xffL);
    }
}
