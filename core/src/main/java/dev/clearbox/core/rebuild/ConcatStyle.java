package dev.clearbox.core.rebuild;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

import java.util.Optional;

/**
 * What a class file's string concatenations tell of the javac that compiled it: an invokedynamic
 * {@code makeConcatWithConstants} taking a reference that is not a String was made by javac 9 to 17.0.13 (or 18);
 * one whose String operand comes straight from {@code String.valueOf(Object)} by javac 17.0.14+ (or 19+). The second
 * is a heuristic (source code can call String.valueOf itself), so only the first finding of a class counts, and a class
 * showing both says nothing.
 */
final class ConcatStyle {
    private static final String FACTORY = "java/lang/invoke/StringConcatFactory";

    record Found(ReferenceFacts.ConcatJavac style, String evidence) {
    }

    private ConcatStyle() {
    }

    static Optional<Found> of(byte[] classFile) {
        ClassNode node = new ClassNode();
        try {
            new ClassReader(classFile).accept(node, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        Found objects = null;
        Found valueOf = null;
        for (MethodNode m : node.methods) {
            for (AbstractInsnNode insn : m.instructions) {
                if (!(insn instanceof InvokeDynamicInsnNode indy) || !indy.bsm.getOwner().equals(FACTORY)) {
                    continue;
                }
                Type[] args = Type.getArgumentTypes(indy.desc);
                for (Type t : args) {
                    if ((t.getSort() == Type.OBJECT && !t.getInternalName().equals("java/lang/String")) || t.getSort() == Type.ARRAY) {
                        objects = objects != null ? objects : new Found(ReferenceFacts.ConcatJavac.OBJECT_OPERANDS,
                                "(method " + m.name + m.desc + " passes a " + t.getClassName() + " to makeConcatWithConstants)");
                    }
                }
                AbstractInsnNode prev = insn.getPrevious();
                if (args.length > 0 && args[args.length - 1].getDescriptor().equals("Ljava/lang/String;")
                        && prev instanceof MethodInsnNode call && call.getOpcode() == Opcodes.INVOKESTATIC
                        && call.owner.equals("java/lang/String") && call.name.equals("valueOf")
                        && call.desc.equals("(Ljava/lang/Object;)Ljava/lang/String;")) {
                    valueOf = valueOf != null ? valueOf : new Found(ReferenceFacts.ConcatJavac.VALUE_OF_OPERANDS,
                            "(method " + m.name + m.desc + " calls String.valueOf(Object) right before makeConcatWithConstants)");
                }
            }
        }
        if (objects != null && valueOf != null) {
            return Optional.empty();
        }
        return Optional.ofNullable(objects != null ? objects : valueOf);
    }
}
