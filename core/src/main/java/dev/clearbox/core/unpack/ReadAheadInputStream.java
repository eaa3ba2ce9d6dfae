package dev.clearbox.core.unpack;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Decompresses on a second thread: a producer reads the decoder into chunks of {@value #CHUNK} bytes and the
 * reader takes them in order, so a tar.gz is inflated on one core while its members are hashed and written
 * on the other (as {@code tar xzf} does with a separate gzip process). At most {@value #DEPTH} chunks are
 * read ahead. A decoder failure reaches the reader at the same position in the stream it happened at.
 *
 * <p>The compressed side of the ratio check must follow the reader, not the producer: each chunk carries the
 * compressed byte count reached when it was decoded, and {@link #compressedConsumed()} is the count of the
 * chunk being read.
 */
final class ReadAheadInputStream extends InputStream {
    static final int CHUNK = 256 * 1024;
    static final int DEPTH = 4;
    private static final int MAX_IDLE_READS = 1000;
    private static final Object END = new Object();

    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(DEPTH + 2);
    private final Thread producer;
    private final LongSupplier compressedRead;
    private volatile boolean closed;
    private long compressedConsumed;
    private byte[] current = new byte[0];
    private int pos;
    private boolean ended;

    private record Chunk(byte[] bytes, long compressedRead) {
    }

    /**
     * @param compressedRead bytes read so far from the compressed file (called on the producer thread)
     */
    ReadAheadInputStream(InputStream source, LongSupplier compressedRead, String threadName) {
        this.compressedRead = compressedRead;
        producer = new Thread(() -> produce(source), threadName);
        producer.setDaemon(true);
        producer.start();
    }

    private void produce(InputStream source) {
        try {
            int idle = 0;
            while (!closed) {
                byte[] chunk = new byte[CHUNK];
                int filled = 0;
                boolean eof = false;
                while (filled < CHUNK) {
                    int n;
                    try {
                        n = source.read(chunk, filled, CHUNK - filled);
                        idle = n == 0 ? idle + 1 : 0;
                        if (idle > MAX_IDLE_READS) {
                            throw new IOException("the decoder stopped making progress");
                        }
                    } catch (Throwable t) {
                        if (filled > 0) {
                            // the bytes before the failure come first
                            put(new Chunk(java.util.Arrays.copyOf(chunk, filled), compressedRead.getAsLong()));
                        }
                        throw t;
                    }
                    if (n < 0) {
                        eof = true;
                        break;
                    }
                    filled += n;
                }
                if (filled > 0) {
                    put(new Chunk(filled == CHUNK ? chunk : java.util.Arrays.copyOf(chunk, filled),
                            compressedRead.getAsLong()));
                }
                if (eof) {
                    break;
                }
            }
        } catch (Throwable t) {
            put(t);
        } finally {
            put(END);
        }
    }

    /** Blocks while the reader is behind; gives up once the reader has closed. */
    private void put(Object item) {
        try {
            while (!closed && !queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
                // wait for the reader
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (pos == current.length && !next()) {
            return -1;
        }
        int n = Math.min(len, current.length - pos);
        System.arraycopy(current, pos, b, off, n);
        pos += n;
        return n;
    }

    /** Takes the next chunk; false at the end. Rethrows the decoder's failure where it happened. */
    private boolean next() throws IOException {
        if (ended) {
            return false;
        }
        Object item;
        try {
            item = queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while decompressing");
        }
        if (item == END) {
            ended = true;
            return false;
        }
        if (item instanceof IOException e) {
            ended = true;
            throw e;
        }
        if (item instanceof RuntimeException e) {
            ended = true;
            throw e;
        }
        if (item instanceof Error e) {
            ended = true;
            throw e;
        }
        if (item instanceof Throwable t) {
            ended = true;
            throw new IOException(t);
        }
        Chunk chunk = (Chunk) item;
        current = chunk.bytes();
        compressedConsumed = chunk.compressedRead();
        pos = 0;
        return true;
    }

    /** Compressed bytes read up to the end of the chunk being read (for the reader's ratio check). */
    long compressedConsumed() {
        return compressedConsumed;
    }

    @Override
    public int available() {
        return current.length - pos;
    }

    /** Stops the producer and waits for it, so nothing reads the archive after this returns. */
    @Override
    public void close() {
        closed = true;
        producer.interrupt();
        queue.clear();
        try {
            producer.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
