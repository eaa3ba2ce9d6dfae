package dev.clearbox.cli;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.clearbox.core.InvalidInputException;
import dev.clearbox.core.Verdict;
import dev.clearbox.core.compare.ArtifactComparator;
import dev.clearbox.core.compare.ArtifactComparison;
import dev.clearbox.core.compare.Difference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;

@Command(name = "compare",
        description = {"Compare two artifacts (for example a shipped jar and one rebuilt from source), entry by entry.",
                "Works without a session. Exit 0 when they are bit-identical, 1 when they differ, 2 on error."},
        footer = {"", "Example:", "  clearbox compare shipped/acme-agent.jar rebuilt/acme-agent.jar"})
final class CompareCommand extends ClearboxCommand {
    @Parameters(index = "0", paramLabel = "SHIPPED", description = "The shipped artifact.")
    Path shipped;

    @Parameters(index = "1", paramLabel = "REBUILT", description = "The artifact built from source.")
    Path rebuilt;

    @Option(names = "--format", defaultValue = "text", description = "Output: text or json (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Override
    protected ExitCode execute() throws Exception {
        for (Path p : new Path[]{shipped, rebuilt}) {
            if (!Files.isRegularFile(p)) {
                throw new InvalidInputException("compare", p.toString(), "no such file");
            }
        }
        ArtifactComparison c = new ArtifactComparator().compare(shipped.toString(), shipped, rebuilt.toString(), rebuilt);
        if (format == OutputFormat.json) {
            out().println(JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writeValueAsString(c));
        } else {
            out().println(c.verdict() + ": " + shipped + " vs " + rebuilt);
            for (Difference d : c.differences()) {
                out().println("  " + d.kind() + "  " + (d.entry().isEmpty() ? "(whole file)" : d.entry()) + "  " + d.detail());
            }
        }
        return c.verdict() == Verdict.REPRODUCIBLE ? ExitCode.OK : ExitCode.NEGATIVE;
    }
}
