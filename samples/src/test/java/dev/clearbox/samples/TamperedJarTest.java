package dev.clearbox.samples;

import dev.clearbox.core.StageFailedException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TamperedJarTest {

    private static final TamperedJar.SourcePatch PATCH =
            new TamperedJar.SourcePatch("A.java", "    b();", "    beacon();\n");

    @Test
    void insertsBeforeTheAnchorLine() {
        assertEquals("void f() {\n    a();\n    beacon();\n    b();\n}\n",
                TamperedJar.apply(PATCH, "void f() {\n    a();\n    b();\n}\n"));
    }

    @Test
    void failsWhenTheAnchorIsMissing() {
        assertThrows(StageFailedException.class, () -> TamperedJar.apply(PATCH, "void f() {\n    bb();\n}\n"));
    }
}
