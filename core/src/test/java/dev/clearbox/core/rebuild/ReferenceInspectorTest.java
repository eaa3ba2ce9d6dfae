package dev.clearbox.core.rebuild;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReferenceInspectorTest {
    @TempDir
    Path tmp;

    static byte[] classBytes(int major) {
        return new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0, 0, (byte) (major >> 8), (byte) major, 0, 0};
    }

    static Path jar(Path file, Map<String, byte[]> entries) throws Exception {
        try (OutputStream os = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(os)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return file;
    }

    static Path referenceJar(Path file, String manifest, String pomNewline, int major) throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("META-INF/MANIFEST.MF", manifest.getBytes(StandardCharsets.UTF_8));
        entries.put("META-INF/maven/org.example/widget/pom.properties",
                ("artifactId=widget" + pomNewline + "groupId=org.example" + pomNewline + "version=1.0" + pomNewline)
                        .getBytes(StandardCharsets.UTF_8));
        entries.put("org/example/Widget.class", classBytes(major));
        entries.put("META-INF/versions/21/org/example/Widget.class", classBytes(65));
        return jar(file, entries);
    }

    @Test
    void mavenJarBuiltOnWindowsWithAnExactJdk() throws Exception {
        Path jar = referenceJar(tmp.resolve("widget.jar"), """
                Manifest-Version: 1.0
                Created-By: Apache Maven 3.8.1
                Built-By: someone
                Build-Jdk: 11.0.12 (Eclipse Adoptium)
                Build-Jdk-Spec: 11

                """, "\r\n", 52);
        ReferenceFacts f = new ReferenceInspector().inspect("widget.jar", jar);
        assertEquals(11, f.jdkFeature());
        assertEquals("11.0.12", f.jdkVersion());
        assertEquals("Eclipse Adoptium", f.jdkVendor());
        assertEquals("Apache Maven 3.8.1", f.buildTool());
        assertEquals(52, f.classMajor(), "META-INF/versions/ classes do not count");
        assertEquals(8, f.minimumJdkFeature());
        assertEquals(ReferenceFacts.Tristate.YES, f.builtOnWindows());
        assertTrue(f.evidence().stream().anyMatch(e -> e.contains("Build-Jdk-Spec: 11")), f.evidence().toString());
        assertTrue(f.evidence().stream().anyMatch(e -> e.contains("CRLF")), f.evidence().toString());
    }

    @Test
    void createdByJdkAndUnixLineEndings() throws Exception {
        Path jar = referenceJar(tmp.resolve("old.jar"), "Manifest-Version: 1.0\nCreated-By: 1.8.0_202-b08 (Oracle Corporation)\n\n",
                "\n", 52);
        ReferenceFacts f = new ReferenceInspector().inspect("old.jar", jar);
        assertEquals(8, f.jdkFeature());
        assertEquals("1.8.0_202", f.jdkVersion());
        assertEquals("Oracle Corporation", f.jdkVendor());
        assertEquals("", f.buildTool());
        assertEquals(ReferenceFacts.Tristate.NO, f.builtOnWindows());
        Path plugin = referenceJar(tmp.resolve("plugin.jar"), "Manifest-Version: 1.0\nCreated-By: Maven JAR Plugin 3.3.0\nBuild-Jdk-Spec: 17\n\n",
                "\n", 61);
        assertEquals("Maven JAR Plugin 3.3.0", new ReferenceInspector().inspect("plugin.jar", plugin).buildTool(),
                "the jar plugin's version is not Maven's");
    }

    @Test
    void theBundlePluginIsNotMaven() throws Exception {
        Path bundle = referenceJar(tmp.resolve("bundle.jar"), "Manifest-Version: 1.0\nCreated-By: Apache Maven Bundle Plugin 5.1.9\n"
                + "Build-Jdk-Spec: 17\n\n", "\n", 52);
        ReferenceFacts f = new ReferenceInspector().inspect("bundle.jar", bundle);
        assertEquals("Apache Maven Bundle Plugin 5.1.9", f.buildTool());
        assertEquals("", f.jdkVersion(), "a plugin's version is no JDK version either");
        assertEquals(17, f.jdkFeature());
        Jdk jdk = new Jdk(Path.of("/x"), "17.0.15", "Debian", "17.0.15+6-Debian-1deb12u1");
        assertEquals(List.of(), ReferenceChecks.check(List.of(f), jdk, Newline.LF, "Apache Maven 3.8.7 (/usr/share/maven)"),
                "no note that the release was built with Maven 5.1.9");
        Path maven = referenceJar(tmp.resolve("maven.jar"), "Manifest-Version: 1.0\nCreated-By: Apache Maven 3.9.6\n\n", "\n", 52);
        ReferenceFacts m = new ReferenceInspector().inspect("maven.jar", maven);
        assertEquals("Apache Maven 3.9.6", m.buildTool());
        assertTrue(ReferenceChecks.check(List.of(m), jdk, Newline.LF, "Apache Maven 3.8.7 (/usr/share/maven)").stream()
                .anyMatch(n -> n.kind() == RebuildNote.Kind.BUILD_TOOL && n.message().contains("Apache Maven 3.9.6")));
        Path noVersion = referenceJar(tmp.resolve("nv.jar"), "Manifest-Version: 1.0\nCreated-By: Apache Maven Bundle Plugin\n\n", "\n", 52);
        assertEquals("", new ReferenceInspector().inspect("nv.jar", noVersion).buildTool());
    }

    @Test
    void anotherJdkForAnOlderTargetIsNotSaidToChangeTheClasses() {
        Jdk jdk = new Jdk(Path.of("/x"), "17.0.15", "Debian", "17.0.15+6-Debian-1deb12u1");
        ReferenceFacts java8 = new ReferenceFacts("a.jar", 11, "", "", "", 52, ReferenceFacts.Tristate.NO, List.of());
        String note = ReferenceChecks.check(List.of(java8), jdk, Newline.LF, "command").get(0).message();
        assertTrue(note.contains("its classes target Java 8") && note.contains("may still differ") && !note.contains("will likely"), note);
        ReferenceFacts java11 = new ReferenceFacts("b.jar", 11, "", "", "", 55, ReferenceFacts.Tristate.NO, List.of());
        assertTrue(ReferenceChecks.check(List.of(java11), jdk, Newline.LF, "command").get(0).message().contains("will likely differ"));
    }

    private byte[] compiled() throws Exception {
        Path src = Files.writeString(Files.createDirectories(tmp.resolve("src")).resolve("V.java"),
                "public class V { static String f(int n, Object o) { return \"count \" + n + \" of \" + o; } }\n");
        Path out = Files.createDirectories(tmp.resolve("classes"));
        assertEquals(0, javax.tools.ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", out.toString(), src.toString()));
        return Files.readAllBytes(out.resolve("V.class"));
    }

    /** The class as javac 17.0.13 or earlier makes it: the object goes to makeConcatWithConstants itself. */
    private static byte[] olderJavac(byte[] newer) {
        var node = new org.objectweb.asm.tree.ClassNode();
        new org.objectweb.asm.ClassReader(newer).accept(node, 0);
        for (var m : node.methods) {
            for (var insn : m.instructions.toArray()) {
                if (insn instanceof org.objectweb.asm.tree.MethodInsnNode c && c.name.equals("valueOf")
                        && c.getNext() instanceof org.objectweb.asm.tree.InvokeDynamicInsnNode indy) {
                    var args = org.objectweb.asm.Type.getArgumentTypes(indy.desc);
                    args[args.length - 1] = org.objectweb.asm.Type.getObjectType("java/lang/Object");
                    indy.desc = org.objectweb.asm.Type.getMethodDescriptor(org.objectweb.asm.Type.getReturnType(indy.desc), args);
                    m.instructions.remove(c);
                }
            }
        }
        var w = new org.objectweb.asm.ClassWriter(0);
        node.accept(w);
        return w.toByteArray();
    }

    @Test
    void theJavacPatchReleaseIsReadFromTheBytecodeAndAMismatchIsNoted() throws Exception {
        byte[] newer = compiled();
        ReferenceFacts fresh = new ReferenceInspector().inspect("new.jar", jar(tmp.resolve("new.jar"), Map.of("V.class", newer)));
        assertEquals(ReferenceFacts.ConcatJavac.VALUE_OF_OPERANDS, fresh.concatJavac(), fresh.evidence().toString());
        ReferenceFacts old = new ReferenceInspector().inspect("old.jar", jar(tmp.resolve("old.jar"), Map.of("V.class", olderJavac(newer))));
        assertEquals(ReferenceFacts.ConcatJavac.OBJECT_OPERANDS, old.concatJavac());
        assertTrue(old.evidence().stream().anyMatch(e -> e.startsWith("javac 9 to 17.0.13, or 18 from the bytecode: V.class (method f")),
                old.evidence().toString());
        Jdk patch15 = new Jdk(Path.of("/x"), "17.0.15", "", "17.0.15+6");
        List<RebuildNote> notes = ReferenceChecks.check(List.of(old), patch15, Newline.LF, "command");
        assertTrue(notes.stream().anyMatch(n -> n.kind() == RebuildNote.Kind.JDK && n.message().contains("old.jar's bytecode shows javac 9 to 17.0.13")
                && n.message().contains("expect KNOWN_COMPILER_CHANGE")), notes.toString());
        Jdk patch13 = new Jdk(Path.of("/x"), "17.0.13", "", "17.0.13+11");
        assertEquals(List.of(), ReferenceChecks.check(List.of(old), patch13, Newline.LF, "command"));
        assertEquals(List.of(), ReferenceChecks.check(List.of(fresh), patch15, Newline.LF, "command"));
        assertEquals(ReferenceFacts.ConcatJavac.VALUE_OF_OPERANDS, ReferenceFacts.ConcatJavac.of(21, "21.0.2"));
        assertEquals(ReferenceFacts.ConcatJavac.OBJECT_OPERANDS, ReferenceFacts.ConcatJavac.of(11, "11.0.22"));
        assertEquals(ReferenceFacts.ConcatJavac.OBJECT_OPERANDS, ReferenceFacts.ConcatJavac.of(17, "17.0.2"));
        assertEquals(ReferenceFacts.ConcatJavac.UNKNOWN, ReferenceFacts.ConcatJavac.of(17, "17"));
    }

    @Test
    void withoutManifestTheClassVersionsSpeak() throws Exception {
        Path jar = jar(tmp.resolve("bare.jar"), Map.of("a/A.class", classBytes(61), "a/B.class", classBytes(55)));
        ReferenceFacts f = new ReferenceInspector().inspect("bare.jar", jar);
        assertEquals(17, f.jdkFeature());
        assertEquals(61, f.classMajor());
        assertEquals(ReferenceFacts.Tristate.UNKNOWN, f.builtOnWindows());
        assertTrue(f.evidence().stream().anyMatch(e -> e.contains("major 55 (Java 11) × 1")), f.evidence().toString());
    }

    @Test
    void aFileThatIsNotAJarYieldsNoFactsAndSaysWhy() throws Exception {
        Path junk = Files.writeString(tmp.resolve("junk.jar"), "not a zip");
        ReferenceFacts f = new ReferenceInspector().inspect("junk.jar", junk);
        assertEquals(0, f.jdkFeature());
        assertEquals(0, f.classMajor());
        assertTrue(f.evidence().get(0).startsWith("not a readable jar"), f.evidence().toString());
    }

    @Test
    void mismatchesBecomeNotes() {
        Jdk jdk = new Jdk(Path.of("/x"), "17.0.15", "Debian", "17.0.15+6-Debian-1deb12u1");
        ReferenceFacts patch = new ReferenceFacts("a.jar", 17, "17.0.2", "Eclipse Adoptium", "Apache Maven 3.8.1", 61,
                ReferenceFacts.Tristate.YES, List.of());
        List<RebuildNote> notes = ReferenceChecks.check(List.of(patch), jdk, Newline.LF, "Apache Maven 3.8.7 (/usr/share/maven)");
        assertTrue(notes.stream().anyMatch(n -> n.kind() == RebuildNote.Kind.JDK && n.message().contains("17.0.2")
                && n.message().contains("patch")), notes.toString());
        assertTrue(notes.stream().anyMatch(n -> n.kind() == RebuildNote.Kind.JDK && n.message().contains("Eclipse Adoptium")), notes.toString());
        assertTrue(notes.stream().anyMatch(n -> n.kind() == RebuildNote.Kind.LINE_ENDINGS), notes.toString());
        assertTrue(notes.stream().anyMatch(n -> n.kind() == RebuildNote.Kind.BUILD_TOOL && n.message().contains("3.8.1")), notes.toString());

        ReferenceFacts same = new ReferenceFacts("b.jar", 17, "17.0.15", "Debian", "", 61, ReferenceFacts.Tristate.NO, List.of());
        assertEquals(List.of(), ReferenceChecks.check(List.of(same), jdk, Newline.LF, "command"));
        ReferenceFacts newer = new ReferenceFacts("c.jar", 21, "", "", "", 65, ReferenceFacts.Tristate.UNKNOWN, List.of());
        List<RebuildNote> n2 = ReferenceChecks.check(List.of(newer), jdk, Newline.LF, "command");
        assertTrue(n2.stream().anyMatch(n -> n.message().contains("cannot compile")), n2.toString());
        assertEquals(new JdkRequirement(21, ""), ReferenceChecks.choose(JdkRequirement.automatic(), List.of(newer)));
        assertEquals(JdkRequirement.feature(11), ReferenceChecks.choose(JdkRequirement.feature(11), List.of(newer)));
    }

    @Test
    void jdkRequirementsParse() {
        assertEquals(JdkRequirement.feature(17), JdkRequirement.parse("17"));
        assertEquals(new JdkRequirement(17, "17.0.2"), JdkRequirement.parse("17.0.2"));
        assertEquals(JdkRequirement.feature(8), JdkRequirement.parse("1.8"));
        assertEquals(new JdkRequirement(8, "1.8.0_402"), JdkRequirement.parse("1.8.0_402"));
        assertTrue(JdkRequirement.parse("auto").isAutomatic());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> JdkRequirement.parse("17; rm"));
    }
}
