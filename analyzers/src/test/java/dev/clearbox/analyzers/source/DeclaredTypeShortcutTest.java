package dev.clearbox.analyzers.source;

import dev.clearbox.core.Capability;
import dev.clearbox.analyzers.capability.CapabilityEntry;
import dev.clearbox.analyzers.capability.CapabilityModel;
import dev.clearbox.analyzers.capability.Role;
import dev.clearbox.core.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Calls are first typed from declarations alone, and the symbol solver is skipped when that type
 * cannot match the model, or when the type has a single method of that name and arity. These are the
 * places where the nearest declaration or import names the wrong type: each must still be typed by the
 * symbol solver and give the finding on the right API. Where the receiver's type is known (from the file
 * or from the solver) and its method of that name and arity unique, the finding says {@code receiver-type};
 * with overloads to choose from, the symbol solver resolves the call.
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
                                    s.getOutputStream(); // expect: NETWORK, resolution=receiver-type, api=java.net.Socket#getOutputStream
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
                                        conn.getOutputStream(); // expect: NETWORK, resolution=receiver-type, api=java.net.Socket#getOutputStream
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
                                return super.getOutputStream(); // expect: NETWORK, resolution=receiver-type
                            }
                        }
                        """)
                .verify();
    }

    @Test
    void callsOnATypeNobodyCanSeeAreNeverRuledOutButMatchedByNameAndCounted() throws Exception {
        // com.vendor.Missing is on no classpath: it may well be a java.net.Socket, so its connect() and
        // getOutputStream() are kept as doubtful findings and each call is a coverage item naming the type
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
        assertEquals(List.of("5 java.net.Socket#connect", "6 java.net.Socket#getOutputStream",
                        "7 java.net.Socket#getOutputStream"),
                r.findings().stream().map(f -> f.location().line() + " " + f.api()).toList());
        assertTrue(r.findings().stream().allMatch(f -> f.resolution().equals("unresolved-supertypes")));
        assertEquals(3, r.coverage().unresolvedCallCount());
        assertEquals(List.of(new SourceCoverage.MissingType("com.vendor.Missing", 3, List.of())),
                r.coverage().missingTypes());
    }

    @Test
    void aUniqueMethodIsTakenFromTheReceiversTypeAndOverloadsGoToTheSymbolSolver() {
        SourceFixture.in(root)
                .file("src/main/java/com/acme/Scan.java", """
                        package com.acme;
                        import java.io.File;
                        import java.io.FileFilter;
                        class Scan {
                            void f(File dir, FileFilter filter) {
                                dir.listFiles(); // expect: FILE_READ, resolution=receiver-type, api=java.io.File#listFiles
                                dir.listFiles(filter); // expect: FILE_READ, resolution=symbol-solver, api=java.io.File#listFiles
                            }
                        }
                        """)
                .verify();
    }

    @Test
    void aSupertypeThatCannotBeSeenMayHoldTheRealOverload() {
        // Box declares send(String); its unseen superclass may declare send(int), which the call uses.
        // The user model names send(int): taking Box's only visible send would miss it.
        SourceFixture.in(root)
                .model(CapabilityModel.builtIn().withOverrides(new CapabilityModel("t1", "test",
                        List.of(new CapabilityEntry("com.acme.Box", "send", List.of("int"), Capability.NETWORK,
                                Role.SINK, "")), List.of())))
                .file("src/main/java/com/acme/Box.java", """
                        package com.acme;
                        import org.vendor.Missing;
                        public class Box extends Missing {
                            public void send(String s) {
                            }
                        }
                        """)
                .file("src/main/java/com/acme/App.java", """
                        package com.acme;
                        class App {
                            void f(Box box) {
                                box.send(42); // expect: NETWORK, resolution=symbol-solver-scope
                            }
                        }
                        """)
                .verify();
    }

    @Test
    void aStaticFieldReadThroughItsClassNameIsAValueNotAMemberType() {
        SourceFixture.in(root)
                .file("src/main/java/com/acme/Holder.java", """
                        package com.acme;
                        public class Holder {
                            public static final Runtime R = Runtime.getRuntime();
                            public static class Inner {
                                public static final Runtime RT = Runtime.getRuntime();
                            }
                        }
                        """)
                .file("src/main/java/com/acme/User.java", """
                        package com.acme;
                        class User {
                            void run() throws Exception {
                                Holder.R.exec("ls"); // expect: PROCESS_EXEC, api=java.lang.Runtime#exec
                                com.acme.Holder.R.exec("ls"); // expect: PROCESS_EXEC, api=java.lang.Runtime#exec
                                Holder.Inner.RT.exec("ls"); // expect: PROCESS_EXEC, api=java.lang.Runtime#exec
                            }
                        }
                        """)
                .verify();
    }

    @Test
    void aStaticallyImportedFieldIsAValueNotAType() {
        SourceFixture.in(root)
                .file("src/main/java/com/acme/Holder.java", """
                        package com.acme;
                        public class Holder {
                            public static final Runtime R = Runtime.getRuntime();
                        }
                        """)
                .file("src/main/java/com/acme/User.java", """
                        package com.acme;
                        import static com.acme.Holder.R;
                        class User {
                            void run() throws Exception {
                                R.exec("ls"); // expect: PROCESS_EXEC, api=java.lang.Runtime#exec
                            }
                        }
                        """)
                .verify();
    }

    @Test
    void fieldChainsArrayElementsAndCallChainsAreTyped() {
        SourceFixture.in(root)
                .file("src/main/java/com/acme/Box.java", """
                        package com.acme;
                        class Box {
                            Runtime rt = Runtime.getRuntime();
                        }
                        """)
                .file("src/main/java/com/acme/User.java", """
                        package com.acme;
                        class User {
                            Box box = new Box();
                            Runtime[] all = { Runtime.getRuntime() };
                            Runtime get() {
                                return Runtime.getRuntime();
                            }
                            void run() throws Exception {
                                this.box.rt.exec("ls"); // expect: PROCESS_EXEC, api=java.lang.Runtime#exec
                                all[0].exec("ls"); // expect: PROCESS_EXEC, api=java.lang.Runtime#exec
                                get().exec("ls"); // expect: PROCESS_EXEC, api=java.lang.Runtime#exec
                            }
                        }
                        """)
                .verify();
    }
}
