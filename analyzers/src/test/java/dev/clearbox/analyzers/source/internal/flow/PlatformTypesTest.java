package dev.clearbox.analyzers.source.internal.flow;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Platform return types: only answered when every overload agrees on a class; never for the product's own types. */
class PlatformTypesTest {
    @Test
    void aPlatformMethodsDeclaredReturnTypeTypesTheCallChainedOnIt() {
        assertEquals("java.lang.StringBuilder", PlatformTypes.returnType("java.lang.StringBuilder", "append", 1),
                "every append overload returns StringBuilder (the bridge methods to Appendable do not count)");
        assertEquals("java.net.URI", PlatformTypes.returnType("java.net.URL", "toURI", 0));
        assertEquals("java.lang.String[]", PlatformTypes.returnType("java.lang.String", "split", 1));
        assertEquals("int", PlatformTypes.returnType("java.lang.String", "length", 0));
        assertEquals("java.util.stream.Stream", PlatformTypes.returnType("java.util.List", "stream", 0),
                "a parameterized return type is its raw class");
    }

    @Test
    void aTypeVariableAnUnknownTypeOrDisagreeingOverloadsAreNotAnswered() {
        assertNull(PlatformTypes.returnType("java.util.Iterator", "next", 0), "E may be a project type");
        assertNull(PlatformTypes.returnType("java.util.Map.Entry", "getKey", 0), "K may be a project type");
        assertNull(PlatformTypes.returnType("com.vendor.Platform", "connect", 0), "not a platform type");
        assertNull(PlatformTypes.returnType("java.lang.String", "noSuchMethod", 0));
        assertNull(PlatformTypes.returnType("java.lang.Thread", "run", 0), "void has no type to chain on");
    }
}
