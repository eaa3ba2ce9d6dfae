package dev.clearbox.core.compare;

import dev.clearbox.core.Verdict;
import dev.clearbox.core.compare.Fixtures.E;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Class files compared structurally: each pair compiled in memory from source. */
class ClassComparisonTest {
    @TempDir
    Path tmp;

    static final String AGENT = """
            package com.acme;

            public class Agent {
                static final int PORT = 8080;
                private String name = "agent";

                public static void main(String[] args) {
                    String greeting = "hello " + args.length + " from " + args[0];
                    System.out.println(greeting);
                    run();
                }

                static void run() {
                    int total = 0;
                    for (int i = 0; i < 3; i++) {
                        total += i;
                    }
                    System.out.println(total);
                }
            }
            """;

    private ArtifactComparison compareClasses(byte[] shipped, byte[] rebuilt, CompareOptions options) throws Exception {
        Path s = Fixtures.jar(tmp.resolve("s" + System.nanoTime() + ".jar"), List.of(E.of("com/acme/Agent.class", shipped)));
        Path r = Fixtures.jar(tmp.resolve("r" + System.nanoTime() + ".jar"), List.of(E.of("com/acme/Agent.class", rebuilt)));
        return new ArtifactComparator(options).compare("s.jar", s, "r.jar", r);
    }

    private ArtifactComparison compareClasses(byte[] shipped, byte[] rebuilt) throws Exception {
        return compareClasses(shipped, rebuilt, CompareOptions.defaults());
    }

    private static byte[] agent(String source, String... options) {
        return Fixtures.compileOne("com.acme.Agent", source, options);
    }

    private static Difference only(ArtifactComparison c, DifferenceClass kind) {
        List<Difference> d = c.differences().stream().filter(x -> x.kind() == kind).toList();
        assertEquals(1, d.size(), kind + " in " + c.differences());
        return d.get(0);
    }

    @Test
    void debugInformationOnlyIsItsOwnBenignClass() throws Exception {
        ArtifactComparison c = compareClasses(agent(AGENT, "-g"), agent(AGENT, "-g:none"));
        assertEquals(Verdict.EQUIVALENT, c.verdict(), c.differences().toString());
        Difference d = only(c, DifferenceClass.DEBUG_INFO_ONLY);
        assertEquals(1, c.differences().size(), c.differences().toString());
        assertTrue(d.benign());
        assertEquals("com/acme/Agent.java", d.sourceFile());
        assertTrue(d.evidence().contains("SourceFile: Agent.java shipped, (none) rebuilt"), d.evidence().toString());
        assertTrue(d.evidence().stream().anyMatch(l -> l.startsWith("run()V: line numbers 14..19 shipped, none rebuilt; "
                + "local variables [i, total] shipped, [] rebuilt")), d.evidence().toString());
    }

    @Test
    void movedLinesAreDebugInformationOnly() throws Exception {
        ArtifactComparison c = compareClasses(agent("\n\n" + AGENT), agent(AGENT));
        assertEquals(Verdict.EQUIVALENT, c.verdict());
        Difference d = only(c, DifferenceClass.DEBUG_INFO_ONLY);
        assertTrue(d.evidence().stream().anyMatch(l -> l.startsWith("main([Ljava/lang/String;)V: line numbers 10..13 shipped, 8..11 rebuilt")),
                d.evidence().toString());
    }

    @Test
    void aRewrittenConstantPoolIsClassFileLayout() throws Exception {
        byte[] javac = agent(AGENT);
        ClassWriter w = new ClassWriter(0);
        new ClassReader(javac).accept(w, 0);
        byte[] rewritten = w.toByteArray();
        assertFalse(Arrays.equals(javac, rewritten));
        ArtifactComparison c = compareClasses(rewritten, javac);
        assertEquals(Verdict.EQUIVALENT, c.verdict(), c.differences().toString());
        assertEquals(DifferenceClass.CLASS_FILE_LAYOUT, only(c, DifferenceClass.CLASS_FILE_LAYOUT).kind());
        assertEquals(1, c.differences().size());
    }

    @Test
    void anInsertedCallIsAMethodCodeChangeWithTheInstructionDiff() throws Exception {
        String tampered = AGENT.replace("        run();\n", "        run();\n        Runtime.getRuntime().gc();\n");
        ArtifactComparison c = compareClasses(agent(tampered), agent(AGENT));
        assertEquals(Verdict.NOT_REPRODUCIBLE, c.verdict());
        Difference d = only(c, DifferenceClass.METHOD_CODE_CHANGED);
        assertEquals("main([Ljava/lang/String;)V", d.member());
        assertEquals("com/acme/Agent.java", d.sourceFile());
        assertEquals("com/acme/Agent.class", d.entry());
        assertTrue(d.evidence().contains("+ INVOKESTATIC java/lang/Runtime.getRuntime ()Ljava/lang/Runtime;"), d.evidence().toString());
        assertTrue(d.evidence().contains("+ INVOKEVIRTUAL java/lang/Runtime.gc ()V"), d.evidence().toString());
        assertTrue(d.evidence().stream().noneMatch(l -> l.startsWith("- ")), d.evidence().toString());
        assertFalse(d.benign());
    }

    @Test
    void addedAndRemovedMembersAreNamed() throws Exception {
        String more = AGENT.replace("    static void run() {", "    static void beacon() { }\n    long sent;\n\n    static void run() {");
        ArtifactComparison c = compareClasses(agent(more), agent(AGENT));
        List<String> members = c.differences().stream().filter(d -> d.kind() == DifferenceClass.MEMBER_ONLY_IN_SHIPPED)
                .map(Difference::member).toList();
        assertEquals(List.of("beacon()V", "sent:J"), members.stream().sorted().toList());
        ArtifactComparison back = compareClasses(agent(AGENT), agent(more));
        assertEquals(2, back.differences().stream().filter(d -> d.kind() == DifferenceClass.MEMBER_ONLY_IN_REBUILT).count());
    }

    @Test
    void changedFieldAndClassDeclarationsAreNamed() throws Exception {
        String changed = AGENT.replace("PORT = 8080", "PORT = 9090").replace("public class Agent {",
                "public class Agent implements java.io.Serializable {");
        ArtifactComparison c = compareClasses(agent(changed), agent(AGENT));
        Difference field = only(c, DifferenceClass.MEMBER_CHANGED);
        assertEquals("PORT:I", field.member());
        assertTrue(field.evidence().stream().anyMatch(l -> l.startsWith("+ final static I PORT = 9090")), field.evidence().toString());
        Difference decl = only(c, DifferenceClass.CLASS_DECLARATION_CHANGED);
        assertTrue(decl.evidence().stream().anyMatch(l -> l.startsWith("+ public class com/acme/Agent implements java/io/Serializable")),
                decl.evidence().toString());
    }

    @Test
    void stringConcatenationByAnotherJavacIsAKnownCompilerChangeThatStaysSubstantiveUnlessAccepted() throws Exception {
        byte[] indy = agent(AGENT);
        byte[] inline = agent(AGENT, "-XDstringConcat=inline");
        ArtifactComparison c = compareClasses(indy, inline);
        assertEquals(Verdict.NOT_REPRODUCIBLE, c.verdict(), c.differences().toString());
        assertTrue(c.differences().stream().allMatch(d -> d.kind() == DifferenceClass.KNOWN_COMPILER_CHANGE), c.differences().toString());
        Difference method = c.differences().stream().filter(d -> d.member().equals("main([Ljava/lang/String;)V")).findFirst().orElseThrow();
        assertFalse(method.benign());
        assertTrue(method.evidence().get(0).startsWith("shipped concatenates strings with invokedynamic"), method.evidence().toString());
        assertTrue(method.evidence().contains("  hello \\1 from \\1  (IL)"), method.evidence().toString());

        ArtifactComparison accepted = compareClasses(indy, inline,
                CompareOptions.defaults().withAccepted(Set.of(DifferenceClass.KNOWN_COMPILER_CHANGE)));
        assertEquals(Verdict.EQUIVALENT, accepted.verdict());
        assertTrue(accepted.differences().stream().allMatch(Difference::benign));
    }

    @Test
    void aConcatenationOfOtherValuesIsNotExplainedByTheCompilerChange() throws Exception {
        byte[] indy = agent(AGENT.replace("\" from \"", "\" to \""));
        byte[] inline = agent(AGENT, "-XDstringConcat=inline");
        ArtifactComparison c = compareClasses(indy, inline);
        Difference d = only(c, DifferenceClass.METHOD_CODE_CHANGED);
        assertEquals("main([Ljava/lang/String;)V", d.member());
    }

    static final String CONCAT = """
            package com.acme;

            public class Agent {
                static String report(int n, Object o) {
                    return "count " + n + " of " + o;
                }

                static Object same(Object o) {
                    return o;
                }
            }
            """;

    /**
     * What javac 17.0.13 and earlier make of {@code "..." + object}: the object goes to makeConcatWithConstants itself. Made
     * from this javac's output (17.0.14+, which calls String.valueOf first) by removing each String.valueOf(Object) that
     * directly feeds a concatenation and typing that operand Object.
     */
    private static byte[] olderJavacConcat(byte[] newer) {
        org.objectweb.asm.tree.ClassNode node = new org.objectweb.asm.tree.ClassNode();
        new ClassReader(newer).accept(node, 0);
        int removed = 0;
        for (org.objectweb.asm.tree.MethodNode m : node.methods) {
            for (org.objectweb.asm.tree.AbstractInsnNode insn : m.instructions.toArray()) {
                if (insn instanceof org.objectweb.asm.tree.MethodInsnNode c && c.name.equals("valueOf") && c.owner.equals("java/lang/String")
                        && c.getNext() instanceof org.objectweb.asm.tree.InvokeDynamicInsnNode indy) {
                    org.objectweb.asm.Type[] args = org.objectweb.asm.Type.getArgumentTypes(indy.desc);
                    args[args.length - 1] = org.objectweb.asm.Type.getObjectType("java/lang/Object");
                    indy.desc = org.objectweb.asm.Type.getMethodDescriptor(org.objectweb.asm.Type.getReturnType(indy.desc), args);
                    m.instructions.remove(c);
                    removed++;
                }
            }
        }
        assertEquals(1, removed, "this javac calls String.valueOf before the concatenation (17.0.14 or later)");
        ClassWriter w = new ClassWriter(0);
        node.accept(w);
        return w.toByteArray();
    }

    @Test
    void stringValueOfBeforeConcatenationIsTheJdk17PatchReleaseChangeWithItsEvidence() throws Exception {
        byte[] newer = agent(CONCAT);
        byte[] older = olderJavacConcat(newer);
        ArtifactComparison c = compareClasses(older, newer);
        assertEquals(Verdict.NOT_REPRODUCIBLE, c.verdict(), c.differences().toString());
        Difference d = only(c, DifferenceClass.KNOWN_COMPILER_CHANGE);
        assertEquals("report(ILjava/lang/Object;)Ljava/lang/String;", d.member());
        assertFalse(d.benign());
        assertTrue(d.evidence().get(0).startsWith("rebuilt converts 1 non-String operand of invokedynamic string concatenation "
                + "with String.valueOf(Object) before the concatenation: javac 17.0.14 or later"), d.evidence().toString());
        assertTrue(d.evidence().get(1).startsWith("shipped passes the objects to makeConcatWithConstants itself: javac 9 to 17.0.13"),
                d.evidence().toString());
        assertTrue(d.evidence().stream().anyMatch(l -> l.startsWith("- ") && l.contains("java/lang/String.valueOf")), d.evidence().toString());

        ArtifactComparison accepted = compareClasses(older, newer,
                CompareOptions.defaults().withAccepted(Set.of(DifferenceClass.KNOWN_COMPILER_CHANGE)));
        assertEquals(Verdict.EQUIVALENT, accepted.verdict());
        ArtifactComparison reverse = compareClasses(newer, older);
        assertTrue(only(reverse, DifferenceClass.KNOWN_COMPILER_CHANGE).evidence().get(0).startsWith("shipped converts 1"));
    }

    @Test
    void aStringValueOfWhoseResultIsNotConcatenatedIsNotTheCompilerChange() throws Exception {
        // String.valueOf(o) returned as an Object is code: the caller gets a String instead of the object.
        byte[] plain = agent(CONCAT);
        byte[] converted = agent(CONCAT.replace("return o;", "return String.valueOf(o);"));
        Difference d = only(compareClasses(plain, converted), DifferenceClass.METHOD_CODE_CHANGED);
        assertEquals("same(Ljava/lang/Object;)Ljava/lang/Object;", d.member());
        // and the valueOf change together with another change to the concatenation stays unexplained
        byte[] older = olderJavacConcat(agent(CONCAT.replace("\" of \"", "\" in \"")));
        assertEquals("report(ILjava/lang/Object;)Ljava/lang/String;",
                only(compareClasses(older, agent(CONCAT)), DifferenceClass.METHOD_CODE_CHANGED).member());
    }
}
