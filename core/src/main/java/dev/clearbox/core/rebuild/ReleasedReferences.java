package dev.clearbox.core.rebuild;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.clearbox.core.InvalidInputException;
import dev.clearbox.core.Sha256;
import dev.clearbox.core.Stage;
import dev.clearbox.core.workspace.Workspace;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The released artifacts of a recipe's {@code groupId:artifactId:version}, fetched as references with a
 * {@link MavenDistributions.Fetcher} (the Maven client, {@link MavenClient}, which checks each file against the
 * checksum its repository publishes; nothing else is verified). Before the build the main artifact
 * ({@code ARTIFACT-VERSION.jar}); after it, each rebuilt output no reference was given for, whose coordinates follow
 * from its file name ({@code ARTIFACT-VERSION[-CLASSIFIER].EXT}) or from the {@code .buildinfo} the build wrote. A
 * reference that cannot be fetched is never an error: it is recorded with the reason, and that artifact's verdict is
 * {@code NOT_VERIFIED} ({@link RebuildVerdicts}).
 */
public final class ReleasedReferences {
    private static final Stage STAGE = Stage.REBUILD;
    private static final Pattern PART = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.+-]{0,199}");
    private static final Pattern BUILDINFO_COORDINATES = Pattern.compile("outputs\\.([0-9]{1,6})\\.coordinates");
    private static final Pattern BUILDINFO_FILE = Pattern.compile("outputs\\.([0-9]{1,6})\\.[0-9]{1,6}\\.filename");
    private static final long MAX_BUILDINFO_BYTES = 1 << 20;

    /**
     * One released file asked for.
     *
     * @param name        its file name, the name it is compared under
     * @param coordinates {@code group:artifact:version[:extension[:classifier]]}
     * @param file        where it was fetched to, or null when it was not
     * @param sha256      its digest, or empty
     * @param problem     why it was not fetched, or empty
     */
    public record Reference(String name, String coordinates, @JsonIgnore Path file, String sha256, String problem) {
        public boolean fetched() {
            return file != null;
        }
    }

    private final MavenDistributions.Fetcher fetcher;
    private final Path directory;
    private final String groupId;
    private final String artifactId;
    private final String version;
    private final List<Reference> asked = new ArrayList<>();

    /**
     * @param fetcher   how to fetch, or null when no Maven client is installed (every reference is then not fetched)
     * @param directory where the fetched files go (emptied first)
     * @throws InvalidInputException a coordinate is empty or not a plain Maven name
     */
    public ReleasedReferences(MavenDistributions.Fetcher fetcher, Path directory, String groupId, String artifactId,
                              String version) throws IOException {
        for (String[] part : new String[][] {{"groupId", groupId}, {"artifactId", artifactId}, {"version", version}}) {
            if (part[1] == null || !PART.matcher(part[1]).matches()) {
                throw new InvalidInputException(STAGE, "--fetch-references", "the recipe's " + part[0] + " '"
                        + (part[1] == null ? "" : part[1]) + "' is not a Maven coordinate, so its released files cannot be fetched");
            }
        }
        this.fetcher = fetcher;
        this.directory = directory.toAbsolutePath().normalize();
        this.groupId = groupId;
        this.artifactId = artifactId;
        this.version = version;
        Workspace.deleteTree(this.directory, false);
        Files.createDirectories(this.directory);
    }

    /** The main artifact, {@code GROUP:ARTIFACT:VERSION} (a jar), fetched as {@code ARTIFACT-VERSION.jar}. */
    public Reference main() {
        return fetch(artifactId + "-" + version + ".jar", groupId + ":" + artifactId + ":" + version);
    }

    /**
     * After the build: fetches a reference for each rebuilt output whose file name is not in {@code have} and whose
     * coordinates are known (its name in {@code buildinfo}, else {@code ARTIFACT-VERSION[-CLASSIFIER].EXT} of the recipe's
     * artifact). Outputs whose coordinates are not known are left alone (they stay {@code NOT_VERIFIED}).
     *
     * @param tree      the first run's build tree
     * @param buildinfo where the build writes its {@code .buildinfo}, relative to the tree, or empty; read only when it
     *                  is a regular file inside the tree (every link resolved)
     */
    public List<Reference> forOutputs(RebuildResult rebuild, Collection<String> have, Path tree, String buildinfo)
            throws IOException {
        Map<String, String> listed = Map.of();
        if (!buildinfo.isEmpty() && Files.isDirectory(tree)) {
            Path info = tree.resolve(buildinfo).normalize();
            if (info.startsWith(tree) && Files.isRegularFile(info, LinkOption.NOFOLLOW_LINKS)
                    && info.toRealPath().startsWith(tree.toRealPath())) {
                listed = buildinfoCoordinates(info, version);
            }
        }
        List<Reference> out = new ArrayList<>();
        java.util.Set<String> done = new java.util.HashSet<>(have);
        for (RebuildResult.RebuiltArtifact a : rebuild.artifacts()) {
            String name = fileName(a.shippedAs().isEmpty() ? a.path() : a.shippedAs());
            if (!done.add(name)) {
                continue;
            }
            Optional<String> c = listed.containsKey(name) ? Optional.of(listed.get(name))
                    : coordinates(groupId, artifactId, version, name);
            c.ifPresent(coordinates -> out.add(fetch(name, coordinates)));
        }
        return out;
    }

    /** Every reference asked for, in order. */
    public List<Reference> asked() {
        return List.copyOf(asked);
    }

    /** The file names that could not be fetched, each with the reason, in order. */
    public Map<String, String> unavailable() {
        Map<String, String> out = new LinkedHashMap<>();
        asked.stream().filter(r -> !r.fetched()).forEach(r -> out.put(r.name(), r.problem()));
        return out;
    }

    private Reference fetch(String name, String coordinates) {
        Reference r;
        if (fetcher == null) {
            r = new Reference(name, coordinates, null, "", "the released file could not be fetched as " + coordinates
                    + ": no Maven client (mvn) was found on the PATH");
        } else {
            try {
                Path got = fetcher.fetch(coordinates, directory);
                Path file = directory.resolve(name);
                if (!got.toAbsolutePath().normalize().equals(file)) {
                    Files.move(got, file, StandardCopyOption.REPLACE_EXISTING);
                }
                if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    throw new IOException("the Maven client left no regular file " + file);
                }
                r = new Reference(name, coordinates, file, Sha256.hex(file), "");
            } catch (IOException | RuntimeException e) {
                r = new Reference(name, coordinates, null, "", "the released file could not be fetched as " + coordinates
                        + " with " + fetcher.describe() + ": " + e.getMessage());
            }
        }
        asked.add(r);
        return r;
    }

    /**
     * The coordinates of a released file of {@code groupId:artifactId:version} by its name: {@code ARTIFACT-VERSION.EXT}
     * is {@code G:A:V:EXT}, {@code ARTIFACT-VERSION-CLASSIFIER.EXT} is {@code G:A:V:EXT:CLASSIFIER}; anything else
     * (another artifact, a pom, which is published from pom.xml) is empty.
     */
    public static Optional<String> coordinates(String groupId, String artifactId, String version, String fileName) {
        String base = artifactId + "-" + version;
        if (!fileName.startsWith(base) || fileName.length() == base.length()) {
            return Optional.empty();
        }
        String rest = fileName.substring(base.length());
        String classifier = "";
        if (rest.startsWith("-")) {
            int dot = rest.indexOf('.');
            if (dot < 2) {
                return Optional.empty();
            }
            classifier = rest.substring(1, dot);
            rest = rest.substring(dot);
        }
        if (!rest.startsWith(".") || rest.length() < 2) {
            return Optional.empty();
        }
        String extension = rest.substring(1);
        if (extension.equals("pom") || !PART.matcher(extension).matches()
                || !classifier.isEmpty() && !PART.matcher(classifier).matches()) {
            return Optional.empty();
        }
        return Optional.of(groupId + ":" + artifactId + ":" + version + ":" + extension
                + (classifier.isEmpty() ? "" : ":" + classifier));
    }

    /**
     * The coordinates of each output file a {@code .buildinfo} lists ({@code outputs.N.coordinates=G:A} with its
     * {@code outputs.N.M.filename}s), by file name; unparsable entries are left out.
     */
    static Map<String, String> buildinfoCoordinates(Path buildinfo, String version) throws IOException {
        if (!Files.isRegularFile(buildinfo, LinkOption.NOFOLLOW_LINKS) || Files.size(buildinfo) > MAX_BUILDINFO_BYTES) {
            return Map.of();
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(buildinfo)) {
            p.load(in);
        } catch (IllegalArgumentException e) {
            return Map.of();
        }
        Map<String, String> ga = new TreeMap<>();
        for (String k : p.stringPropertyNames()) {
            var m = BUILDINFO_COORDINATES.matcher(k);
            if (m.matches()) {
                String[] c = p.getProperty(k).strip().split(":");
                if (c.length == 2 && PART.matcher(c[0]).matches() && PART.matcher(c[1]).matches()) {
                    ga.put(m.group(1), c[0] + ":" + c[1]);
                }
            }
        }
        Map<String, String> out = new TreeMap<>();
        for (String k : p.stringPropertyNames()) {
            var m = BUILDINFO_FILE.matcher(k);
            if (m.matches() && ga.containsKey(m.group(1))) {
                String[] c = ga.get(m.group(1)).split(":");
                coordinates(c[0], c[1], version, p.getProperty(k).strip()).ifPresent(x -> out.put(p.getProperty(k).strip(), x));
            }
        }
        return out;
    }

    private static String fileName(String path) {
        String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return p.substring(p.lastIndexOf('/') + 1);
    }
}
