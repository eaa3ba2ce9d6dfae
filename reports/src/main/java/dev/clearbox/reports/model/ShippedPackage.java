package dev.clearbox.reports.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.clearbox.core.unpack.EntryType;
import dev.clearbox.core.unpack.JarSignature;

import java.util.List;
import java.util.Objects;

/**
 * One of the report's {@code packages}: a shipped package and its inventory (docs/report-schema.md, docs/unpack.md).
 *
 * @param packageName the package's file name
 * @param size        its size in bytes
 * @param sha256      its SHA-256, lowercase hex
 * @param format      its format as detected from its content
 * @param entries     every member, nested members included, by path
 * @param limits      the limits it was unpacked under
 * @param jar         when the package itself is a jar, its identity and signature; {@code null} (and omitted) otherwise
 */
public record ShippedPackage(String packageName, long size, String sha256, String format, List<Entry> entries,
                             Limits limits, @JsonInclude(JsonInclude.Include.NON_NULL) Jar jar) {
    public ShippedPackage {
        entries = List.copyOf(entries);
        Objects.requireNonNull(limits, "limits");
    }

    /**
     * One member of a package.
     *
     * @param path   {@code /}-separated; members of nested archives as {@code lib/agent.jar!/com/acme/Foo.class}
     * @param size   bytes extracted
     * @param sha256 lowercase hex, {@code null} for links and special files
     * @param type   the kind of content, decided from the content
     * @param detail a description for people
     * @param jar    for a jar, its identity and signature; {@code null} (and omitted) otherwise
     */
    public record Entry(String path, long size, String sha256, EntryType type, String detail,
                        @JsonInclude(JsonInclude.Include.NON_NULL) Jar jar) {
    }

    /** A jar's identity (Maven coordinates, manifest headers: the vendor's claims) and signature status. */
    public record Jar(List<Maven> maven, String implementationTitle, String implementationVersion,
                      String implementationVendor, String bundleSymbolicName, String bundleVersion,
                      Signature signature) {
        public Jar {
            maven = List.copyOf(maven);
            Objects.requireNonNull(signature, "signature");
        }
    }

    /** Maven coordinates from a {@code pom.properties}, and that file's path in the jar. */
    public record Maven(String groupId, String artifactId, String version, String source) {
        /** {@code groupId:artifactId:version}. */
        @Override
        public String toString() {
            return groupId + ":" + artifactId + ":" + version;
        }
    }

    /** Whether a jar's signature verifies: status, signers, the failed entry, unsigned entries, and why. */
    public record Signature(JarSignature.Status status, List<Signer> signers,
                            String failedEntry, List<String> unsignedEntries, int unsignedCount, String problem) {
        public Signature {
            signers = List.copyOf(signers);
            unsignedEntries = List.copyOf(unsignedEntries);
        }
    }

    /** A signer's certificate: subject, issuer, SHA-256 fingerprint, validity (ISO-8601 UTC). */
    public record Signer(String subject, String issuer, String sha256Fingerprint, String notBefore, String notAfter) {
    }

    /** The unpack limits: bytes in total, bytes per entry, entries, compression ratio, nesting depth. */
    public record Limits(long maxTotalBytes, long maxEntryBytes, int maxEntries, double maxCompressionRatio,
                         int maxNestingDepth) {
    }
}
