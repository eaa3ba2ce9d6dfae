package dev.clearbox.cli;

import dev.clearbox.core.InvalidInputException;
import dev.clearbox.core.Stage;
import dev.clearbox.core.Verdict;
import dev.clearbox.core.compare.ArtifactComparator;
import dev.clearbox.core.compare.ArtifactComparison;
import dev.clearbox.core.compare.CompareOptions;
import dev.clearbox.core.compare.DifferenceClass;
import dev.clearbox.reports.compare.ComparisonText;
import dev.clearbox.reports.html.ComparisonHtml;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

@Command(name = "compare",
        description = {"Compare two artifacts (for example a shipped jar and one rebuilt from source): archives entry by entry "
                + "(zip/jar and the tar family, nested ones too), classes structurally, manifests, properties and text "
                + "format-aware, anything else byte for byte. Every difference is classified as benign or substantive.",
                "Works without a session. Verdict: REPRODUCIBLE (bit-identical), EQUIVALENT (only benign differences) or "
                        + "NOT_REPRODUCIBLE. Exit 0 when REPRODUCIBLE or EQUIVALENT (with --strict: only when bit-identical), "
                        + "1 when NOT_REPRODUCIBLE, 2 on error."},
        footer = {"", "Examples:", "  clearbox compare shipped/acme-agent.jar rebuilt/acme-agent.jar",
                "  clearbox compare a.jar b.jar --format html --out compare.html --accept KNOWN_COMPILER_CHANGE"})
final class CompareCommand extends ClearboxCommand {
    @Parameters(index = "0", paramLabel = "SHIPPED", description = "The shipped artifact.")
    Path shipped;

    @Parameters(index = "1", paramLabel = "REBUILT", description = "The artifact built from source.")
    Path rebuilt;

    @Option(names = "--format", defaultValue = "text", description = "Output: text, json or html (default: ${DEFAULT-VALUE}).")
    CompareFormat format;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the output to FILE instead of stdout.")
    Path out;

    @Option(names = "--accept", paramLabel = "CLASS", split = ",",
            description = "Accept a substantive difference class as benign; only KNOWN_COMPILER_CHANGE can be accepted.")
    List<DifferenceClass> accept = List.of();

    @Option(names = "--max-depth", paramLabel = "N", defaultValue = "" + CompareOptions.DEFAULT_MAX_DEPTH,
            description = "How deep to open nested archives (default: ${DEFAULT-VALUE}).")
    int maxDepth;

    @Option(names = "--strict", description = "Exit 0 only when the artifacts are bit-identical.")
    boolean strict;

    enum CompareFormat { text, json, html }

    @Override
    protected ExitCode execute() throws Exception {
        for (Path p : new Path[] {shipped, rebuilt}) {
            if (!Files.isRegularFile(p)) {
                throw new InvalidInputException(Stage.COMPARE, p.toString(), "no such file");
            }
        }
        Set<DifferenceClass> accepted = accept.isEmpty() ? Set.of() : EnumSet.copyOf(accept);
        CompareOptions options = CompareOptions.defaults().withAccepted(accepted).withMaxDepth(maxDepth);
        ArtifactComparison c = new ArtifactComparator(options).compare(shipped.toString(), shipped, rebuilt.toString(), rebuilt);
        String rendered = switch (format) {
            case json -> JsonOutput.render(c) + "\n";
            case html -> ComparisonHtml.render(c);
            case text -> ComparisonText.render(c);
        };
        if (out != null) {
            try {
                Files.writeString(out, rendered, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new InvalidInputException(Stage.COMPARE, out.toString(), "cannot write the output: " + e.getMessage(), e);
            }
            out().println(c.verdict() + "  " + shipped + " vs " + rebuilt + "  (" + format + " written to " + out + ")");
        } else {
            out().print(rendered);
        }
        boolean same = strict ? c.verdict() == Verdict.REPRODUCIBLE
                : c.verdict() == Verdict.REPRODUCIBLE || c.verdict() == Verdict.EQUIVALENT;
        return same ? ExitCode.OK : ExitCode.NEGATIVE;
    }
}
