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
 */
public record ReferenceFacts(
        String artifact,
        int jdkFeature,
        String jdkVersion,
        String jdkVendor,
        String buildTool,
        int classMajor,
        Tristate builtOnWindows,
        List<String> evidence) {

    public ReferenceFacts {
        evidence = List.copyOf(evidence);
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
