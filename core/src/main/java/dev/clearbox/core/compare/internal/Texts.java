package dev.clearbox.core.compare.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** Text helpers shared by the text, manifest and properties comparators. */
final class Texts {
    private Texts() {
    }

    /** The bytes as strict UTF-8, or null when they are not valid UTF-8 or hold a NUL. */
    static String utf8(byte[] bytes) {
        for (byte b : bytes) {
            if (b == 0) {
                return null;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** CRLF and lone CR become LF. */
    static String normaliseLineEndings(String s) {
        return s.replace("\r\n", "\n").replace('\r', '\n');
    }

    /** A name for the line endings used: LF, CRLF, CR, mixed or none. */
    static String lineEndings(String s) {
        int crlf = 0;
        int lf = 0;
        int cr = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                crlf++;
                i++;
            } else if (c == '\n') {
                lf++;
            } else if (c == '\r') {
                cr++;
            }
        }
        int kinds = (crlf > 0 ? 1 : 0) + (lf > 0 ? 1 : 0) + (cr > 0 ? 1 : 0);
        if (kinds == 0) {
            return "none";
        }
        if (kinds > 1) {
            return "mixed";
        }
        return crlf > 0 ? "CRLF" : lf > 0 ? "LF" : "CR";
    }

    static List<String> lines(String normalised) {
        return Arrays.asList(normalised.split("\n", -1));
    }
}
