package dev.clearbox.core.compare;

import dev.clearbox.core.InvalidInputException;
import dev.clearbox.core.Sha256;
import dev.clearbox.core.UnsafeInputException;
import dev.clearbox.core.Verdict;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Compares a shipped artifact with its rebuilt counterpart. Zip-based artifacts (jar, war, zip) are
 * compared entry by entry, reading with Commons Compress; anything else byte for byte. The verdict is
 * REPRODUCIBLE only when the two files are bit-identical.
 */
public final class ArtifactComparator {
    private static final String STAGE = "compare";
    /** Uncompressed bytes read from one artifact at most; a guard against zip bombs in vendor jars. */
    static final long MAX_UNCOMPRESSED_BYTES = 4L << 30;

    public ArtifactComparison compare(String shippedName, Path shipped, String rebuiltName, Path rebuilt) {
        String shippedSha = Sha256.hex(shipped);
        String rebuiltSha = Sha256.hex(rebuilt);
        if (shippedSha.equals(rebuiltSha)) {
            return new ArtifactComparison(shippedName, rebuiltName, Verdict.REPRODUCIBLE, true, shippedSha,
                    rebuiltSha, List.of(), "");
        }
        List<Difference> differences;
        if (isZip(shipped) && isZip(rebuilt)) {
            Map<String, EntryFacts> a = read(shippedName, shipped);
            Map<String, EntryFacts> b = read(rebuiltName, rebuilt);
            differences = diff(a, b);
            if (differences.isEmpty()) {
                differences = List.of(new Difference("", Difference.Kind.METADATA_DIFFERS,
                        "every entry has the same name and content; the zip containers differ in layout"));
            }
        } else {
            differences = List.of(new Difference("", Difference.Kind.CONTENT_DIFFERS,
                    "the files differ (sha256 " + shippedSha + " shipped, " + rebuiltSha + " rebuilt)"));
        }
        return new ArtifactComparison(shippedName, rebuiltName, Verdict.NOT_REPRODUCIBLE, false, shippedSha,
                rebuiltSha, differences, "");
    }

    private static List<Difference> diff(Map<String, EntryFacts> shipped, Map<String, EntryFacts> rebuilt) {
        TreeSet<String> names = new TreeSet<>(shipped.keySet());
        names.addAll(rebuilt.keySet());
        // Order is compared among the entries both sides have, so that one added entry does not make every
        // later entry look moved.
        Map<String, Integer> shippedOrder = commonOrder(shipped, rebuilt);
        Map<String, Integer> rebuiltOrder = commonOrder(rebuilt, shipped);
        List<Difference> out = new ArrayList<>();
        for (String name : names) {
            EntryFacts s = shipped.get(name);
            EntryFacts r = rebuilt.get(name);
            if (r == null) {
                out.add(new Difference(name, Difference.Kind.ONLY_IN_SHIPPED, describe(name)
                        + " is in the shipped artifact but not in the one built from source"));
            } else if (s == null) {
                out.add(new Difference(name, Difference.Kind.ONLY_IN_REBUILT, describe(name)
                        + " is built from source but missing from the shipped artifact"));
            } else if (!s.sha256.equals(r.sha256)) {
                out.add(new Difference(name, Difference.Kind.CONTENT_DIFFERS, describe(name)
                        + " differs (sha256 " + s.sha256 + " shipped, " + r.sha256 + " rebuilt)"));
            } else {
                int so = shippedOrder.get(name);
                int ro = rebuiltOrder.get(name);
                if (s.time != r.time || s.method != r.method || so != ro) {
                    out.add(new Difference(name, Difference.Kind.METADATA_DIFFERS, "same content; " + metadata(s, r, so, ro)));
                }
            }
        }
        return out;
    }

    private static Map<String, Integer> commonOrder(Map<String, EntryFacts> side, Map<String, EntryFacts> other) {
        Map<String, Integer> order = new java.util.HashMap<>();
        int i = 0;
        for (String name : side.keySet()) {
            if (other.containsKey(name)) {
                order.put(name, i++);
            }
        }
        return order;
    }

    private static String metadata(EntryFacts s, EntryFacts r, int shippedOrder, int rebuiltOrder) {
        List<String> parts = new ArrayList<>();
        if (s.time != r.time) {
            parts.add("timestamp differs");
        }
        if (s.method != r.method) {
            parts.add("compression method differs");
        }
        if (shippedOrder != rebuiltOrder) {
            parts.add("order differs (position " + shippedOrder + " shipped, " + rebuiltOrder
                    + " rebuilt, among the entries both have)");
        }
        return String.join(", ", parts);
    }

    private static String describe(String name) {
        if (name.endsWith(".class") && !name.endsWith("module-info.class")) {
            String cls = name.substring(0, name.length() - ".class".length());
            if (cls.startsWith("META-INF/versions/")) {
                return "class " + cls;
            }
            return "class " + cls.replace('/', '.');
        }
        return "entry " + name;
    }

    private record EntryFacts(String sha256, long time, int method) {
    }

    private static Map<String, EntryFacts> read(String name, Path file) {
        Map<String, EntryFacts> entries = new LinkedHashMap<>();
        long total = 0;
        try (ZipFile zip = ZipFile.builder().setPath(file).get()) {
            for (ZipArchiveEntry e : Collections.list(zip.getEntriesInPhysicalOrder())) {
                if (entries.containsKey(e.getName())) {
                    throw new UnsafeInputException(STAGE, name + "!/" + e.getName(), "duplicate-entry",
                            "the archive holds two entries with this name");
                }
                if (!zip.canReadEntryData(e)) {
                    throw new InvalidInputException(STAGE, name + "!/" + e.getName(),
                            "entry data cannot be read (encrypted or unsupported compression)");
                }
                MessageDigest md = Sha256.newDigest();
                try (InputStream in = zip.getInputStream(e)) {
                    byte[] buf = new byte[64 * 1024];
                    for (int n; (n = in.read(buf)) > 0; ) {
                        total += n;
                        if (total > MAX_UNCOMPRESSED_BYTES) {
                            throw new UnsafeInputException(STAGE, name, "total-size-exceeded",
                                    "more than " + MAX_UNCOMPRESSED_BYTES + " uncompressed bytes");
                        }
                        md.update(buf, 0, n);
                    }
                }
                entries.put(e.getName(), new EntryFacts(HexFormat.of().formatHex(md.digest()), e.getTime(), e.getMethod()));
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof dev.clearbox.core.ClearboxException ce) {
                throw ce;
            }
            throw new InvalidInputException(STAGE, name, "not a readable zip archive: " + e.getMessage(), e);
        }
        return entries;
    }

    private static boolean isZip(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] magic = in.readNBytes(4);
            return magic.length == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4;
        } catch (IOException e) {
            return false;
        }
    }
}
