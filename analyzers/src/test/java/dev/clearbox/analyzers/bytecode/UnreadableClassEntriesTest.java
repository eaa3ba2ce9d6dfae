package dev.clearbox.analyzers.bytecode;

import dev.clearbox.analyzers.capability.CapabilityModel;
import dev.clearbox.core.ProgressListener;
import dev.clearbox.core.unpack.PackageInventory;
import dev.clearbox.core.unpack.UnpackRequest;
import dev.clearbox.core.unpack.Unpacker;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Entries named like class files that are not class files — typed as data by the unpacker, so easy to skip —
 * are coverage problems naming the package, the entry and why, and the real classes beside them are analyzed.
 */
class UnreadableClassEntriesTest {
    private static final String JAR = "update.zip!/lib/app.jar!/";

    @TempDir
    static Path tmp;

    static BinaryAnalysisResult result;

    @BeforeAll
    static void analyze() throws IOException {
        Path classes = Compiler.compile(Map.of("com/acme/Good.java", "package com.acme;\npublic class Good {\n}\n"),
                tmp.resolve("classes"));
        ByteArrayOutputStream jar = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(jar)) {
            entry(out, "com/acme/Good.class", Files.readAllBytes(classes.resolve("com/acme/Good.class")));
            entry(out, "com/acme/BadMagic.class", "DEADBEEF and then some bytes that are not a class".getBytes(StandardCharsets.US_ASCII));
            entry(out, "com/acme/Empty.class", new byte[0]);
        }
        Path zip = tmp.resolve("update.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            entry(out, "lib/app.jar", jar.toByteArray());
        }
        PackageInventory inv = new Unpacker().unpack(UnpackRequest.of(zip, tmp.resolve("unpacked")), ProgressListener.NONE);
        result = new BinaryAnalyzer().analyze(new BinaryAnalysisRequest(
                List.of(BinaryInput.ofPackage(inv, tmp.resolve("unpacked"))), CapabilityModel.builtIn(), false, List.of()),
                ProgressListener.NONE);
    }

    private static void entry(ZipOutputStream out, String name, byte[] bytes) throws IOException {
        out.putNextEntry(new ZipEntry(name));
        out.write(bytes);
        out.closeEntry();
    }

    private static List<String> problemsOf(String entry) {
        return result.coverage().problems().stream().filter(p -> p.file().equals(JAR + entry)).map(BinaryCoverage.Problem::problem).toList();
    }

    @Test
    void aClassEntryWithABadMagicNumberIsACoverageProblem() {
        assertEquals(List.of("not analyzed: not a class file (no CAFEBABE magic)"), problemsOf("com/acme/BadMagic.class"));
        assertTrue(result.classes().stream().anyMatch(c -> c.file().equals(JAR + "com/acme/Good.class")), "the good class is analyzed");
    }

    @Test
    void anEmptyClassEntryIsACoverageProblem() {
        assertEquals(List.of("not analyzed: an empty file (0 bytes), not a class file"), problemsOf("com/acme/Empty.class"));
        assertEquals(1, result.classes().size(), "only the real class is shipped code: " + result.classes());
    }
}
