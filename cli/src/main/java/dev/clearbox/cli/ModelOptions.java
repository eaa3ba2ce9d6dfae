package dev.clearbox.cli;

import dev.clearbox.analyzers.capability.CapabilityModel;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Options choosing the capability model; shared by audit and analyze. */
final class ModelOptions {
    @Option(names = "--model", paramLabel = "FILE",
            description = "A capability model file (see docs/capability-model.md) extending the built-in model.")
    Path model;

    @Option(names = "--no-builtin-model", description = "Use only the --model file, not the built-in model.")
    boolean noBuiltin;

    CapabilityModel resolve() {
        if (model == null) {
            if (noBuiltin) {
                throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                        "--no-builtin-model needs --model FILE");
            }
            return CapabilityModel.builtIn();
        }
        CapabilityModel user = CapabilityModel.load(model);
        return noBuiltin ? user : CapabilityModel.builtIn().withOverrides(user);
    }
}
