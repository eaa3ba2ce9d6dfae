package dev.clearbox.analyzers.source.internal;

import com.github.javaparser.ast.expr.MethodCallExpr;
import dev.clearbox.analyzers.capability.CapabilityModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The receiver types {@link DeclaredTypes} settles without the symbol solver, and the places it must
 * leave to the solver because the nearest declaration or import is not what the name means.
 */
class DeclaredTypesTest {
    @TempDir
    Path root;

    @Test
    void aDeclaredParameterTypeComesFromTheImports() throws Exception {
        assertEquals(Optional.of("java.nio.channels.Channel"), receiverOf("Plain.java", """
                import java.nio.channels.Channel;
                class Plain {
                    void f(Channel c) throws Exception {
                        c.close();
                    }
                }
                """));
    }

    @Test
    void anInheritedMemberTypeMayHideTheImport() throws Exception {
        write("Base.java", """
                package com.acme;
                public class Base {
                    public static class Channel {
                    }
                }
                """);
        assertEquals(Optional.empty(), receiverOf("User.java", """
                import java.nio.channels.Channel;
                class User extends Base {
                    void f(Channel c) throws Exception {
                        c.close();
                    }
                }
                """));
    }

    @Test
    void aMemberTypeOfAnUnrelatedClassDoesNotHideTheImport() throws Exception {
        write("Other.java", """
                package com.acme;
                public class Other {
                    public static class Channel {
                    }
                }
                """);
        assertEquals(Optional.of("java.nio.channels.Channel"), receiverOf("User.java", """
                import java.nio.channels.Channel;
                class User {
                    void f(Channel c) throws Exception {
                        c.close();
                    }
                }
                """));
    }

    @Test
    void aTypeParameterHidesTheImportAndStandsForItsBound() throws Exception {
        assertEquals(Optional.of("java.lang.Object"), receiverOf("Box.java", """
                import java.util.List;
                class Box<List> {
                    void f(List l) {
                        l.clear();
                    }
                }
                """));
    }

    @Test
    void aLocalClassHidesTheImport() throws Exception {
        assertEquals(Optional.empty(), receiverOf("Local.java", """
                import java.util.Map;
                class Local {
                    void f() {
                        class Map {
                            void clear() {
                            }
                        }
                        Map m = new Map();
                        m.clear();
                    }
                }
                """));
    }

    @Test
    void aFieldWhoseNameIsAlsoAPatternVariableIsLeftToTheSolver() throws Exception {
        assertEquals(Optional.empty(), receiverOf("Pattern.java", """
                class Pattern {
                    private String s = "";
                    void f(Object o) {
                        if (o instanceof StringBuilder s) {
                            s.reverse();
                        }
                    }
                }
                """));
        assertEquals(Optional.of("java.lang.String"), receiverOf("Field.java", """
                class Field {
                    private String s = "";
                    void f(Object o) {
                        s.trim();
                    }
                }
                """));
    }

    /** The declared type of the receiver of the only method call in {@code text} (package com.acme prepended). */
    private Optional<String> receiverOf(String name, String text) throws Exception {
        return receiverOf(name, text, null);
    }

    private Optional<String> receiverOf(String name, String text, DeclaredTypes.TypeFacts facts) throws Exception {
        write(name, "package com.acme;\n" + text);
        List<ParsedFile> parsed = new ArrayList<>();
        try (var files = Files.list(root)) {
            for (Path f : files.sorted().toList()) {
                parsed.add(Parsing.parse(f, f.getFileName().toString()).file());
            }
        }
        ProjectIndex index = ProjectIndex.build(root, parsed, CapabilityModel.builtIn());
        ParsedFile file = parsed.stream().filter(f -> f.relativePath().equals(name)).findFirst().orElseThrow();
        List<MethodCallExpr> calls = file.unit().findAll(MethodCallExpr.class);
        assertEquals(1, calls.size());
        return new DeclaredTypes(index, facts).typeOf(calls.get(0).getScope().orElseThrow());
    }

    private void write(String name, String text) throws Exception {
        Files.writeString(root.resolve(name), text);
    }

    /**
     * A chained call's receiver is typed from the return type of the single method of that name and arity
     * (no symbol solver is set up here, so only that can type it); a return type that is a type parameter of
     * the receiver's type is read from the type arguments the receiver's declaration writes.
     */
    @Test
    void chainedCallsAreTypedFromTheOnlyCandidatesReturnType() throws Exception {
        write("Chain.java", """
                package com.acme;
                import java.net.URL;
                import java.net.URLConnection;
                import java.util.List;
                class Chain {
                    void f(URL url, List<URLConnection> list) throws Exception {
                        url.openConnection().getInputStream();
                        list.get(0).getInputStream();
                    }
                }
                """);
        List<ParsedFile> parsed = List.of(Parsing.parse(root.resolve("Chain.java"), "Chain.java").file());
        CapabilityModel model = CapabilityModel.builtIn();
        ProjectIndex index = ProjectIndex.build(root, parsed, model);
        CallResolver resolver = new CallResolver(TypeSolvers.create(index, List.of(), new ArrayList<>(), new ArrayList<>()),
                index, new java.util.concurrent.ConcurrentHashMap<>(), (t, m) -> !model.match(t, m, null).isEmpty());
        List<MethodCallExpr> outer = parsed.get(0).unit().findAll(MethodCallExpr.class,
                c -> c.getNameAsString().equals("getInputStream"));
        Callee viaUrl = resolver.resolve(outer.get(0)).orElseThrow();
        assertEquals(CallResolver.RECEIVER_TYPE, viaUrl.resolution());
        assertEquals("java.net.URLConnection", viaUrl.type());
        // E get(int) of List<URLConnection>: the declared type argument types the call
        Callee viaList = resolver.resolve(outer.get(1)).orElseThrow();
        assertEquals(CallResolver.RECEIVER_TYPE, viaList.resolution());
        assertEquals("java.net.URLConnection", viaList.type());
    }

    @Test
    void aTypeVariableIsTypedByItsSingleBoundWhereItIsInScope() throws Exception {
        assertEquals(Optional.of("java.net.Socket"), receiverOf("Bounded.java", """
                import java.net.Socket;
                class Bounded<S extends Socket> {
                    class Inner {
                        void f(S s) throws Exception {
                            s.getOutputStream();
                        }
                    }
                }
                """));
        assertEquals(Optional.of("java.net.Socket"), receiverOf("Chained.java", """
                import java.net.Socket;
                class Chained {
                    <T extends Socket, U extends T> void f(U u) throws Exception {
                        u.getOutputStream();
                    }
                }
                """));
        // Two bounds: the type is an intersection the file alone does not settle.
        assertEquals(Optional.empty(), receiverOf("Both.java", """
                class Both {
                    <T extends java.io.Closeable & Runnable> void f(T t) throws Exception {
                        t.close();
                    }
                }
                """));
        // A static nested class does not see its outer class's type parameter: S here is some other type.
        assertEquals(Optional.empty(), receiverOf("Nested.java", """
                import java.net.Socket;
                class Nested<S extends Socket> {
                    static class In {
                        void f(S s) throws Exception {
                            s.getOutputStream();
                        }
                    }
                }
                """));
    }

    @Test
    void anOuterFieldIsTypedThroughNestedClassesThatInheritNothing() throws Exception {
        assertEquals(Optional.of("java.net.Socket"), receiverOf("Plain.java", """
                import java.net.Socket;
                class Plain {
                    private Socket socket;
                    class Inner {
                        void f() throws Exception {
                            socket.getOutputStream();
                        }
                    }
                }
                """));
        // Through a class that extends something, an inherited field of that name may hide the outer one.
        assertEquals(Optional.empty(), receiverOf("Extending.java", """
                import java.net.Socket;
                class Extending {
                    private Socket socket;
                    class Inner extends Thread {
                        public void run() {
                            socket.getChannel();
                        }
                    }
                }
                """));
    }

    /** Supertypes as the type solver would know them: only {@code withSocketField} has a field "socket". */
    private static DeclaredTypes.TypeFacts knownSupertypes(String withSocketField) {
        return new DeclaredTypes.TypeFacts() {
            @Override
            public Optional<String> returnType(String receiverType, String method, int arity) {
                return Optional.empty();
            }

            @Override
            public int returnedTypeParameter(String receiverType, String method, int arity) {
                return -1;
            }

            @Override
            public boolean mayHaveField(String type, String name) {
                return type.equals(withSocketField) && name.equals("socket");
            }
        };
    }

    @Test
    void aSupertypeKnownToLackTheFieldLetsTheOuterDeclarationThrough() throws Exception {
        String text = """
                import java.net.Socket;
                class Anon {
                    void f(Socket socket) {
                        new Thread() {
                            public void run() {
                                socket.getChannel();
                            }
                        };
                    }
                }
                """;
        assertEquals(Optional.of("java.net.Socket"), receiverOf("Anon.java", text, knownSupertypes("com.acme.Other")));
        assertEquals(Optional.empty(), receiverOf("Anon.java", text, knownSupertypes("java.lang.Thread")),
                "a field 'socket' inherited from Thread would hide the parameter");
        // A field the anonymous class declares itself hides the parameter whatever its supertype.
        assertEquals(Optional.empty(), receiverOf("Own.java", """
                import java.net.Socket;
                class Own {
                    void f(Socket socket) {
                        new Thread() {
                            String socket = "";
                            public void run() {
                                socket.getChannel();
                            }
                        };
                    }
                }
                """, knownSupertypes("com.acme.Other")));
    }
}
