package dev.clearbox.core.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * JSON that someone else wrote (session manifest, capability model, DSSE envelope, in-toto Statement): the one
 * place that says how Clearbox parses it and how it reports what is wrong with it.
 *
 * <p>Parsing refuses a key that appears twice in one object ({@link StreamReadFeature#STRICT_DUPLICATE_DETECTION}:
 * otherwise the last one silently wins, and two readers of the same file may see two different documents) and
 * anything after the top-level value. Problems are one line naming the key path and the line number, never
 * Jackson's multi-line message and never the input's text: a key is shown only when it is a plain name.
 */
public final class UntrustedJson {
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9_$@.:-]{1,64}");

    private UntrustedJson() {
    }

    /** A mapper builder for untrusted JSON: duplicate keys and trailing tokens refused. Add features as needed. */
    public static JsonMapper.Builder mapper() {
        JsonFactory factory = JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
        return JsonMapper.builder(factory).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /**
     * As {@link #mapper()}, with the longest string accepted set by the caller instead of Jackson's default (20,000,000
     * characters): for documents whose size the caller has already capped with a limit of its own (a DSSE envelope's
     * base64 payload), so that the caller's limit, with its own message, is the one that applies.
     */
    public static JsonMapper.Builder mapper(int maxStringLength) {
        JsonFactory factory = JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .streamReadConstraints(com.fasterxml.jackson.core.StreamReadConstraints.builder()
                        .maxStringLength(maxStringLength).build())
                .build();
        return JsonMapper.builder(factory).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /**
     * What is wrong, in one line without the input's content: {@code duplicate key 'source.commit' at line 7},
     * {@code not valid JSON at line 3, column 9}, {@code unknown field 'build.surprise'},
     * {@code 'build.runs' must be a number}.
     */
    public static String problem(JsonProcessingException e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof StreamReadException syntax) {
                return problem(syntax); // a parse error met while mapping: the text, not the structure, is wrong
            }
        }
        String at = at(e.getLocation());
        if (e instanceof UnrecognizedPropertyException u) {
            return "unknown field '" + path(u.getPath(), u.getPropertyName()) + "'";
        }
        if (e instanceof MismatchedInputException m && !m.getPath().isEmpty()) {
            return "'" + path(m.getPath(), null) + "' must be " + expected(m.getTargetType());
        }
        if (e instanceof JsonMappingException m) {
            return m.getPath().isEmpty() ? "not the expected JSON structure" + at
                    : "'" + path(m.getPath(), null) + "' is not valid" + at;
        }
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (message.startsWith("Duplicate field") && e.getProcessor() instanceof JsonParser parser) {
            return "duplicate key '" + path(parser.getParsingContext()) + "'" + at;
        }
        if (e instanceof JsonEOFException) {
            return "not valid JSON" + at + ": unexpected end of input";
        }
        return "not valid JSON" + at + (e.getLocation() != null ? ", column " + e.getLocation().getColumnNr() : "");
    }

    /** A key from the input as it may appear in a message: itself when it is a plain name, else a description. */
    public static String name(String key) {
        if (key == null) {
            return "?";
        }
        return PLAIN_NAME.matcher(key).matches() ? key : "(a key that is not a plain name)";
    }

    private static String at(JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? "" : " at line " + location.getLineNr();
    }

    private static String path(List<JsonMappingException.Reference> refs, String last) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : refs) {
            if (ref.getFieldName() != null) {
                dot(out).append(name(ref.getFieldName()));
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        if (last != null && (refs.isEmpty() || !last.equals(refs.get(refs.size() - 1).getFieldName()))) {
            dot(out).append(name(last));
        }
        return out.toString();
    }

    private static String path(JsonStreamContext context) {
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inObject()) {
                parts.addFirst("." + name(c.getCurrentName()));
            } else if (c.inArray()) {
                parts.addFirst("[" + Math.max(0, c.getCurrentIndex()) + "]");
            }
        }
        String p = String.join("", parts);
        return p.startsWith(".") ? p.substring(1) : p;
    }

    private static StringBuilder dot(StringBuilder out) {
        return out.length() > 0 ? out.append('.') : out;
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type == String.class || type == Character.class || type == char.class) {
            return "a string";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "an object";
        }
        return "of another type";
    }
}
