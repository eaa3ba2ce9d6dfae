package dev.clearbox.core.unpack;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ReadAheadInputStreamTest {
    private static byte[] data(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + i / 7);
        }
        return b;
    }

    @Test
    void deliversEveryByteInOrder() throws IOException {
        byte[] data = data(3 * ReadAheadInputStream.CHUNK + 12345);
        try (ReadAheadInputStream in = new ReadAheadInputStream(new ByteArrayInputStream(data), () -> 0, "t")) {
            assertArrayEquals(data, in.readAllBytes());
            assertEquals(-1, in.read());
        }
    }

    @Test
    void aDecoderFailureSurfacesAfterTheBytesBeforeIt() throws IOException {
        byte[] data = data(ReadAheadInputStream.CHUNK + 100);
        InputStream failing = new SequenceInputStream(new ByteArrayInputStream(data), new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("Corrupt GZIP trailer");
            }
        });
        try (ReadAheadInputStream in = new ReadAheadInputStream(failing, () -> 0, "t")) {
            byte[] got = new byte[data.length];
            int n = 0;
            while (n < data.length) {
                n += in.read(got, n, data.length - n);
            }
            assertArrayEquals(data, got);
            IOException e = assertThrows(IOException.class, in::read);
            assertEquals("Corrupt GZIP trailer", e.getMessage());
        }
    }

    @Test
    void closingEarlyStopsTheProducer() throws Exception {
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 0;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                Arrays.fill(b, off, off + len, (byte) 1);
                return len;
            }
        };
        ReadAheadInputStream in = new ReadAheadInputStream(endless, () -> 0, "clearbox-test-producer");
        assertEquals(1, in.read());
        in.close();
        assertFalse(Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("clearbox-test-producer") && t.isAlive()), "producer stopped");
    }

    @Test
    void aDecoderThatStopsMakingProgressIsAnError() {
        InputStream stuck = new InputStream() {
            @Override
            public int read() {
                return 0;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                return 0;
            }
        };
        try (ReadAheadInputStream in = new ReadAheadInputStream(stuck, () -> 0, "t")) {
            IOException e = assertThrows(IOException.class, in::read);
            assertEquals("the decoder stopped making progress", e.getMessage());
        }
    }
}
