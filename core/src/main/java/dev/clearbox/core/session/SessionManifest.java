package dev.clearbox.core.session;

import dev.clearbox.core.rebuild.BuildTool;
import dev.clearbox.core.rebuild.NetworkPolicy;
import dev.clearbox.core.rebuild.Newline;

import java.nio.file.Path;
import java.util.List;

/**
 * One audit of one product version, as the auditor received it: who and what, where the source is and
 * which commit it must be, which update packages were shipped (with their sha256), and how to rebuild.
 * Relative paths in the file are resolved against the manifest's own directory ({@link #baseDir()}).
 * The format is documented in docs/session-manifest.md. {@link #fileName()} and {@link #sha256()} name the file
 * it was read from and the digest of the bytes parsed (empty for a manifest built in code); the report's session
 * section cites them.
 */
public record SessionManifest(
        Path baseDir,
        String vendor,
        String product,
        String version,
        Source source,
        List<UpdatePackage> packages,
        Build build,
        String fileName,
        String sha256) {

    public SessionManifest {
        packages = List.copyOf(packages);
        fileName = fileName == null ? "" : fileName;
        sha256 = sha256 == null ? "" : sha256;
    }

    /** A manifest not read from a file: no file name, no digest. */
    public SessionManifest(Path baseDir, String vendor, String product, String version, Source source,
                           List<UpdatePackage> packages, Build build) {
        this(baseDir, vendor, product, version, source, packages, build, "", "");
    }

    /** This manifest, as read from the file {@code fileName} whose bytes have this lowercase hex sha256. */
    public SessionManifest withFile(String fileName, String sha256) {
        return new SessionManifest(baseDir, vendor, product, version, source, packages, build, fileName, sha256);
    }

    /**
     * Where the source repository is: exactly one of a URL, a local repository path or a git bundle,
     * plus the ref to check out and the commit it must resolve to, and optionally the OpenPGP public keyring and
     * the SSH allowed-signers file (both resolved against the manifest's directory) to check the tag's and the
     * commit's signatures against.
     */
    public record Source(String url, Path path, Path bundle, String ref, String commit, Path keyring,
                         Path allowedSigners) {
        /** A source without a keyring or allowed-signers file. */
        public Source(String url, Path path, Path bundle, String ref, String commit) {
            this(url, path, bundle, ref, commit, null, null);
        }

        /** A source with an OpenPGP keyring (or none) and no allowed-signers file. */
        public Source(String url, Path path, Path bundle, String ref, String commit, Path keyring) {
            this(url, path, bundle, ref, commit, keyring, null);
        }

        /** The location as given, for messages and the report. */
        public String describe() {
            if (bundle != null) {
                return bundle.toString();
            }
            return path != null ? path.toString() : url;
        }
    }

    /** A shipped update package and the sha256 the vendor declared for it. */
    public record UpdatePackage(Path path, String sha256) {
        public String name() {
            return path.getFileName().toString();
        }
    }

    /**
     * How the vendor builds the product: the command (run in the checked-out tree), the JDK it needs, a time
     * limit, and which build outputs correspond to which shipped entries; optionally a Reproducible Central
     * {@code .buildspec} as the recipe, the build tool, the line-ending policy, the number of runs and the
     * network policy. The manifest's names for tool, newline and network are parsed once, when the manifest is
     * loaded; {@code null} (for them), empty strings and 0 mean "not given" (the defaults of
     * docs/session-manifest.md).
     */
    public record Build(List<String> command, String jdk, int timeoutSeconds, List<Artifact> artifacts,
                        Path buildspec, BuildTool tool, Newline newline, int runs, NetworkPolicy network) {
        public Build {
            command = List.copyOf(command);
            artifacts = List.copyOf(artifacts);
        }

        public Build(List<String> command, String jdk, int timeoutSeconds, List<Artifact> artifacts) {
            this(command, jdk, timeoutSeconds, artifacts, null, null, null, 0, null);
        }
    }

    /**
     * A build output ({@code path}, relative to the source tree) and the name it is shipped under inside
     * the update packages ({@code shippedAs}, an entry path such as {@code lib/acme-agent.jar}).
     */
    public record Artifact(String path, String shippedAs) {
    }
}
