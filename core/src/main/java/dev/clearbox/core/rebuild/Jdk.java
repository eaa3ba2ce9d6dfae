package dev.clearbox.core.rebuild;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.nio.file.Path;

/**
 * An installed JDK: where it is and what its {@code release} file says.
 *
 * @param home           the JDK's home directory (machine-specific; not part of the report)
 * @param version        the version, for example {@code 17.0.15}
 * @param implementor    the vendor, for example {@code Eclipse Adoptium}, or empty when not declared
 * @param runtimeVersion the full runtime version with build and vendor suffix ({@code 17.0.15+6-Debian-1deb12u1}), or the version
 */
public record Jdk(@JsonIgnore Path home, String version, String implementor, String runtimeVersion) {
    public Jdk {
        runtimeVersion = runtimeVersion == null || runtimeVersion.isEmpty() ? version : runtimeVersion;
    }

    public Jdk(Path home, String version, String implementor) {
        this(home, version, implementor, version);
    }

    /** The feature version: 17 for 17.0.15, 8 for 1.8.0_402. */
    public int feature() {
        String v = version.startsWith("1.") ? version.substring(2) : version;
        int end = 0;
        while (end < v.length() && Character.isDigit(v.charAt(end))) {
            end++;
        }
        return end == 0 ? -1 : Integer.parseInt(v.substring(0, end));
    }

    /** "17.0.15+6-Debian-1deb12u1 (Debian)". */
    public String describe() {
        return runtimeVersion + (implementor.isEmpty() ? "" : " (" + implementor + ")");
    }
}
