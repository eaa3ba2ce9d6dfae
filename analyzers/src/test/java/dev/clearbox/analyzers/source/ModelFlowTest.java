package dev.clearbox.analyzers.source;

import dev.clearbox.core.Capability;
import dev.clearbox.analyzers.capability.CapabilityEntry;
import dev.clearbox.analyzers.capability.CapabilityModel;
import dev.clearbox.analyzers.capability.LibraryEffect;
import dev.clearbox.analyzers.capability.Role;
import dev.clearbox.analyzers.capability.Sends;
import dev.clearbox.core.Finding;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** User-declared sources and sinks take part in flows like built-in ones; shadowed APIs are reported. */
class ModelFlowTest {
    @TempDir
    Path root;

    @Test
    void userDeclaredSourcesAndSinksFromAnyLibraryTakePartInFlows() {
        CapabilityModel user = new CapabilityModel("u1", "test", List.of(
                new CapabilityEntry("com.vendor.sdk.Vault", "secret", null, Capability.FILE_READ, Role.SOURCE, "vault secret",
                        dev.clearbox.core.Sensitivity.SECRET, null),
                new CapabilityEntry("com.vendor.sdk.Beacon", "ping", null, Capability.NETWORK, Role.SINK, ""),
                new CapabilityEntry("com.acme.Uplink", "push", null, Capability.NETWORK, Role.SINK, "")), List.of());
        SourceAnalysisResult result = SourceFixture.in(root)
                .model(CapabilityModel.builtIn().withOverrides(user))
                .file("src/com/acme/Uplink.java", """
                        package com.acme;
                        public class Uplink {
                            public static void push(String data) {
                            }
                        }
                        """)
                .file("src/com/acme/App.java", """
                        package com.acme;
                        import com.vendor.sdk.Beacon;
                        import com.vendor.sdk.Vault;
                        class App {
                            void run(Vault vault, Beacon beacon) {
                                String s = vault.secret("db"); // expect: FILE_READ
                                String label = "v-" + s;
                                beacon.ping(label); // expect: NETWORK; EXFIL, from=6, via=7
                                Uplink.push(s.toUpperCase()); // expect: NETWORK; EXFIL, from=6
                                Uplink.push(System.getenv("HOME")); // expect: NETWORK; ENV; EXFIL, from=10
                            }
                        }
                        """)
                .verify();
        Finding flow = result.findings().stream().filter(f -> f.ruleId().equals("CBX-SRC-EXFIL")).findFirst().orElseThrow();
        assertEquals(dev.clearbox.core.Severity.CRITICAL, flow.severity(), "a source the user model calls secret is critical");
        assertEquals(dev.clearbox.core.Sensitivity.SECRET, flow.flow().sensitivity());
        Finding home = result.findings().stream().filter(f -> f.ruleId().equals("CBX-SRC-EXFIL")
                && f.flow().sourceApi().equals("java.lang.System#getenv")).findFirst().orElseThrow();
        assertEquals(dev.clearbox.core.Sensitivity.ENVIRONMENT, home.flow().sensitivity());
        assertEquals(dev.clearbox.core.Severity.MEDIUM, home.severity(), "environment data in a network payload");
        assertTrue(flow.message().startsWith("vault secret (com.vendor.sdk.Vault#secret at src/com/acme/App.java:6)"), flow.message());
    }

    @Test
    @Tag("positive:CBX-SRC-EXFIL")
    @Tag("negative:CBX-SRC-EXFIL")
    void aSinkReportsWhatItSendsNotWhatItsReceiverWasGivenBefore() {
        CapabilityModel user = new CapabilityModel("u2", "test", List.of(
                new CapabilityEntry("java.io.PrintWriter", "println", null, Capability.NETWORK, Role.SINK, "response body",
                        null, dev.clearbox.core.Channel.LOG),
                new CapabilityEntry("com.vendor.sdk.Request", "send", null, Capability.NETWORK, Role.SINK, "", null, null,
                        new Sends(true, false, List.of())),
                new CapabilityEntry("com.vendor.sdk.Request", "post", null, Capability.NETWORK, Role.SINK, "", null, null,
                        new Sends(false, false, List.of(1)))), List.of());
        SourceAnalysisResult result = SourceFixture.in(root)
                .model(CapabilityModel.builtIn().withOverrides(user))
                .file("src/com/acme/App.java", """
                        package com.acme;
                        import com.vendor.sdk.Request;
                        class App {
                            void run(java.io.PrintWriter writer, Request request) {
                                String secret = System.getenv("TOKEN"); // expect: ENV
                                writer.println(secret); // expect: NETWORK; EXFIL, from=5
                                writer.println("\\n"); // expect: NETWORK
                                request.setBody(secret);
                                request.send(); // expect: NETWORK; EXFIL, from=5, via=8
                                request.post(secret, "{}"); // expect: NETWORK
                                request.post("/p", secret); // expect: NETWORK; EXFIL, from=5
                            }
                        }
                        """)
                .verify();
        List<Finding> flows = result.findings().stream().filter(f -> f.ruleId().equals("CBX-SRC-EXFIL")).toList();
        assertEquals(3, flows.size(), flows.toString());
        Finding println = flows.stream().filter(f -> f.location().line() == 6).findFirst().orElseThrow();
        assertTrue(println.path().get(println.path().size() - 1).note().endsWith(", sends argument 1"), println.path().toString());
        Finding post = flows.stream().filter(f -> f.location().line() == 11).findFirst().orElseThrow();
        assertTrue(post.path().get(post.path().size() - 1).note().endsWith(", sends argument 2"), post.path().toString());
        Finding send = flows.stream().filter(f -> f.location().line() == 9).findFirst().orElseThrow();
        assertTrue(send.path().get(send.path().size() - 1).note().endsWith(", sends its receiver"), send.path().toString());
    }

    @Test
    @Tag("positive:CBX-SRC-EXFIL")
    @Tag("negative:CBX-SRC-EXFIL")
    void aUserModelsEffectsDecideLibraryCallsAndTheDefaultIsNamedInThePath() {
        CapabilityModel user = new CapabilityModel("u3", "test", List.of(), List.of()).withEffects(List.of(
                new LibraryEffect("com.vendor.sdk.Codec", "checksum", false, LibraryEffect.Call.ANY, LibraryEffect.Parts.NONE,
                        null, Map.of(), false, List.of())));
        SourceAnalysisResult result = SourceFixture.in(root)
                .model(CapabilityModel.builtIn().withOverrides(user))
                .file("src/com/acme/App.java", """
                        package com.acme;
                        import com.vendor.sdk.Codec;
                        import java.net.InetAddress;
                        class App {
                            void run(Codec codec) throws Exception {
                                String secret = System.getenv("TOKEN"); // expect: ENV
                                String sum = codec.checksum(secret);
                                InetAddress.getByName(sum + ".example"); // expect: DNS
                                String packed = codec.pack(secret);
                                InetAddress.getByName(packed.toLowerCase()); // expect: DNS; EXFIL, from=6, via=9
                            }
                        }
                        """)
                .verify();
        Finding flow = result.findings().stream().filter(f -> f.ruleId().equals("CBX-SRC-EXFIL")).findFirst().orElseThrow();
        List<String> notes = flow.path().stream().map(p -> p.location().line() + ": " + p.note()).toList();
        assertTrue(notes.contains("9: library call, assumed to pass its data on"), notes.toString());
        assertTrue(notes.stream().noneMatch(n -> n.startsWith("10: library call")), "toLowerCase is in the model: " + notes);
    }

    @Test
    @Tag("positive:CBX-SRC-SHADOWED-API")
    void aShadowedApiIsReportedAndCallsToItStillCount() {
        SourceFixture.in(root)
                .file("src/java/net/Socket.java", """
                        package java.net;
                        public class Socket { // expect: SHADOWED_API, api=java.net.Socket
                            public Socket(String host, int port) {
                            }
                        }
                        """)
                .file("src/com/acme/App.java", """
                        package com.acme;
                        import java.net.Socket;
                        class App {
                            void run() throws Exception {
                                new Socket(System.getenv("C2"), 443); // expect: NETWORK, api=java.net.Socket#<init>; ENV; EXFIL, from=5
                            }
                        }
                        """)
                .verify();
    }
}
