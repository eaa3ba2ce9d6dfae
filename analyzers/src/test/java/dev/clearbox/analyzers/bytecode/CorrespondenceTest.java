package dev.clearbox.analyzers.bytecode;

import dev.clearbox.core.Finding;
import dev.clearbox.core.Severity;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Shipped classes against the reviewed source: what is only in the binary is the most severe finding. */
class CorrespondenceTest {
    private static final ProductFixture product = ProductFixture.get();

    private List<Finding> only() {
        return product.correspondence.findings().stream().filter(f -> f.ruleId().equals(BinaryRule.ONLY.id())).toList();
    }

    @Test
    @Tag("positive:CBX-BIN-ONLY")
    void aClassWithNoSourceInAJarBuiltFromTheSourceIsReportedWithWhatItDoes() {
        Finding f = only().stream().filter(x -> x.location().file().endsWith("com/acme/app/Updater.class")).findFirst().orElseThrow();
        assertEquals(Severity.CRITICAL, f.severity());
        assertEquals(ProductFixture.APP + "com/acme/app/Updater.class", f.location().file());
        assertEquals(4, f.location().line());
        assertEquals("the shipped product.zip!/lib/app.jar contains com.acme.app.Updater, which is not in the source, "
                + "and it opens network connections to https://drop.example/u (java.net.URL#openStream)", f.message());
        assertEquals(List.of("https://drop.example/u"), f.endpoints());
    }

    @Test
    @Tag("positive:CBX-BIN-ONLY")
    void aCallAddedToAReviewedClassIsReportedAtItsLine() {
        Finding f = only().stream().filter(x -> x.location().file().endsWith("com/acme/Patched.class")).findFirst().orElseThrow();
        assertEquals(5, f.location().line());
        assertEquals("java.net.Socket#<init>", f.api());
        assertTrue(f.message().contains("its source src/main/java/com/acme/Patched.java has no such NETWORK call"), f.message());
        assertTrue(f.message().contains("198.51.100.9"), f.message());
    }

    @Test
    @Tag("negative:CBX-BIN-ONLY")
    void theReviewedCorpusHasNoBinaryOnlyBehaviourAndEveryClassHasItsSource() {
        assertEquals(2, only().size(), only().toString());
        for (ClassSource cs : product.correspondence.classes()) {
            if (cs.classFile().startsWith(ProductFixture.APP) && !cs.className().equals("com.acme.app.Updater")) {
                assertTrue(cs.sourceFile().startsWith(Corpus.ROOT), cs.toString());
            }
        }
        ClassSource inner = product.correspondence.classes().stream()
                .filter(c -> c.className().equals("com.acme.Mailer$Socket")).findFirst().orElseThrow();
        assertEquals(Corpus.ROOT + "com/acme/Mailer.java", inner.sourceFile());
    }

    @Test
    @Tag("negative:CBX-BIN-ONLY")
    @Tag("negative:CBX-BIN-NO-SOURCE")
    void classesWithoutSourceAndSourcesWithoutClassAreListed() {
        List<String> without = product.correspondence.classesWithoutSource();
        assertTrue(without.contains(ProductFixture.APP + "com/acme/app/Updater.class"), without.toString());
        assertTrue(without.stream().anyMatch(c -> c.startsWith("product.zip!/lib/obf.jar!/o/")), without.toString());
        assertEquals(List.of(Corpus.ROOT + "com/acme/Unshipped.java"), product.correspondence.sourcesWithoutClass());
        // Third-party jars (no class with source) are listed, not reported.
        assertTrue(product.correspondence.findings().stream().noneMatch(f -> f.location().file().contains("obf.jar")));
    }

    @Test
    @Tag("positive:CBX-BIN-NO-SOURCE")
    @Tag("negative:CBX-BIN-NO-SOURCE")
    void aClassWithoutSourceOrCapabilitiesInAJarBuiltFromTheSourceIsReportedAndItsNeighbourIsNot(@TempDir Path root)
            throws Exception {
        Files.createDirectories(root.resolve("src/main/java/com/acme"));
        Files.writeString(root.resolve("src/main/java/com/acme/App.java"), "package com.acme;\nclass App {\n}\n");
        String jar = "update.zip!/lib/app.jar";
        BinaryAnalysisResult binary = new BinaryAnalysisResult(List.of(), List.of(
                new ShippedClass(jar + "!/com/acme/App.class", jar, "com.acme.App", "App.java", 61, true),
                new ShippedClass(jar + "!/com/acme/Extra.class", jar, "com.acme.Extra", "Extra.java", 61, true)),
                List.of(), new BinaryCoverage(1, 2, 1, List.of(), 0));

        List<Finding> findings = SourceCorrespondence.compare(binary, List.of(), root).findings();

        assertEquals(List.of(BinaryRule.NO_SOURCE), findings.stream().map(Finding::rule).toList());
        assertEquals(jar + "!/com/acme/Extra.class", findings.get(0).location().file());
        assertEquals(Severity.HIGH, findings.get(0).severity());
    }
}
