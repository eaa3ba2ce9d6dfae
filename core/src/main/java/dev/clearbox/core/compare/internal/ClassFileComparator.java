package dev.clearbox.core.compare.internal;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.ClassNode;

import java.io.IOException;

/**
 * Class files, compared structurally with ASM by {@link ClassDiff}: the declaration, fields and methods, and for
 * a changed method the differing instructions; debug information is compared apart. A class ASM cannot parse
 * falls back to bytes.
 */
final class ClassFileComparator implements FormatComparator {
    @Override
    public String name() {
        return "class";
    }

    @Override
    public boolean handles(Member shipped, Member rebuilt) {
        return isClassName(shipped.name()) && isClassName(rebuilt.name()) && magic(shipped) && magic(rebuilt);
    }

    static boolean isClassName(String name) {
        return name.endsWith(".class");
    }

    private static boolean magic(Member m) {
        try {
            byte[] h = m.head(4);
            return h.length == 4 && (h[0] & 0xFF) == 0xCA && (h[1] & 0xFF) == 0xFE && (h[2] & 0xFF) == 0xBA
                    && (h[3] & 0xFF) == 0xBE;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void compare(Member shipped, Member rebuilt, CompareContext context) throws IOException, FormatMismatch {
        byte[] s = shipped.bytes();
        byte[] r = rebuilt.bytes();
        ClassDiff diff;
        try {
            diff = new ClassDiff(shipped.path(), parse(s, true), parse(r, true), parse(s, false), parse(r, false));
        } catch (RuntimeException e) {
            throw CompareContext.mismatch("ASM cannot parse it", e);
        }
        diff.run(context);
    }

    /** Parses a class; without debug information for the structural comparison, with it for the debug comparison. */
    static ClassNode parse(byte[] bytes, boolean skipDebug) {
        ClassNode node = new ClassNode();
        new ClassReader(bytes).accept(node, ClassReader.SKIP_FRAMES | (skipDebug ? ClassReader.SKIP_DEBUG : 0));
        return node;
    }

    /**
     * The source file a class was compiled from, as a path in its source root: the package path and the
     * SourceFile attribute; when the attribute is missing, javac's convention (the top-level class name +
     * {@code .java}). Empty when the bytes are not a parseable class.
     */
    static String sourceFileOf(byte[] bytes) {
        try {
            ClassNode node = new ClassNode();
            new ClassReader(bytes).accept(node, ClassReader.SKIP_CODE | ClassReader.SKIP_FRAMES);
            return sourceFile(node);
        } catch (RuntimeException e) {
            return "";
        }
    }

    static String sourceFile(ClassNode node) {
        if (node.name == null) {
            return "";
        }
        int slash = node.name.lastIndexOf('/');
        String pkg = slash < 0 ? "" : node.name.substring(0, slash + 1);
        if (node.sourceFile != null && !node.sourceFile.isBlank() && !node.sourceFile.contains("/")
                && !node.sourceFile.contains("\\")) {
            return pkg + node.sourceFile;
        }
        String simple = node.name.substring(slash + 1);
        int dollar = simple.indexOf('$');
        return pkg + (dollar > 0 ? simple.substring(0, dollar) : simple) + ".java";
    }
}
