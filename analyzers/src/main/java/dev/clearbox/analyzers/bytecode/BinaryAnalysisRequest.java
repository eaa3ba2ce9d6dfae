package dev.clearbox.analyzers.bytecode;

import dev.clearbox.analyzers.capability.CapabilityModel;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What to analyze.
 *
 * @param inputs        packages and directories; each is analyzed on its own (a class name may appear in several)
 * @param model         the capability model, the same the source analyzer uses
 * @param findSecBugs   whether FindSecBugs runs too (its carried findings become {@code FSB-<TYPE>} findings)
 * @param auxClasspath  jars the shipped code needs but that are not shipped (the JDK is always there)
 */
public record BinaryAnalysisRequest(List<BinaryInput> inputs, CapabilityModel model, boolean findSecBugs,
                                    List<Path> auxClasspath) {
    public BinaryAnalysisRequest {
        inputs = List.copyOf(inputs);
        Objects.requireNonNull(model, "model");
        auxClasspath = List.copyOf(auxClasspath == null ? List.of() : auxClasspath);
    }
}
