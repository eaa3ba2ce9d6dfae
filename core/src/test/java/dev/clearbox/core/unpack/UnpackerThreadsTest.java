package dev.clearbox.core.unpack;

import dev.clearbox.core.ClearboxException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static dev.clearbox.core.unpack.Fixtures.files;
import static dev.clearbox.core.unpack.Fixtures.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Worker threads must not change what an unpack run produces: the same inventory for a good package, the
 * same refusal (rule, entry, message) for a bad one, whatever the number of threads.
 */
class UnpackerThreadsTest {
    private static final UnpackLimits LIMITS = new UnpackLimits(64L << 20, 16L << 20, 10_000, 100, 3);

    @TempDir
    Path tmp;

    private int run;

    /** The inventory, or the refusal's class and message; checks the file system either way. */
    private String outcome(String name, byte[] pkg, UnpackLimits limits, int threads) {
        Sandbox box = new Sandbox(tmp.resolve("run-" + run++));
        try {
            PackageInventory inv = box.unpack(name, pkg, limits, threads);
            box.assertNothingOutsideDestination();
            return "unpacked " + inv;
        } catch (ClearboxException e) {
            box.assertDestinationClean();
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    private void assertSameOnEveryThreadCount(String name, byte[] pkg, UnpackLimits limits) {
        String one = outcome(name, pkg, limits, 1);
        for (int threads : new int[] {2, 4}) {
            assertEquals(one, outcome(name, pkg, limits, threads), name + " with " + threads + " threads");
        }
    }

    @Test
    void goodPackagesGiveTheSameInventory() {
        byte[] big = Fixtures.random(3, Extraction.MAX_BUFFERED_ENTRY + 1000);
        Map<String, byte[]> members = new LinkedHashMap<>();
        for (int i = 0; i < 40; i++) {
            members.put("dir" + (i % 3) + "/file" + i + ".txt", utf8("content " + i));
        }
        members.put("lib/agent.jar", Fixtures.jar());
        members.put("lib/inner.zip", Fixtures.zip(files("deep/x.class", Fixtures.classFile("deep/X", 61),
                "deep/y.tar", Fixtures.tar(files("y.txt", utf8("y"))))));
        members.put("bin/tool.sh", Fixtures.SCRIPT);
        members.put("data/big.bin", big);
        byte[] tar = Fixtures.tar(members);
        String zipInventory = outcome("p.zip", Fixtures.zip(members), LIMITS, 1);
        assertTrue(zipInventory.startsWith("unpacked "), zipInventory);
        assertTrue(zipInventory.contains("lib/inner.zip!/deep/x.class"), zipInventory);
        assertSameOnEveryThreadCount("p.zip", Fixtures.zip(members), LIMITS);
        assertSameOnEveryThreadCount("p.tar.gz", Fixtures.compress("gz", tar), LIMITS);
        assertSameOnEveryThreadCount("p.tar", tar, LIMITS);
    }

    @Test
    void refusalsAreTheSameWhicheverThreadFindsThem() {
        Map<String, byte[]> members = new LinkedHashMap<>();
        for (int i = 0; i < 30; i++) {
            members.put("f" + i, Fixtures.random(i, 20_000));
        }
        members.put("f9/child", utf8("under a file"));
        assertSameOnEveryThreadCount("dup.zip", Fixtures.zip(members), LIMITS);
        assertSameOnEveryThreadCount("dup.tar", Fixtures.tar(members), LIMITS);
        // Totals and entry counts trip at the same entry.
        members.remove("f9/child");
        UnpackLimits tight = new UnpackLimits(300_000, 1 << 20, 20, 100, 3);
        assertSameOnEveryThreadCount("many.tar.gz", Fixtures.compress("gz", Fixtures.tar(members)), tight);
        assertSameOnEveryThreadCount("many.zip", Fixtures.zip(files("a.zip", Fixtures.zip(members))), tight);
    }

    @Test
    void mutatedPackagesGiveTheSameOutcome() {
        byte[] text = utf8("line of text for the fuzzer\n".repeat(40));
        Map<String, byte[]> members = new LinkedHashMap<>();
        for (int i = 0; i < 12; i++) {
            members.put("m/" + i + ".bin", Fixtures.random(100 + i, 3000));
        }
        members.put("lib/agent.jar", Fixtures.jar());
        members.put("lib/p.zip", Fixtures.zip(files("p.txt", text)));
        List<byte[]> bases = new ArrayList<>(List.of(Fixtures.zip(members),
                Fixtures.compress("gz", Fixtures.tar(members))));
        List<String> names = List.of("fuzz.zip", "fuzz.tar.gz");
        for (int k = 0; k < bases.size(); k++) {
            String good = outcome(names.get(k), bases.get(k), LIMITS, 4);
            assertTrue(good.startsWith("unpacked "), good);
        }
        Set<String> outcomes = new HashSet<>();
        for (int seed = 0; seed < 80; seed++) {
            int k = seed % bases.size();
            byte[] mutated = UnpackerFuzzTest.mutate(bases.get(k), new Random(seed), new String[1]);
            String one = outcome(names.get(k), mutated, LIMITS, 1);
            assertEquals(one, outcome(names.get(k), mutated, LIMITS, 4), names.get(k) + " seed " + seed);
            outcomes.add(one);
        }
        // Most mutations break a checksum, but they must reach varied entries and rules to mean anything.
        assertTrue(outcomes.size() >= 20, "distinct outcomes: " + outcomes.size() + " " + outcomes);
    }
}
