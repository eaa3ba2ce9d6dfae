package dev.clearbox.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.PrintWriter;

/**
 * The JSON that standalone commands print with {@code --format json}: indented, map keys sorted. Jackson
 * escapes C0 controls in strings; DEL, C1 controls, format characters (bidi overrides...), U+2028/U+2029
 * and every UTF-16 surrogate are written as {@code \}{@code uXXXX} escapes too, so the JSON holds only
 * characters {@link Terminal} lets through and the same strings for any JSON parser.
 */
final class JsonOutput {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    static {
        MAPPER.getFactory().setCharacterEscapes(new TerminalSafeEscapes());
    }

    private JsonOutput() {
    }

    static String render(Object value) throws JsonProcessingException {
        return MAPPER.writeValueAsString(value);
    }

    /** Prints the JSON and a line break; the JSON's own line breaks are kept (its strings hold none raw). */
    static void print(PrintWriter out, Object value) throws JsonProcessingException {
        out.print(render(value));
        out.println();
    }

    /** Jackson's standard escapes plus {@code \}{@code u} escapes for every character the terminal must not get raw. */
    private static final class TerminalSafeEscapes extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private final int[] ascii = standardAsciiEscapesForJSON();

        TerminalSafeEscapes() {
            ascii[0x7f] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return Terminal.isUnsafe(ch) ? new SerializedString(String.format("\\u%04x", ch)) : null;
        }
    }
}
