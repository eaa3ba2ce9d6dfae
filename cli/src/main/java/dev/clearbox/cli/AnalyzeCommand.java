package dev.clearbox.cli;

import dev.clearbox.analyzers.source.SourceAnalysisRequest;
import dev.clearbox.analyzers.source.SourceAnalysisResult;
import dev.clearbox.analyzers.source.SourceAnalyzer;
import dev.clearbox.analyzers.source.SourceCoverage;
import dev.clearbox.core.Finding;
import dev.clearbox.core.InvalidInputException;
import dev.clearbox.core.PathStep;
import dev.clearbox.core.Stage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

@Command(name = "analyze",
        description = {"Analyze a source tree with JavaParser, or binaries (a jar, a package, a directory of class",
                "files) with SpotBugs: every call to an API in the capability model (network, DNS, files,",
                "environment, processes, reflection, ...) with file, line, API and literal endpoints, plus what",
                "could not be analyzed. The input decides: a file is unpacked and its bytecode analyzed; a",
                "directory with .java files is source, one without is bytecode. Works without a session."},
        footer = {"", "Examples:", "  clearbox analyze src/ --format json",
                "  clearbox analyze src/ --classpath lib/okhttp.jar:lib/okio.jar --model my-apis.json",
                "  clearbox analyze app.jar --source src/      (binary analysis, side by side with the source)",
                "  clearbox analyze build/classes"})
final class AnalyzeCommand extends ClearboxCommand {
    @Parameters(index = "0", paramLabel = "INPUT", description = "A source tree, a jar or package, or a directory of class files.")
    Path source;

    @Option(names = "--source", paramLabel = "SOURCE_DIR",
            description = "With a binary input: the source tree to compare the shipped classes with.")
    Path sourceTree;

    @Option(names = "--no-findsecbugs", description = "With a binary input: run only Clearbox's detectors.")
    boolean noFindSecBugs;

    @Option(names = "--classpath", paramLabel = "JARS", split = ":", description = "Dependency jars for type resolution (':'-separated).")
    List<Path> classpath = new ArrayList<>();

    @Option(names = "--format", defaultValue = "text", description = "Output: text or json (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Mixin
    ModelOptions model;

    @Override
    protected ExitCode execute() throws Exception {
        if (!Files.exists(source)) {
            throw new InvalidInputException(Stage.ANALYZE, source.toString(), "no such file or directory");
        }
        if (BinaryAnalyzeRun.isBinary(source)) {
            return new BinaryAnalyzeRun(out(), progress(), model.resolve(), !noFindSecBugs, classpath)
                    .run(source, sourceTree, format == OutputFormat.json);
        }
        if (sourceTree != null) {
            throw new InvalidInputException(Stage.ANALYZE, source.toString(), "--source is for binary inputs; this is a source tree");
        }
        SourceAnalysisResult r = new SourceAnalyzer().analyze(
                new SourceAnalysisRequest(source, model.resolve(), classpath), progress());
        if (format == OutputFormat.json) {
            JsonOutput.print(out(), r);
            return ExitCode.OK;
        }
        for (Finding f : r.findings()) {
            out().println(f.location() + "  " + f.capability() + "  " + f.api()
                    + (f.endpoints().isEmpty() ? "" : "  " + String.join(" ", f.endpoints())));
            out().println("    " + f.location().code());
            for (PathStep s : f.path()) {
                out().println("    -> " + s.location() + " " + s.method() + (s.note().isEmpty() ? "" : " (" + s.note() + ")"));
                out().println("         " + s.location().code());
            }
        }
        SourceCoverage c = r.coverage();
        out().println(r.findings().size() + " findings; " + c.filesParsed() + " files, " + c.linesAnalyzed()
                + " lines analyzed; " + c.problems().size() + " files with problems; "
                + c.unresolvedCallCount() + " calls unresolved");
        for (SourceCoverage.FileProblem p : c.problems()) {
            out().println("  not analyzed: " + p.file() + ": " + p.problem());
        }
        for (String limit : c.flowLimits()) {
            out().println("  flow analysis stopped early: " + limit);
        }
        return ExitCode.OK;
    }
}
