package dev.clearbox.analyzers.capability;

import dev.clearbox.core.Capability;
import dev.clearbox.core.Channel;
import dev.clearbox.core.InvalidInputException;
import dev.clearbox.core.Sensitivity;
import dev.clearbox.core.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sensitivity classes, channels and {@code sourceClasses} in the model; the severity rules of flows. */
class SourceClassesTest {
    @TempDir
    Path dir;

    @Test
    void everyBuiltInSourceHasAClassAndEverySinkAChannel() throws Exception {
        String json = new String(CapabilityModel.class.getResourceAsStream("capabilities.json").readAllBytes());
        CapabilityModel model = CapabilityModel.builtIn();
        for (CapabilityEntry e : model.entries()) {
            if (e.role() == Role.SOURCE) {
                assertNotNull(e.sensitivity(), e.api());
            } else {
                assertNull(e.sensitivity(), e.api());
            }
            if (e.role() == Role.SINK) {
                assertNotNull(e.channel(), e.api());
            } else {
                assertNull(e.channel(), e.api());
            }
        }
        // written in the file, not left to the defaults
        long sources = json.lines().filter(l -> l.contains("\"role\": \"source\"")).count();
        assertEquals(sources, json.lines().filter(l -> l.contains("\"role\": \"source\"") && l.contains("\"sensitivity\"")).count());
        long sinks = json.lines().filter(l -> l.contains("\"role\": \"sink\"")).count();
        assertEquals(sinks, json.lines().filter(l -> l.contains("\"role\": \"sink\"") && l.contains("\"channel\"")).count());
        assertEquals(Channel.DNS_NAME, single(model.match("java.net.InetAddress", "getByName", null)).channel());
        assertEquals(Channel.NETWORK_DESTINATION, single(model.match("java.net.URL", "openConnection", null)).channel());
        assertEquals(Channel.NETWORK_PAYLOAD, single(model.match("java.net.Socket", "getOutputStream", null)).channel());
        assertEquals(Sensitivity.SECRET, single(model.match("java.security.KeyStore", "load", null)).sensitivity());
    }

    @ParameterizedTest
    @CsvSource({
        "~/.ssh/id_rsa, secret, path ~/.ssh/**",
        "{…}/.ssh/id_ed25519, secret, path **/id_ed25519*",
        "/etc/tls/server.pem, secret, path **/*.pem",
        "server.pem, secret, path **/*.pem",
        "~/.acme/agent.properties, configuration, path **/*.properties",
        "~/Documents/letter.txt, personal, model",
        "'', personal, model",
    })
    void builtInPathRulesClassifyFileReads(String path, String expected, String by) {
        CapabilityModel model = CapabilityModel.builtIn();
        CapabilityEntry read = single(model.match("java.nio.file.Files", "readAllBytes", null));
        CapabilityModel.SourceClass c = model.classify(read, read.api(), path, true);
        assertEquals(expected, c.sensitivity().jsonName(), path);
        assertEquals(by, c.by());
    }

    @Test
    void keysClassifyPropertiesAndVariablesButNotFiles() {
        CapabilityModel model = CapabilityModel.builtIn();
        CapabilityEntry property = single(model.match("java.lang.System", "getProperty", null));
        assertEquals(Sensitivity.DEVICE_IDENTIFIER, model.classify(property, property.api(), "user.name", false).sensitivity());
        assertEquals(Sensitivity.ENVIRONMENT, model.classify(property, property.api(), "os.name", false).sensitivity());
        CapabilityEntry env = single(model.match("java.lang.System", "getenv", null));
        assertEquals(Sensitivity.SECRET, model.classify(env, env.api(), "GITHUB_TOKEN", false).sensitivity());
        assertEquals(Sensitivity.ENVIRONMENT, model.classify(env, env.api(), "", false).sensitivity(), "unknown key");
        CapabilityEntry read = single(model.match("java.nio.file.Files", "readAllBytes", null));
        assertEquals(Sensitivity.PERSONAL, model.classify(read, read.api(), "USER", true).sensitivity(),
                "a key rule does not match a file named like the key");
    }

    @Test
    void aUserModelReclassifiesBeforeTheBuiltInRules() throws Exception {
        Path file = write("""
                {"modelVersion": "u1", "sourceClasses": [
                  {"path": "~/.acme/**", "sensitivity": "secret"},
                  {"api": "java.lang.System#getenv", "sensitivity": "device-identifier"}
                ]}""");
        CapabilityModel model = CapabilityModel.builtIn().withOverrides(CapabilityModel.load(file));
        CapabilityEntry read = single(model.match("java.nio.file.Files", "readAllBytes", null));
        CapabilityModel.SourceClass c = model.classify(read, read.api(), "~/.acme/agent.properties", true);
        assertEquals(Sensitivity.SECRET, c.sensitivity(), "the user's rule wins over **/*.properties");
        assertEquals("path ~/.acme/**", c.by());
        CapabilityEntry env = single(model.match("java.lang.System", "getenv", null));
        assertEquals(Sensitivity.DEVICE_IDENTIFIER, model.classify(env, env.api(), "", false).sensitivity());
        assertEquals(Sensitivity.CONFIGURATION, model.classify(read, read.api(), "/opt/x.yml", true).sensitivity(),
                "built-in rules still apply after the user's");
    }

    @Test
    void sourceAndSinkFieldsAreRead() throws Exception {
        Path file = write("""
                {"modelVersion": "u1", "apis": [
                  {"type": "com.acme.Vault", "method": "read", "capability": "FILE_READ", "role": "source",
                   "data": "vault entry", "sensitivity": "secret"},
                  {"type": "com.acme.Log", "method": "info", "capability": "FILE_WRITE", "role": "sink", "channel": "log"}
                ]}""");
        CapabilityModel model = CapabilityModel.load(file);
        assertEquals(Sensitivity.SECRET, single(model.match("com.acme.Vault", "read", null)).sensitivity());
        assertEquals(Channel.LOG, single(model.match("com.acme.Log", "info", null)).channel());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"modelVersion\": \"x\", \"apis\": [{\"type\": \"a.B\", \"method\": \"c\", \"capability\": \"ENV\", \"role\": \"source\", \"data\": \"d\", \"sensitivity\": \"top-secret\"}]} | apis[0]: unknown \"sensitivity\" (expected secret, personal, device-identifier, environment, configuration)",
        "{\"modelVersion\": \"x\", \"apis\": [{\"type\": \"a.B\", \"method\": \"c\", \"capability\": \"NETWORK\", \"role\": \"sink\", \"channel\": \"smoke-signal\"}]} | apis[0]: unknown \"channel\" (expected network-payload, network-destination, dns-name, log, file, ipc)",
        "{\"modelVersion\": \"x\", \"apis\": [{\"type\": \"a.B\", \"method\": \"c\", \"capability\": \"NETWORK\", \"role\": \"sink\", \"sensitivity\": \"secret\"}]} | apis[0]: \"sensitivity\" is only for sources",
        "{\"modelVersion\": \"x\", \"apis\": [{\"type\": \"a.B\", \"method\": \"c\", \"capability\": \"ENV\", \"role\": \"source\", \"data\": \"d\", \"channel\": \"log\"}]} | apis[0]: \"channel\" is only for sinks",
        "{\"modelVersion\": \"x\", \"sourceClasses\": [{\"path\": \"~/.ssh/**\"}]} | sourceClasses[0]: missing \"sensitivity\"",
        "{\"modelVersion\": \"x\", \"sourceClasses\": [{\"path\": \"~/.ssh/**\", \"sensitivity\": \"hush\"}]} | sourceClasses[0]: unknown \"sensitivity\"",
        "{\"modelVersion\": \"x\", \"sourceClasses\": [{\"sensitivity\": \"secret\"}]} | sourceClasses[0]: needs at least one of \"api\", \"path\" or \"key\"",
        "{\"modelVersion\": \"x\", \"sourceClasses\": [{\"path\": \"a\", \"key\": \"b\", \"sensitivity\": \"secret\"}]} | sourceClasses[0]: \"path\" and \"key\" exclude each other",
        "{\"modelVersion\": \"x\", \"sourceClasses\": [{\"api\": \"not an api\", \"sensitivity\": \"secret\"}]} | sourceClasses[0]: \"api\" is not Type#method",
        "{\"modelVersion\": \"x\", \"sourceClasses\": [{\"glob\": \"a\", \"sensitivity\": \"secret\"}]} | sourceClasses[0]: unknown field \"glob\"",
        "{\"modelVersion\": \"x\", \"sourceClasses\": {}} | \"sourceClasses\" must be an array",
        "{\"modelVersion\": \"x\", \"sourceClasses\": [\"secret\"]} | sourceClasses[0]: expected an object",
    })
    void badClassesAndChannelsAreOneLineErrorsNamingTheFileAndField(String json, String problem) throws Exception {
        Path file = write(json);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> CapabilityModel.load(file));
        assertTrue(e.oneLine().startsWith("analyze: " + file + ": "), e.oneLine());
        assertTrue(e.problem().contains(problem.strip()), e.problem());
        assertFalse(e.oneLine().contains("\n"), e.oneLine());
        assertFalse(e.oneLine().contains("top-secret") || e.oneLine().contains("smoke-signal") || e.oneLine().contains("hush"),
                "the value written is not repeated: " + e.oneLine());
    }

    @Test
    void onlyASecretIsCriticalWhateverTheTransformations() {
        List<String> all = List.of("Base64-encoded", "hex-encoded", "encrypted");
        for (Sensitivity s : Sensitivity.values()) {
            for (Channel c : Channel.values()) {
                Severity worst = FlowSeverity.of(s, c, all);
                assertEquals(s == Sensitivity.SECRET && worst == Severity.CRITICAL || worst != Severity.CRITICAL, true,
                        s + " into " + c + " is " + worst);
            }
        }
        assertEquals(Severity.CRITICAL, FlowSeverity.of(Sensitivity.SECRET, Channel.DNS_NAME, List.of("Base64-encoded")));
        assertEquals(Severity.HIGH, FlowSeverity.of(Sensitivity.ENVIRONMENT, Channel.DNS_NAME, List.of("hex-encoded")),
                "an encoding into a DNS name raises by one");
        assertEquals(Severity.MEDIUM, FlowSeverity.of(Sensitivity.ENVIRONMENT, Channel.DNS_NAME, List.of()));
        assertEquals(Severity.MEDIUM, FlowSeverity.of(Sensitivity.ENVIRONMENT, Channel.NETWORK_PAYLOAD, List.of("hex-encoded")),
                "an encoding in a payload is ordinary");
        assertEquals(Severity.HIGH, FlowSeverity.of(Sensitivity.SECRET, Channel.NETWORK_PAYLOAD, List.of("hashed")),
                "a digest lowers by one");
        assertEquals(Severity.LOW, FlowSeverity.of(Sensitivity.CONFIGURATION, Channel.NETWORK_PAYLOAD, List.of("hashed")),
                "not below LOW");
        assertEquals(Severity.INFO, FlowSeverity.of(Sensitivity.CONFIGURATION, Channel.LOG, List.of("hashed")),
                "and never raised by a digest");
        assertEquals(Severity.MEDIUM, FlowSeverity.of(Sensitivity.CONFIGURATION, Channel.NETWORK_PAYLOAD, List.of("encrypted")),
                "encryption on the way to the network raises by one");
    }

    /** The table in docs/source-analyzer.md is the one the code uses. */
    @Test
    void theDocumentedTableIsTheCodesTable() throws Exception {
        Path doc = null;
        for (Path p = Path.of("").toAbsolutePath(); p != null && doc == null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("docs/source-analyzer.md"))) {
                doc = p.resolve("docs/source-analyzer.md");
            }
        }
        assertNotNull(doc);
        List<String> rows = new ArrayList<>();
        for (String line : Files.readAllLines(doc)) {
            for (Sensitivity s : Sensitivity.values()) {
                if (line.startsWith("| " + s.jsonName() + " |")) {
                    rows.add(line);
                }
            }
        }
        assertEquals(Sensitivity.values().length, rows.size(), "one row per class in " + doc);
        for (String row : rows) {
            String[] cells = row.split("\\|");
            Sensitivity s = Sensitivity.fromJsonName(cells[1].strip()).orElseThrow();
            for (Channel c : Channel.values()) {
                assertEquals(FlowSeverity.base(s, c).name(), cells[2 + c.ordinal()].strip(), s + " into " + c);
            }
        }
    }

    private Path write(String json) throws Exception {
        Path file = dir.resolve("model-" + System.nanoTime() + ".json");
        Files.writeString(file, json);
        return file;
    }

    private static CapabilityEntry single(List<CapabilityEntry> entries) {
        assertEquals(1, entries.size(), entries.toString());
        return entries.get(0);
    }
}
