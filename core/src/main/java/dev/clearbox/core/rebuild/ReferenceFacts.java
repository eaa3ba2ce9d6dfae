package dev.clearbox.core.rebuild;

import java.util.List;

/**
 * What a shipped (reference) artifact tells about its own build, read before rebuilding.
 *
 * @param artifact        the reference's name
 * @param jdkFeature      the JDK feature version it was most likely built with, or 0 when unknown
 * @param jdkVersion      the exact JDK version, when the manifest names one ({@code Build-Jdk}, {@code Created-By}); else empty
 * @param jdkVendor       the JDK vendor, when the manifest names one; else empty
 * @param buildTool       the build tool the manifest names ({@code Apache Maven 3.8.1}, {@code Gradle 8.5}…); else empty
 * @param classMajor      the highest class-file major version among its classes (outside META-INF/versions), or 0
 * @param builtOnWindows  {@code YES} when its pom.properties has CRLF line endings, {@code NO} when LF, {@code UNKNOWN} without one
 * @param evidence        where each fact comes from, one string per fact
 * @param concatJavac     what its string concatenations show of the javac that compiled it (the JDK 17.0.14 change)
 */
public record ReferenceFacts(
        String artifact,
        int jdkFeature,
        String jdkVersion,
        String jdkVendor,
        String buildTool,
        int classMajor,
        Tristate builtOnWindows,
        List<String> evidence,
        ConcatJavac concatJavac) {

    public ReferenceFacts {
        evidence = List.copyOf(evidence);
        concatJavac = concatJavac == null ? ConcatJavac.UNKNOWN : concatJavac;
    }

    public ReferenceFacts(String artifact, int jdkFeature, String jdkVersion, String jdkVendor, String buildTool, int classMajor,
                          Tristate builtOnWindows, List<String> evidence) {
        this(artifact, jdkFeature, jdkVersion, jdkVendor, buildTool, classMajor, builtOnWindows, evidence, ConcatJavac.UNKNOWN);
    }

    /**
     * How the reference's javac compiled {@code "..." + object}: since javac 17.0.14 (and 19) each non-String object
     * operand goes through {@code String.valueOf} before the invokedynamic concatenation; before, the object itself.
     */
    public enum ConcatJavac {
        /** No invokedynamic concatenation of an object was found. */
        UNKNOWN,
        /** Objects passed to makeConcatWithConstants: javac 9 to 17.0.13, or 18. */
        OBJECT_OPERANDS,
        /** String.valueOf before makeConcatWithConstants: javac 17.0.14 or later, or 19+. */
        VALUE_OF_OPERANDS;

        /** What the JDK {@code version} (17.0.15, 21.0.2, 11.0.22) makes of such a concatenation. */
        public static ConcatJavac of(int feature, String version) {
            if (feature < 9) {
                return UNKNOWN;
            }
            if (feature >= 19) {
                return VALUE_OF_OPERANDS;
            }
            if (feature != 17) {
                return OBJECT_OPERANDS;
            }
            String[] parts = version.split("[.+-]");
            int patch = parts.length > 2 && parts[2].chars().allMatch(Character::isDigit) && !parts[2].isEmpty()
                    ? Integer.parseInt(parts[2]) : -1;
            return patch < 0 ? UNKNOWN : patch >= 14 ? VALUE_OF_OPERANDS : OBJECT_OPERANDS;
        }

        public String javac() {
            return switch (this) {
                case UNKNOWN -> "unknown";
                case OBJECT_OPERANDS -> "javac 9 to 17.0.13, or 18";
                case VALUE_OF_OPERANDS -> "javac 17.0.14 or later, or 19+";
            };
        }
    }

    /** Yes, no, or cannot tell. */
    public enum Tristate {
        YES, NO, UNKNOWN
    }

    /** The lowest JDK feature version that can write its classes (major 52 → 8), or 0. */
    public int minimumJdkFeature() {
        return classMajor >= 45 ? Math.max(1, classMajor - 44) : 0;
    }
}
