package dev.clearbox.samples;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clearbox.core.Sha256;
import dev.clearbox.core.session.SessionManifest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a session manifest in the format {@link dev.clearbox.core.session.SessionManifests} reads:
 * fields in a fixed order, two-space indentation, {@code \n} line ends, paths relative to the
 * manifest's directory.
 */
final class ManifestWriter {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ManifestWriter() {
    }

    /** What goes into the manifest; package paths are files in the manifest's directory. */
    record Content(String vendor, String product, String version, Path bundle, String ref, String commit,
                   List<Path> packages, SessionManifest.Build build) {
    }

    static void write(Path manifest, Content content) throws IOException {
        Path base = manifest.toAbsolutePath().getParent();
        ObjectNode root = MAPPER.createObjectNode();
        root.put("vendor", content.vendor());
        root.put("product", content.product());
        root.put("version", content.version());
        ObjectNode source = root.putObject("source");
        source.put("bundle", relative(base, content.bundle()));
        source.put("ref", content.ref());
        source.put("commit", content.commit());
        ArrayNode packages = root.putArray("packages");
        for (Path p : content.packages()) {
            packages.addObject().put("path", relative(base, p)).put("sha256", Sha256.hex(p));
        }
        ObjectNode build = root.putObject("build");
        ArrayNode command = build.putArray("command");
        content.build().command().forEach(command::add);
        build.put("jdk", content.build().jdk());
        build.put("timeoutSeconds", content.build().timeoutSeconds());
        ArrayNode artifacts = build.putArray("artifacts");
        for (SessionManifest.Artifact a : content.build().artifacts()) {
            artifacts.addObject().put("path", a.path()).put("shippedAs", a.shippedAs());
        }
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withObjectIndenter(indenter)
                .withArrayIndenter(indenter);
        String json = MAPPER.writer(printer).writeValueAsString(root) + "\n";
        Files.writeString(manifest, json, StandardCharsets.UTF_8);
    }

    private static String relative(Path base, Path file) {
        return base.relativize(file.toAbsolutePath()).toString().replace('\\', '/');
    }
}
