package dev.clearbox.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A call on a type the analysis cannot see is kept, matched by method name, and {@code analyze} names the jar
 * beside the sources that holds the type; given that jar on the classpath, the call resolves.
 */
class AnalyzeMissingTypesTest {
    @Test
    void theJarThatWouldResolveAMissingTypeIsNamedAndResolvesItWhenGiven(@TempDir Path tmp) throws Exception {
        Path tree = Files.createDirectories(tmp.resolve("product"));
        Path src = Files.createDirectories(tree.resolve("src/com/acme"));
        Files.writeString(src.resolve("Agent.java"), """
                package com.acme;
                import org.vendorlib.Channel;
                class Agent {
                    void run(Channel channel, java.net.SocketAddress where) throws Exception {
                        channel.connect(where);
                    }
                }
                """);
        Path jar = channelJar(tmp, tree.resolve("lib/vendorlib.jar"));

        CliRun blind = CliRun.of("analyze", tree);
        assertEquals(ExitCode.OK.code(), blind.exit(), blind.err());
        assertTrue(blind.out().contains("src/com/acme/Agent.java:5  NETWORK  java.net.Socket#connect"
                + "  (matched by method name: supertypes not seen)"), blind.out());
        assertTrue(blind.out().contains("org.vendorlib.Channel: 1 call; held by lib/vendorlib.jar"), blind.out());
        assertTrue(blind.out().contains("--classpath " + tree.resolve("lib/vendorlib.jar")), blind.out());
        assertTrue(blind.out().contains("1 calls unresolved"), blind.out());

        CliRun seeing = CliRun.of("analyze", tree, "--classpath", jar.toString());
        assertEquals(ExitCode.OK.code(), seeing.exit(), seeing.err());
        assertFalse(seeing.out().contains("could not be seen"), seeing.out());
        assertTrue(seeing.out().contains("0 findings") && seeing.out().contains("0 calls unresolved"),
                "Channel is no socket once it can be seen: " + seeing.out());
    }

    /** A jar holding a compiled {@code org.vendorlib.Channel} interface with a {@code connect(SocketAddress)}. */
    private static Path channelJar(Path tmp, Path jar) throws Exception {
        Path libSrc = Files.createDirectories(tmp.resolve("libsrc/org/vendorlib"));
        Files.writeString(libSrc.resolve("Channel.java"), """
                package org.vendorlib;
                public interface Channel { void connect(java.net.SocketAddress where); }
                """);
        Path classes = Files.createDirectories(tmp.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertEquals(0, javac.run(null, null, null, "-d", classes.toString(),
                libSrc.resolve("Channel.java").toString()));
        Files.createDirectories(jar.getParent());
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out)) {
            j.putNextEntry(new JarEntry("org/vendorlib/Channel.class"));
            j.write(Files.readAllBytes(classes.resolve("org/vendorlib/Channel.class")));
            j.closeEntry();
        }
        return jar;
    }
}
