package dev.clearbox.analyzers.bytecode;

import dev.clearbox.core.Finding;
import dev.clearbox.core.Severity;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What hides code from review, on the shared product. */
class HidingTest {
    private static final ProductFixture product = ProductFixture.get();

    private List<Finding> rule(BinaryRule r) {
        return product.binary.findings().stream().filter(f -> f.ruleId().equals(r.id())).toList();
    }

    @Test
    @Tag("positive:CBX-BIN-DEFINED-CLASS")
    void aClassDefinedFromBytesIsReportedAtTheCall() {
        List<Finding> defined = rule(BinaryRule.DEFINED_CLASS);
        assertEquals(1, defined.size(), defined.toString());
        assertEquals(ProductFixture.APP + "com/acme/Definer.class", defined.get(0).location().file());
        assertEquals(10, defined.get(0).location().line());
        assertEquals("java.lang.ClassLoader#defineClass", defined.get(0).api());
    }

    @Test
    @Tag("positive:CBX-BIN-ENCRYPTED-RESOURCE")
    void aHighEntropyResourceNextToDecryptionIsReported() {
        List<Finding> enc = rule(BinaryRule.ENCRYPTED_RESOURCE);
        assertEquals(1, enc.size(), enc.toString());
        assertEquals(ProductFixture.APP + "com/acme/payload.bin", enc.get(0).location().file());
        assertEquals(Severity.HIGH, enc.get(0).severity());
        assertTrue(enc.get(0).message().contains("javax.crypto.Cipher#getInstance"), enc.get(0).message());
    }

    @Test
    @Tag("positive:CBX-BIN-NATIVE-LIBRARY")
    void nativeLibrariesAreListedWithTheirExportedSymbols() {
        assertEquals(1, product.binary.nativeLibraries().size());
        NativeLibrary lib = product.binary.nativeLibraries().get(0);
        assertEquals("product.zip!/native/libhelper.so", lib.file());
        assertEquals(List.of("Java_com_acme_Loader_peek", "helper_init"), lib.symbols());
        assertEquals(1, lib.jniSymbols());
        assertTrue(rule(BinaryRule.NATIVE_LIBRARY).get(0).message().contains("Java_com_acme_Loader_peek"));
    }

    @Test
    @Tag("positive:CBX-BIN-OBFUSCATED")
    @Tag("negative:CBX-BIN-OBFUSCATED")
    void aJarOfShortNamesIsObfuscatedAndTheProductJarIsNot() {
        List<Finding> obf = rule(BinaryRule.OBFUSCATED);
        assertEquals(1, obf.size(), obf.toString());
        assertEquals("product.zip!/lib/obf.jar", obf.get(0).location().file());
        assertTrue(obf.get(0).message().contains("12 of 12 classes and 24 of 24 methods"), obf.get(0).message());
    }

    @Test
    @Tag("positive:CBX-BIN-FOREIGN-BUILD")
    @Tag("negative:CBX-BIN-FOREIGN-BUILD")
    void aClassAndAJarCompiledForAnotherJavaVersionAreReported() {
        List<String> files = rule(BinaryRule.FOREIGN_BUILD).stream().map(f -> f.location().file() + " " + f.severity()).toList();
        assertEquals(List.of(ProductFixture.APP + "com/acme/Odd.class MEDIUM", "product.zip!/lib/old.jar LOW"), files);
    }

    @Test
    @Tag("negative:CBX-BIN-ENCRYPTED-RESOURCE")
    @Tag("negative:CBX-BIN-NATIVE-LIBRARY")
    void plainResourcesRandomBytesAndClassFilesAreNeitherEncryptedResourcesNorNativeLibraries() {
        assertTrue(product.binary.classes().size() > 10, "the product ships classes");
        assertEquals(List.of(ProductFixture.APP + "com/acme/payload.bin"),
                rule(BinaryRule.ENCRYPTED_RESOURCE).stream().map(f -> f.location().file()).toList(),
                "a large low-entropy resource (" + ProductFixture.NOTES + ") is not reported");
        assertEquals(List.of("product.zip!/native/libhelper.so"),
                rule(BinaryRule.NATIVE_LIBRARY).stream().map(f -> f.location().file()).toList(),
                "random bytes (payload.bin) and malformed class files are not native libraries");
    }
}
