package dev.clearbox.core.rebuild;

import java.util.ArrayList;
import java.util.List;

/** Compares what the references say about their build with the environment the rebuild will have. */
final class ReferenceChecks {
    /** Maven itself ({@code Apache Maven 3.8.1}), not one of its plugins. */
    private static final java.util.regex.Pattern MAVEN = java.util.regex.Pattern.compile("Apache Maven ([0-9][\\w.-]*)");

    private ReferenceChecks() {
    }

    /** The JDK requirement to use when the spec leaves it automatic: the first reference's JDK, if any says. */
    static JdkRequirement choose(JdkRequirement asked, List<ReferenceFacts> facts) {
        if (!asked.isAutomatic()) {
            return asked;
        }
        for (ReferenceFacts f : facts) {
            if (f.jdkFeature() > 0) {
                return new JdkRequirement(f.jdkFeature(), f.jdkVersion());
            }
        }
        return JdkRequirement.feature(Runtime.version().feature());
    }

    static List<RebuildNote> check(List<ReferenceFacts> facts, Jdk jdk, Newline newline, String toolVersion) {
        List<RebuildNote> notes = new ArrayList<>();
        for (ReferenceFacts f : facts) {
            String ref = f.artifact();
            if (f.jdkFeature() > 0 && f.jdkFeature() != jdk.feature()) {
                int target = f.classMajor() > 44 ? f.classMajor() - 44 : 0;
                notes.add(new RebuildNote(RebuildNote.Kind.JDK, ref + " was built with JDK " + f.jdkFeature()
                        + ", the rebuild uses JDK " + jdk.version() + (target > 0 && target < Math.min(f.jdkFeature(), jdk.feature())
                        ? ": its classes target Java " + target + ", for which javac output is often the same across JDK "
                        + "versions; class files and generated resources may still differ"
                        : ": class files and generated resources will likely differ")));
            } else if (!f.jdkVersion().isEmpty() && !sameVersion(f.jdkVersion(), jdk.version())) {
                notes.add(new RebuildNote(RebuildNote.Kind.JDK, ref + " was built with JDK " + f.jdkVersion()
                        + ", the rebuild uses JDK " + jdk.version() + ": javac differences between patch releases "
                        + "(for example in string concatenation or lambda naming) may show up as class differences"));
            }
            ReferenceFacts.ConcatJavac ours = ReferenceFacts.ConcatJavac.of(jdk.feature(), jdk.version());
            if (f.concatJavac() != ReferenceFacts.ConcatJavac.UNKNOWN && ours != ReferenceFacts.ConcatJavac.UNKNOWN
                    && ours != f.concatJavac()) {
                notes.add(new RebuildNote(RebuildNote.Kind.JDK, ref + "'s bytecode shows " + f.concatJavac().javac()
                        + " (how it concatenates strings with objects), the rebuild uses JDK " + jdk.version() + ", that is "
                        + ours.javac() + ": expect KNOWN_COMPILER_CHANGE differences (String.valueOf before the concatenation "
                        + (ours == ReferenceFacts.ConcatJavac.VALUE_OF_OPERANDS ? "in the rebuilt classes only" : "in the shipped classes only")
                        + "); a JDK of the reference's kind gives the same bytecode"));
            }
            if (!f.jdkVendor().isEmpty() && !jdk.implementor().isEmpty()
                    && !vendorMatches(f.jdkVendor(), jdk.implementor())) {
                notes.add(new RebuildNote(RebuildNote.Kind.JDK, ref + " was built with a JDK from " + f.jdkVendor()
                        + ", the rebuild uses one from " + jdk.implementor() + " (" + jdk.runtimeVersion() + ")"));
            }
            if (f.minimumJdkFeature() > jdk.feature()) {
                notes.add(new RebuildNote(RebuildNote.Kind.JDK, ref + " holds class files of Java " + f.minimumJdkFeature()
                        + ", which JDK " + jdk.feature() + " cannot compile"));
            }
            if (f.builtOnWindows() == ReferenceFacts.Tristate.YES && newline == Newline.LF) {
                notes.add(new RebuildNote(RebuildNote.Kind.LINE_ENDINGS, ref + " was built on Windows (CRLF in pom.properties) "
                        + "but the rebuild uses LF; use newline crlf to build as if on Windows"));
            } else if (f.builtOnWindows() == ReferenceFacts.Tristate.NO && newline == Newline.CRLF) {
                notes.add(new RebuildNote(RebuildNote.Kind.LINE_ENDINGS, ref + " was built on Unix (LF in pom.properties) "
                        + "but the rebuild uses CRLF"));
            }
            java.util.regex.Matcher maven = MAVEN.matcher(f.buildTool());
            if (maven.matches() && toolVersion.startsWith("Apache Maven ")) {
                String refVersion = maven.group(1);
                if (!toolVersion.startsWith("Apache Maven " + refVersion + " ")) {
                    notes.add(new RebuildNote(RebuildNote.Kind.BUILD_TOOL, ref + " was built with " + f.buildTool()
                            + ", the rebuild uses " + toolVersion));
                }
            }
        }
        return notes;
    }

    private static boolean sameVersion(String a, String b) {
        return a.equals(b) || a.startsWith(b + "+") || b.startsWith(a + "+") || a.startsWith(b + "-") || b.startsWith(a + "-");
    }

    private static boolean vendorMatches(String a, String b) {
        String x = a.toLowerCase(java.util.Locale.ROOT);
        String y = b.toLowerCase(java.util.Locale.ROOT);
        return x.contains(y) || y.contains(x) || (x.contains("adoptium") || x.contains("temurin")) && (y.contains("adoptium") || y.contains("temurin"));
    }
}
