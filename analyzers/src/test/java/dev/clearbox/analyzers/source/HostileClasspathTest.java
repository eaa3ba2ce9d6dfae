package dev.clearbox.analyzers.source;

import dev.clearbox.analyzers.capability.CapabilityModel;
import dev.clearbox.core.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An audit hands the shipped packages' jars, which the vendor made, to the source analysis as its classpath: a jar
 * that is no zip is a coverage problem naming it, and a jar whose class file for a missing supertype is garbage
 * leaves that type unseen, so the call on it stays in doubt rather than vanishing or stopping the analysis.
 */
class HostileClasspathTest {
    @TempDir
    Path tmp;

    @Test
    void aBrokenOrLyingJarOnTheClasspathNeitherStopsTheAnalysisNorHidesACall() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("src/com/acme"));
        Files.writeString(root.resolve("Agent.java"), """
                package com.acme;
                import org.vendorlib.Channel;
                class Agent {
                    void run(Channel channel, java.net.SocketAddress where) throws Exception {
                        channel.connect(where);
                    }
                }
                """);
        Path notAZip = Files.writeString(tmp.resolve("not-a-zip.jar"), "PK but not really");
        Path garbage = tmp.resolve("garbage-class.jar");
        try (OutputStream out = Files.newOutputStream(garbage); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("org/vendorlib/Channel.class"));
            zip.write(new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0, 0, 0, 61, 1, 2, 3});
            zip.closeEntry();
        }
        SourceAnalysisResult r = new SourceAnalyzer(2).analyze(new SourceAnalysisRequest(tmp.resolve("src"),
                CapabilityModel.builtIn(), List.of(notAZip, garbage)), ProgressListener.NONE);

        assertTrue(r.coverage().problems().stream().anyMatch(p -> p.file().equals(notAZip.toString())
                && p.problem().startsWith("classpath jar not usable")), r.coverage().problems().toString());
        assertEquals(1, r.coverage().unresolvedCallCount(), r.coverage().unresolvedCalls().toString());
        assertTrue(r.findings().stream().anyMatch(f -> f.location().line() == 5
                && f.resolution().equals("unresolved-supertypes")), r.findings().toString());
    }
}
