package dev.clearbox.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code analyze --implicit-flows} reports a secret that decides whether a network call runs; without it, nothing. */
class AnalyzeImplicitFlowsTest {
    @Test
    void theOptionTurnsOnControlDependence(@TempDir Path tmp) throws Exception {
        Path src = Files.createDirectories(tmp.resolve("src/com/acme"));
        Files.writeString(src.resolve("Probe.java"), """
                package com.acme;
                class Probe {
                    void run() throws Exception {
                        if (System.getenv("TOKEN").startsWith("a")) {
                            java.net.InetAddress.getByName("yes.example");
                        }
                    }
                }
                """);
        CliRun plain = CliRun.of("analyze", tmp, "-q");
        assertEquals(ExitCode.OK.code(), plain.exit(), plain.err());
        assertFalse(plain.out().contains("controls whether it runs"), plain.out());

        CliRun implicit = CliRun.of("analyze", tmp, "-q", "--implicit-flows");
        assertEquals(ExitCode.OK.code(), implicit.exit(), implicit.err());
        assertTrue(implicit.out().contains("decides whether what follows runs"), implicit.out());
        assertTrue(implicit.out().contains("controls whether it runs"), implicit.out());

        // The JSON says which mode made it: the same sources give other findings in the other.
        ObjectMapper mapper = new ObjectMapper();
        CliRun json = CliRun.of("analyze", tmp, "-q", "--format", "json", "--implicit-flows");
        assertEquals(ExitCode.OK.code(), json.exit(), json.err());
        assertTrue(mapper.readTree(json.out()).get("implicitFlows").booleanValue(), json.out());
        CliRun plainJson = CliRun.of("analyze", tmp, "-q", "--format", "json");
        assertEquals(ExitCode.OK.code(), plainJson.exit(), plainJson.err());
        JsonNode mode = mapper.readTree(plainJson.out()).get("implicitFlows");
        assertTrue(mode.isBoolean() && !mode.booleanValue(), plainJson.out());
    }
}
