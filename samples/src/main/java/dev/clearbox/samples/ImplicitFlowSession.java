package dev.clearbox.samples;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clearbox.core.Sha256;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A small submission whose one source method lets a secret (an environment variable) decide whether a network call
 * runs, and passes no data to it: only an analysis that follows implicit flows (control dependence) finds the path.
 * A git repository directory ({@code source.path}), one update package holding a text file, and a build that ships
 * no artifact, so an audit of it compares nothing: what the audit finds is the source analysis's alone.
 */
public final class ImplicitFlowSession {
    /** The source file, relative to the repository. */
    public static final String SOURCE_FILE = "src/main/java/com/acme/Probe.java";
    /** The line of the network call that the secret decides. */
    public static final int CALL_LINE = 5;
    /** The source: {@code TOKEN}'s first character decides whether the name is looked up. */
    public static final String SOURCE = """
            package com.acme;
            class Probe {
                void run() throws Exception {
                    if (System.getenv("TOKEN").startsWith("a")) {
                        java.net.InetAddress.getByName("yes.example");
                    }
                }
            }
            """;
    private static final Instant RELEASED = Instant.parse("2026-01-15T10:00:00Z");
    private static final PersonIdent VENDOR = new PersonIdent("Acme Release", "release@acme.example", RELEASED,
            ZoneOffset.UTC);

    private ImplicitFlowSession() {
    }

    /** Writes the submission into {@code dir} (created) and returns its manifest, {@code dir/session.json}. */
    public static Path create(Path dir) {
        try {
            Path repo = Files.createDirectories(dir.resolve("repo"));
            Path file = repo.resolve(SOURCE_FILE);
            Files.createDirectories(file.getParent());
            Files.writeString(file, SOURCE);
            RevCommit commit;
            try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
                git.add().addFilepattern(".").call();
                commit = git.commit().setMessage("probe 1.0").setAuthor(VENDOR).setCommitter(VENDOR).setSign(false).call();
                git.tag().setName("v1.0").setObjectId(commit).setAnnotated(false).call();
            }
            Path pkg = dir.resolve("probe-1.0.zip");
            try (OutputStream out = Files.newOutputStream(pkg); ZipOutputStream zip = new ZipOutputStream(out)) {
                ZipEntry entry = new ZipEntry("README.txt");
                entry.setTime(RELEASED.toEpochMilli());
                zip.putNextEntry(entry);
                zip.write("Probe 1.0\n".getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
            ObjectMapper mapper = new ObjectMapper();
            ObjectNode m = mapper.createObjectNode();
            m.put("vendor", "Acme").put("product", "probe").put("version", "1.0");
            m.putObject("source").put("path", "repo").put("ref", "v1.0").put("commit", commit.name());
            m.putArray("packages").addObject().put("path", pkg.getFileName().toString()).put("sha256", Sha256.hex(pkg));
            ObjectNode build = m.putObject("build");
            build.putArray("command").add("true");
            build.put("jdk", "auto").put("timeoutSeconds", 60);
            build.putArray("artifacts");
            Path manifest = dir.resolve("session.json");
            mapper.writerWithDefaultPrettyPrinter().writeValue(manifest.toFile(), m);
            return manifest;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException e) {
            throw new IllegalStateException("cannot write the sample repository: " + e.getMessage(), e);
        }
    }
}
