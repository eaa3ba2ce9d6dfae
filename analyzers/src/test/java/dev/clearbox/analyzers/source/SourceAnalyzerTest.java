package dev.clearbox.analyzers.source;

import dev.clearbox.analyzers.capability.CapabilityModel;
import dev.clearbox.core.InvalidInputException;
import dev.clearbox.core.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Coverage, robustness and determinism of a run. */
class SourceAnalyzerTest {
    @TempDir
    Path root;

    @Test
    void aFileThatDoesNotParseIsReportedAndTheOthersAreStillAnalyzed() {
        SourceAnalysisResult result = SourceFixture.in(root)
                .file("src/main/java/com/acme/Broken.java", """
                        package com.acme;
                        class Broken {
                            void run( {
                        }
                        """)
                .file("src/main/java/com/acme/Fine.java", """
                        package com.acme;
                        class Fine {
                            String home() { return System.getenv("HOME"); } // expect: ENV
                        }
                        """)
                .verify();
        SourceCoverage coverage = result.coverage();
        assertEquals(1, coverage.filesParsed());
        assertEquals(1, coverage.problems().size(), coverage.problems().toString());
        SourceCoverage.FileProblem problem = coverage.problems().get(0);
        assertEquals("src/main/java/com/acme/Broken.java", problem.file());
        assertTrue(problem.problem().startsWith("does not parse: line 3"), problem.problem());
        assertTrue(!problem.problem().contains("\n"), problem.problem());
        assertEquals(4, coverage.linesAnalyzed(), "the lines of Fine.java");
    }

    @Test
    void buildOutputAndGitDirectoriesAreSkipped() {
        SourceAnalysisResult result = SourceFixture.in(root)
                .file("target/generated/Gen.java", "class Gen { void f() { System.getenv(\"X\"); } }")
                .file("build/Gen2.java", "class Gen2 { void f() { System.getenv(\"X\"); } }")
                .file(".git/Hook.java", "class Hook { void f() { System.getenv(\"X\"); } }")
                .file("src/App.java", "class App { void f() { System.getenv(\"X\"); } } // expect: ENV")
                .verify();
        assertEquals(1, result.coverage().filesParsed());
    }

    @Test
    void theResultDoesNotDependOnTheNumberOfThreads() {
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            many.append("package p;\nclass C").append(i).append(" {\n  void f() throws Exception {\n")
                    .append("    new java.net.Socket(\"h").append(i).append(".example\", 1);\n")
                    .append("    System.getenv(\"V\"); System.getProperty(\"user.name\");\n  }\n}\n");
            SourceFixture.in(root).file("p/C" + i + ".java", many.toString()).analyze();
            many.setLength(0);
        }
        SourceAnalysisResult one = SourceFixture.in(root).threads(1).analyze();
        SourceAnalysisResult two = SourceFixture.in(root).threads(2).analyze();
        assertEquals(36, one.findings().size());
        assertEquals(one, two);
        assertEquals("p/C0.java", one.findings().get(0).location().file());
        assertEquals("CBX-SRC-NETWORK", one.findings().get(0).ruleId());
        for (int i = 1; i < one.findings().size(); i++) {
            assertTrue(one.findings().get(i - 1).severity().compareTo(one.findings().get(i).severity()) >= 0,
                    "most severe first");
        }
        var c0 = one.findings().stream().filter(f -> f.location().file().equals("p/C0.java") && f.location().line() == 5)
                .filter(f -> f.severity() == one.findings().stream().filter(g -> g.ruleId().equals("CBX-SRC-ENV"))
                        .findFirst().orElseThrow().severity()).map(f -> f.ruleId()).toList();
        assertEquals("CBX-SRC-ENV", c0.get(0), "same severity and line, ordered by column: " + c0);
    }

    @Test
    void aUserModelAddsCapabilitiesToVendorApis() {
        SourceFixture.in(root)
                .model(CapabilityModel.builtIn().withOverrides(new CapabilityModel("t1", "test",
                        List.of(new dev.clearbox.analyzers.capability.CapabilityEntry("com.vendor.Phone", "home", null,
                                dev.clearbox.core.Capability.NETWORK,
                                dev.clearbox.analyzers.capability.Role.SINK, "")),
                        List.of())))
                .file("src/main/java/com/vendor/Phone.java", """
                        package com.vendor;
                        public class Phone { public static void home(String url) { } }
                        """)
                .file("src/main/java/com/vendor/App.java", """
                        package com.vendor;
                        class App { void f() { Phone.home("https://vendor.example/ping"); } } // expect: NETWORK, endpoint=https://vendor.example/ping
                        """)
                .verify();
    }

    @Test
    void aMissingSourceRootIsAnInputError() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> new SourceAnalyzer().analyze(
                new SourceAnalysisRequest(root.resolve("nope"), CapabilityModel.builtIn(), List.of()), ProgressListener.NONE));
        assertTrue(e.oneLine().contains("nope"), e.oneLine());
    }
}
