package dev.clearbox.core.session;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clearbox.core.InvalidInputException;
import dev.clearbox.core.Sha256;
import dev.clearbox.core.Stage;
import dev.clearbox.core.io.InputFiles;
import dev.clearbox.core.io.UntrustedJson;
import dev.clearbox.core.rebuild.BuildTool;
import dev.clearbox.core.rebuild.NetworkPolicy;
import dev.clearbox.core.rebuild.Newline;

import java.io.IOException;
import java.nio.file.Files;
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

    private static final Stage STAGE = Stage.MANIFEST;
    private static final ObjectMapper MAPPER = UntrustedJson.mapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private SessionManifests() {
    }

    /**
     * Loads {@code file}, or {@code file/session.json} when it is a directory. Every path the manifest names
     * must stay inside the manifest's own directory (see {@link SubmissionPaths}).
     */
    public static SessionManifest load(Path file) {
        Path f = Files.isDirectory(file) ? file.resolve(FILE_NAME) : file;
        String input = f.toString();
        byte[] bytes = InputFiles.read(f, MAX_MANIFEST_BYTES, STAGE, "session manifest");
        Raw raw;
        try {
            raw = MAPPER.readValue(bytes, Raw.class);
        } catch (JsonProcessingException e) {
            throw invalid(input, UntrustedJson.problem(e));
        } catch (IOException e) {
            throw invalid(input, "cannot read: " + e.getClass().getSimpleName());
        }
        if (raw == null) {
            throw invalid(input, "empty manifest");
        }
        return validate(raw, new SubmissionPaths(f.toAbsolutePath().getParent(), input), input)
                .withFile(f.getFileName().toString(), dev.clearbox.core.Sha256.hex(bytes));
    }

    private static SessionManifest validate(Raw raw, SubmissionPaths paths, String input) {
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
            throw invalid(input, "'source.commit' must be a full 40-digit lowercase hex commit id");
        }
        if (s.keyring != null && s.keyring.isBlank()) {
            throw invalid(input, "'source.keyring' must name a file (an OpenPGP public keyring) when present");
        }
        if (s.allowedSigners != null && s.allowedSigners.isBlank()) {
            throw invalid(input, "'source.allowedSigners' must name a file (an SSH allowed-signers file) when present");
        }
        SessionManifest.Source source = new SessionManifest.Source(
                s.url == null ? null : paths.url(s.url),
                s.path == null ? null : paths.resolve("source.path", s.path),
                s.bundle == null ? null : paths.resolve("source.bundle", s.bundle),
                s.ref, s.commit,
                s.keyring == null ? null : paths.resolve("source.keyring", s.keyring),
                s.allowedSigners == null ? null : paths.resolve("source.allowedSigners", s.allowedSigners));

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
                throw invalid(input, "'" + field + ".sha256' must be 64 hex digits");
            }
            packages.add(new SessionManifest.UpdatePackage(paths.resolve(field + ".path", p.path),
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
            buildspec = paths.resolve("build.buildspec", b.buildspec);
            if (!Files.isRegularFile(buildspec)) {
                throw invalid(input, "'build.buildspec' does not name a file in the submission directory");
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
                throw invalid(input, "'build.jdk' must be a JDK version such as \"17\", \"17.0.2\" or \"auto\"");
            }
        }
        BuildTool tool = b.tool == null ? null : BuildTool.ofText(b.tool)
                .orElseThrow(() -> invalid(input, "'build.tool' must be " + BuildTool.choices()));
        Newline newline = b.newline == null ? null : Newline.ofText(b.newline)
                .orElseThrow(() -> invalid(input, "'build.newline' must be " + Newline.choices()));
        NetworkPolicy network = b.network == null ? null : NetworkPolicy.ofText(b.network)
                .orElseThrow(() -> invalid(input, "'build.network' must be " + NetworkPolicy.choices()));
        if (b.runs != null && (b.runs < 1 || b.runs > 10)) {
            throw invalid(input, "'build.runs' must be between 1 and 10");
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
        return new SessionManifest(paths.base(), raw.vendor, raw.product, raw.version, source, packages,
                new SessionManifest.Build(b.command == null ? List.of() : b.command, b.jdk == null ? "" : b.jdk, timeout,
                        artifacts, buildspec, tool, newline, b.runs == null ? 0 : b.runs, network));
    }

    private static void require(String value, String field, String input) {
        if (value == null || value.isBlank()) {
            throw invalid(input, "missing field '" + field + "'");
        }
    }

    private static InvalidInputException invalid(String input, String problem) {
        return new InvalidInputException(STAGE, input, problem);
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
