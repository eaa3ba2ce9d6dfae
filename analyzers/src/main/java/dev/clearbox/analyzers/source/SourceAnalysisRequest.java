package dev.clearbox.analyzers.source;

import dev.clearbox.analyzers.capability.CapabilityModel;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What to analyze.
 *
 * @param sourceRoot    the directory holding the vendor's sources (a checkout); every {@code .java} file
 *                      below it is analyzed except under {@code build/}, {@code target/} and {@code .git/}
 * @param model         the capability model to match calls against
 * @param classpathJars jars the sources compile against, used to resolve types (may be empty)
 */
public record SourceAnalysisRequest(Path sourceRoot, CapabilityModel model, List<Path> classpathJars) {
    public SourceAnalysisRequest {
        Objects.requireNonNull(sourceRoot, "sourceRoot");
        Objects.requireNonNull(model, "model");
        classpathJars = List.copyOf(classpathJars == null ? List.of() : classpathJars);
    }
}
