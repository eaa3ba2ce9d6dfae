package dev.clearbox.analyzers.source.internal;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.Problem;
import com.github.javaparser.Range;
import com.github.javaparser.ast.Node;
import com.github.javaparser.printer.DefaultPrettyPrinter;
import com.github.javaparser.ast.CompilationUnit;
import dev.clearbox.analyzers.source.SourceCoverage.FileProblem;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Parses one file; never throws for bad input, returns a problem instead. */
public final class Parsing {
    /** The language level sources are parsed at. */
    public static final ParserConfiguration.LanguageLevel LANGUAGE_LEVEL = ParserConfiguration.LanguageLevel.JAVA_21;

    private static final ThreadLocal<JavaParser> PARSER = ThreadLocal.withInitial(() -> new JavaParser(configuration()));

    private Parsing() {
    }

    /**
     * A parser configuration at {@link #LANGUAGE_LEVEL}, without a symbol resolver and without attributing
     * comments to nodes: no analysis reads a comment, and a node's comment (or its orphan comments) would
     * keep the comment's text and node in memory with the tree.
     */
    public static ParserConfiguration configuration() {
        return new ParserConfiguration().setLanguageLevel(LANGUAGE_LEVEL).setAttributeComments(false);
    }

    /** Either a parsed file or the reason it is not one. */
    public record Outcome(ParsedFile file, FileProblem problem) {
    }

    public static Outcome parse(Path file, String relative) {
        return parse(file, relative, new TreeCompaction.Table());
    }

    /** As above, sharing the positions and names of {@code shared} (one table for the files of one run). */
    public static Outcome parse(Path file, String relative, TreeCompaction.Table shared) {
        String text;
        try {
            text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return new Outcome(null, new FileProblem(relative, "cannot read: " + e.getClass().getSimpleName()));
        }
        ParseResult<CompilationUnit> result;
        try {
            result = PARSER.get().parse(text);
        } catch (RuntimeException | StackOverflowError e) {
            return new Outcome(null, new FileProblem(relative, "parser failed: " + e.getClass().getSimpleName()));
        }
        if (!result.isSuccessful() || result.getResult().isEmpty()) {
            return new Outcome(null, new FileProblem(relative, "does not parse: " + describe(result)));
        }
        CompilationUnit unit = result.getResult().get();
        dropTokens(unit);
        TreeCompaction.compact(unit, shared);
        // Node.toString() creates the file's printer on first use and stores it in the tree: done here, on
        // the parsing thread, so that later toString() calls from several workers only read it.
        unit.printer(new DefaultPrettyPrinter());
        return new Outcome(new ParsedFile(file, relative, unit, text), null);
    }

    /**
     * Keeps each node's range (line and column, all the analysis needs) and lets go of the token list the
     * parser built: the trees of a whole project stay in memory for the analysis, and the tokens (every
     * keyword, identifier, space and comment, each linked to its neighbours) are most of their weight.
     */
    static void dropTokens(CompilationUnit unit) {
        unit.walk(Parsing::dropTokens);
        unit.getAllComments().forEach(Parsing::dropTokens);
    }

    private static void dropTokens(Node node) {
        Optional<Range> range = node.getRange();
        if (node.getTokenRange().isPresent()) {
            node.setTokenRange(null);
            range.ifPresent(node::setRange);
        }
    }

    private static String describe(ParseResult<CompilationUnit> result) {
        if (result.getProblems().isEmpty()) {
            return "no result";
        }
        Problem first = result.getProblems().get(0);
        String where = first.getLocation().flatMap(r -> r.getBegin().getRange())
                .map(r -> "line " + r.begin.line + ", column " + r.begin.column + ": ").orElse("");
        String message = first.getMessage().lines().findFirst().orElse("").strip();
        if (message.length() > 200) {
            message = message.substring(0, 200) + "…";
        }
        int more = result.getProblems().size() - 1;
        return where + message + (more > 0 ? " (and " + more + " more)" : "");
    }
}
