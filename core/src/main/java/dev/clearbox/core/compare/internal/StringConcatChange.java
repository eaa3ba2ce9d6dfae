package dev.clearbox.core.compare.internal;

import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TypeInsnNode;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * A known compiler change: string concatenation compiled with {@code invokedynamic}
 * {@code StringConcatFactory.makeConcatWithConstants} (javac 9 and later, JEP 280) on one side and with
 * {@code StringBuilder} chains ({@code -XDstringConcat=inline}, or a target before Java 9) on the other.
 *
 * <p>Both method bodies are rewritten so that each concatenation becomes one token holding its recipe (the
 * constant text, with a marker per argument) and the kinds of its arguments. When the rewritten bodies are
 * identical, and at least one concatenation was rewritten, the difference is explained. The rewriting is
 * deliberately narrow: an append whose argument is not a simple constant counts as an argument, so any
 * difference in what is concatenated, or in the code around it, stays unexplained.
 */
final class StringConcatChange {
    static final String FACTORY = "java/lang/invoke/StringConcatFactory";
    static final String BUILDER = "java/lang/StringBuilder";
    private static final char ARG = '\u0001';
    private static final char CONST = '\u0002';

    private StringConcatChange() {
    }

    /** The evidence when the change explains the difference between the two bodies; empty otherwise. */
    static Optional<List<String>> explain(MethodNode rebuilt, MethodNode shipped) {
        Normalised r = normalise(rebuilt);
        Normalised s = normalise(shipped);
        if (r == null || s == null || r.concats.isEmpty() || !r.tokens.equals(s.tokens)
                || (r.indy > 0) == (s.indy > 0)) {
            return Optional.empty();
        }
        Normalised indySide = s.indy > 0 ? s : r;
        String indyName = indySide == s ? "shipped" : "rebuilt";
        String inlineName = indySide == s ? "rebuilt" : "shipped";
        List<String> evidence = new ArrayList<>();
        evidence.add(indyName + " concatenates strings with invokedynamic StringConcatFactory.makeConcatWithConstants "
                + "(javac 9+ default, JEP 280); " + inlineName + " with StringBuilder.append chains "
                + "(javac -XDstringConcat=inline or a target before Java 9)");
        evidence.add("after rewriting each of the " + r.concats.size()
                + " concatenations to one form, the two method bodies are identical; recipes (\\1 = argument):");
        for (String c : r.concats) {
            evidence.add("  " + c);
        }
        return Optional.of(evidence);
    }

    /** True when this body uses the invokedynamic string concatenation. */
    static boolean usesIndyConcat(MethodNode m) {
        for (AbstractInsnNode insn : m.instructions) {
            if (insn instanceof InvokeDynamicInsnNode indy && indy.bsm.getOwner().equals(FACTORY)) {
                return true;
            }
        }
        return false;
    }

    private record Normalised(List<String> tokens, List<String> concats, int indy) {
    }

    private static final class Builder {
        final StringBuilder recipe = new StringBuilder();
        final StringBuilder kinds = new StringBuilder();
        final int start;

        Builder(int start) {
            this.start = start;
        }
    }

    private static Normalised normalise(MethodNode m) {
        List<ClassText.Token> in = ClassText.tokens(m);
        List<String> out = new ArrayList<>();
        List<AbstractInsnNode> outInsns = new ArrayList<>();
        List<String> concats = new ArrayList<>();
        Deque<Builder> builders = new ArrayDeque<>();
        int indy = 0;
        for (int i = 0; i < in.size(); i++) {
            AbstractInsnNode insn = in.get(i).insn();
            if (isNewBuilder(in, i)) {
                builders.push(new Builder(out.size()));
                i += 2;
                continue;
            }
            if (insn instanceof MethodInsnNode call && call.owner.equals(BUILDER) && !builders.isEmpty()) {
                Builder b = builders.peek();
                if (call.name.equals("append") && call.desc.endsWith(")L" + BUILDER + ";")) {
                    Type arg = Type.getArgumentTypes(call.desc)[0];
                    String constant = out.size() > b.start ? constant(outInsns.get(out.size() - 1), arg) : null;
                    if (constant != null) {
                        out.remove(out.size() - 1);
                        outInsns.remove(outInsns.size() - 1);
                        b.recipe.append(constant);
                    } else {
                        b.recipe.append(ARG);
                        b.kinds.append(kind(arg));
                    }
                    continue;
                }
                if (call.name.equals("toString") && call.desc.equals("()Ljava/lang/String;")) {
                    builders.pop();
                    emit(out, outInsns, concats, b.recipe.toString(), b.kinds.toString());
                    continue;
                }
                return null; // another use of StringBuilder: not a plain concatenation
            }
            if (insn instanceof InvokeDynamicInsnNode call && call.bsm.getOwner().equals(FACTORY)) {
                String recipe = recipe(call);
                if (recipe == null) {
                    return null;
                }
                StringBuilder kinds = new StringBuilder();
                for (Type t : Type.getArgumentTypes(call.desc)) {
                    kinds.append(kind(t));
                }
                indy++;
                emit(out, outInsns, concats, recipe, kinds.toString());
                continue;
            }
            out.add(in.get(i).text());
            outInsns.add(insn);
        }
        return builders.isEmpty() ? new Normalised(out, concats, indy) : null;
    }

    private static void emit(List<String> out, List<AbstractInsnNode> outInsns, List<String> concats, String recipe,
                             String kinds) {
        String shown = recipe.replace(Character.toString(ARG), "\\1") + "  (" + kinds + ")";
        out.add("CONCAT " + shown);
        outInsns.add(null);
        concats.add(shown);
    }

    private static boolean isNewBuilder(List<ClassText.Token> in, int i) {
        return i + 2 < in.size()
                && in.get(i).insn() instanceof TypeInsnNode n && n.getOpcode() == Opcodes.NEW && n.desc.equals(BUILDER)
                && in.get(i + 1).insn() != null && in.get(i + 1).insn().getOpcode() == Opcodes.DUP
                && in.get(i + 2).insn() instanceof MethodInsnNode init && init.owner.equals(BUILDER)
                && init.name.equals("<init>") && init.desc.equals("()V");
    }

    /** The text of a simple constant pushed right before an append of type {@code arg}, or null. */
    private static String constant(AbstractInsnNode insn, Type arg) {
        if (insn == null) {
            return null;
        }
        Object v = switch (insn.getOpcode()) {
            case Opcodes.ICONST_M1, Opcodes.ICONST_0, Opcodes.ICONST_1, Opcodes.ICONST_2, Opcodes.ICONST_3,
                 Opcodes.ICONST_4, Opcodes.ICONST_5 -> insn.getOpcode() - Opcodes.ICONST_0;
            case Opcodes.BIPUSH, Opcodes.SIPUSH -> ((IntInsnNode) insn).operand;
            case Opcodes.LCONST_0, Opcodes.LCONST_1 -> (long) (insn.getOpcode() - Opcodes.LCONST_0);
            case Opcodes.FCONST_0, Opcodes.FCONST_1, Opcodes.FCONST_2 -> (float) (insn.getOpcode() - Opcodes.FCONST_0);
            case Opcodes.DCONST_0, Opcodes.DCONST_1 -> (double) (insn.getOpcode() - Opcodes.DCONST_0);
            case Opcodes.LDC -> ((LdcInsnNode) insn).cst;
            default -> null;
        };
        if (v == null) {
            return null;
        }
        return switch (arg.getSort()) {
            case Type.CHAR -> v instanceof Integer c ? Character.toString((char) (int) c) : null;
            case Type.BOOLEAN -> v instanceof Integer z ? Boolean.toString(z != 0) : null;
            case Type.INT, Type.BYTE, Type.SHORT -> v instanceof Integer x ? x.toString() : null;
            case Type.LONG -> v instanceof Long x ? x.toString() : null;
            case Type.FLOAT -> v instanceof Float x ? x.toString() : null;
            case Type.DOUBLE -> v instanceof Double x ? x.toString() : null;
            case Type.OBJECT -> v instanceof String s && arg.getInternalName().equals("java/lang/String") ? s : null;
            default -> null;
        };
    }

    private static String recipe(InvokeDynamicInsnNode call) {
        Handle bsm = call.bsm;
        if (bsm.getName().equals("makeConcat")) {
            return Character.toString(ARG).repeat(Type.getArgumentTypes(call.desc).length);
        }
        if (!bsm.getName().equals("makeConcatWithConstants") || call.bsmArgs.length == 0
                || !(call.bsmArgs[0] instanceof String recipe)) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        int next = 1;
        for (int i = 0; i < recipe.length(); i++) {
            char c = recipe.charAt(i);
            if (c == CONST) {
                if (next >= call.bsmArgs.length) {
                    return null;
                }
                b.append(call.bsmArgs[next++]);
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** The argument kind as both forms see it: references are alike; byte and short are ints. */
    private static char kind(Type t) {
        return switch (t.getSort()) {
            case Type.BOOLEAN -> 'Z';
            case Type.CHAR -> 'C';
            case Type.BYTE, Type.SHORT, Type.INT -> 'I';
            case Type.LONG -> 'J';
            case Type.FLOAT -> 'F';
            case Type.DOUBLE -> 'D';
            default -> 'L';
        };
    }
}
