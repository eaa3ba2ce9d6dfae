package dev.clearbox.core.compare;

import dev.clearbox.core.Verdict;
import dev.clearbox.core.compare.Fixtures.E;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A zip is two tables of contents: the local headers streaming readers follow and the central directory the JVM
 * reads. A shipped jar whose two tables disagree, or that hides bytes outside its entries, is not the jar that was
 * compared: it is never REPRODUCIBLE or EQUIVALENT, and the difference is named.
 */
class ZipStructureTest {
    @TempDir
    Path tmp;

    private final ArtifactComparator comparator = new ArtifactComparator();

    private static List<E> entries() {
        return List.of(E.of("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n"), E.of("com/acme/Agent.txt", "agent"),
                E.of("com/acme/Other.txt", "other"));
    }

    private Path write(String name, byte[] bytes) throws Exception {
        return Files.write(tmp.resolve(name), bytes);
    }

    /** Replaces the first occurrence of {@code from} (a local header's name, which comes first) with {@code to}. */
    private static byte[] renameLocalHeader(byte[] zip, String from, String to) {
        byte[] f = from.getBytes(StandardCharsets.UTF_8);
        byte[] t = to.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i + f.length <= zip.length; i++) {
            if (java.util.Arrays.equals(zip, i, i + f.length, f, 0, f.length)) {
                byte[] out = zip.clone();
                System.arraycopy(t, 0, out, i, t.length);
                return out;
            }
        }
        throw new AssertionError(from + " not found");
    }

    private static Difference only(ArtifactComparison c, DifferenceClass kind) {
        List<Difference> ds = c.differences().stream().filter(d -> d.kind() == kind).toList();
        assertEquals(1, ds.size(), c.differences().toString());
        return ds.get(0);
    }

    private static List<String> kinds(ArtifactComparison c) {
        return c.differences().stream().map(d -> d.kind().name()).distinct().sorted().toList();
    }

    @Test
    void wellFormedJarsHaveNoStructuralDifference() throws Exception {
        Path shipped = write("s.jar", Fixtures.jarBytes(entries()));
        Path rebuilt = write("r.jar", Fixtures.jarBytes(entries().stream().map(e -> e.time(Fixtures.TIME + 60_000)).toList()));
        ArtifactComparison c = comparator.compare("s", shipped, "r", rebuilt);
        assertEquals(Verdict.EQUIVALENT, c.verdict(), c.differences().toString());
        assertEquals(List.of("CONTAINER_METADATA"), kinds(c));
    }

    @Test
    void aLocalHeaderNamingAnotherEntryThanTheCentralDirectoryIsNotReproducible() throws Exception {
        byte[] good = Fixtures.jarBytes(entries());
        Path rebuilt = write("r.jar", good);
        // Same length, so every offset stays right: streaming readers see Evil.txt where the JVM sees Agent.txt.
        Path shipped = write("s.jar", renameLocalHeader(good, "com/acme/Agent.txt", "com/acme/Evil1.txt"));
        ArtifactComparison c = comparator.compare("shipped.jar", shipped, "rebuilt.jar", rebuilt);
        assertEquals(Verdict.NOT_REPRODUCIBLE, c.verdict());
        assertEquals(List.of("CONTAINER_METADATA", "ZIP_HEADER_MISMATCH"), kinds(c), "the entries read alike; the structure does not");
        Difference d = only(c, DifferenceClass.ZIP_HEADER_MISMATCH);
        assertTrue(d.detail().startsWith("the shipped archive's local headers and its central directory disagree"), d.detail());
        assertTrue(d.evidence().get(0).contains("the local header names it 'com/acme/Evil1.txt'"), d.evidence().toString());
    }

    @Test
    void bytesAfterTheCentralDirectoryAreNamed() throws Exception {
        byte[] good = Fixtures.jarBytes(entries());
        byte[] tail = "#!/bin/sh hidden payload".getBytes(StandardCharsets.UTF_8);
        byte[] bad = java.util.Arrays.copyOf(good, good.length + tail.length);
        System.arraycopy(tail, 0, bad, good.length, tail.length);
        ArtifactComparison c = comparator.compare("shipped.jar", write("s.jar", bad), "rebuilt.jar", write("r.jar", good));
        assertEquals(Verdict.NOT_REPRODUCIBLE, c.verdict());
        assertEquals(List.of("CONTAINER_METADATA", "ZIP_DATA_OUTSIDE_ENTRIES"), kinds(c));
        Difference d = only(c, DifferenceClass.ZIP_DATA_OUTSIDE_ENTRIES);
        assertTrue(d.detail().contains(tail.length + " bytes after the end of the central directory"), d.detail());
    }

    @Test
    void theSameMismatchInsideANestedJarIsFound() throws Exception {
        byte[] good = Fixtures.jarBytes(entries());
        byte[] bad = renameLocalHeader(good, "com/acme/Other.txt", "com/acme/Othe2.txt");
        Path shipped = write("s.zip", Fixtures.jarBytes(List.of(E.of("lib/agent.jar", bad))));
        Path rebuilt = write("r.zip", Fixtures.jarBytes(List.of(E.of("lib/agent.jar", good))));
        ArtifactComparison c = comparator.compare("pkg.zip", shipped, "build.zip", rebuilt);
        assertEquals(Verdict.NOT_REPRODUCIBLE, c.verdict());
        assertTrue(c.differences().stream().anyMatch(d -> d.kind() == DifferenceClass.ZIP_HEADER_MISMATCH
                && d.entry().equals("lib/agent.jar")), c.differences().toString());
    }

    @Test
    void structuralClassesCannotBeAccepted() {
        assertTrue(!DifferenceClass.ZIP_HEADER_MISMATCH.benign() && !DifferenceClass.ZIP_HEADER_MISMATCH.acceptable());
        assertTrue(!DifferenceClass.ZIP_DATA_OUTSIDE_ENTRIES.benign() && !DifferenceClass.ZIP_DATA_OUTSIDE_ENTRIES.acceptable());
    }
}
