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
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

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

    @Option(names = "--classpath", paramLabel = "JARS", split = ":", description = "Dependency jars for type resolution (':'-separated). Without the jar a type comes from, calls on it"
                    + " are matched by method name only and listed as in doubt; the output names the jars under INPUT"
                    + " that would resolve them.")
    List<Path> classpath = new ArrayList<>();

    @Mixin
    FlowOptions flows;

    @Option(names = "--format", defaultValue = "text", description = "Output: text or json (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Mixin
    ModelOptions model;

    /** The resolution of a finding matched by method name only, its receiver's supertypes not all seen. */
    static final String UNRESOLVED_SUPERTYPES = "unresolved-supertypes";

    /** The types nobody could see, and the jars beside the sources that would resolve them. */
    private void missingTypes(SourceCoverage c) {
        if (c.missingTypes().isEmpty()) {
            return;
        }
        int calls = c.missingTypes().stream().mapToInt(SourceCoverage.MissingType::calls).sum();
        out().println("  " + c.missingTypes().size() + " types could not be seen (a model API may hide behind them; "
                + calls + " calls on them matched by method name only):");
        Set<String> jars = new TreeSet<>();
        for (SourceCoverage.MissingType m : c.missingTypes()) {
            out().println("    " + m.type() + ": " + m.calls() + (m.calls() == 1 ? " call" : " calls")
                    + (m.jars().isEmpty() ? "" : "; held by " + String.join(", ", m.jars())));
            jars.addAll(m.jars());
        }
        if (!jars.isEmpty()) {
            out().println("  to resolve them, add to the classpath: --classpath " + jars.stream()
                    .map(j -> source.resolve(j).toString()).collect(Collectors.joining(":")));
        } else {
            out().println("  no jar under " + source + " holds them: pass the jars the product compiles against"
                    + " with --classpath");
        }
    }

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
                new SourceAnalysisRequest(source, model.resolve(), classpath, flows.implicitFlows), progress());
        if (format == OutputFormat.json) {
            JsonOutput.print(out(), r);
            return ExitCode.OK;
        }
        for (Finding f : r.findings()) {
            out().println(f.location() + "  " + f.capability() + "  " + f.api()
                    + (f.endpoints().isEmpty() ? "" : "  " + String.join(" ", f.endpoints()))
                    + (f.resolution().equals(UNRESOLVED_SUPERTYPES) ? "  (matched by method name: supertypes not seen)" : ""));
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
        missingTypes(c);
        return ExitCode.OK;
    }
}
