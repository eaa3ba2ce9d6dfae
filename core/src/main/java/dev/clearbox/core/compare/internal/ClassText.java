package dev.clearbox.core.compare.internal;

import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.util.Printer;
import org.objectweb.asm.util.Textifier;
import org.objectweb.asm.util.TraceClassVisitor;
import org.objectweb.asm.util.TraceMethodVisitor;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders parts of a class as ASM {@link Textifier} listings, one line per instruction or declaration, so that
 * two classes can be compared and their differences shown as a line diff. Labels are named in order of first
 * appearance (L0, L1...), which makes two listings of the same code identical.
 */
final class ClassText {
    private static final java.util.regex.Pattern NEWLINE = java.util.regex.Pattern.compile("\\s*\n\\s*");
    private ClassText() {
    }

    /** The class declaration without fields and methods: version, access, names, annotations, inner classes... */
    static List<String> declaration(ClassNode c) {
        List<FieldNode> fields = c.fields;
        List<MethodNode> methods = c.methods;
        c.fields = List.of();
        c.methods = List.of();
        try {
            StringWriter out = new StringWriter();
            c.accept(new TraceClassVisitor(null, new Textifier(), new PrintWriter(out)));
            return lines(out.toString());
        } finally {
            c.fields = fields;
            c.methods = methods;
        }
    }

    static List<String> field(FieldNode f) {
        Textifier t = new Textifier();
        f.accept(new TraceClassVisitor(null, t, null));
        return print(t);
    }

    /** A method's declaration: access, name, descriptor, signature, exceptions, annotations; no code. */
    static List<String> methodDeclaration(MethodNode m) {
        MethodNode d = new MethodNode(m.access, m.name, m.desc, m.signature, m.exceptions.toArray(String[]::new));
        d.visibleAnnotations = m.visibleAnnotations;
        d.invisibleAnnotations = m.invisibleAnnotations;
        d.visibleTypeAnnotations = m.visibleTypeAnnotations;
        d.invisibleTypeAnnotations = m.invisibleTypeAnnotations;
        d.visibleParameterAnnotations = m.visibleParameterAnnotations;
        d.invisibleParameterAnnotations = m.invisibleParameterAnnotations;
        d.visibleAnnotableParameterCount = m.visibleAnnotableParameterCount;
        d.invisibleAnnotableParameterCount = m.invisibleAnnotableParameterCount;
        d.annotationDefault = m.annotationDefault;
        d.attrs = m.attrs;
        Textifier t = new Textifier();
        d.accept(new TraceClassVisitor(null, t, null));
        return print(t);
    }

    /** A method's code: its try-catch blocks and instructions, one per line (no max stack or locals). */
    static List<String> code(MethodNode m) {
        return tokens(m).stream().map(Token::text).toList();
    }

    /** One instruction (or label, or try-catch block) with its listing. */
    record Token(AbstractInsnNode insn, String text) {
    }

    /** The code of a method as tokens: try-catch blocks (insn null) first, then every instruction in order. */
    static List<Token> tokens(MethodNode m) {
        Textifier t = new Textifier();
        TraceMethodVisitor mv = new TraceMethodVisitor(t);
        List<Token> out = new ArrayList<>();
        for (TryCatchBlockNode tcb : m.tryCatchBlocks) {
            int before = t.getText().size();
            tcb.accept(mv);
            out.add(new Token(null, text(t, before)));
        }
        for (AbstractInsnNode insn : m.instructions) {
            int before = t.getText().size();
            insn.accept(mv);
            String text = text(t, before);
            if (!text.isEmpty()) {
                out.add(new Token(insn, text));
            }
        }
        return out;
    }

    private static String text(Printer p, int from) {
        StringBuilder b = new StringBuilder();
        for (Object o : p.getText().subList(from, p.getText().size())) {
            b.append(o);
        }
        String text = b.toString().strip();
        return text.indexOf('\n') < 0 ? text : NEWLINE.matcher(text).replaceAll(" | ");
    }

    private static List<String> print(Printer p) {
        StringWriter out = new StringWriter();
        PrintWriter pw = new PrintWriter(out);
        p.print(pw);
        pw.flush();
        return lines(out.toString());
    }

    /** Non-blank lines; an {@code // access flags} comment is appended to the declaration it belongs to. */
    private static List<String> lines(String s) {
        List<String> out = new ArrayList<>();
        String flags = null;
        for (String line : s.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            if (line.strip().startsWith("// access flags")) {
                flags = line.strip();
                continue;
            }
            out.add(flags == null ? line.strip() : line.strip() + "  " + flags);
            flags = null;
        }
        if (flags != null) {
            out.add(flags);
        }
        return out;
    }
}
