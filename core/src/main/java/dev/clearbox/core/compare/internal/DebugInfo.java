package dev.clearbox.core.compare.internal;

import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.LocalVariableNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.ParameterNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Debug information: what ASM's {@code SKIP_DEBUG} leaves out (SourceFile, SourceDebugExtension, line numbers,
 * local variable tables, MethodParameters). Compared only for methods whose instructions are the same, each
 * position taken as the number of instructions before it.
 */
final class DebugInfo {
    private DebugInfo() {
    }

    static List<String> differences(ClassNode shipped, ClassNode rebuilt, List<String> methodsWithSameCode) {
        List<String> out = new ArrayList<>();
        if (!Objects.equals(shipped.sourceFile, rebuilt.sourceFile)) {
            out.add("SourceFile: " + Objects.requireNonNullElse(shipped.sourceFile, "(none)") + " shipped, "
                    + Objects.requireNonNullElse(rebuilt.sourceFile, "(none)") + " rebuilt");
        }
        if (!Objects.equals(shipped.sourceDebug, rebuilt.sourceDebug)) {
            out.add("SourceDebugExtension differs");
        }
        Map<String, MethodNode> s = byKey(shipped);
        Map<String, MethodNode> r = byKey(rebuilt);
        for (String key : methodsWithSameCode.stream().sorted().toList()) {
            MethodNode a = s.get(key);
            MethodNode b = r.get(key);
            if (a == null || b == null) {
                continue;
            }
            List<String> what = new ArrayList<>();
            List<String> la = lines(a);
            List<String> lb = lines(b);
            if (!la.equals(lb)) {
                what.add("line numbers " + summary(la) + " shipped, " + summary(lb) + " rebuilt");
            }
            if (!locals(a).equals(locals(b))) {
                what.add("local variables " + names(a) + " shipped, " + names(b) + " rebuilt");
            }
            if (!params(a).equals(params(b))) {
                what.add("parameter names " + params(a) + " shipped, " + params(b) + " rebuilt");
            }
            if (!what.isEmpty()) {
                out.add(key + ": " + String.join("; ", what));
            }
        }
        return out;
    }

    private static Map<String, MethodNode> byKey(ClassNode c) {
        Map<String, MethodNode> m = new HashMap<>();
        c.methods.forEach(n -> m.put(n.name + n.desc, n));
        return m;
    }

    /** Instruction index of every label: the number of real instructions before it. */
    private static Map<LabelNode, Integer> positions(MethodNode m) {
        Map<LabelNode, Integer> at = new HashMap<>();
        int n = 0;
        for (AbstractInsnNode insn : m.instructions) {
            if (insn instanceof LabelNode l) {
                at.put(l, n);
            } else if (insn.getOpcode() >= 0) {
                n++;
            }
        }
        return at;
    }

    private static List<String> lines(MethodNode m) {
        Map<LabelNode, Integer> at = positions(m);
        List<String> out = new ArrayList<>();
        for (AbstractInsnNode insn : m.instructions) {
            if (insn instanceof LineNumberNode l) {
                out.add(l.line + "@" + at.get(l.start));
            }
        }
        return out;
    }

    private static String summary(List<String> lines) {
        if (lines.isEmpty()) {
            return "none";
        }
        String first = lines.get(0);
        String last = lines.get(lines.size() - 1);
        return first.substring(0, first.indexOf('@')) + ".." + last.substring(0, last.indexOf('@'));
    }

    private static List<String> locals(MethodNode m) {
        Map<LabelNode, Integer> at = positions(m);
        List<String> out = new ArrayList<>();
        if (m.localVariables != null) {
            for (LocalVariableNode v : m.localVariables) {
                out.add(v.index + " " + v.name + " " + v.desc + " " + v.signature + " " + at.get(v.start) + "-" + at.get(v.end));
            }
        }
        out.sort(null);
        return out;
    }

    private static List<String> names(MethodNode m) {
        List<String> out = new ArrayList<>();
        if (m.localVariables != null) {
            for (LocalVariableNode v : m.localVariables) {
                out.add(v.name);
            }
        }
        return out;
    }

    private static List<String> params(MethodNode m) {
        List<String> out = new ArrayList<>();
        if (m.parameters != null) {
            for (ParameterNode p : m.parameters) {
                out.add(p.name + "/" + p.access);
            }
        }
        return out;
    }
}
