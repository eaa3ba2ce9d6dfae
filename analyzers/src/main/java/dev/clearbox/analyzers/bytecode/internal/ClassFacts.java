package dev.clearbox.analyzers.bytecode.internal;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What Clearbox reads from a class file itself (with ASM, independently of SpotBugs): name, major
 * version, {@code SourceFile} attribute, whether it has line numbers, and its method names.
 *
 * @param name        binary name, dotted ({@code com.acme.A$B})
 * @param lineTable   whether its code carries line numbers (true when it has no code at all)
 * @param methods     declared method names, constructors and initializers excluded
 */
public record ClassFacts(String name, int major, String sourceFile, boolean lineTable, List<String> methods) {
    /** Larger class files are not read (the JVM's own limits make real ones far smaller). */
    static final long MAX_CLASS_BYTES = 16L * 1024 * 1024;
    private static final int ASM_READABLE_MAJOR = 52;

    /**
     * Reads a class file.
     *
     * @throws IOException when it cannot be read, is too large, or is not a well-formed class file (the
     *                     message says which)
     */
    public static ClassFacts read(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_CLASS_BYTES) {
            throw new IOException("class file larger than " + MAX_CLASS_BYTES + " bytes");
        }
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length < 10 || (bytes[0] & 0xFF) != 0xCA || (bytes[1] & 0xFF) != 0xFE
                || (bytes[2] & 0xFF) != 0xBA || (bytes[3] & 0xFF) != 0xBE) {
            throw new IOException("not a class file (no CAFEBABE magic or truncated header)");
        }
        int major = (bytes[6] & 0xFF) << 8 | (bytes[7] & 0xFF);
        // ASM refuses versions newer than it knows; the structure below does not depend on the version.
        bytes[6] = 0;
        bytes[7] = ASM_READABLE_MAJOR;
        String[] source = {""};
        boolean[] lines = {false};
        boolean[] code = {false};
        List<String> methods = new ArrayList<>();
        try {
            ClassReader reader = new ClassReader(bytes);
            reader.accept(new ClassVisitor(Opcodes.ASM9) {
                @Override
                public void visitSource(String sourceFile, String debug) {
                    source[0] = sourceFile == null ? "" : sourceFile;
                }

                @Override
                public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                                 String[] exceptions) {
                    if (!name.startsWith("<") && (access & Opcodes.ACC_SYNTHETIC) == 0) {
                        methods.add(name);
                    }
                    return new MethodVisitor(Opcodes.ASM9) {
                        @Override
                        public void visitCode() {
                            code[0] = true;
                        }

                        @Override
                        public void visitLineNumber(int line, Label start) {
                            lines[0] = true;
                        }
                    };
                }
            }, ClassReader.SKIP_FRAMES);
            return new ClassFacts(reader.getClassName().replace('/', '.'), major, source[0], lines[0] || !code[0],
                    List.copyOf(methods));
        } catch (RuntimeException e) {
            throw new IOException("malformed class file: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
        }
    }
}
