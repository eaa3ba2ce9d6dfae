package dev.clearbox.core.unpack;

import java.util.List;
import java.util.Objects;

/**
 * What Clearbox read from a jar (nested jars included) besides its bytes: who it says it is, and whether
 * its signature verifies. The identity values are the vendor's claims, untrusted; control characters are
 * escaped and lengths bounded.
 *
 * @param maven                  coordinates from every {@code META-INF/maven/&#42;/&#42;/pom.properties}, sorted
 *                               by path (a shaded jar has several)
 * @param implementationTitle    manifest {@code Implementation-Title}, or empty
 * @param implementationVersion  manifest {@code Implementation-Version}, or empty
 * @param implementationVendor   manifest {@code Implementation-Vendor}, or empty
 * @param bundleSymbolicName     manifest {@code Bundle-SymbolicName} without its directives, or empty
 * @param bundleVersion          manifest {@code Bundle-Version}, or empty
 * @param signature              the signature status
 */
public record JarInfo(List<MavenCoordinates> maven, String implementationTitle, String implementationVersion,
                      String implementationVendor, String bundleSymbolicName, String bundleVersion,
                      JarSignature signature) {
    public JarInfo {
        maven = List.copyOf(maven);
        Objects.requireNonNull(implementationTitle, "implementationTitle");
        Objects.requireNonNull(implementationVersion, "implementationVersion");
        Objects.requireNonNull(implementationVendor, "implementationVendor");
        Objects.requireNonNull(bundleSymbolicName, "bundleSymbolicName");
        Objects.requireNonNull(bundleVersion, "bundleVersion");
        Objects.requireNonNull(signature, "signature");
    }
}
