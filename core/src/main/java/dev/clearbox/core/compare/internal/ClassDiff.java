package dev.clearbox.core.compare.internal;

import dev.clearbox.core.compare.DifferenceClass;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldNode;
import org.objectweb.asm.tree.MethodNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The structural comparison of two versions of one class: declaration, fields, methods (declaration and
 * instructions), then debug information, each difference mapped to the source file and member.
 */
final class ClassDiff {
    static final int MAX_EVIDENCE_LINES = 40;

    private final String entry;
    private final ClassNode shipped;
    private final ClassNode rebuilt;
    private final ClassNode shippedFull;
    private final ClassNode rebuiltFull;
    private final String source;
    private final String className;
    private final List<String> unchangedCode = new ArrayList<>();
    private boolean concatChangeOnShipped;
    private boolean concatChangeOnRebuilt;

    ClassDiff(String entry, ClassNode shipped, ClassNode rebuilt, ClassNode shippedFull, ClassNode rebuiltFull) {
        this.entry = entry;
        this.shipped = shipped;
        this.rebuilt = rebuilt;
        this.shippedFull = shippedFull;
        this.rebuiltFull = rebuiltFull;
        String s = ClassFileComparator.sourceFile(shippedFull);
        this.source = s.isEmpty() ? ClassFileComparator.sourceFile(rebuiltFull) : s;
        this.className = shipped.name == null ? entry : shipped.name.replace('/', '.');
    }

    void run(CompareContext context) {
        int before = context.count();
        methods(context);
        fields(context);
        declaration(context);
        List<String> debug = DebugInfo.differences(shippedFull, rebuiltFull, unchangedCode);
        if (!debug.isEmpty()) {
            context.report(entry, DifferenceClass.DEBUG_INFO_ONLY, "class " + className
                    + ": debug information differs where the instructions are the same", source, "", trim(debug));
        }
        if (context.count() == before) {
            context.report(entry, DifferenceClass.CLASS_FILE_LAYOUT, "class " + className
                    + " has the same declaration, members, instructions and debug information; only its byte layout differs",
                    source, "", List.of());
        }
    }

    private void methods(CompareContext context) {
        Map<String, MethodNode> s = byKey(shipped.methods);
        Map<String, MethodNode> r = byKey(rebuilt.methods);
        TreeSet<String> keys = new TreeSet<>(s.keySet());
        keys.addAll(r.keySet());
        for (String key : keys) {
            MethodNode a = s.get(key);
            MethodNode b = r.get(key);
            if (b == null) {
                context.report(entry, DifferenceClass.MEMBER_ONLY_IN_SHIPPED, "method " + key + " of " + className
                        + " is only in the shipped class", source, key, trim(prefixed("+ ", listing(a))));
            } else if (a == null) {
                context.report(entry, DifferenceClass.MEMBER_ONLY_IN_REBUILT, "method " + key + " of " + className
                        + " is only in the rebuilt class", source, key, trim(prefixed("- ", listing(b))));
            } else {
                List<String> da = ClassText.methodDeclaration(a);
                List<String> db = ClassText.methodDeclaration(b);
                if (!da.equals(db)) {
                    context.report(entry, DifferenceClass.MEMBER_CHANGED, "the declaration of method " + key + " of "
                            + className + " differs", source, key, LineDiff.unified(db, da, MAX_EVIDENCE_LINES));
                }
                List<String> ca = ClassText.code(a);
                List<String> cb = ClassText.code(b);
                if (ca.equals(cb)) {
                    unchangedCode.add(key);
                    continue;
                }
                List<String> diff = LineDiff.unified(cb, ca, MAX_EVIDENCE_LINES);
                Optional<List<String>> known = StringConcatChange.explain(b, a);
                if (known.isPresent()) {
                    concatChangeOnShipped |= StringConcatChange.usesIndyConcat(a);
                    concatChangeOnRebuilt |= StringConcatChange.usesIndyConcat(b);
                    List<String> evidence = new ArrayList<>(known.get());
                    evidence.add("instruction diff (- rebuilt, + shipped):");
                    evidence.addAll(diff);
                    context.report(entry, DifferenceClass.KNOWN_COMPILER_CHANGE, "method " + key + " of " + className
                            + " concatenates strings the way another javac does; otherwise its instructions are the same",
                            source, key, trim(evidence));
                } else if ((known = ConcatValueOfChange.explain(rebuilt.name, b, a)).isPresent()) {
                    List<String> evidence = new ArrayList<>(known.get());
                    evidence.add("instruction diff (- rebuilt, + shipped):");
                    evidence.addAll(diff);
                    context.report(entry, DifferenceClass.KNOWN_COMPILER_CHANGE, "method " + key + " of " + className
                            + " converts string-concatenation operands with String.valueOf the way javac 17.0.14+ does and "
                            + "the other side's javac does not; otherwise its instructions are the same", source, key, trim(evidence));
                } else {
                    context.report(entry, DifferenceClass.METHOD_CODE_CHANGED, "the instructions of method " + key
                            + " of " + className + " differ (" + changed(diff) + ")", source, key, diff);
                }
            }
        }
    }

    private void fields(CompareContext context) {
        Map<String, FieldNode> s = new LinkedHashMap<>();
        shipped.fields.forEach(f -> s.put(f.name, f));
        Map<String, FieldNode> r = new LinkedHashMap<>();
        rebuilt.fields.forEach(f -> r.put(f.name, f));
        TreeSet<String> names = new TreeSet<>(s.keySet());
        names.addAll(r.keySet());
        for (String name : names) {
            FieldNode a = s.get(name);
            FieldNode b = r.get(name);
            if (b == null) {
                context.report(entry, DifferenceClass.MEMBER_ONLY_IN_SHIPPED, "field " + name + " of " + className
                        + " is only in the shipped class", source, name + ":" + a.desc, prefixed("+ ", ClassText.field(a)));
            } else if (a == null) {
                context.report(entry, DifferenceClass.MEMBER_ONLY_IN_REBUILT, "field " + name + " of " + className
                        + " is only in the rebuilt class", source, name + ":" + b.desc, prefixed("- ", ClassText.field(b)));
            } else {
                List<String> la = ClassText.field(a);
                List<String> lb = ClassText.field(b);
                if (!la.equals(lb)) {
                    context.report(entry, DifferenceClass.MEMBER_CHANGED, "the declaration of field " + name + " of "
                            + className + " differs", source, name + ":" + a.desc, LineDiff.unified(lb, la, MAX_EVIDENCE_LINES));
                }
            }
        }
    }

    private void declaration(CompareContext context) {
        List<String> a = ClassText.declaration(shipped);
        List<String> b = ClassText.declaration(rebuilt);
        if (a.equals(b)) {
            return;
        }
        List<String> diff = LineDiff.unified(b, a, MAX_EVIDENCE_LINES);
        boolean onlyLookup = diff.stream().filter(l -> l.startsWith("- ") || l.startsWith("+ "))
                .allMatch(l -> l.contains("java/lang/invoke/MethodHandles$Lookup")
                        && (l.startsWith("+ ") ? concatChangeOnShipped : concatChangeOnRebuilt));
        if (onlyLookup) {
            List<String> evidence = new ArrayList<>(List.of("the InnerClasses entry for MethodHandles$Lookup comes with "
                    + "invokedynamic string concatenation (see the methods of this class)"));
            evidence.addAll(diff);
            context.report(entry, DifferenceClass.KNOWN_COMPILER_CHANGE, "the declaration of class " + className
                    + " differs only by what invokedynamic string concatenation needs", source, "", evidence);
        } else {
            context.report(entry, DifferenceClass.CLASS_DECLARATION_CHANGED, "the declaration of class " + className
                    + " differs", source, "", diff);
        }
    }

    private static Map<String, MethodNode> byKey(List<MethodNode> methods) {
        Map<String, MethodNode> m = new LinkedHashMap<>();
        for (MethodNode n : methods) {
            m.put(n.name + n.desc, n);
        }
        return m;
    }

    private static List<String> listing(MethodNode m) {
        List<String> out = new ArrayList<>(ClassText.methodDeclaration(m));
        out.addAll(ClassText.code(m));
        return out;
    }

    private static List<String> prefixed(String prefix, List<String> lines) {
        return lines.stream().map(l -> prefix + l.strip()).toList();
    }

    private static String changed(List<String> diff) {
        long removed = diff.stream().filter(l -> l.startsWith("- ")).count();
        long added = diff.stream().filter(l -> l.startsWith("+ ")).count();
        return added + " instruction lines only shipped, " + removed + " only rebuilt";
    }

    static List<String> trim(List<String> lines) {
        if (lines.size() <= MAX_EVIDENCE_LINES) {
            return lines;
        }
        List<String> out = new ArrayList<>(lines.subList(0, MAX_EVIDENCE_LINES));
        out.add("  ... (" + (lines.size() - MAX_EVIDENCE_LINES) + " more lines)");
        return out;
    }
}
