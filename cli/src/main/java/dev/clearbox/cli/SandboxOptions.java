package dev.clearbox.cli;

import dev.clearbox.core.InvalidInputException;
import dev.clearbox.core.Stage;
import dev.clearbox.core.rebuild.Isolation;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.Locale;

/** Options for the sandbox the vendor's build runs in; shared by rebuild and audit. */
final class SandboxOptions {
    private static final List<String> LEVELS = List.of("bubblewrap", "user-namespace", "process-group", "none");

    @Option(names = "--isolation", paramLabel = "LEVEL", defaultValue = "bubblewrap",
            description = {"Strongest isolation wanted for the vendor's build: bubblewrap, user-namespace (the util-linux "
                    + "sandbox, same rules), process-group, none (default: ${DEFAULT-VALUE}; falls back to the other sandbox "
                    + "where this one is unavailable). process-group and none are not sandboxes: they need --unsandboxed-build."})
    String isolation;

    @Option(names = "--unsandboxed-build",
            description = {"Run the vendor's build even where no sandbox works (or --isolation asks for none): it can then "
                    + "read and change anything you can, the evidence included. Without this flag such a build is not "
                    + "run (verdict NOT_REBUILT). A report made this way says so in its summary."})
    boolean unsandboxed;

    Isolation.Level level() {
        if (!LEVELS.contains(isolation)) {
            throw new InvalidInputException(Stage.REBUILD, "--isolation", "must be one of " + String.join(", ", LEVELS)
                    + ", got '" + isolation + "'");
        }
        return Isolation.Level.valueOf(isolation.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
