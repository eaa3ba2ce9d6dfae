package dev.clearbox.analyzers.source;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The expectation helper itself must fail both ways, or the analyzer tests prove nothing. */
class SourceFixtureTest {
    @TempDir
    Path root;

    @Test
    void failsOnAFindingWithoutAMarker() {
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> SourceFixture.in(root)
                .file("A.java", "class A { String f() { return System.getenv(\"X\"); } }")
                .verify());
        assertTrue(e.getMessage().startsWith("unexpected at A.java:1: [ENV java.lang.System#getenv"), e.getMessage());
    }

    @Test
    void failsOnAMarkerWithoutAFindingOrWithTheWrongEndpoint() {
        AssertionFailedError missing = assertThrows(AssertionFailedError.class, () -> SourceFixture.in(root)
                .file("B.java", "class B { int f() { return 1; } } // expect: NETWORK")
                .verify());
        assertTrue(missing.getMessage().startsWith("missing at B.java:1: NETWORK"), missing.getMessage());
        AssertionFailedError wrong = assertThrows(AssertionFailedError.class, () -> SourceFixture.in(root)
                .file("B.java", "class B { void f() throws Exception { new java.net.Socket(\"a.example\", 1); } } // expect: NETWORK, endpoint=b.example")
                .verify());
        assertTrue(wrong.getMessage().contains("missing at B.java:1"), wrong.getMessage());
    }
}
