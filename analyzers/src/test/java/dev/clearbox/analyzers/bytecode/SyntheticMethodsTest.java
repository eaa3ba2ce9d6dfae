package dev.clearbox.analyzers.bytecode;

import dev.clearbox.analyzers.capability.CapabilityModel;
import dev.clearbox.core.Capability;
import dev.clearbox.core.Finding;
import dev.clearbox.core.ProgressListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The synthetic and bridge flags are one bit in a class file, which the vendor sets as it likes. A capability call
 * in a method so marked is still a capability of the shipped binary: it is found, like any other.
 */
class SyntheticMethodsTest {
    @TempDir
    static Path tmp;

    static BinaryAnalysisResult result;

    @BeforeAll
    static void analyze() throws Exception {
        Path classes = Compiler.compile(Map.of("com/acme/Beacon.java", """
                package com.acme;
                public class Beacon {
                    public void plain() throws Exception {
                        new java.net.URL("http://203.0.113.5/plain").openConnection();
                    }
                    public void hidden() throws Exception {
                        new java.net.URL("http://203.0.113.5/hidden").openConnection();
                    }
                    public void bridged() throws Exception {
                        new java.net.URL("http://203.0.113.5/bridged").openConnection();
                    }
                }
                """), tmp.resolve("classes"));
        Path file = classes.resolve("com/acme/Beacon.class");
        ClassReader reader = new ClassReader(Files.readAllBytes(file));
        ClassWriter writer = new ClassWriter(0);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                int marked = switch (name) {
                    case "hidden" -> access | Opcodes.ACC_SYNTHETIC;
                    case "bridged" -> access | Opcodes.ACC_SYNTHETIC | Opcodes.ACC_BRIDGE;
                    default -> access;
                };
                return super.visitMethod(marked, name, descriptor, signature, exceptions);
            }
        }, 0);
        Files.write(file, writer.toByteArray());
        result = new BinaryAnalyzer().analyze(new BinaryAnalysisRequest(List.of(BinaryInput.ofDirectory(classes)),
                CapabilityModel.builtIn(), false, List.of()), ProgressListener.NONE);
    }

    private static List<Integer> networkLines() {
        return result.findings().stream().filter(f -> f.rule() == BinaryRule.NETWORK && f.capability() == Capability.NETWORK)
                .map(Finding::location).map(l -> l.line()).distinct().sorted().toList();
    }

    @Test
    @Tag("positive:CBX-BIN-NETWORK")
    void callsInMethodsMarkedSyntheticOrBridgeAreFound() {
        assertEquals(List.of(4, 7, 10), networkLines(), result.findings().toString());
    }
}
