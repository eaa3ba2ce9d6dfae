package dev.clearbox.core.unpack;

import dev.clearbox.core.ClearboxException;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.clearbox.core.unpack.Fixtures.files;
import static dev.clearbox.core.unpack.Fixtures.utf8;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seeded mutation fuzzing: valid archives of every format with bit flips, truncations, insertions and
 * overwritten ranges. Whatever the bytes, only Clearbox exceptions may escape, no case may hang, and nothing
 * may appear outside the destination (which must be clean after a failure). Seeds are fixed, so a failure
 * is reproducible from the test's name.
 */
class UnpackerFuzzTest {
    private static final int CASES = 600;
    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final UnpackLimits LIMITS = new UnpackLimits(64L << 20, 16L << 20, 10_000, 100, 3);

    @TempDir
    Path tmp;

    private final AtomicInteger unpacked = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();

    private static Map<String, byte[]> bases(Path scratch) {
        byte[] text = utf8("line of text for the fuzzer\n".repeat(40));
        byte[] data = Fixtures.random(42, 4000);
        byte[] tar = Fixtures.tar(files("a/text.txt", text, "a/data.bin", data, "a/plugin.zip",
                Fixtures.zip(files("p.txt", text)), "symlink:a/l=text.txt", new byte[0]));
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("zip", Fixtures.zip(files("README", text, "lib/agent.jar", Fixtures.jar(), "bin/x.so", Fixtures.ELF)));
        m.put("tar", tar);
        m.put("tar.gz", Fixtures.compress("gz", tar));
        m.put("tar.xz", Fixtures.compress("xz", tar));
        m.put("tar.bz2", Fixtures.compress("bzip2", tar));
        m.put("tar.zst", Fixtures.compress("zstd", tar));
        m.put("7z", Fixtures.sevenZ(scratch, files("a/text.txt", text, "a/data.bin", data, "c.jar", Fixtures.jar())));
        m.put("ar", Fixtures.ar(files("text.txt", text, "data.bin", data)));
        m.put("cpio", Fixtures.cpio(files("text.txt", text, "data.bin", data, "symlink:l=text.txt", new byte[0])));
        m.put("gz", Fixtures.compress("gz", text));
        return m;
    }

    @TestFactory
    List<DynamicTest> mutatedArchivesFailCleanly() throws IOException {
        Map<String, byte[]> bases = bases(Files.createDirectories(tmp.resolve("scratch")));
        List<String> names = new ArrayList<>(bases.keySet());
        List<DynamicTest> tests = new ArrayList<>();
        for (int seed = 0; seed < CASES; seed++) {
            String base = names.get(seed % names.size());
            Random random = new Random(seed);
            String[] kind = new String[1];
            byte[] mutated = mutate(bases.get(base), random, kind);
            int s = seed;
            tests.add(DynamicTest.dynamicTest(base + " seed " + seed + " " + kind[0],
                    () -> runCase(s, base, mutated)));
        }
        // Dynamic tests run in order: this one checks the mutations exercised both outcomes, so the
        // harness is not passing only because every case is rejected up front.
        tests.add(DynamicTest.dynamicTest("outcomes are varied", () -> {
            assertTrue(unpacked.get() >= CASES / 10, "unpacked " + unpacked + " of " + CASES);
            assertTrue(refused.get() >= CASES / 10, "refused " + refused + " of " + CASES);
        }));
        return tests;
    }

    private void runCase(int seed, String base, byte[] pkg) throws IOException {
        Sandbox box = new Sandbox(Files.createDirectories(tmp.resolve("case-" + seed)));
        boolean failed = assertTimeoutPreemptively(BOUND, () -> {
            try {
                box.unpack("fuzz." + base, pkg, LIMITS);
                unpacked.incrementAndGet();
                return false;
            } catch (ClearboxException expected) {
                if (expected.getMessage().contains("\n")) {
                    throw new AssertionError("multi-line message: " + expected.getMessage());
                }
                refused.incrementAndGet();
                return true;
            }
        });
        if (failed) {
            box.assertDestinationClean();
        } else {
            box.assertNothingOutsideDestination();
        }
    }

    static byte[] mutate(byte[] original, Random r, String[] kind) {
        byte[] b = original.clone();
        switch (r.nextInt(5)) {
            case 0 -> {
                int flips = 1 + r.nextInt(8);
                for (int i = 0; i < flips; i++) {
                    b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
                }
                kind[0] = flips + " bit flips";
            }
            case 1 -> {
                int cut = r.nextInt(b.length);
                b = Arrays.copyOf(b, cut);
                kind[0] = "truncated to " + cut;
            }
            case 2 -> {
                int at = r.nextInt(b.length + 1);
                byte[] ins = new byte[1 + r.nextInt(64)];
                r.nextBytes(ins);
                byte[] out = new byte[b.length + ins.length];
                System.arraycopy(b, 0, out, 0, at);
                System.arraycopy(ins, 0, out, at, ins.length);
                System.arraycopy(b, at, out, at + ins.length, b.length - at);
                b = out;
                kind[0] = ins.length + " bytes inserted at " + at;
            }
            case 3 -> {
                int at = r.nextInt(b.length);
                int len = Math.min(b.length - at, 1 + r.nextInt(32));
                for (int i = 0; i < len; i++) {
                    b[at + i] = (byte) r.nextInt(256);
                }
                kind[0] = len + " bytes overwritten at " + at;
            }
            default -> {
                // Corrupt a 4-byte little-endian field, a common way to lie about sizes and offsets.
                int at = r.nextInt(Math.max(1, b.length - 4));
                int value = r.nextBoolean() ? 0x7FFFFFFF : r.nextInt();
                for (int i = 0; i < 4 && at + i < b.length; i++) {
                    b[at + i] = (byte) (value >>> (8 * i));
                }
                kind[0] = "int field at " + at + " set to " + value;
            }
        }
        return b;
    }
}
