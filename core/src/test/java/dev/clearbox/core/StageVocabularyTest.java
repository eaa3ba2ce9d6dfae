package dev.clearbox.core;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keeps the stage, rule and capability vocabulary typed. A stage travels as a {@link Stage}, never as its id in
 * text: the errors' and the progress listener's signatures say so (checked here by reflection, so no one adds a
 * {@code String} overload back), and the main sources of every module neither declare a stage as a string nor
 * compare a stage, a rule or a capability by its text (checked on the sources: the compiler cannot see a string
 * that happens to spell a stage). Where a string is genuinely external, it is parsed once, in the places listed in
 * {@link #PARSED_ONCE} with the reason.
 */
class StageVocabularyTest {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final List<String> MODULES = List.of("core", "analyzers", "reports", "audit", "cli", "samples");
    private static final List<Class<? extends ClearboxException>> ERRORS = List.of(ClearboxException.class,
            InvalidInputException.class, IntegrityException.class, UnsafeInputException.class, StageFailedException.class);
    private static final String IDS = Stream.of(Stage.values()).map(s -> Pattern.quote(s.id()))
            .collect(Collectors.joining("|"));

    /** What the main sources must not contain, each with what it would mean. */
    private static final Map<Pattern, String> FORBIDDEN = Map.of(
            Pattern.compile("\\bString\\s+(stage|STAGE|\\w+_STAGE)\\b"), "a stage declared as text",
            Pattern.compile("new \\w*Exception\\(\\s*\"(" + IDS + ")\""), "a stage id spelled into an exception",
            Pattern.compile("stage\\(\\)\\.(id|toString)\\(\\)\\.equals|Stage\\.valueOf\\("), "a stage parsed back from text",
            Pattern.compile("ruleId\\(\\)\\.(equals|startsWith)|\\.equals\\(\\w+\\.ruleId\\(\\)\\)|startsWith\\(\"(CBX|FSB)-"),
            "a rule compared by its id (compare the rule, or ReportFinding.is(rule))",
            Pattern.compile("capability\\(\\)\\.(equals|name\\(\\)\\.equals)\\(\"|Capability\\.valueOf\\("),
            "a capability parsed from or compared as text");

    /** The files that may parse a vocabulary from text, because the text comes from outside: each with its reason. */
    private static final Map<String, String> PARSED_ONCE = Map.of(
            "analyzers/src/main/java/dev/clearbox/analyzers/bytecode/internal/FindSecBugsTypes.java",
            "reads the capability of each carried FindSecBugs type from its data file, once, when the class loads");

    @Test
    void idsAreStableWordsAndDirectoriesAreTheirIds() {
        Set<String> ids = new HashSet<>();
        for (Stage s : Stage.values()) {
            assertTrue(s.id().matches("[a-z]+(-[a-z]+)*"), s.name());
            assertTrue(ids.add(s.id()), "two stages are called " + s.id());
            assertEquals(s.id(), s.toString(), "a stage prints as its id");
            s.directory().ifPresent(d -> assertEquals(s.id(), d, "a stage's workspace directory is named after it"));
        }
        assertEquals("analyze", Stage.ANALYZE.id(), "the source stage has one name, in errors and progress");
    }

    @Test
    void theErrorMessageBeginsWithTheStageId() {
        ClearboxException e = new InvalidInputException(Stage.ANALYZE_BINARY, "app.jar", "not a jar");
        assertEquals("analyze-binary: app.jar: not a jar", e.oneLine());
        assertEquals(Stage.ANALYZE_BINARY, e.stage());
        assertEquals("keys: k.pem: world-readable [key-exposed]",
                new UnsafeInputException(Stage.KEYS, "k.pem", "key-exposed", "world-readable").oneLine());
    }

    @Test
    void everyErrorAndProgressSignatureTakesAStage() {
        for (Class<? extends ClearboxException> type : ERRORS) {
            Constructor<?>[] constructors = type.getConstructors();
            assertTrue(constructors.length > 0, type.getSimpleName());
            for (Constructor<?> c : constructors) {
                assertEquals(Stage.class, c.getParameterTypes()[0], c.toString());
            }
        }
        for (Method m : ProgressListener.class.getDeclaredMethods()) {
            assertEquals(Stage.class, m.getParameterTypes()[0], m.toString());
        }
    }

    @Test
    void noMainSourceCarriesAStageRuleOrCapabilityAsText() {
        List<String> found = new ArrayList<>();
        List<Path> files = mainSources();
        assertTrue(files.size() > 100, "read the main sources of every module: " + files.size());
        for (Path file : files) {
            String rel = REPO.relativize(file).toString().replace('\\', '/');
            if (PARSED_ONCE.containsKey(rel)) {
                continue;
            }
            found.addAll(matches(rel, read(file)));
        }
        assertEquals(List.of(), found);
    }

    @Test
    void theSourceCheckFindsEachKindOfSlip() {
        Map<String, String> slips = Map.of(
                "private static final String STAGE = \"compare\";", "a stage declared as text",
                "throw new InvalidInputException(\"compare\", file, \"bad\");", "a stage id spelled into an exception",
                "if (e.stage().id().equals(\"unpack\")) {", "a stage parsed back from text",
                "filter(f -> f.ruleId().equals(BinaryRule.ONLY.id()))", "a rule compared by its id (compare the rule, or ReportFinding.is(rule))",
                "if (f.capability().equals(\"NETWORK\")) {", "a capability parsed from or compared as text");
        slips.forEach((line, what) -> assertEquals(List.of("X.java: " + what + ": " + line.strip()), matches("X.java", line), line));
        assertEquals(List.of(), matches("X.java", "throw new InvalidInputException(STAGE, file, \"the report is not signed\");"));
        assertEquals(List.of(), matches("X.java", "if (f.is(BinaryRule.ONLY) && stage == Stage.COMPARE) {"));
        for (String file : PARSED_ONCE.keySet()) {
            assertTrue(Files.isRegularFile(REPO.resolve(file)), "listed file exists: " + file);
            assertFalse(matches(file, read(REPO.resolve(file))).isEmpty(), "listed file still needs its exception: " + file);
        }
    }

    private static List<String> matches(String file, String text) {
        List<String> out = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (String line : lines) {
            String code = line.strip();
            if (code.startsWith("*") || code.startsWith("/*") || code.startsWith("//")) {
                continue;
            }
            for (Map.Entry<Pattern, String> f : FORBIDDEN.entrySet()) {
                Matcher m = f.getKey().matcher(line);
                if (m.find()) {
                    out.add(file + ": " + f.getValue() + ": " + code);
                }
            }
        }
        return out;
    }

    private static List<Path> mainSources() {
        List<Path> files = new ArrayList<>();
        for (String module : MODULES) {
            Path root = REPO.resolve(module).resolve("src/main/java");
            assertTrue(Files.isDirectory(root), root.toString());
            try (Stream<Path> s = Files.walk(root)) {
                s.filter(p -> p.toString().endsWith(".java")).sorted().forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return files;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
