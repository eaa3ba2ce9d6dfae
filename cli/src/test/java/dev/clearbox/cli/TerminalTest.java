package dev.clearbox.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The console sanitiser, {@link Terminal}, and the writer that applies it, {@link TerminalWriter}. */
class TerminalTest {
    @Test
    void c0ControlsAndDelBecomeHexEscapes() {
        assertEquals("\\x1b[2J", Terminal.escape("\u001b[2J"));
        assertEquals("a\\x00b", Terminal.escape("a\u0000b"));
        assertEquals("\\x07\\x08\\x0b\\x0c\\x1f", Terminal.escape("\u0007\b\u000b\f\u001f"));
        assertEquals("rm\\x7f", Terminal.escape("rm\u007f"));
    }

    @Test
    void lineBreaksInsideAValueAreEscapedAndTabIsKept() {
        assertEquals("a\\nb\\rc\\r\\n", Terminal.escape("a\nb\rc\r\n"));
        assertEquals("a\tb", Terminal.escape("a\tb"));
        assertEquals("a\nb\\r", Terminal.escapeKeepingLines("a\nb\r"));
    }

    @Test
    void c1ControlsBecomeUnicodeEscapes() {
        assertEquals("\\u009b2J", Terminal.escape("\u009b2J"), "C1 CSI");
        assertEquals("\\u0080\\u0085\\u009f", Terminal.escape("\u0080\u0085\u009f"));
    }

    @Test
    void bidiControlsZeroWidthAndOtherFormatCharactersAreEscaped() {
        assertEquals("txt.\\u202eexe", Terminal.escape("txt.\u202eexe"));
        assertEquals("\\u202a\\u202b\\u202c\\u202d", Terminal.escape("\u202a\u202b\u202c\u202d"));
        assertEquals("\\u2066\\u2067\\u2068\\u2069", Terminal.escape("\u2066\u2067\u2068\u2069"));
        assertEquals("\\u061c\\u200e\\u200f", Terminal.escape("\u061c\u200e\u200f"));
        assertEquals("\\u200b\\u200c\\u200d\\u2060\\ufeff\\u00ad", Terminal.escape("\u200b\u200c\u200d\u2060\ufeff\u00ad"));
        assertEquals("\\u2028\\u2029", Terminal.escape("\u2028\u2029"));
        assertEquals("a\\U000e0041\\U000e007f", Terminal.escape("a" + Character.toString(0xe0041) + Character.toString(0xe007f)),
                "tag characters, beyond the BMP");
        assertEquals("\\ud800x\\udc00", Terminal.escape("\ud800x\udc00"), "unpaired surrogates");
    }

    @Test
    void printableTextIsKeptAsIs() {
        String text = "Ärger café naïve 日本語の製品 한국어 Ωμέγα العربية עברית 😀 \\x1b ~!@#$%^&*()";
        assertSame(text, Terminal.escape(text));
        assertEquals("", Terminal.escape(""));
    }

    @Test
    void escapedValuesStayReadable() {
        assertEquals("Acme\\x1b[2JCorp: \\u202eNOT_REPRODUCIBLE",
                Terminal.escape("Acme\u001b[2JCorp: \u202eNOT_REPRODUCIBLE"));
    }

    @Test
    void noUnsafeCodePointSurvivesAndEverySafeOneIsKept() {
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            String s = Character.toString(cp);
            String e = Terminal.escape(s);
            if (Terminal.isUnsafe(cp) || cp == '\n') {
                assertTrue(e.startsWith("\\") && e.length() > 1, Integer.toHexString(cp));
                assertTrue(e.chars().allMatch(c -> c >= 0x20 && c < 0x7f), Integer.toHexString(cp));
            } else {
                assertEquals(s, e, Integer.toHexString(cp));
            }
        }
        int[] mustBeUnsafe = {0x00, 0x1b, 0x0d, 0x7f, 0x85, 0x9b, 0x061c, 0x200b, 0x200d, 0x200e, 0x200f, 0x202a, 0x202e,
                0x2066, 0x2069, 0x2028, 0xfeff, 0xe0001};
        for (int cp : mustBeUnsafe) {
            assertTrue(Terminal.isUnsafe(cp), Integer.toHexString(cp));
        }
        assertFalse(Terminal.isUnsafe('\t'));
        assertFalse(Terminal.isUnsafe('é'));
    }

    private static String written(java.util.function.Consumer<PrintWriter> print) {
        StringWriter s = new StringWriter();
        PrintWriter w = TerminalWriter.over(new PrintWriter(s));
        print.accept(w);
        w.flush();
        return s.toString();
    }

    @Test
    void printlnPrintsItsArgumentAsExactlyOneLine() {
        String nl = System.lineSeparator();
        assertEquals("vendor Acme\\n  verdict    REPRODUCIBLE\\x1b[2J" + nl,
                written(w -> w.println("vendor " + "Acme\n  verdict    REPRODUCIBLE\u001b[2J")));
        assertEquals("x\\r" + nl, written(w -> w.println((Object) "x\r")));
        assertEquals("\\n" + nl, written(w -> w.println('\n')));
        assertEquals("a\\u202eb" + nl, written(w -> w.println("a\u202eb".toCharArray())));
    }

    @Test
    void printfEscapesItsArgumentsButKeepsTheFormatsLineBreaks() {
        assertEquals("[unpack] 3/7 evil\\x1b[2J\\nfake line" + System.lineSeparator(),
                written(w -> w.printf("[%s] %d%s %s%n", "unpack", 3, "/7", "evil\u001b[2J\nfake line")));
    }

    @Test
    void multiLineTextKeepsItsLineFeedsAndLosesEverythingElse() {
        assertEquals("one\ntwo\\x1b[2J\r\nthree\\rfour\\u202e\n", written(w -> w.print("one\ntwo\u001b[2J\r\nthree\rfour\u202e\n")));
        assertEquals("a\\r", written(w -> w.print("a\r")), "a CR at the end is escaped when flushed");
        assertEquals("\r\n", written(w -> {
            w.print('\r');
            w.print('\n');
        }), "CRLF split between writes is still a line break");
    }

    @Test
    void aSurrogatePairSplitBetweenWritesIsKept() {
        assertEquals("😀", written(w -> {
            w.write('\ud83d');
            w.write('\ude00');
        }));
        assertEquals("\\ud83dx", written(w -> w.write("\ud83dx")));
    }

    @Test
    void wrappingIsIdempotent() {
        PrintWriter w = TerminalWriter.over(new PrintWriter(new StringWriter()));
        assertSame(w, TerminalWriter.over(w));
    }
}
