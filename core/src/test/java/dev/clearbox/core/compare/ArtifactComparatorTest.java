package dev.clearbox.core.compare;

import dev.clearbox.core.InvalidInputException;
import dev.clearbox.core.Verdict;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArtifactComparatorTest {
    @TempDir
    Path tmp;

    private final ArtifactComparator comparator = new ArtifactComparator();

    private Path jar(String name, Map<String, String> entries, long time) throws Exception {
        Path p = tmp.resolve(name);
        try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(p)) {
            for (var e : entries.entrySet()) {
                ZipArchiveEntry z = new ZipArchiveEntry(e.getKey());
                z.setTime(time);
                out.putArchiveEntry(z);
                out.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeArchiveEntry();
            }
        }
        return p;
    }

    private static Map<String, String> entries(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void identicalFilesAreReproducible() throws Exception {
        Path a = jar("a.jar", entries("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n", "com/acme/A.class", "A"), 1_000_000L);
        Path b = jar("b.jar", entries("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n", "com/acme/A.class", "A"), 1_000_000L);
        ArtifactComparison c = comparator.compare("pkg.zip!/lib/a.jar", a, "build/a.jar", b);
        assertEquals(Verdict.REPRODUCIBLE, c.verdict());
        assertTrue(c.bitIdentical());
        assertTrue(c.differences().isEmpty());
        assertEquals(c.shippedSha256(), c.rebuiltSha256());
    }

    @Test
    void extraClassInShippedJarIsNamed() throws Exception {
        Path shipped = jar("s.jar", entries("com/acme/A.class", "A", "com/acme/net/Beacon.class", "B"), 1_000_000L);
        Path rebuilt = jar("r.jar", entries("com/acme/A.class", "A"), 1_000_000L);
        ArtifactComparison c = comparator.compare("s", shipped, "r", rebuilt);
        assertEquals(Verdict.NOT_REPRODUCIBLE, c.verdict());
        assertFalse(c.bitIdentical());
        assertEquals(List.of(new Difference("com/acme/net/Beacon.class", Difference.Kind.ONLY_IN_SHIPPED,
                        "class com.acme.net.Beacon is in the shipped artifact but not in the one built from source")),
                c.differences());
    }

    @Test
    void changedMissingAndMetadataOnlyEntriesAreClassified() throws Exception {
        Path shipped = jar("s.jar", entries("a.txt", "same", "b.class", "changed-1", "c.txt", "x"), 1_000_000L);
        Path rebuilt = jar("r.jar", entries("a.txt", "same", "b.class", "changed-2", "c.txt", "x", "d.txt", "new"), 1_000_000L);
        List<Difference> d = comparator.compare("s", shipped, "r", rebuilt).differences();
        assertEquals(2, d.size(), d.toString());
        assertEquals(Difference.Kind.CONTENT_DIFFERS, d.get(0).kind());
        assertEquals("b.class", d.get(0).entry());
        assertEquals(Difference.Kind.ONLY_IN_REBUILT, d.get(1).kind());
        assertEquals("d.txt", d.get(1).entry());

        Path later = jar("later.jar", entries("a.txt", "same"), 2_000_000_000L);
        Path earlier = jar("earlier.jar", entries("a.txt", "same"), 1_000_000L);
        ArtifactComparison meta = comparator.compare("s", later, "r", earlier);
        assertEquals(Verdict.NOT_REPRODUCIBLE, meta.verdict());
        assertEquals(List.of(new Difference("a.txt", Difference.Kind.METADATA_DIFFERS, "same content; timestamp differs")),
                meta.differences());
    }

    @Test
    void anInsertedEntryDoesNotMakeLaterEntriesLookMovedButASwapDoes() throws Exception {
        Path shipped = jar("s.jar", entries("a.txt", "1", "extra.class", "x", "b.txt", "2", "c.txt", "3"), 1_000_000L);
        Path rebuilt = jar("r.jar", entries("a.txt", "1", "b.txt", "2", "c.txt", "3"), 1_000_000L);
        assertEquals(List.of(new Difference("extra.class", Difference.Kind.ONLY_IN_SHIPPED,
                        "class extra is in the shipped artifact but not in the one built from source")),
                comparator.compare("s", shipped, "r", rebuilt).differences());

        Path swapped = jar("w.jar", entries("a.txt", "1", "c.txt", "3", "b.txt", "2"), 1_000_000L);
        List<Difference> d = comparator.compare("s", swapped, "r", rebuilt).differences();
        assertEquals(List.of("b.txt", "c.txt"), d.stream().map(Difference::entry).toList());
        assertTrue(d.stream().allMatch(x -> x.kind() == Difference.Kind.METADATA_DIFFERS && x.detail().contains("order differs")));
    }

    @Test
    void nonZipFilesAreComparedByteForByte() throws Exception {
        Path a = Files.writeString(tmp.resolve("a.db"), "one");
        Path b = Files.writeString(tmp.resolve("b.db"), "two");
        ArtifactComparison c = comparator.compare("a", a, "b", b);
        assertEquals(Verdict.NOT_REPRODUCIBLE, c.verdict());
        assertEquals(Difference.Kind.CONTENT_DIFFERS, c.differences().get(0).kind());
        assertEquals("", c.differences().get(0).entry());
    }

    @Test
    void truncatedJarIsAOneLineError() throws Exception {
        Path good = jar("good.jar", entries("a.txt", "content ".repeat(100)), 1_000_000L);
        byte[] bytes = Files.readAllBytes(good);
        Path truncated = Files.write(tmp.resolve("trunc.jar"), java.util.Arrays.copyOf(bytes, bytes.length - 30));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> comparator.compare("pkg.zip!/lib/trunc.jar", truncated, "r", good));
        assertEquals("compare", e.stage());
        assertEquals("pkg.zip!/lib/trunc.jar", e.input());
        assertTrue(e.problem().startsWith("not a readable zip archive"), e.oneLine());
    }
}
