package dev.clearbox.core.rebuild;

import dev.clearbox.core.InvalidInputException;
import dev.clearbox.core.Stage;
import dev.clearbox.core.workspace.Workspace;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Maven distributions a recipe asks for ({@code tool=mvn-3.9.1}), kept in a cache of tools
 * ({@code TOOLS/maven/VERSION/apache-maven-VERSION}). A missing one is fetched as the ordinary artifact it is,
 * {@code org.apache.maven:apache-maven:VERSION:tar.gz:bin}, with its published {@code .sha512}
 * ({@code tar.gz.sha512:bin}), by a {@link Fetcher} (the Maven client, {@link MavenClient}); the archive must match
 * that sha512, and is then unpacked with Commons Compress (entry names kept inside, no links, at most
 * {@link #MAX_UNPACKED_BYTES}) into a staging directory that is renamed into place, so the cache never holds
 * half an installation. What is in the cache carries the sha512 it was verified against.
 */
public final class MavenDistributions {
    static final Stage STAGE = Stage.REBUILD;
    private static final Pattern VERSION = Pattern.compile("[0-9]+(\\.[0-9]+){1,3}([-.][A-Za-z0-9]+){0,3}");
    static final long MAX_UNPACKED_BYTES = 256L << 20;
    static final int MAX_ENTRIES = 20_000;
    static final String VERIFIED = ".clearbox-verified";

    /** Gets one artifact ({@code group:artifact:version:extension:classifier}) into a directory; returns the file. */
    public interface Fetcher {
        Path fetch(String coordinates, Path directory) throws IOException;

        /** How this fetcher gets artifacts, for messages. */
        String describe();
    }

    /** A distribution ready to run: its home, version and the sha512 of the archive it was unpacked from. */
    public record Provided(Path home, String version, String sha512, boolean fetched) {
    }

    private final Path toolsDir;
    private final Fetcher fetcher;

    public MavenDistributions(Path toolsDir, Fetcher fetcher) {
        this.toolsDir = toolsDir.toAbsolutePath().normalize();
        this.fetcher = fetcher;
    }

    /** The user's cache of tools: {@code $XDG_CACHE_HOME/clearbox/tools}, else {@code ~/.cache/clearbox/tools}. */
    public static Path defaultToolsDir() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path cache = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg)
                : Path.of(System.getProperty("user.home", ""), ".cache");
        return cache.resolve("clearbox").resolve("tools");
    }

    public Path toolsDir() {
        return toolsDir;
    }

    /** The coordinates of a Maven distribution. */
    public static String coordinates(String version) {
        return "org.apache.maven:apache-maven:" + version + ":tar.gz:bin";
    }

    /** Where {@code version} is, or is to be, unpacked. */
    public Path home(String version) {
        return toolsDir.resolve("maven").resolve(version).resolve("apache-maven-" + version);
    }

    /** Exactly how to provide a distribution by hand, for a message. */
    public String howToProvide(String version) {
        return "put Maven " + version + " under " + home(version) + " (unpack apache-maven-" + version
                + "-bin.tar.gz, the artifact " + coordinates(version) + ", there and write its sha512 into "
                + home(version).resolve(VERIFIED) + "), or give --tools-dir DIR holding maven/" + version
                + "/apache-maven-" + version;
    }

    /**
     * The distribution of {@code version}: from the cache, or fetched, verified and unpacked.
     *
     * @throws InvalidInputException naming the artifact when it cannot be fetched, does not match its sha512,
     *                               or is not a well-formed distribution
     */
    public Provided provide(String version) {
        if (!VERSION.matcher(version).matches()) {
            throw new InvalidInputException(STAGE, "tool", "not a Maven version: '" + version + "'");
        }
        Path home = home(version);
        Path marker = home.resolve(VERIFIED);
        if (Files.isRegularFile(home.resolve("bin/mvn")) && Files.isRegularFile(marker)) {
            try {
                return new Provided(home, version, Files.readString(marker, StandardCharsets.US_ASCII).strip(), false);
            } catch (IOException e) {
                throw new InvalidInputException(STAGE, marker.toString(), "cannot read: " + e.getMessage(), e);
            }
        }
        if (fetcher == null) {
            throw new InvalidInputException(STAGE, coordinates(version), "Maven " + version
                    + " is not in the tools cache and no Maven client is available to fetch it; " + howToProvide(version));
        }
        Path versionDir = home.getParent();
        Path download = versionDir.resolve("download");
        String coords = coordinates(version);
        Path staging = versionDir.resolve("staging");
        try {
            Files.createDirectories(download);
            Path archive = fetcher.fetch(coords, download);
            Path sums = fetcher.fetch("org.apache.maven:apache-maven:" + version + ":tar.gz.sha512:bin", download);
            String expected = publishedSha512(sums, coords);
            String actual = sha512(archive);
            if (!actual.equals(expected)) {
                throw new InvalidInputException(STAGE, coords, "the archive's sha512 is " + actual
                        + ", but the repository publishes " + expected + "; not used");
            }
            Workspace.deleteTree(staging, false);
            unpack(archive, staging, coords);
            Path unpacked = staging.resolve("apache-maven-" + version);
            if (!Files.isRegularFile(unpacked.resolve("bin/mvn")) || !Files.isDirectory(unpacked.resolve("lib"))) {
                throw new InvalidInputException(STAGE, coords, "the archive holds no apache-maven-" + version
                        + "/bin/mvn and lib/: not a Maven distribution");
            }
            Files.writeString(unpacked.resolve(VERIFIED), actual + "\n", StandardCharsets.US_ASCII);
            Workspace.deleteTree(home, false);
            Files.move(unpacked, home, StandardCopyOption.ATOMIC_MOVE);
            Workspace.deleteTree(staging, false);
            Workspace.deleteTree(download, false);
            return new Provided(home, version, actual, true);
        } catch (IOException e) {
            throw new InvalidInputException(STAGE, coords, "cannot fetch or unpack with " + fetcher.describe() + ": "
                    + e.getMessage() + "; " + howToProvide(version), e);
        } finally {
            try {
                Workspace.deleteTree(staging, false);
            } catch (IOException | RuntimeException ignored) {
                // best effort: a later attempt clears it first
            }
        }
    }

    /** The hex digest a {@code .sha512} file publishes: its first word (some name the file after it). */
    static String publishedSha512(Path sums, String coords) throws IOException {
        if (Files.size(sums) > 4096) {
            throw new InvalidInputException(STAGE, coords, "its .sha512 file is larger than 4096 bytes");
        }
        String text = Files.readString(sums, StandardCharsets.US_ASCII).strip();
        String first = text.isEmpty() ? "" : text.split("\\s+")[0].toLowerCase(Locale.ROOT);
        if (!first.matches("[0-9a-f]{128}")) {
            throw new InvalidInputException(STAGE, coords, "its .sha512 file holds no sha512 digest");
        }
        return first;
    }

    static String sha512(Path file) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** Regular files and directories only, each inside {@code into}; bounded in size and count. */
    static void unpack(Path archive, Path into, String coords) throws IOException {
        Files.createDirectories(into);
        long total = 0;
        int entries = 0;
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(archive));
             TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(raw))) {
            for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
                if (++entries > MAX_ENTRIES) {
                    throw new InvalidInputException(STAGE, coords, "the archive has more than " + MAX_ENTRIES + " entries");
                }
                Path target = Workspace.resolveInside(into, e.getName(), STAGE, coords);
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                if (!e.isFile()) {
                    throw new InvalidInputException(STAGE, coords, e.getName() + ": a link or special file; a Maven "
                            + "distribution holds only files and directories");
                }
                Files.createDirectories(target.getParent());
                byte[] buf = new byte[1 << 16];
                try (var out = Files.newOutputStream(target)) {
                    for (int n; (n = tar.read(buf)) > 0; ) {
                        total += n;
                        if (total > MAX_UNPACKED_BYTES) {
                            throw new InvalidInputException(STAGE, coords, "the archive unpacks to more than "
                                    + MAX_UNPACKED_BYTES + " bytes");
                        }
                        out.write(buf, 0, n);
                    }
                }
                Set<PosixFilePermission> perms = EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                        PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);
                if ((e.getMode() & 0100) != 0) {
                    perms.addAll(List.of(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE,
                            PosixFilePermission.OTHERS_EXECUTE));
                }
                try {
                    Files.setPosixFilePermissions(target, perms);
                } catch (UnsupportedOperationException ignored) {
                    // not a POSIX file system: permissions stay as created
                }
            }
        }
    }

    /** For tests and messages: the directories of the cache. */
    List<Path> cached() throws IOException {
        List<Path> out = new ArrayList<>();
        Path maven = toolsDir.resolve("maven");
        if (Files.isDirectory(maven)) {
            try (var s = Files.list(maven)) {
                s.sorted().forEach(out::add);
            }
        }
        return out;
    }
}
