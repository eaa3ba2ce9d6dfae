package dev.clearbox.analyzers.source;

import dev.clearbox.analyzers.capability.CapabilityModel;
import dev.clearbox.core.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Calls are first typed from declarations alone, and the symbol solver is skipped when that type
 * cannot match the model. These are the places where the nearest declaration or import names the
 * wrong type: each must still reach the symbol solver and give the finding.
 */
class DeclaredTypeShortcutTest {
    @TempDir
    Path root;

    @Test
    void aPatternVariableShadowsAFieldOfAnotherType() {
        SourceFixture.in(root)
                .file("src/main/java/com/acme/A.java", """
                        package com.acme;
                        class A {
                            private String s = "";
                            void f(Object o) throws Exception {
                                if (o instanceof java.net.Socket s) {
                                    s.getOutputStream(); // expect: NETWORK, resolution=symbol-solver, api=java.net.Socket#getOutputStream
                                }
                            }
                        }
                        """)
                .verify();
    }

    @Test
    void anAnonymousClassInheritsAFieldThatHidesTheOuterOne() {
        SourceFixture.in(root)
                .file("src/main/java/com/acme/Base.java", """
                        package com.acme;
                        public class Base {
                            protected java.net.Socket conn;
                            public void go() throws Exception {
                            }
                        }
                        """)
                .file("src/main/java/com/acme/Outer.java", """
                        package com.acme;
                        class Outer {
                            private String conn = "";
                            Base make() {
                                return new Base() {
                                    @Override
                                    public void go() throws Exception {
                                        conn.getOutputStream(); // expect: NETWORK, resolution=symbol-solver
                                    }
                                };
                            }
                        }
                        """)
                .verify();
    }

    @Test
    void anUnqualifiedCallInAnAnonymousSubclassReachesTheInheritedMethod() {
        SourceFixture.in(root)
                .file("src/main/java/com/acme/Anon.java", """
                        package com.acme;
                        class Anon {
                            Object make() {
                                return new java.net.Socket() { // expect: NETWORK, api=java.net.Socket#<init>
                                    void send() throws Exception {
                                        getOutputStream(); // expect: NETWORK, resolution=symbol-solver
                                    }
                                };
                            }
                        }
                        """)
                .verify();
    }

    @Test
    void anUnqualifiedCallMayComeFromAStaticImportOnDemand() {
        SourceFixture.in(root)
                .file("src/main/java/com/acme/Props.java", """
                        package com.acme;
                        import static java.lang.System.*;
                        class Props {
                            String home() {
                                return getProperty("user.home"); // expect: SYSTEM_PROPERTY, resolution=symbol-solver
                            }
                        }
                        """)
                .verify();
    }

    @Test
    void aSuperCallIsTypedByTheSuperclass() {
        SourceFixture.in(root)
                .file("src/main/java/com/acme/Sock.java", """
                        package com.acme;
                        class Sock extends java.net.Socket {
                            @Override
                            public java.io.OutputStream getOutputStream() throws java.io.IOException {
                                return super.getOutputStream(); // expect: NETWORK, resolution=symbol-solver
                            }
                        }
                        """)
                .verify();
    }

    @Test
    void callsTheDeclaredTypeRulesOutAreResolvedNotListedAsUnresolved() throws Exception {
        Path file = root.resolve("src/main/java/com/acme/Quiet.java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, """
                package com.acme;
                import com.vendor.Missing;
                class Quiet {
                    void f(Missing m, StringBuilder b) throws Exception {
                        m.connect();
                        m.getOutputStream();
                        new Missing().getOutputStream();
                    }
                }
                """);
        SourceAnalysisResult r = new SourceAnalyzer(2).analyze(
                new SourceAnalysisRequest(root, CapabilityModel.builtIn(), List.of()), ProgressListener.NONE);
        assertEquals(List.of(), r.findings());
        assertEquals(0, r.coverage().unresolvedCallCount());
    }
}
