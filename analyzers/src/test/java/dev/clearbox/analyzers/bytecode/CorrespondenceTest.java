package dev.clearbox.analyzers.bytecode;

import dev.clearbox.core.Finding;
import dev.clearbox.core.Severity;
import org.junit.jupiter.api.Test;

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
    void aCallAddedToAReviewedClassIsReportedAtItsLine() {
        Finding f = only().stream().filter(x -> x.location().file().endsWith("com/acme/Patched.class")).findFirst().orElseThrow();
        assertEquals(5, f.location().line());
        assertEquals("java.net.Socket#<init>", f.api());
        assertTrue(f.message().contains("its source src/main/java/com/acme/Patched.java has no such NETWORK call"), f.message());
        assertTrue(f.message().contains("198.51.100.9"), f.message());
    }

    @Test
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
    void classesWithoutSourceAndSourcesWithoutClassAreListed() {
        List<String> without = product.correspondence.classesWithoutSource();
        assertTrue(without.contains(ProductFixture.APP + "com/acme/app/Updater.class"), without.toString());
        assertTrue(without.stream().anyMatch(c -> c.startsWith("product.zip!/lib/obf.jar!/o/")), without.toString());
        assertEquals(List.of(Corpus.ROOT + "com/acme/Unshipped.java"), product.correspondence.sourcesWithoutClass());
        // Third-party jars (no class with source) are listed, not reported.
        assertTrue(product.correspondence.findings().stream().noneMatch(f -> f.location().file().contains("obf.jar")));
    }
}
