package dev.clearbox.core.unpack;

import java.util.Objects;

/**
 * Maven coordinates read from a jar's {@code META-INF/maven/<groupId>/<artifactId>/pom.properties}.
 * The values are the vendor's, untrusted: control characters are escaped and lengths are bounded.
 *
 * @param groupId    {@code groupId} from the file
 * @param artifactId {@code artifactId} from the file
 * @param version    {@code version} from the file
 * @param source     the path of the {@code pom.properties} inside the jar
 */
public record MavenCoordinates(String groupId, String artifactId, String version, String source) {
    public MavenCoordinates {
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(artifactId, "artifactId");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(source, "source");
    }

    /** {@code groupId:artifactId:version}. */
    @Override
    public String toString() {
        return groupId + ":" + artifactId + ":" + version;
    }
}
