package dev.clearbox.core.rebuild;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what a reference jar says about its build: the manifest's {@code Build-Jdk-Spec}, {@code Build-Jdk}
 * and {@code Created-By}, the class-file major versions, and the line endings of
 * {@code META-INF/maven/**}/pom.properties (CRLF: built on Windows). Reads at most a bounded number of
 * bytes; a file that is not a readable zip yields facts with nothing known and the reason as evidence.
 */
public final class ReferenceInspector {
    static final int MAX_ENTRIES = 200_000;
    static final int MAX_READ = 4 << 20;
    /** Class bytes read at most to find how the reference's javac concatenates strings. */
    static final long MAX_CLASS_BYTES = 64L << 20;
    private static final Pattern VERSION = Pattern.compile("\\b((?:1\\.)?[1-9][0-9]?(?:\\.[0-9]+)*(?:_[0-9]+)?)(?:[-+][\\w.+-]*)?(?:\\s*\\(([^)]*)\\))?");
    /**
     * A build tool and its version at the start of {@code Created-By}: the version must follow the name directly, so that
     * {@code Apache Maven Bundle Plugin 5.1.9} is the bundle plugin, not Maven 5.1.9. Longer names first.
     */
    private static final Pattern TOOL = Pattern.compile("^\\s*(Apache Maven Bundle Plugin|Maven Bundle Plugin|Apache Maven|"
            + "Maven JAR Plugin|Maven Jar Plugin|Maven Archiver|Gradle|Bnd|Apache Ant|sbt)(?:\\s+|-)([0-9][\\w.-]*)");

    public ReferenceFacts inspect(String name, Path file) {
        List<String> evidence = new ArrayList<>();
        int feature = 0;
        String version = "";
        String vendor = "";
        String tool = "";
        TreeMap<Integer, Integer> majors = new TreeMap<>();
        ReferenceFacts.Tristate windows = ReferenceFacts.Tristate.UNKNOWN;
        ReferenceFacts.ConcatJavac concat = ReferenceFacts.ConcatJavac.UNKNOWN;
        long classBytesRead = 0;
        try (ZipFile zip = ZipFile.builder().setPath(file).get()) {
            int n = 0;
            for (ZipArchiveEntry e : Collections.list(zip.getEntries())) {
                if (++n > MAX_ENTRIES) {
                    evidence.add("stopped reading after " + MAX_ENTRIES + " entries");
                    break;
                }
                String entry = e.getName();
                if (entry.equals("META-INF/MANIFEST.MF")) {
                    Manifest mf = new Manifest(new ByteArrayInputStream(read(zip, e, MAX_READ)));
                    var attrs = mf.getMainAttributes();
                    String spec = attrs.getValue("Build-Jdk-Spec");
                    String buildJdk = attrs.getValue("Build-Jdk");
                    String createdBy = attrs.getValue("Created-By");
                    Optional<String[]> fromBuildJdk = version(buildJdk);
                    Optional<String[]> fromCreatedBy = version(createdBy);
                    if (spec != null && version(spec).isPresent()) {
                        feature = feature(version(spec).get()[0]);
                        evidence.add("JDK " + feature + " from MANIFEST.MF Build-Jdk-Spec: " + spec.strip());
                    }
                    Optional<String[]> exact = fromBuildJdk.isPresent() ? fromBuildJdk
                            : createdBy != null && !createdBy.contains("Maven") && !createdBy.contains("Gradle")
                            ? fromCreatedBy : Optional.empty();
                    if (exact.isPresent()) {
                        version = exact.get()[0];
                        vendor = exact.get()[1];
                        evidence.add("JDK " + version + (vendor.isEmpty() ? "" : " (" + vendor + ")") + " from MANIFEST.MF "
                                + (fromBuildJdk.isPresent() ? "Build-Jdk: " + buildJdk.strip() : "Created-By: " + createdBy.strip()));
                        if (feature == 0) {
                            feature = feature(version);
                        }
                    }
                    if (createdBy != null) {
                        Matcher t = TOOL.matcher(createdBy);
                        if (t.find()) {
                            tool = t.group(1) + " " + t.group(2);
                            evidence.add("build tool " + tool + " from MANIFEST.MF Created-By: " + createdBy.strip());
                        }
                    }
                } else if (entry.endsWith(".class") && !entry.startsWith("META-INF/versions/")) {
                    try (InputStream in = zip.getInputStream(e)) {
                        byte[] head = in.readNBytes(8);
                        if (head.length == 8 && (head[0] & 0xff) == 0xCA && (head[1] & 0xff) == 0xFE
                                && (head[2] & 0xff) == 0xBA && (head[3] & 0xff) == 0xBE) {
                            majors.merge(((head[6] & 0xff) << 8) | (head[7] & 0xff), 1, Integer::sum);
                            if (concat == ReferenceFacts.ConcatJavac.UNKNOWN && classBytesRead < MAX_CLASS_BYTES) {
                                byte[] rest = in.readNBytes(MAX_READ);
                                classBytesRead += rest.length;
                                byte[] all = new byte[8 + rest.length];
                                System.arraycopy(head, 0, all, 0, 8);
                                System.arraycopy(rest, 0, all, 8, rest.length);
                                var found = ConcatStyle.of(all);
                                if (found.isPresent()) {
                                    concat = found.get().style();
                                    evidence.add(concat.javac() + " from the bytecode: " + entry + " " + found.get().evidence());
                                }
                            }
                        }
                    }
                } else if (entry.startsWith("META-INF/maven/") && entry.endsWith("/pom.properties")
                        && windows == ReferenceFacts.Tristate.UNKNOWN) {
                    String text = new String(read(zip, e, 64 * 1024), StandardCharsets.ISO_8859_1);
                    if (text.contains("\r\n")) {
                        windows = ReferenceFacts.Tristate.YES;
                        evidence.add("built on Windows: " + entry + " has CRLF line endings");
                    } else if (text.contains("\n")) {
                        windows = ReferenceFacts.Tristate.NO;
                        evidence.add("built on Unix: " + entry + " has LF line endings");
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            evidence.add("not a readable jar: " + e.getMessage());
        }
        int major = majors.isEmpty() ? 0 : majors.lastKey();
        if (major > 0) {
            evidence.add("class files: " + majors.entrySet().stream()
                    .map(m -> "major " + m.getKey() + " (Java " + (m.getKey() - 44) + ") × " + m.getValue())
                    .reduce((a, b) -> a + ", " + b).orElse(""));
            if (feature == 0) {
                feature = major - 44;
                evidence.add("JDK " + feature + " assumed from the highest class-file version (no manifest says more)");
            }
        }
        return new ReferenceFacts(name, feature, version, vendor, tool, major, windows, evidence, concat);
    }

    private static byte[] read(ZipFile zip, ZipArchiveEntry e, int max) throws IOException {
        try (InputStream in = zip.getInputStream(e)) {
            return in.readNBytes(max);
        }
    }

    /** The version and vendor in "17.0.2 (Eclipse Adoptium)", "1.8.0_402-b06 (Temurin)", "17". */
    static Optional<String[]> version(String value) {
        if (value == null) {
            return Optional.empty();
        }
        Matcher m = VERSION.matcher(value.strip());
        if (!m.find() || m.start() != 0) {
            return Optional.empty();
        }
        return Optional.of(new String[] {m.group(1), m.group(2) == null ? "" : m.group(2).strip()});
    }

    static int feature(String version) {
        String v = version.startsWith("1.") ? version.substring(2) : version;
        int end = 0;
        while (end < v.length() && Character.isDigit(v.charAt(end))) {
            end++;
        }
        return end == 0 ? 0 : Integer.parseInt(v.substring(0, end));
    }
}
