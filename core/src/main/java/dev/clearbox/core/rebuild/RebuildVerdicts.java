package dev.clearbox.core.rebuild;

import dev.clearbox.core.Sha256;
import dev.clearbox.core.compare.ArtifactComparator;
import dev.clearbox.core.compare.ArtifactComparison;
import dev.clearbox.core.compare.CompareOptions;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * From a rebuild to a verdict per artifact, without an audit: each reference (a released file) is compared with
 * the rebuilt output of the same name; a reference the rebuild did not produce (the build failed, the output is
 * missing or not deterministic) is {@code NOT_REBUILT} with the reason; a rebuilt output no reference was given
 * for is {@code NOT_VERIFIED}. References first, in the order given, then the outputs left over.
 */
public final class RebuildVerdicts {
    private RebuildVerdicts() {
    }

    public static List<ArtifactComparison> of(RebuildResult rebuild, List<Path> references, CompareOptions options) {
        return of(rebuild, references, java.util.Map.of(), options);
    }

    /**
     * As {@link #of(RebuildResult, List, CompareOptions)}, with references that were asked for but could not be had
     * ({@code unavailable}: file name and why, for example a released file the Maven client could not fetch): each is
     * {@code NOT_VERIFIED} with that reason, naming the rebuilt output of that name when there is one. After the
     * references, before the outputs left over.
     */
    public static List<ArtifactComparison> of(RebuildResult rebuild, List<Path> references,
                                              java.util.Map<String, String> unavailable, CompareOptions options) {
        ArtifactComparator comparator = new ArtifactComparator(options);
        List<ArtifactComparison> out = new ArrayList<>();
        Set<RebuildResult.RebuiltArtifact> used = new HashSet<>();
        for (Path ref : references) {
            String name = ref.getFileName().toString();
            Optional<RebuildResult.RebuiltArtifact> rebuilt = rebuild.artifacts().stream()
                    .filter(a -> !used.contains(a) && matches(a.shippedAs(), a.path(), name)).findFirst();
            if (rebuilt.isPresent()) {
                used.add(rebuilt.get());
                out.add(comparator.compare(name, ref, rebuilt.get().path(), rebuilt.get().file()));
                continue;
            }
            Optional<RebuildResult.UnstableArtifact> unstable = rebuild.nonDeterministic().stream()
                    .filter(u -> matches("", u.path(), name)).findFirst();
            String reason = unstable.isPresent()
                    ? "the build is not deterministic: " + unstable.get().path() + " differs between run 1 and run "
                    + unstable.get().run() + ", so neither run is trusted"
                    : rebuild.status() != RebuildResult.Status.SUCCEEDED
                    ? "rebuild " + rebuild.status() + (rebuild.reason().isEmpty() ? "" : ": " + rebuild.reason())
                    : "the rebuild collected no output named " + name + (rebuild.artifacts().isEmpty() ? " (it collected none)"
                    : " (it collected " + String.join(", ", rebuild.artifacts().stream().map(RebuildResult.RebuiltArtifact::path).toList()) + ")");
            out.add(ArtifactComparison.notRebuilt(name, Sha256.hex(ref), reason));
        }
        for (java.util.Map.Entry<String, String> missing : unavailable.entrySet()) {
            String name = missing.getKey();
            Optional<RebuildResult.RebuiltArtifact> rebuilt = rebuild.artifacts().stream()
                    .filter(a -> !used.contains(a) && matches(a.shippedAs(), a.path(), name)).findFirst();
            rebuilt.ifPresent(used::add);
            out.add(ArtifactComparison.notVerified(name, "", rebuilt.map(RebuildResult.RebuiltArtifact::path).orElse(""),
                    "reference missing: " + missing.getValue() + (rebuilt.isPresent() ? ", so the rebuilt output was not compared"
                    : "; the rebuild did not produce it either (" + (rebuild.status() != RebuildResult.Status.SUCCEEDED
                    ? "rebuild " + rebuild.status() : "no output named " + name) + ")")));
        }
        for (RebuildResult.RebuiltArtifact a : rebuild.artifacts()) {
            if (!used.contains(a)) {
                out.add(ArtifactComparison.notVerified(a.shippedAs(), "", a.path(), "reference missing: no released file named "
                        + fileName(a.shippedAs()) + " was given (--reference), so the rebuilt output was not compared"));
            }
        }
        return out;
    }

    private static boolean matches(String shippedAs, String path, String name) {
        return fileName(shippedAs).equals(name) || fileName(path).equals(name);
    }

    private static String fileName(String path) {
        String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return p.substring(p.lastIndexOf('/') + 1);
    }
}
