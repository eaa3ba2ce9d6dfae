package dev.clearbox.audit;

import dev.clearbox.reports.model.Session;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The components of the tool a report names in {@code session.tools}: Clearbox, the Java runtime it ran on, and the
 * libraries whose behaviour decides what an audit finds, with the versions the build pinned
 * ({@code tool-versions.properties}, filled in from the parent pom).
 */
final class ToolVersions {
    private static final String RESOURCE = "tool-versions.properties";

    private ToolVersions() {
    }

    static List<Session.ToolVersion> of(String clearboxVersion) {
        List<Session.ToolVersion> out = new ArrayList<>();
        out.add(new Session.ToolVersion("clearbox", clearboxVersion));
        out.add(new Session.ToolVersion("java", Runtime.version() + " (" + System.getProperty("java.vendor", "unknown") + ")"));
        try (InputStream in = ToolVersions.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the audit module");
            }
            // Read line by line rather than as java.util.Properties, to keep the file's order.
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String l = line.strip();
                int eq = l.indexOf('=');
                if (l.isEmpty() || l.startsWith("#") || eq < 1) {
                    continue;
                }
                String version = l.substring(eq + 1).strip();
                out.add(new Session.ToolVersion(l.substring(0, eq).strip(),
                        version.isEmpty() || version.startsWith("${") ? "unknown" : version));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(out);
    }
}
