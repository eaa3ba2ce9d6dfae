package dev.clearbox.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Running out of heap or stack (a vendor's tree too large for the heap, an input nested too deeply) ends a command
 * with one line and the error exit code, never a stack trace and the JVM's 1, which here means "the answer is no".
 */
class MainGuardTest {
    private static String[] run(Throwable thrown) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int code = Main.guarded(() -> {
            if (thrown instanceof Error e) {
                throw e;
            }
            return 0;
        }, err);
        return new String[]{Integer.toString(code), bytes.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void outOfMemoryIsOneLineAndTheErrorCode() {
        String[] r = run(new OutOfMemoryError("Java heap space"));
        assertEquals(Integer.toString(ExitCode.ERROR.code()), r[0]);
        assertEquals(1, r[1].lines().count(), r[1]);
        assertTrue(r[1].startsWith("clearbox: out of memory (maximum heap "), r[1]);
        assertTrue(r[1].contains("CLEARBOX_JAVA_OPTS=-Xmx"), r[1]);
        assertFalse(r[1].contains("at dev.clearbox"), r[1]);
    }

    @Test
    void outOfStackIsOneLineAndTheErrorCode() {
        String[] r = run(new StackOverflowError());
        assertEquals(Integer.toString(ExitCode.ERROR.code()), r[0]);
        assertEquals(1, r[1].lines().count(), r[1]);
        assertTrue(r[1].startsWith("clearbox: out of stack"), r[1]);
    }

    @Test
    void aCommandThatReturnsKeepsItsCode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        assertEquals(1, Main.guarded(() -> 1, new PrintStream(bytes, true, StandardCharsets.UTF_8)));
        assertEquals("", bytes.toString(StandardCharsets.UTF_8));
    }
}
