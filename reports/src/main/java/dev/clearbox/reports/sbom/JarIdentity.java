package dev.clearbox.reports.sbom;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import dev.clearbox.core.unpack.JarInfo;
import dev.clearbox.core.unpack.MavenCoordinates;

import java.util.List;
import java.util.Locale;

/**
 * Who a jar says it is, for its SBOM component: Maven coordinates when its {@code pom.properties} tell, else
 * the manifest, else the file name.
 *
 * @param group      Maven groupId, or empty
 * @param name       artifactId, manifest title or symbolic name, or the file name without its extension
 * @param version    the version, or empty
 * @param purl       {@code pkg:maven/group/name@version}, or empty when not from Maven metadata
 * @param source     {@code maven-pom-properties}, {@code manifest} or {@code file-name}
 * @param coordinate the coordinates the identity came from, or {@code null}
 */
record JarIdentity(String group, String name, String version, String purl, String source, MavenCoordinates coordinate) {
    static final String FROM_MAVEN = "maven-pom-properties";
    static final String FROM_MANIFEST = "manifest";
    static final String FROM_FILE_NAME = "file-name";

    /**
     * The jar's own coordinates among those it carries: the one whose {@code artifactId-version} (or
     * {@code artifactId}) the file name starts with, else the only one; a shaded jar with several and no
     * matching file name is identified by its manifest or file name, its coordinates listed as contained.
     */
    static JarIdentity of(String path, JarInfo jar) {
        String fileName = path.substring(path.lastIndexOf('/') + 1);
        MavenCoordinates own = own(fileName, jar == null ? List.of() : jar.maven());
        if (own != null) {
            String purl = purl(own);
            if (!purl.isEmpty()) {
                return new JarIdentity(own.groupId(), own.artifactId(), own.version(), purl, FROM_MAVEN, own);
            }
        }
        if (jar != null) {
            String title = !jar.implementationTitle().isEmpty() ? jar.implementationTitle() : jar.bundleSymbolicName();
            String version = !jar.implementationVersion().isEmpty() ? jar.implementationVersion() : jar.bundleVersion();
            if (!title.isEmpty()) {
                return new JarIdentity("", title, version, "", FROM_MANIFEST, null);
            }
        }
        return new JarIdentity("", stripExtension(fileName), "", "", FROM_FILE_NAME, null);
    }

    static MavenCoordinates own(String fileName, List<MavenCoordinates> coordinates) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        for (MavenCoordinates c : coordinates) {
            if (lower.startsWith((c.artifactId() + "-" + c.version()).toLowerCase(Locale.ROOT))) {
                return c;
            }
        }
        for (MavenCoordinates c : coordinates) {
            String a = c.artifactId().toLowerCase(Locale.ROOT);
            if (lower.equals(a + ".jar") || lower.equals(a + ".war") || lower.equals(a + ".ear")) {
                return c;
            }
        }
        return coordinates.size() == 1 ? coordinates.get(0) : null;
    }

    /** The canonical package URL, or empty when the vendor's values do not make a valid one. */
    static String purl(MavenCoordinates c) {
        try {
            return new PackageURL("maven", c.groupId(), c.artifactId(), c.version(), null, null).canonicalize();
        } catch (MalformedPackageURLException | RuntimeException e) {
            return "";
        }
    }

    static String stripExtension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }
}
