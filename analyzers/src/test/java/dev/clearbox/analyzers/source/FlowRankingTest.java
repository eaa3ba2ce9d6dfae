package dev.clearbox.analyzers.source;

import dev.clearbox.analyzers.capability.CapabilityModel;
import dev.clearbox.analyzers.capability.SourceClassRule;
import dev.clearbox.core.Channel;
import dev.clearbox.core.Finding;
import dev.clearbox.core.Sensitivity;
import dev.clearbox.core.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Flows take their class from the path they read (built-in or user rules) and group by sink, source and route. */
class FlowRankingTest {
    @TempDir
    Path root;

    private static final String APP = """
            package p;
            import java.nio.file.*;
            class App {
                byte[] db() throws Exception {
                    return Files.readAllBytes(Path.of(System.getProperty("user.home"), ".config", "app.db"));
                }
                byte[] a() throws Exception {
                    return Files.readAllBytes(Path.of("/var/lib/app/a.bin"));
                }
                byte[] b() throws Exception {
                    return Files.readAllBytes(Path.of("/var/lib/app/b.bin"));
                }
                void send(java.net.Socket s) throws Exception {
                    s.getOutputStream().write(db());
                }
                void sendBoth(java.net.Socket s) throws Exception {
                    s.getOutputStream().write(a());
                    s.getOutputStream().write(b());
                }
            }
            """;

    @Test
    void aUserPathRuleMakesAFileReadSecret() {
        List<Finding> plain = flows(CapabilityModel.builtIn());
        Finding db = plain.stream().filter(f -> f.flow().sourceArgument().equals("~/.config/app.db")).findFirst()
                .orElseThrow(() -> new AssertionError(plain.toString()));
        assertEquals(Sensitivity.PERSONAL, db.flow().sensitivity(), "a file in the home whose name no rule knows");
        assertEquals(Channel.NETWORK_PAYLOAD, db.flow().channel());
        assertEquals(Severity.HIGH, db.severity());

        CapabilityModel user = new CapabilityModel("u1", "test", List.of(), List.of(),
                List.of(new SourceClassRule(null, "~/.config/**", null, Sensitivity.SECRET)));
        List<Finding> ranked = flows(CapabilityModel.builtIn().withOverrides(user));
        Finding secret = ranked.get(0);
        assertEquals("~/.config/app.db", secret.flow().sourceArgument());
        assertEquals(Sensitivity.SECRET, secret.flow().sensitivity());
        assertEquals("path ~/.config/**", secret.flow().classifiedBy());
        assertEquals(Severity.CRITICAL, secret.severity(), "and it is listed first");
        assertTrue(secret.message().contains("secret data (~/.config/app.db) by rule path ~/.config/**"), secret.message());
        assertTrue(!secret.fingerprint().equals(db.fingerprint()), "another class, another identity");
    }

    @Test
    void sourcesIntoDifferentSinkCallsAreSeparateGroups() {
        List<Finding> flows = flows(CapabilityModel.builtIn());
        // sendBoth: the two writes are on different lines, so different sink calls: two findings, each one path
        long fromVar = flows.stream().filter(f -> f.flow().sourceArgument().startsWith("/var/lib/app/")).count();
        assertEquals(2, fromVar, flows.toString());
        flows.forEach(f -> assertEquals(f.flow().alsoFrom().size() + 1, f.flow().grouped()));
    }

    @Test
    void sourcesThatReachOneSinkCallTheSameWayAreGroupedWithTheirCount() {
        List<Finding> flows = SourceFixture.in(root).file("p/B.java", """
                package p;
                import java.nio.file.*;
                class B {
                    void send(java.net.Socket s, boolean x) throws Exception {
                        byte[] data;
                        if (x) {
                            data = Files.readAllBytes(Path.of("/srv/one.bin"));
                        } else {
                            data = Files.readAllBytes(Path.of("/srv/two.bin"));
                        }
                        s.getOutputStream().write(data);
                    }
                    void sendKey(java.net.Socket s) throws Exception {
                        byte[] data = Files.readAllBytes(Path.of("/srv/three.bin"));
                        data = java.util.Base64.getEncoder().encode(data);
                        s.getOutputStream().write(data);
                    }
                }
                """).analyze().findings().stream().filter(f -> f.rule() == SourceRule.EXFIL).toList();
        Finding two = flows.stream().filter(f -> f.flow().grouped() == 2).findFirst()
                .orElseThrow(() -> new AssertionError(flows.toString()));
        assertEquals(1, two.flow().alsoFrom().size());
        assertTrue(two.message().contains("2 paths of this kind"), two.message());
        Finding encoded = flows.stream().filter(f -> f.flow().route().contains("Base64-encoded")).findFirst().orElseThrow();
        assertEquals(1, encoded.flow().grouped(), "another route, another group");
        assertEquals(2, flows.size(), flows.toString());
    }

    private List<Finding> flows(CapabilityModel model) {
        return SourceFixture.in(root).model(model).file("p/App.java", APP).analyze().findings().stream()
                .filter(f -> f.rule() == SourceRule.EXFIL).toList();
    }
}
