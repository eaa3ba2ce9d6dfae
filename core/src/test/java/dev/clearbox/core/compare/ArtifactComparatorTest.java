package dev.clearbox.core.compare;

import dev.clearbox.core.InvalidInputException;
import dev.clearbox.core.Stage;
import dev.clearbox.core.UnsafeInputException;
import dev.clearbox.core.Verdict;
import dev.clearbox.core.compare.Fixtures.E;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Verdict rules, container differences and refusals. */
class ArtifactComparatorTest {
    @TempDir
    Path tmp;

    private final ArtifactComparator comparator = new ArtifactComparator();

    private Path jar(String name, E... entries) throws Exception {
        return Fixtures.jar(tmp.resolve(name), List.of(entries));
    }

    private static List<String> kinds(ArtifactComparison c) {
        return c.differences().stream().map(d -> d.kind() + " " + d.entry()).toList();
    }

    @Test
    void identicalFilesAreReproducibleAndEquivalent() throws Exception {
        Path a = jar("a.jar", E.of("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n"), E.of("com/acme/A.txt", "A"));
        Path b = jar("b.jar", E.of("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n"), E.of("com/acme/A.txt", "A"));
        ArtifactComparison c = comparator.compare("pkg.zip!/lib/a.jar", a, "build/a.jar", b);
        assertEquals(Verdict.REPRODUCIBLE, c.verdict());
        assertTrue(c.bitIdentical());
        assertTrue(c.equivalent());
        assertTrue(c.differences().isEmpty());
        assertEquals(c.shippedSha256(), c.rebuiltSha256());
    }

    @Test
    void timestampsAndCompressionOnlyAreEquivalentButNotBitIdentical() throws Exception {
        Path s = jar("s.jar", E.of("a.txt", "same").time(2_000_000_000_000L), E.of("b.txt", "two").stored());
        Path r = jar("r.jar", E.of("a.txt", "same"), E.of("b.txt", "two"));
        ArtifactComparison c = comparator.compare("s", s, "r", r);
        assertEquals(Verdict.EQUIVALENT, c.verdict());
        assertFalse(c.bitIdentical());
        assertTrue(c.equivalent());
        assertTrue(c.differences().stream().allMatch(d -> d.kind() == DifferenceClass.CONTAINER_METADATA && d.benign()));
        assertTrue(c.differences().stream().anyMatch(d -> d.detail().startsWith("entry timestamp differs for 1 entry")
                && d.evidence().equals(List.of("a.txt"))), c.differences().toString());
        assertTrue(c.differences().stream().anyMatch(d -> d.detail().startsWith("compression method differs for 1 entry")
                && d.evidence().equals(List.of("b.txt"))), c.differences().toString());
    }

    @Test
    void entryOnOneSideIsSubstantiveAndNamed() throws Exception {
        Path s = jar("s.jar", E.of("a.txt", "A"), E.of("net/Beacon.bin", "B"));
        Path r = jar("r.jar", E.of("a.txt", "A"), E.of("c.txt", "C"));
        ArtifactComparison c = comparator.compare("s", s, "r", r);
        assertEquals(Verdict.NOT_REPRODUCIBLE, c.verdict());
        assertFalse(c.equivalent());
        assertEquals(List.of("ONLY_IN_REBUILT c.txt", "ONLY_IN_SHIPPED net/Beacon.bin"), kinds(c));
        assertEquals("entry net/Beacon.bin is in the shipped artifact but not in the one built from source",
                c.differences().get(1).detail());
        assertEquals(c.differences(), c.substantive());
    }

    @Test
    void anInsertedEntryDoesNotMakeLaterEntriesLookMovedButASwapDoes() throws Exception {
        Path shipped = jar("s.jar", E.of("a.txt", "1"), E.of("extra.txt", "x"), E.of("b.txt", "2"), E.of("c.txt", "3"));
        Path rebuilt = jar("r.jar", E.of("a.txt", "1"), E.of("b.txt", "2"), E.of("c.txt", "3"));
        assertEquals(List.of("ONLY_IN_SHIPPED extra.txt"), kinds(comparator.compare("s", shipped, "r", rebuilt)));

        Path swapped = jar("w.jar", E.of("a.txt", "1"), E.of("c.txt", "3"), E.of("b.txt", "2"));
        ArtifactComparison c = comparator.compare("s", swapped, "r", rebuilt);
        assertEquals(Verdict.EQUIVALENT, c.verdict());
        assertEquals(List.of("ENTRY_ORDER "), kinds(c));
        assertEquals(List.of("c.txt (position 1 shipped, 2 rebuilt)", "b.txt (position 2 shipped, 1 rebuilt)"),
                c.differences().get(0).evidence());
    }

    @Test
    void filePermissionsAreBenignAndShowBothModes() throws Exception {
        Path s = jar("s.jar", E.of("bin/run.sh", "echo").mode(0755));
        Path r = jar("r.jar", E.of("bin/run.sh", "echo").mode(0644));
        ArtifactComparison c = comparator.compare("s", s, "r", r);
        assertEquals(Verdict.EQUIVALENT, c.verdict());
        Difference d = c.differences().stream().filter(x -> x.kind() == DifferenceClass.FILE_PERMISSIONS).findFirst().orElseThrow();
        assertEquals(List.of("bin/run.sh (0755 shipped, 0644 rebuilt)"), d.evidence());
    }

    @Test
    void nonArchivesAreComparedByteForByte() throws Exception {
        Path a = Files.write(tmp.resolve("a.db"), new byte[] {1, 2, 3, 0});
        Path b = Files.write(tmp.resolve("b.db"), new byte[] {1, 2, 4, 0});
        ArtifactComparison c = comparator.compare("a", a, "b", b);
        assertEquals(Verdict.NOT_REPRODUCIBLE, c.verdict());
        Difference d = c.differences().get(0);
        assertEquals(DifferenceClass.RESOURCE_CONTENT, d.kind());
        assertEquals("", d.entry());
        assertTrue(d.detail().contains("first difference at byte 2"), d.detail());
    }

    @Test
    void truncatedJarIsAOneLineError() throws Exception {
        Path good = jar("good.jar", E.of("a.txt", "content ".repeat(100)));
        byte[] bytes = Files.readAllBytes(good);
        Path truncated = Files.write(tmp.resolve("trunc.jar"), java.util.Arrays.copyOf(bytes, bytes.length - 30));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> comparator.compare("pkg.zip!/lib/trunc.jar", truncated, "r", good));
        assertEquals(Stage.COMPARE, e.stage());
        assertEquals("pkg.zip!/lib/trunc.jar", e.input());
        assertTrue(e.problem().startsWith("not a readable zip archive"), e.oneLine());
        InvalidInputException other = assertThrows(InvalidInputException.class,
                () -> comparator.compare("s", good, "build/trunc.jar", truncated));
        assertEquals("build/trunc.jar", other.input());
    }

    @Test
    void missingFileIsAOneLineError() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> comparator.compare("s", tmp.resolve("nope.jar"), "r", tmp.resolve("nope.jar")));
        assertEquals("compare: s: no such file", e.oneLine());
    }

    @Test
    void duplicateEntriesAreRefused() throws Exception {
        Path dup = tmp.resolve("dup.jar");
        try (var out = new org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream(dup)) {
            for (String content : new String[] {"one", "two"}) {
                out.putArchiveEntry(new org.apache.commons.compress.archivers.zip.ZipArchiveEntry("a.txt"));
                out.write(content.getBytes());
                out.closeArchiveEntry();
            }
        }
        Path r = jar("r.jar", E.of("a.txt", "one"));
        UnsafeInputException e = assertThrows(UnsafeInputException.class, () -> comparator.compare("s", dup, "r", r));
        assertEquals("duplicate-entry", e.rule());
        assertEquals("s!/a.txt", e.input());
    }

    @Test
    void theByteBudgetStopsAnArchiveBomb() throws Exception {
        byte[] zeros = new byte[4 << 20];
        Path s = jar("s.jar", E.of("big.bin", zeros));
        zeros[0] = 1;
        Path r = jar("r.jar", E.of("big.bin", zeros));
        ArtifactComparator small = new ArtifactComparator(new CompareOptions(5, Set.of(), 1 << 20));
        UnsafeInputException e = assertThrows(UnsafeInputException.class, () -> small.compare("s", s, "r", r));
        assertEquals("total-size-exceeded", e.rule());
    }

    @Test
    void onlyKnownCompilerChangesCanBeAccepted() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> CompareOptions.defaults().withAccepted(Set.of(DifferenceClass.ONLY_IN_SHIPPED)));
        assertTrue(e.oneLine().contains("cannot be accepted"), e.oneLine());
        assertThrows(InvalidInputException.class, () -> CompareOptions.defaults().withAccepted(Set.of(DifferenceClass.ENTRY_ORDER)));
        assertEquals(Set.of(DifferenceClass.KNOWN_COMPILER_CHANGE),
                CompareOptions.defaults().withAccepted(Set.of(DifferenceClass.KNOWN_COMPILER_CHANGE)).accepted());
    }

    @Test
    void aDifferenceCannotClaimToBeBenignWhenItsClassIsNot() {
        assertThrows(IllegalArgumentException.class,
                () -> new Difference("a", DifferenceClass.ONLY_IN_SHIPPED, true, "x", "", "", List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> new Difference("a", DifferenceClass.ENTRY_ORDER, false, "x", "", "", List.of()));
    }
}
