package dev.clearbox.analyzers.capability.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clearbox.core.Capability;
import dev.clearbox.analyzers.capability.CapabilityEntry;
import dev.clearbox.analyzers.capability.Role;
import dev.clearbox.analyzers.capability.SourceClassRule;
import dev.clearbox.core.Channel;
import dev.clearbox.core.Sensitivity;
import dev.clearbox.analyzers.capability.LibraryEffect;
import dev.clearbox.analyzers.capability.Sanitizer;
import dev.clearbox.analyzers.capability.Sends;
import dev.clearbox.analyzers.capability.Transformer;
import dev.clearbox.core.InvalidInputException;
import dev.clearbox.core.Stage;
import dev.clearbox.core.io.UntrustedJson;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads and validates a capability model file (format: docs/capability-model.md). Not API. */
public final class ModelReader {
    private static final Stage STAGE = Stage.ANALYZE;
    private static final Pattern QUALIFIED =
            Pattern.compile("\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*(\\.\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*)*");
    private static final Pattern METHOD =
            Pattern.compile("<init>|\\*|\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*");
    private static final Set<String> TOP_FIELDS = Set.of("modelVersion", "description", "apis", "transformers", "sanitizers",
            "sourceClasses", "effects");
    private static final Set<String> API_FIELDS = Set.of("type", "method", "methods", "params", "capability", "role", "data",
            "sensitivity", "channel", "sends");
    private static final Set<String> CLASS_FIELDS = Set.of("api", "path", "key", "sensitivity");
    private static final Pattern API = Pattern.compile(
            "\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*(\\.\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*)*#(<init>|\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*)");
    private static final Set<String> SANITIZER_FIELDS = Set.of("type", "method", "methods", "params", "purpose", "description");
    private static final Set<String> EFFECT_FIELDS = Set.of("type", "method", "methods", "prefixes", "call", "return",
            "receiver", "keepsConnection", "writesThrough", "minArguments");
    private static final Set<String> TRANSFORMER_FIELDS = Set.of("type", "method", "methods", "params", "label");
    private static final ObjectMapper MAPPER = UntrustedJson.mapper().build();

    private ModelReader() {
    }

    /** What a model file says, before it becomes a {@code CapabilityModel}. */
    public record ModelFile(String version, String origin, List<CapabilityEntry> entries, List<Transformer> transformers,
                            List<SourceClassRule> sourceClasses, List<Sanitizer> sanitizers, List<LibraryEffect> effects) {
        public ModelFile {
            effects = List.copyOf(effects);
            sanitizers = List.copyOf(sanitizers);
            entries = List.copyOf(entries);
            transformers = List.copyOf(transformers);
            sourceClasses = List.copyOf(sourceClasses);
        }
    }

    /** Parses a model file; {@code origin} names the input in errors and in the model's {@code origin()}. */
    public static ModelFile read(byte[] json, String origin) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw fail(origin, UntrustedJson.problem(e));
        } catch (IOException e) {
            throw fail(origin, "cannot read: " + e.getClass().getSimpleName());
        }
        if (root == null || !root.isObject()) {
            throw fail(origin, "expected a JSON object at the top level");
        }
        checkFields(origin, "top level", root, TOP_FIELDS);
        JsonNode version = root.get("modelVersion");
        if (version == null || !version.isTextual() || version.asText().isBlank()) {
            throw fail(origin, "missing \"modelVersion\" (a non-empty string)");
        }
        List<CapabilityEntry> entries = new ArrayList<>();
        JsonNode apis = array(origin, root, "apis");
        for (int i = 0; i < apis.size(); i++) {
            entries.addAll(api(origin, "apis[" + i + "]", apis.get(i)));
        }
        List<Transformer> transformers = new ArrayList<>();
        JsonNode ts = array(origin, root, "transformers");
        for (int i = 0; i < ts.size(); i++) {
            transformers.addAll(transformer(origin, "transformers[" + i + "]", ts.get(i)));
        }
        List<SourceClassRule> classes = new ArrayList<>();
        JsonNode cs = array(origin, root, "sourceClasses");
        for (int i = 0; i < cs.size(); i++) {
            classes.add(sourceClass(origin, "sourceClasses[" + i + "]", cs.get(i)));
        }
        List<Sanitizer> sanitizers = new ArrayList<>();
        JsonNode ss = array(origin, root, "sanitizers");
        for (int i = 0; i < ss.size(); i++) {
            sanitizers.addAll(sanitizer(origin, "sanitizers[" + i + "]", ss.get(i)));
        }
        List<LibraryEffect> effects = new ArrayList<>();
        JsonNode es = array(origin, root, "effects");
        for (int i = 0; i < es.size(); i++) {
            effects.addAll(effect(origin, "effects[" + i + "]", es.get(i)));
        }
        return new ModelFile(version.asText(), origin, entries, transformers, classes, sanitizers, effects);
    }

    /** An {@code effects} item: for a type (or {@code *}) and method names or prefixes, which part takes data from which. */
    private static List<LibraryEffect> effect(String origin, String where, JsonNode node) {
        requireObject(origin, where, node);
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!EFFECT_FIELDS.contains(name) && LibraryEffect.Parts.position(name).isEmpty()) {
                throw fail(origin, where + ": unknown field \"" + UntrustedJson.name(name) + "\"");
            }
        }
        String type = text(origin, where, node, "type", true);
        if (!type.equals(LibraryEffect.ANY_TYPE) && !QUALIFIED.matcher(type).matches()) {
            throw fail(origin, where + ": \"type\" is not a fully-qualified Java type name or \"*\"");
        }
        boolean prefix = node.has("prefixes");
        List<String> names;
        if (prefix) {
            if (node.has("method") || node.has("methods")) {
                throw fail(origin, where + ": needs exactly one of \"method\", \"methods\" or \"prefixes\"");
            }
            names = strings(origin, where, node.get("prefixes"), "prefixes");
        } else {
            names = methods(origin, where, node);
        }
        for (String n : names) {
            if (n.equals("*") || prefix && !METHOD.matcher(n).matches()) {
                throw fail(origin, where + ": an effect names its methods (a Java name, or <init> with \"writesThrough\"); \"*\" is not allowed");
            }
        }
        String callText = text(origin, where, node, "call", false);
        LibraryEffect.Call call = callText == null ? LibraryEffect.Call.ANY : LibraryEffect.Call.fromJsonName(callText)
                .orElseThrow(() -> fail(origin, where + ": \"call\" must be one of \"any\", \"static\", \"instance\""));
        int minArguments = 0;
        if (node.has("minArguments")) {
            JsonNode m = node.get("minArguments");
            if (!m.isInt() || m.asInt() < 0 || m.asInt() > 255) {
                throw fail(origin, where + ": \"minArguments\" must be a whole number from 0 to 255");
            }
            minArguments = m.asInt();
        }
        LibraryEffect.Parts result = parts(origin, where, node, "return");
        LibraryEffect.Parts receiver = parts(origin, where, node, "receiver");
        java.util.Map<Integer, LibraryEffect.Parts> into = new java.util.TreeMap<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            LibraryEffect.Parts.position(name).ifPresent(p -> into.put(p, parts(origin, where, node, name)));
        }
        JsonNode keeps = node.get("keepsConnection");
        if (keeps != null && !keeps.isBoolean()) {
            throw fail(origin, where + ": \"keepsConnection\" must be true or false");
        }
        boolean keepsConnection = keeps != null && keeps.asBoolean();
        List<Integer> writesThrough = new ArrayList<>();
        if (node.has("writesThrough")) {
            for (String w : strings(origin, where, node.get("writesThrough"), "writesThrough")) {
                writesThrough.add(LibraryEffect.Parts.position(w).orElseThrow(() -> fail(origin,
                        where + ": \"writesThrough\" must list argument positions (\"arg0\", \"arg1\"...)")));
            }
        }
        boolean constructor = names.contains(CapabilityEntry.CONSTRUCTOR);
        if (constructor != !writesThrough.isEmpty()) {
            throw fail(origin, where + ": \"writesThrough\" is for constructors (<init>), and a constructor's effect is only that");
        }
        if (constructor && (names.size() > 1 || prefix || result != null || receiver != null || !into.isEmpty() || keepsConnection)) {
            throw fail(origin, where + ": a constructor's effect is only \"writesThrough\"");
        }
        if (!constructor && result == null && receiver == null && into.isEmpty() && !keepsConnection) {
            throw fail(origin, where + ": says nothing: needs \"return\", \"receiver\", an \"argN\" or \"keepsConnection\"");
        }
        List<LibraryEffect> out = new ArrayList<>();
        for (String n : names) {
            out.add(new LibraryEffect(type, n, prefix, call, result, receiver, into, keepsConnection, writesThrough,
                    minArguments));
        }
        return out;
    }

    private static LibraryEffect.Parts parts(String origin, String where, JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null) {
            return null;
        }
        if (!value.isArray()) {
            throw fail(origin, where + ": \"" + field + "\" must be an array of \"receiver\", \"args\", \"arg0\", \"arg1\"...");
        }
        List<String> words = new ArrayList<>();
        for (JsonNode w : value) {
            if (!w.isTextual()) {
                throw fail(origin, where + ": \"" + field + "\" must contain only strings");
            }
            words.add(w.asText());
        }
        return LibraryEffect.Parts.parse(words).orElseThrow(() -> fail(origin, where + ": unknown value in \"" + field
                + "\" (expected \"receiver\", \"args\" or \"arg0\" to \"arg" + Sends.MAX_POSITION + "\")"));
    }

    private static List<String> strings(String origin, String where, JsonNode value, String field) {
        if (value == null || !value.isArray() || value.isEmpty()) {
            throw fail(origin, where + ": \"" + field + "\" must be a non-empty array of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode m : value) {
            if (!m.isTextual()) {
                throw fail(origin, where + ": \"" + field + "\" must contain only strings");
            }
            out.add(m.asText());
        }
        return out;
    }

    private static List<CapabilityEntry> api(String origin, String where, JsonNode node) {
        requireObject(origin, where, node);
        checkFields(origin, where, node, API_FIELDS);
        String type = type(origin, where, node);
        List<String> params = params(origin, where, node);
        String capText = text(origin, where, node, "capability", true);
        List<Capability> modelled = Arrays.stream(Capability.values()).filter(Capability::modelled).toList();
        Capability capability = modelled.stream().filter(c -> c.name().equals(capText)).findFirst()
                .orElseThrow(() -> fail(origin, where + ": unknown capability (known: " + modelled + ")"));
        String roleText = text(origin, where, node, "role", false);
        Role role = roleText == null ? Role.PLAIN : Role.fromJsonName(roleText).orElseThrow(
                () -> fail(origin, where + ": unknown role (expected plain, source or sink)"));
        String data = text(origin, where, node, "data", false);
        if (role == Role.SOURCE && (data == null || data.isBlank())) {
            throw fail(origin, where + ": a source needs \"data\" describing what it yields");
        }
        Sensitivity sensitivity = sensitivity(origin, where, node);
        if (sensitivity != null && role != Role.SOURCE) {
            throw fail(origin, where + ": \"sensitivity\" is only for sources (role source)");
        }
        String channelText = text(origin, where, node, "channel", false);
        Channel channel = channelText == null ? null : Channel.fromJsonName(channelText).orElseThrow(
                () -> fail(origin, where + ": unknown \"channel\" (expected " + Channel.names() + ")"));
        if (channel != null && role != Role.SINK) {
            throw fail(origin, where + ": \"channel\" is only for sinks (role sink)");
        }
        Sends sends = sends(origin, where, node);
        if (sends != null && role != Role.SINK) {
            throw fail(origin, where + ": \"sends\" is only for sinks (role sink)");
        }
        List<CapabilityEntry> out = new ArrayList<>();
        for (String method : methods(origin, where, node)) {
            if (sends != null && sends.receiver() && method.equals(CapabilityEntry.CONSTRUCTOR)) {
                throw fail(origin, where + ": \"sends\": a constructor has no receiver to send");
            }
            out.add(new CapabilityEntry(type, method, params, capability, role, data, sensitivity, channel, sends));
        }
        return out;
    }

    /** A sink's {@code sends} list: which of its receiver and arguments carry data out (docs/capability-model.md). */
    private static Sends sends(String origin, String where, JsonNode node) {
        JsonNode value = node.get("sends");
        if (value == null) {
            return null;
        }
        if (!value.isArray() || value.isEmpty()) {
            throw fail(origin, where + ": \"sends\" must be a non-empty array of \"receiver\", \"args\", \"arg0\", \"arg1\"...");
        }
        List<String> words = new ArrayList<>();
        for (JsonNode w : value) {
            if (!w.isTextual()) {
                throw fail(origin, where + ": \"sends\" must contain only strings");
            }
            if (words.contains(w.asText())) {
                throw fail(origin, where + ": \"sends\" names a part twice");
            }
            words.add(w.asText());
        }
        return Sends.parse(words).orElseThrow(() -> fail(origin, where + ": unknown \"sends\" value (expected \"receiver\", "
                + "\"args\" or \"arg0\" to \"arg" + Sends.MAX_POSITION + "\"; \"args\" excludes positions)"));
    }

    private static Sensitivity sensitivity(String origin, String where, JsonNode node) {
        String text = text(origin, where, node, "sensitivity", false);
        return text == null ? null : Sensitivity.fromJsonName(text).orElseThrow(
                () -> fail(origin, where + ": unknown \"sensitivity\" (expected " + Sensitivity.names() + ")"));
    }

    private static SourceClassRule sourceClass(String origin, String where, JsonNode node) {
        requireObject(origin, where, node);
        checkFields(origin, where, node, CLASS_FIELDS);
        Sensitivity sensitivity = sensitivity(origin, where, node);
        if (sensitivity == null) {
            throw fail(origin, where + ": missing \"sensitivity\"");
        }
        String api = text(origin, where, node, "api", false);
        if (api != null && !API.matcher(api).matches()) {
            throw fail(origin, where + ": \"api\" is not Type#method (a fully-qualified type, #, a method name)");
        }
        String path = text(origin, where, node, "path", false);
        String key = text(origin, where, node, "key", false);
        if (api == null && path == null && key == null) {
            throw fail(origin, where + ": needs at least one of \"api\", \"path\" or \"key\"");
        }
        if (path != null && key != null) {
            throw fail(origin, where + ": \"path\" and \"key\" exclude each other (a source reads a file or a key)");
        }
        return new SourceClassRule(api, path, key, sensitivity);
    }

    private static List<Sanitizer> sanitizer(String origin, String where, JsonNode node) {
        requireObject(origin, where, node);
        checkFields(origin, where, node, SANITIZER_FIELDS);
        String type = type(origin, where, node);
        List<String> params = params(origin, where, node);
        String purposeText = text(origin, where, node, "purpose", true);
        Sanitizer.Purpose purpose = Sanitizer.Purpose.fromJsonName(purposeText).orElseThrow(() -> fail(origin,
                where + ": \"purpose\" must be one of \"validation\", \"comparison\""));
        List<Sanitizer> out = new ArrayList<>();
        for (String method : methods(origin, where, node)) {
            if (method.equals("*")) {
                throw fail(origin, where + ": a sanitiser names its methods; \"*\" is not allowed");
            }
            out.add(new Sanitizer(type, method, params, purpose));
        }
        return out;
    }

    private static List<Transformer> transformer(String origin, String where, JsonNode node) {
        requireObject(origin, where, node);
        checkFields(origin, where, node, TRANSFORMER_FIELDS);
        String type = type(origin, where, node);
        List<String> params = params(origin, where, node);
        String label = text(origin, where, node, "label", true);
        List<Transformer> out = new ArrayList<>();
        for (String method : methods(origin, where, node)) {
            out.add(new Transformer(type, method, params, label));
        }
        return out;
    }

    private static String type(String origin, String where, JsonNode node) {
        String type = text(origin, where, node, "type", true);
        if (!QUALIFIED.matcher(type).matches()) {
            throw fail(origin, where + ": \"type\" is not a fully-qualified Java type name");
        }
        return type;
    }

    private static List<String> methods(String origin, String where, JsonNode node) {
        JsonNode one = node.get("method");
        JsonNode many = node.get("methods");
        if ((one == null) == (many == null)) {
            throw fail(origin, where + ": needs exactly one of \"method\" or \"methods\"");
        }
        List<String> names = new ArrayList<>();
        if (one != null) {
            names.add(text(origin, where, node, "method", true));
        } else {
            if (!many.isArray() || many.isEmpty()) {
                throw fail(origin, where + ": \"methods\" must be a non-empty array of strings");
            }
            for (JsonNode m : many) {
                if (!m.isTextual()) {
                    throw fail(origin, where + ": \"methods\" must contain only strings");
                }
                names.add(m.asText());
            }
        }
        for (String name : names) {
            if (!METHOD.matcher(name).matches()) {
                throw fail(origin, where + ": bad method name (a Java name, <init> or *)");
            }
        }
        return names;
    }

    private static List<String> params(String origin, String where, JsonNode node) {
        JsonNode p = node.get("params");
        if (p == null || p.isNull()) {
            return null;
        }
        if (!p.isArray()) {
            throw fail(origin, where + ": \"params\" must be an array of type names");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode t : p) {
            String name = t.isTextual() ? t.asText().replace("[]", "") : "";
            if (!QUALIFIED.matcher(name).matches()) {
                throw fail(origin, where + ": \"params\" must contain only type names");
            }
            out.add(t.asText());
        }
        return out;
    }

    private static JsonNode array(String origin, JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null) {
            return MAPPER.createArrayNode();
        }
        if (!node.isArray()) {
            throw fail(origin, "\"" + field + "\" must be an array");
        }
        return node;
    }

    private static String text(String origin, String where, JsonNode node, String field, boolean required) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw fail(origin, where + ": missing \"" + field + "\"");
            }
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw fail(origin, where + ": \"" + field + "\" must be a non-empty string");
        }
        return value.asText().strip();
    }

    private static void requireObject(String origin, String where, JsonNode node) {
        if (!node.isObject()) {
            throw fail(origin, where + ": expected an object");
        }
    }

    private static void checkFields(String origin, String where, JsonNode node, Set<String> allowed) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!allowed.contains(name)) {
                throw fail(origin, where + ": unknown field \"" + UntrustedJson.name(name) + "\"");
            }
        }
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }

    private static InvalidInputException fail(String origin, String problem) {
        return new InvalidInputException(STAGE, origin, oneLine(problem));
    }
}
