package dev.clearbox.analyzers.capability;

import dev.clearbox.core.Capability;
import dev.clearbox.core.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CapabilityModelTest {
    @TempDir
    Path dir;

    @Test
    void theBuiltInModelLoadsAndUsesEveryCapability() {
        CapabilityModel model = CapabilityModel.builtIn();
        assertEquals("2026.3", model.version());
        assertEquals("built-in", model.origin());
        Set<Capability> used = EnumSet.noneOf(Capability.class);
        model.entries().forEach(e -> used.add(e.capability()));
        Set<Capability> modelled = EnumSet.noneOf(Capability.class);
        for (Capability c : Capability.values()) {
            if (c.modelled()) {
                modelled.add(c);
            }
        }
        assertEquals(modelled, used);
        assertFalse(model.transformers().isEmpty());
    }

    @Test
    void matchFindsExactWildcardAndRespectsParameters() {
        CapabilityModel model = CapabilityModel.builtIn();
        assertEquals(Role.SINK, single(model.match("java.net.http.HttpClient", "send", null)).role());
        assertEquals(Capability.NATIVE, single(model.match("sun.misc.Unsafe", "putLong", null)).capability());
        assertTrue(model.match("java.net.http.HttpClient", "newBuilder", null).isEmpty());
        assertTrue(model.match("com.acme.HttpClient", "send", null).isEmpty());
        assertEquals("environment variable", single(model.match("java.lang.System", "getenv", null)).data());
        assertEquals("Base64-encoded",
                model.matchTransformers("java.util.Base64.Encoder", "encodeToString", null).get(0).label());

        CapabilityModel withParams = new CapabilityModel("1", "test", List.of(new CapabilityEntry(
                "a.B", "m", List.of("java.lang.String"), Capability.ENV, Role.PLAIN, "")), List.of());
        assertEquals(1, withParams.match("a.B", "m", List.of("java.lang.String")).size());
        assertEquals(0, withParams.match("a.B", "m", List.of("int")).size());
        assertEquals(1, withParams.match("a.B", "m", null).size(), "unknown parameters match every overload");
    }

    @Test
    void aUserModelExtendsTheBuiltInOne() throws Exception {
        Path file = dir.resolve("extra.json");
        Files.writeString(file, """
                {"modelVersion": "acme-3",
                 "apis": [{"type": "com.acme.Telemetry", "methods": ["upload", "ping"], "capability": "NETWORK", "role": "sink"}],
                 "transformers": [{"type": "com.acme.Codec", "method": "scramble", "label": "scrambled"}]}
                """);
        CapabilityModel user = CapabilityModel.load(file);
        CapabilityModel merged = CapabilityModel.builtIn().withOverrides(user);
        assertEquals("2026.3+acme-3", merged.version());
        assertEquals(2, user.entries().size());
        assertEquals(Role.SINK, single(merged.match("com.acme.Telemetry", "ping", null)).role());
        assertEquals(1, merged.match("java.net.http.HttpClient", "send", null).size());
        assertEquals("scrambled", merged.matchTransformers("com.acme.Codec", "scramble", null).get(0).label());
        assertEquals(CapabilityModel.builtIn().entries().size() + 2, merged.entries().size());
    }

    @Test
    void theDigestIsTheSha256OfTheModelBytesAsLoadedAndNamesBothModelsWhenExtended() throws Exception {
        byte[] builtInBytes;
        try (var in = CapabilityModel.class.getResourceAsStream("capabilities.json")) {
            builtInBytes = in.readAllBytes();
        }
        Path file = dir.resolve("extra.json");
        Files.writeString(file, "{\"modelVersion\": \"acme-3\", \"apis\": [{\"type\": \"com.acme.T\", \"method\": \"up\","
                + " \"capability\": \"NETWORK\", \"role\": \"sink\"}]}\n");
        String builtIn = sha256(builtInBytes);
        String user = sha256(Files.readAllBytes(file));

        assertEquals(builtIn, CapabilityModel.builtIn().digest());
        assertEquals(user, CapabilityModel.load(file).digest());
        assertEquals(builtIn + "+" + user, CapabilityModel.builtIn().withOverrides(CapabilityModel.load(file)).digest());
        assertTrue(builtIn.matches("[0-9a-f]{64}"), builtIn);
        assertEquals("", new CapabilityModel("1", "test", List.of(), List.of()).digest());
    }

    private static String sha256(byte[] bytes) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"modelVersion\": \"1\", \"apis\": [ |not valid JSON at line 1",
            "{\"apis\": [] }|missing \"modelVersion\"",
            "{\"modelVersion\": \"1\", \"apis\": [{\"method\": \"x\", \"capability\": \"NETWORK\"}]}|apis[0]: missing \"type\"",
            "{\"modelVersion\": \"1\", \"apis\": [{\"type\": \"a.B\", \"method\": \"x\", \"capability\": \"NETWORK\", \"role\": \"sinc\"}]}|apis[0]: unknown role (expected plain, source or sink)",
            "{\"modelVersion\": \"1\", \"apis\": [{\"type\": \"a.B\", \"method\": \"x\", \"capability\": \"TELEPORT\"}]}|apis[0]: unknown capability (known: ",
            "{\"modelVersion\": \"1\", \"apis\": [{\"type\": \"a.B\", \"method\": \"x\", \"capability\": \"HIDDEN_STRING\"}]}|apis[0]: unknown capability (known: [NETWORK, DNS, ",
            "{\"modelVersion\": \"1\", \"apis\": [{\"type\": \"a.B\", \"method\": \"x\", \"capability\": \"ENV\", \"role\": \"source\"}]}|a source needs \"data\"",
            "{\"modelVersion\": \"1\", \"apis\": [{\"type\": \"a.B\", \"methd\": \"x\", \"capability\": \"ENV\"}]}|unknown field \"methd\"",
            "{\"modelVersion\": \"1\", \"modelVersion\": \"2\"}|duplicate key 'modelVersion' at line 1",
            "{\"modelVersion\": \"1\", \"sanitizers\": [{\"type\": \"a.B\", \"method\": \"x\", \"purpose\": \"magic\"}]}|sanitizers[0]: \"purpose\" must be one of",
            "{\"modelVersion\": \"1\", \"sanitizers\": [{\"type\": \"a.B\", \"method\": \"*\", \"purpose\": \"validation\"}]}|sanitizers[0]: a sanitiser names its methods",
            "{\"modelVersion\": \"1\", \"apis\": [{\"type\": \"a.B\", \"method\": \"x\", \"capability\": \"NETWORK\", \"role\": \"sink\", \"sends\": [\"reciever\"]}]}|apis[0]: unknown \"sends\" value (expected \"receiver\", \"args\" or \"arg0\"",
            "{\"modelVersion\": \"1\", \"apis\": [{\"type\": \"a.B\", \"method\": \"x\", \"capability\": \"NETWORK\", \"role\": \"sink\", \"sends\": [\"arg01\"]}]}|apis[0]: unknown \"sends\" value",
            "{\"modelVersion\": \"1\", \"apis\": [{\"type\": \"a.B\", \"method\": \"x\", \"capability\": \"NETWORK\", \"role\": \"sink\", \"sends\": [\"arg255\"]}]}|apis[0]: unknown \"sends\" value",
            "{\"modelVersion\": \"1\", \"apis\": [{\"type\": \"a.B\", \"method\": \"x\", \"capability\": \"NETWORK\", \"role\": \"sink\", \"sends\": [\"args\", \"arg1\"]}]}|apis[0]: unknown \"sends\" value",
            "{\"modelVersion\": \"1\", \"apis\": [{\"type\": \"a.B\", \"method\": \"x\", \"capability\": \"NETWORK\", \"role\": \"sink\", \"sends\": []}]}|apis[0]: \"sends\" must be a non-empty array",
            "{\"modelVersion\": \"1\", \"apis\": [{\"type\": \"a.B\", \"method\": \"x\", \"capability\": \"NETWORK\", \"role\": \"sink\", \"sends\": \"receiver\"}]}|apis[0]: \"sends\" must be a non-empty array",
            "{\"modelVersion\": \"1\", \"apis\": [{\"type\": \"a.B\", \"method\": \"x\", \"capability\": \"NETWORK\", \"role\": \"sink\", \"sends\": [1]}]}|apis[0]: \"sends\" must contain only strings",
            "{\"modelVersion\": \"1\", \"apis\": [{\"type\": \"a.B\", \"method\": \"x\", \"capability\": \"NETWORK\", \"role\": \"sink\", \"sends\": [\"arg0\", \"arg0\"]}]}|apis[0]: \"sends\" names a part twice",
            "{\"modelVersion\": \"1\", \"apis\": [{\"type\": \"a.B\", \"method\": \"x\", \"capability\": \"NETWORK\", \"sends\": [\"args\"]}]}|apis[0]: \"sends\" is only for sinks (role sink)",
            "{\"modelVersion\": \"1\", \"apis\": [{\"type\": \"a.B\", \"methods\": [\"x\", \"<init>\"], \"capability\": \"NETWORK\", \"role\": \"sink\", \"sends\": [\"receiver\"]}]}|apis[0]: \"sends\": a constructor has no receiver",
            "{\"modelVersion\": \"1\", \"effects\": [{\"type\": \"a.B\", \"method\": \"x\", \"return\": [\"recv\"]}]}|effects[0]: unknown value in \"return\" (expected \"receiver\", \"args\" or \"arg0\"",
            "{\"modelVersion\": \"1\", \"effects\": [{\"type\": \"a.B\", \"method\": \"x\", \"arg0\": [\"receiver\"], \"arg-1\": []}]}|effects[0]: unknown field \"arg-1\"",
            "{\"modelVersion\": \"1\", \"effects\": [{\"type\": \"a.B\", \"method\": \"x\"}]}|effects[0]: says nothing",
            "{\"modelVersion\": \"1\", \"effects\": [{\"type\": \"a.B\", \"method\": \"*\", \"return\": []}]}|effects[0]: an effect names its methods",
            "{\"modelVersion\": \"1\", \"effects\": [{\"type\": \"a b\", \"method\": \"x\", \"return\": []}]}|effects[0]: \"type\" is not a fully-qualified Java type name or \"*\"",
            "{\"modelVersion\": \"1\", \"effects\": [{\"type\": \"a.B\", \"method\": \"x\", \"prefixes\": [\"y\"], \"return\": []}]}|effects[0]: needs exactly one of \"method\", \"methods\" or \"prefixes\"",
            "{\"modelVersion\": \"1\", \"effects\": [{\"type\": \"a.B\", \"method\": \"x\", \"call\": \"sometimes\", \"return\": []}]}|effects[0]: \"call\" must be one of",
            "{\"modelVersion\": \"1\", \"effects\": [{\"type\": \"a.B\", \"method\": \"x\", \"keepsConnection\": \"yes\"}]}|effects[0]: \"keepsConnection\" must be true or false",
            "{\"modelVersion\": \"1\", \"effects\": [{\"type\": \"a.B\", \"method\": \"<init>\", \"return\": []}]}|effects[0]: \"writesThrough\" is for constructors",
            "{\"modelVersion\": \"1\", \"effects\": [{\"type\": \"a.B\", \"method\": \"x\", \"writesThrough\": [\"arg0\"]}]}|effects[0]: \"writesThrough\" is for constructors",
            "{\"modelVersion\": \"1\", \"effects\": [{\"type\": \"a.B\", \"method\": \"<init>\", \"writesThrough\": [\"receiver\"]}]}|effects[0]: \"writesThrough\" must list argument positions",
            "{\"modelVersion\": \"1\", \"effects\": [{\"type\": \"a.B\", \"method\": \"x\", \"minArguments\": -1, \"return\": []}]}|effects[0]: \"minArguments\" must be a whole number from 0 to 255",
            "{\"modelVersion\": \"1\", \"effects\": [{\"type\": \"a.B\", \"method\": \"x\", \"minArguments\": \"2\", \"return\": []}]}|effects[0]: \"minArguments\" must be a whole number from 0 to 255",
            "{\"modelVersion\": \"1\", \"effects\": {}}|\"effects\" must be an array"
    })
    void aMalformedUserFileIsOneLineNamingTheFileAndTheProblem(String json, String problem) throws Exception {
        Path file = dir.resolve("bad-model.json");
        Files.writeString(file, json);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> CapabilityModel.load(file));
        assertTrue(e.oneLine().startsWith("analyze: " + file + ": "), e.oneLine());
        assertTrue(e.problem().contains(problem), e.problem());
        assertFalse(e.oneLine().contains("\n"), e.oneLine());
    }

    @Test
    void aSinkSendsItsArgumentsUnlessItsEntryNamesTheParts() throws Exception {
        CapabilityModel builtIn = CapabilityModel.builtIn();
        assertEquals(Sends.ARGUMENTS, builtIn.match("java.net.InetAddress", "getByName", null).get(0).sends());
        assertEquals(new Sends(true, true, List.of()), builtIn.match("java.net.URL", "openConnection", null).get(0).sends());
        assertEquals(new Sends(true, false, List.of()), builtIn.match("java.net.URLConnection", "getOutputStream", null).get(0).sends());
        assertEquals(Sends.ARGUMENTS, builtIn.match("java.net.Socket", "<init>", null).get(0).sends());
        assertEquals(null, builtIn.match("java.lang.System", "getenv", null).get(0).sends(), "only sinks send");
        Path file = Files.writeString(dir.resolve("sends.json"), """
                {"modelVersion": "s1", "apis": [
                  {"type": "com.acme.Wire", "method": "push", "capability": "NETWORK", "role": "sink", "sends": ["arg1", "receiver"]},
                  {"type": "com.acme.Wire", "method": "log", "capability": "NETWORK", "role": "sink"}]}
                """);
        CapabilityModel user = CapabilityModel.load(file);
        Sends push = user.match("com.acme.Wire", "push", null).get(0).sends();
        assertEquals(new Sends(true, false, List.of(1)), push);
        assertEquals(List.of("receiver", "arg1"), push.jsonNames());
        assertTrue(push.sendsArgument(1) && !push.sendsArgument(0) && !push.sendsArgument(2));
        assertEquals(Sends.ARGUMENTS, user.match("com.acme.Wire", "log", null).get(0).sends());
        assertEquals(new Sends(true, true, List.of()), push.union(Sends.ARGUMENTS));
    }

    @Test
    void libraryEffectsAreDataInTheModel() throws Exception {
        CapabilityModel builtIn = CapabilityModel.builtIn();
        LibraryEffect format = builtIn.matchEffects("java.util.Formatter", "format", false).get(0);
        assertEquals(new LibraryEffect.Parts(false, true, List.of()), format.receiver());
        assertEquals(List.of(0), builtIn.matchEffects("java.util.Formatter", "<init>", false).get(0).writesThrough());
        assertTrue(builtIn.wrapperTypes().containsAll(Set.of("java.util.Formatter", "java.io.PrintWriter")), builtIn.wrapperTypes().toString());
        assertEquals(new LibraryEffect.Parts(false, true, List.of()),
                builtIn.matchEffects("java.lang.ProcessBuilder", "command", false).get(0).receiver());
        assertEquals(new LibraryEffect.Parts(true, false, List.of()),
                builtIn.matchEffects("java.util.HashMap", "put", false).get(0).result(), "put returns the previous value");
        assertTrue(builtIn.matchEffects(null, "addFirst", false).stream().anyMatch(e -> e.prefix() && e.receiver() != null),
                "a * prefix effect for a type not named");
        assertEquals(LibraryEffect.Parts.NONE, builtIn.matchEffects(null, "size", false).get(0).result());
        assertTrue(builtIn.matchEffects(null, "read", false, 1).stream().anyMatch(e -> LibraryEffect.Parts.NONE.equals(e.result())),
                "read(buf) returns a count");
        assertTrue(builtIn.matchEffects(null, "read", false, 0).stream().noneMatch(e -> LibraryEffect.Parts.NONE.equals(e.result())),
                "read() returns a byte of the data");
        assertTrue(builtIn.matchEffects(null, "arraycopy", false).isEmpty(), "arraycopy is a static call's effect");
        assertEquals(Map.of(2, new LibraryEffect.Parts(false, false, List.of(0))),
                builtIn.matchEffects("java.lang.System", "arraycopy", true).get(0).intoArguments());
        assertTrue(builtIn.matchEffects("com.vendor.Codec", "pack", false).isEmpty(), "unknown: the default holds");
        assertTrue(builtIn.hasTypedEffect("format") && !builtIn.hasTypedEffect("pack"));
        Path file = Files.writeString(dir.resolve("effects.json"), """
                {"modelVersion": "e1", "effects": [
                  {"type": "com.vendor.Codec", "methods": ["checksum"], "return": []},
                  {"type": "*", "prefixes": ["stash"], "call": "instance", "receiver": ["arg1"], "arg0": ["receiver", "arg2"]}]}
                """);
        CapabilityModel merged = builtIn.withOverrides(CapabilityModel.load(file));
        assertEquals(LibraryEffect.Parts.NONE, merged.matchEffects("com.vendor.Codec", "checksum", false).get(0).result());
        LibraryEffect stash = merged.matchEffects(null, "stashAway", false).get(0);
        assertEquals(new LibraryEffect.Parts(false, false, List.of(1)), stash.receiver());
        assertEquals(Map.of(0, new LibraryEffect.Parts(true, false, List.of(2))), stash.intoArguments());
        assertTrue(merged.matchEffects(null, "stashAway", true).isEmpty(), "instance calls only");
    }

    @Test
    void aMissingUserFileIsAnInputError() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> CapabilityModel.load(dir.resolve("absent.json")));
        assertEquals("analyze: " + dir.resolve("absent.json") + ": no such file", e.oneLine());
    }

    @Test
    void valuesOfAModelFileAreNotRepeatedInErrors() throws Exception {
        String hostile = "SECRET\\u001b[2J";
        for (String json : new String[]{
                "{\"modelVersion\": \"1\", \"apis\": [{\"type\": \"a.B\", \"method\": \"x\", \"capability\": \"" + hostile + "\"}]}",
                "{\"modelVersion\": \"1\", \"apis\": [{\"type\": \"a.B\", \"method\": \"x\", \"capability\": \"ENV\", \"role\": \"" + hostile + "\"}]}",
                "{\"modelVersion\": \"1\", \"apis\": [{\"type\": \"" + hostile + "\", \"method\": \"x\", \"capability\": \"ENV\"}]}",
                "{\"modelVersion\": \"1\", \"apis\": [{\"type\": \"a.B\", \"method\": \"" + hostile + "\", \"capability\": \"ENV\"}]}",
                "{\"modelVersion\": \"1\", \"apis\": [{\"type\": \"a.B\", \"" + hostile + "\": \"x\", \"capability\": \"ENV\"}]}",
                "{\"modelVersion\": \"1\", \"apis\": [{\"type\": \"a.B\", \"method\": \"x\", \"capability\": \"NETWORK\", \"role\": \"sink\", \"sends\": [\"" + hostile + "\"]}]}",
                "{\"modelVersion\": \"1\", \"apis\": [ SECRET ]}"}) {
            Path file = Files.writeString(dir.resolve("hostile-model.json"), json);
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> CapabilityModel.load(file), json);
            assertTrue(e.oneLine().startsWith("analyze: " + file + ": "), e.oneLine());
            assertFalse(e.problem().contains("SECRET"), e.problem());
            assertFalse(e.problem().contains("\u001b"), e.problem());
        }
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aModelThatIsADeviceIsRefusedWithoutReadingForever() {
        Path zero = Path.of("/dev/zero");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> CapabilityModel.load(zero));
        assertEquals("analyze: /dev/zero: not a regular file (a character device); refusing to read it", e.oneLine());
    }

    private static CapabilityEntry single(List<CapabilityEntry> entries) {
        assertEquals(1, entries.size(), entries.toString());
        return entries.get(0);
    }
}
