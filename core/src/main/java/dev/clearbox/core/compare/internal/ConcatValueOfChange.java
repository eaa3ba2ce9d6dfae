package dev.clearbox.core.compare.internal;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.Frame;
import org.objectweb.asm.tree.analysis.SourceInterpreter;
import org.objectweb.asm.tree.analysis.SourceValue;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.Collections;

/**
 * A known compiler change of the JDK 17 line: since javac 17.0.14 (JDK-8273914, fixed in javac 19 and backported), an
 * operand of an invokedynamic string concatenation whose type is a reference other than {@code String} is turned into a
 * string first, by {@code String.valueOf(Object)} right where it is evaluated, so that its {@code toString()} runs in
 * the order the source says; the {@code makeConcatWithConstants} call then takes a {@code String} for it. javac 9 to
 * 17.0.13 and 18 pass the object itself.
 *
 * <p>Explained only when exactly one side has such calls, each one's result is consumed by a concatenation and nothing
 * else (found by data flow, {@link SourceInterpreter}), and the two bodies are identical once those calls are removed
 * and the concatenations' reference operand types are made alike. Any other difference stays unexplained.
 */
final class ConcatValueOfChange {
    private static final String STRING = "java/lang/String";
    private static final String VALUE_OF = "(Ljava/lang/Object;)Ljava/lang/String;";

    private ConcatValueOfChange() {
    }

    /** The evidence when the change explains the difference between the two bodies; empty otherwise. */
    static Optional<List<String>> explain(String owner, MethodNode rebuilt, MethodNode shipped) {
        Set<AbstractInsnNode> r = concatValueOfs(owner, rebuilt);
        Set<AbstractInsnNode> s = concatValueOfs(owner, shipped);
        if (r == null || s == null || r.isEmpty() == s.isEmpty() || !(r.isEmpty() || s.isEmpty())) {
            return Optional.empty();
        }
        if (!normalised(rebuilt, r).equals(normalised(shipped, s))) {
            return Optional.empty();
        }
        boolean rebuiltNew = !r.isEmpty();
        String newer = rebuiltNew ? "rebuilt" : "shipped";
        String older = rebuiltNew ? "shipped" : "rebuilt";
        int n = rebuiltNew ? r.size() : s.size();
        List<String> evidence = new ArrayList<>();
        evidence.add(newer + " converts " + n + " non-String operand" + (n == 1 ? "" : "s") + " of invokedynamic string "
                + "concatenation with String.valueOf(Object) before the concatenation: javac 17.0.14 or later in the JDK 17 line, "
                + "or javac 19+ (JDK-8273914, operands' toString() evaluated in source order)");
        evidence.add(older + " passes the objects to makeConcatWithConstants itself: javac 9 to 17.0.13, or 18");
        evidence.add("with those calls removed and the concatenations' operand types made alike, the two method bodies are identical");
        return Optional.of(evidence);
    }

    /**
     * The {@code String.valueOf(Object)} calls whose only use is as an operand of a concatenation, or null when the body
     * cannot be analysed.
     */
    static Set<AbstractInsnNode> concatValueOfs(String owner, MethodNode m) {
        boolean any = false;
        for (AbstractInsnNode insn : m.instructions) {
            any |= isValueOf(insn);
        }
        if (!any) {
            return Set.of();
        }
        Frame<SourceValue>[] frames;
        try {
            frames = new Analyzer<>(new SourceInterpreter()).analyze(owner, m);
        } catch (AnalyzerException | RuntimeException e) {
            return null;
        }
        Map<AbstractInsnNode, Integer> usesAsOperand = new IdentityHashMap<>();
        Map<AbstractInsnNode, Integer> uses = new IdentityHashMap<>();
        for (int i = 0; i < m.instructions.size(); i++) {
            AbstractInsnNode insn = m.instructions.get(i);
            Frame<SourceValue> f = frames[i];
            if (f == null) {
                continue;
            }
            if (insn.getOpcode() < 0) {
                continue; // labels, line numbers, frames
            }
            int consumed = consumed(insn, f, i + 1 < frames.length ? frames[i + 1] : null);
            boolean concat = insn instanceof InvokeDynamicInsnNode indy && indy.bsm.getOwner().equals(StringConcatChange.FACTORY);
            for (int k = 0; k < consumed && k < f.getStackSize(); k++) {
                SourceValue v = f.getStack(f.getStackSize() - 1 - k);
                for (AbstractInsnNode src : v.insns) {
                    if (isValueOf(src)) {
                        uses.merge(src, 1, Integer::sum);
                        if (concat && v.insns.size() == 1) {
                            usesAsOperand.merge(src, 1, Integer::sum);
                        }
                    }
                }
            }
        }
        Set<AbstractInsnNode> out = Collections.newSetFromMap(new IdentityHashMap<>());
        for (AbstractInsnNode insn : m.instructions) {
            if (isValueOf(insn) && usesAsOperand.getOrDefault(insn, 0) > 0 && usesAsOperand.get(insn).equals(uses.get(insn))) {
                out.add(insn);
            }
        }
        return out;
    }

    /**
     * How many values from the top of the stack an instruction consumes: for one that falls through, those of its frame
     * that are not, the same objects, in the next frame (the analyser copies the values it leaves alone); otherwise by
     * its opcode. At a merge point the next frame's values are new, which can only count more uses: never an explanation.
     */
    private static int consumed(AbstractInsnNode insn, Frame<SourceValue> f, Frame<SourceValue> next) {
        int op = insn.getOpcode();
        boolean fallsThrough = !(op == Opcodes.GOTO || op == Opcodes.ATHROW || op == Opcodes.TABLESWITCH
                || op == Opcodes.LOOKUPSWITCH || (op >= Opcodes.IRETURN && op <= Opcodes.RETURN) || op == Opcodes.RET
                || op == Opcodes.JSR);
        if (fallsThrough && next != null) {
            int k = 0;
            while (k < f.getStackSize() && k < next.getStackSize() && f.getStack(k) == next.getStack(k)) {
                k++;
            }
            return f.getStackSize() - k;
        }
        return switch (op) {
            case Opcodes.GOTO, Opcodes.RETURN -> 0;
            case Opcodes.ATHROW, Opcodes.TABLESWITCH, Opcodes.LOOKUPSWITCH, Opcodes.IRETURN, Opcodes.LRETURN,
                 Opcodes.FRETURN, Opcodes.DRETURN, Opcodes.ARETURN -> 1;
            default -> f.getStackSize();
        };
    }

    private static boolean isValueOf(AbstractInsnNode insn) {
        return insn instanceof MethodInsnNode c && c.getOpcode() == Opcodes.INVOKESTATIC && c.owner.equals(STRING)
                && c.name.equals("valueOf") && c.desc.equals(VALUE_OF);
    }

    /** The body as text with {@code removed} left out and every concatenation's reference operands written alike. */
    private static List<String> normalised(MethodNode m, Set<AbstractInsnNode> removed) {
        List<String> out = new ArrayList<>();
        for (ClassText.Token t : ClassText.tokens(m)) {
            if (t.insn() != null && removed.contains(t.insn())) {
                continue;
            }
            if (t.insn() instanceof InvokeDynamicInsnNode indy && indy.bsm.getOwner().equals(StringConcatChange.FACTORY)) {
                StringBuilder kinds = new StringBuilder();
                for (Type a : Type.getArgumentTypes(indy.desc)) {
                    kinds.append(a.getSort() == Type.OBJECT || a.getSort() == Type.ARRAY ? "L" : a.getDescriptor());
                }
                List<Object> args = new ArrayList<>(List.of(indy.bsmArgs));
                out.add("CONCAT " + indy.bsm.getName() + " " + args + " (" + kinds + ")" + indy.name);
                continue;
            }
            out.add(t.text());
        }
        return out;
    }
}
