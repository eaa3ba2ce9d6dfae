package dev.clearbox.core.session;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.clearbox.core.InvalidInputException;
import dev.clearbox.core.Sha256;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Reads and validates session manifests. Every problem becomes one line naming the file and the field. */
public final class SessionManifests {
    /** The file name looked for when a directory is given. */
    public static final String FILE_NAME = "session.json";

    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}");
    private static final Pattern JDK = Pattern.compile("auto|(?:1\\.)?[1-9][0-9]?(?:[._][0-9]+)*");
    private static final int DEFAULT_TIMEOUT_SECONDS = 1800;
    private static final long MAX_MANIFEST_BYTES = 1 << 20;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private SessionManifests() {
    }

    /** Loads {@code file}, or {@code file/session.json} when it is a directory. */
    public static SessionManifest load(Path file) {
        Path f = Files.isDirectory(file) ? file.resolve(FILE_NAME) : file;
        String input = f.toString();
        byte[] bytes;
        try {
            if (Files.size(f) > MAX_MANIFEST_BYTES) {
                throw invalid(input, "larger than " + MAX_MANIFEST_BYTES + " bytes; not a session manifest");
            }
            bytes = Files.readAllBytes(f);
        } catch (NoSuchFileException e) {
            throw invalid(input, "no such file");
        } catch (IOException e) {
            throw invalid(input, "cannot read: " + e.getMessage());
        }
        Raw raw;
        try {
            raw = MAPPER.readValue(bytes, Raw.class);
        } catch (JsonMappingException e) {
            throw invalid(input, "not a valid session manifest: " + describe(e));
        } catch (JsonProcessingException e) {
            throw invalid(input, "not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() != null ? " at line " + e.getLocation().getLineNr() : ""));
        } catch (IOException e) {
            throw invalid(input, "cannot read: " + e.getMessage());
        }
        if (raw == null) {
            throw invalid(input, "empty manifest");
        }
        Path base = f.toAbsolutePath().getParent();
        return validate(raw, base, input);
    }

    private static SessionManifest validate(Raw raw, Path base, String input) {
        require(raw.vendor, "vendor", input);
        require(raw.product, "product", input);
        require(raw.version, "version", input);
        if (raw.source == null) {
            throw invalid(input, "missing field 'source'");
        }
        RawSource s = raw.source;
        int forms = (s.url != null ? 1 : 0) + (s.path != null ? 1 : 0) + (s.bundle != null ? 1 : 0);
        if (forms != 1) {
            throw invalid(input, "'source' must name exactly one of 'url', 'path' or 'bundle'");
        }
        require(s.ref, "source.ref", input);
        require(s.commit, "source.commit", input);
        if (!COMMIT.matcher(s.commit).matches()) {
            throw invalid(input, "'source.commit' must be a full 40-digit lowercase hex commit id, got '" + s.commit + "'");
        }
        if (s.keyring != null && s.keyring.isBlank()) {
            throw invalid(input, "'source.keyring' must name a file (an OpenPGP public keyring) when present");
        }
        if (s.allowedSigners != null && s.allowedSigners.isBlank()) {
            throw invalid(input, "'source.allowedSigners' must name a file (an SSH allowed-signers file) when present");
        }
        SessionManifest.Source source = new SessionManifest.Source(
                s.url,
                s.path == null ? null : base.resolve(s.path).normalize(),
                s.bundle == null ? null : base.resolve(s.bundle).normalize(),
                s.ref, s.commit,
                s.keyring == null ? null : base.resolve(s.keyring).normalize(),
                s.allowedSigners == null ? null : base.resolve(s.allowedSigners).normalize());

        if (raw.packages == null || raw.packages.isEmpty()) {
            throw invalid(input, "'packages' must list at least one update package");
        }
        List<SessionManifest.UpdatePackage> packages = new ArrayList<>();
        for (int i = 0; i < raw.packages.size(); i++) {
            RawPackage p = raw.packages.get(i);
            String field = "packages[" + i + "]";
            if (p == null) {
                throw invalid(input, "'" + field + "' is null");
            }
            require(p.path, field + ".path", input);
            require(p.sha256, field + ".sha256", input);
            if (!Sha256.isHex(p.sha256)) {
                throw invalid(input, "'" + field + ".sha256' must be 64 hex digits, got '" + p.sha256 + "'");
            }
            packages.add(new SessionManifest.UpdatePackage(base.resolve(p.path).normalize(),
                    p.sha256.toLowerCase(Locale.ROOT)));
        }

        if (raw.build == null) {
            throw invalid(input, "missing field 'build'");
        }
        RawBuild b = raw.build;
        Path buildspec = null;
        if (b.buildspec != null) {
            if (b.buildspec.isBlank()) {
                throw invalid(input, "'build.buildspec' must name a .buildspec file");
            }
            buildspec = base.resolve(b.buildspec).normalize();
            if (!Files.isRegularFile(buildspec)) {
                throw invalid(input, "'build.buildspec' names " + buildspec + ", which is not a file");
            }
        }
        if (b.command != null || buildspec == null) {
            if (b.command == null || b.command.isEmpty() || b.command.stream().anyMatch(c -> c == null || c.isEmpty())) {
                throw invalid(input, "'build.command' must be a non-empty list of non-empty strings");
            }
        }
        if (b.jdk != null || buildspec == null) {
            require(b.jdk, "build.jdk", input);
            if (!JDK.matcher(b.jdk).matches()) {
                throw invalid(input, "'build.jdk' must be a JDK version such as \"17\", \"17.0.2\" or \"auto\", got '" + b.jdk + "'");
            }
        }
        if (b.tool != null && !List.of("mvn", "gradle", "command").contains(b.tool)) {
            throw invalid(input, "'build.tool' must be mvn, gradle or command, got '" + b.tool + "'");
        }
        if (b.newline != null && !List.of("lf", "crlf").contains(b.newline)) {
            throw invalid(input, "'build.newline' must be lf or crlf, got '" + b.newline + "'");
        }
        if (b.network != null && !List.of("offline", "fetch-first", "online").contains(b.network)) {
            throw invalid(input, "'build.network' must be offline, fetch-first or online, got '" + b.network + "'");
        }
        if (b.runs != null && (b.runs < 1 || b.runs > 10)) {
            throw invalid(input, "'build.runs' must be between 1 and 10, got " + b.runs);
        }
        int timeout = b.timeoutSeconds == null ? DEFAULT_TIMEOUT_SECONDS : b.timeoutSeconds;
        if (timeout <= 0) {
            throw invalid(input, "'build.timeoutSeconds' must be positive");
        }
        List<SessionManifest.Artifact> artifacts = new ArrayList<>();
        if (b.artifacts != null) {
            for (int i = 0; i < b.artifacts.size(); i++) {
                RawArtifact a = b.artifacts.get(i);
                String field = "build.artifacts[" + i + "]";
                if (a == null) {
                    throw invalid(input, "'" + field + "' is null");
                }
                require(a.path, field + ".path", input);
                require(a.shippedAs, field + ".shippedAs", input);
                if (a.path.startsWith("/") || a.path.contains("..")) {
                    throw invalid(input, "'" + field + ".path' must be relative to the source tree, without '..'");
                }
                artifacts.add(new SessionManifest.Artifact(a.path, a.shippedAs));
            }
        }
        return new SessionManifest(base, raw.vendor, raw.product, raw.version, source, packages,
                new SessionManifest.Build(b.command == null ? List.of() : b.command, b.jdk == null ? "" : b.jdk, timeout,
                        artifacts, buildspec, b.tool, b.newline, b.runs == null ? 0 : b.runs, b.network));
    }

    private static void require(String value, String field, String input) {
        if (value == null || value.isBlank()) {
            throw invalid(input, "missing field '" + field + "'");
        }
    }

    private static String describe(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        String msg = e.getOriginalMessage();
        int cut = msg.indexOf(" (class ");
        if (cut > 0) {
            msg = msg.substring(0, cut);
        }
        cut = msg.indexOf('\n');
        if (cut > 0) {
            msg = msg.substring(0, cut);
        }
        return (path.length() > 0 ? "field '" + path + "': " : "") + msg;
    }

    private static InvalidInputException invalid(String input, String problem) {
        return new InvalidInputException("manifest", input, problem);
    }

    // The raw JSON shapes; validated and turned into SessionManifest above.
    record Raw(@JsonProperty("$schema") String schema, String vendor, String product, String version,
               RawSource source, List<RawPackage> packages, RawBuild build) {
    }

    record RawSource(String url, String path, String bundle, String ref, String commit, String keyring,
                     String allowedSigners) {
    }

    record RawPackage(String path, String sha256) {
    }

    record RawBuild(List<String> command, String jdk, Integer timeoutSeconds, List<RawArtifact> artifacts,
                    String buildspec, String tool, String newline, Integer runs, String network) {
    }

    record RawArtifact(String path, String shippedAs) {
    }
}
