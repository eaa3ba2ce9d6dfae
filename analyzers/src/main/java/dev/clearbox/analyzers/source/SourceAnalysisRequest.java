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
 * @param implicitFlows also report data that decides whether a sink runs (control dependence: {@code if
 *                      (secret.charAt(i) == 'a') ping()}), opt-in: more paths, a slower analysis
 */
public record SourceAnalysisRequest(Path sourceRoot, CapabilityModel model, List<Path> classpathJars,
                                    boolean implicitFlows) {
    public SourceAnalysisRequest {
        Objects.requireNonNull(sourceRoot, "sourceRoot");
        Objects.requireNonNull(model, "model");
        classpathJars = List.copyOf(classpathJars == null ? List.of() : classpathJars);
    }

    /** A request that follows explicit flows only (the default). */
    public SourceAnalysisRequest(Path sourceRoot, CapabilityModel model, List<Path> classpathJars) {
        this(sourceRoot, model, classpathJars, false);
    }
}
