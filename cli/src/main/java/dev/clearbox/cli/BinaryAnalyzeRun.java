package dev.clearbox.cli;

import dev.clearbox.core.workspace.Workspace;
import dev.clearbox.analyzers.bytecode.BinaryAnalysisRequest;
import dev.clearbox.analyzers.bytecode.BinaryAnalysisResult;
import dev.clearbox.analyzers.bytecode.BinaryAnalyzer;
import dev.clearbox.analyzers.bytecode.BinaryCoverage;
import dev.clearbox.analyzers.bytecode.BinaryInput;
import dev.clearbox.analyzers.bytecode.Correspondence;
import dev.clearbox.analyzers.bytecode.SourceCorrespondence;
import dev.clearbox.analyzers.capability.CapabilityModel;
import dev.clearbox.analyzers.source.SourceAnalysisRequest;
import dev.clearbox.analyzers.source.SourceAnalyzer;
import dev.clearbox.core.Finding;
import dev.clearbox.core.InvalidInputException;
import dev.clearbox.core.PathStep;
import dev.clearbox.core.ProgressListener;
import dev.clearbox.core.Stage;
import dev.clearbox.core.unpack.PackageInventory;
import dev.clearbox.core.unpack.UnpackRequest;
import dev.clearbox.core.unpack.Unpacker;
import dev.clearbox.reports.model.BinaryAnalysis;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** {@code clearbox analyze} on binaries: unpack a file into a temporary directory, analyze, print, clean up. */
final class BinaryAnalyzeRun {
    private final PrintWriter out;
    private final ProgressListener progress;
    private final CapabilityModel model;
    private final boolean findSecBugs;
    private final List<Path> classpath;

    BinaryAnalyzeRun(PrintWriter out, ProgressListener progress, CapabilityModel model, boolean findSecBugs, List<Path> classpath) {
        this.out = out;
        this.progress = progress;
        this.model = model;
        this.findSecBugs = findSecBugs;
        this.classpath = classpath;
    }

    /** A file (jar, zip, any package) or a directory without {@code .java} files. */
    static boolean isBinary(Path input) throws IOException {
        if (Files.isRegularFile(input)) {
            return true;
        }
        boolean classes = false;
        try (Stream<Path> files = Files.walk(input)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String name = p.getFileName() == null ? "" : p.getFileName().toString();
                if (!Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                if (name.endsWith(".java")) {
                    return false;
                }
                classes |= name.endsWith(".class") || name.endsWith(".jar") || name.endsWith(".war")
                        || name.endsWith(".ear") || name.endsWith(".zip");
            }
        }
        if (!classes) {
            // symbolic links are not followed (a vendor's link may lead out of the input), so a directory of links is empty
            throw new InvalidInputException(Stage.ANALYZE, input.toString(),
                    "no Java sources or classes found (symbolic links are not followed)");
        }
        return true;
    }

    ExitCode run(Path input, Path sourceTree, boolean json) throws IOException {
        if (sourceTree != null && !Files.isDirectory(sourceTree)) {
            throw new InvalidInputException(Stage.ANALYZE, sourceTree.toString(), "--source is not a directory");
        }
        Path scratch = Files.isRegularFile(input) ? Files.createTempDirectory("clearbox-analyze-") : null;
        try {
            BinaryInput binary;
            if (scratch != null) {
                PackageInventory inv = new Unpacker().unpack(UnpackRequest.of(input, scratch.resolve("unpacked")), progress);
                binary = BinaryInput.ofPackage(inv, scratch.resolve("unpacked"));
            } else {
                binary = BinaryInput.ofDirectory(input);
            }
            BinaryAnalysisResult result = new BinaryAnalyzer().analyze(
                    new BinaryAnalysisRequest(List.of(binary), model, findSecBugs, classpath), progress);
            Correspondence correspondence = sourceTree == null
                    ? new Correspondence(List.of(), List.of(), List.of(), List.of(), 0)
                    : SourceCorrespondence.compare(result, new SourceAnalyzer().analyze(
                    new SourceAnalysisRequest(sourceTree, model, classpath), progress).findings(), sourceTree);
            BinaryAnalysis analysis = BinaryAnalysis.of(result, correspondence);
            if (json) {
                JsonOutput.print(out, analysis);
            } else {
                print(analysis, sourceTree != null);
            }
            return ExitCode.OK;
        } finally {
            if (scratch != null) {
                delete(scratch);
            }
        }
    }

    private void print(BinaryAnalysis a, boolean compared) {
        for (Finding f : a.findings()) {
            out.println(f.location() + "  " + f.severity() + "  " + f.ruleId() + "  " + f.api()
                    + (f.endpoints().isEmpty() ? "" : "  " + String.join(" ", f.endpoints())));
            out.println("    " + f.message());
            for (PathStep s : f.path()) {
                out.println("    -> " + s.location() + " " + s.location().code() + (s.note().isEmpty() ? "" : " (" + s.note() + ")"));
            }
        }
        BinaryCoverage c = a.coverage();
        out.println(a.findings().size() + " findings; " + c.classesAnalyzed() + " classes analyzed in " + c.codeBases()
                + " code bases; " + c.problems().size() + " files with problems; " + a.nativeLibraries().size()
                + " native libraries" + (compared ? "; " + a.correspondence().classesWithoutSource().size()
                + " classes without source, " + a.correspondence().sourcesWithoutClass().size() + " sources without class" : ""));
        for (BinaryCoverage.Problem p : c.problems()) {
            out.println("  not analyzed: " + p.file() + ": " + p.problem());
        }
    }

    private static void delete(Path dir) throws IOException {
        Workspace.deleteTree(dir, false);
    }
}
