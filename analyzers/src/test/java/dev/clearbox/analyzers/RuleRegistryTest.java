package dev.clearbox.analyzers;

import dev.clearbox.analyzers.bytecode.internal.FindSecBugsTypes;
import dev.clearbox.core.Rule;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keeps the rule registry ({@link Rules#all()}) honest, for every rule of every module:
 *
 * <ul>
 *   <li>ids are unique, and the registry lists every {@code Rule} implementation in the main sources;</li>
 *   <li>rule ids are written as string literals only where rules are declared;</li>
 *   <li>each rule has its page {@code docs/rules/<ID>.md} starting with {@code # <ID>} and stating the severity;
 *       the carried FindSecBugs types share {@code docs/rules/FSB.md}, which must name each {@code FSB-<TYPE>};</li>
 *   <li>each rule has a positive and a negative test: a JUnit test method (or class) of any module carrying
 *       {@code @Tag("positive:<ID>")} (it fails unless the rule reports) and one carrying
 *       {@code @Tag("negative:<ID>")} (it fails if the rule reports on an input that resembles what it looks for).
 *       The carried FindSecBugs types are FindSecBugs' detectors, tested upstream: the family needs one positive
 *       test naming a carried type and one negative test, tagged with a carried id or {@code FSB-*};</li>
 *   <li>every such tag names a declared rule and sits on an enabled {@code @Test} or {@code @ParameterizedTest}.</li>
 * </ul>
 *
 * The tests are found in the sources ({@code <module>/src/test/java}), since no module's test class path sees the
 * others' tests.
 */
class RuleRegistryTest {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final List<String> MODULES = List.of("core", "analyzers", "reports", "cli", "samples");
    private static final Pattern TAG = Pattern.compile("@Tag\\(\"(positive|negative):([^\"]+)\"\\)");
    private static final Pattern ID_LITERAL = Pattern.compile("\"(CBX|FSB)-[A-Z0-9_-]*");
    private static final Pattern IMPLEMENTS_RULE = Pattern.compile("(enum|record|class)\\s+(\\w+)[^{]*\\bimplements\\b[^{]*\\bRule\\b");
    private static final String FAMILY = FindSecBugsTypes.PREFIX + "*";
    /** The files that declare rules, and so may spell rule ids. */
    private static final Set<String> DECLARING = Set.of("CoreRule.java", "SourceRule.java", "BinaryRule.java",
            "FindSecBugsTypes.java");

    @Test
    void idsAreUniqueAndEveryRuleImplementationIsRegistered() {
        Set<String> ids = new HashSet<>();
        Set<String> types = new TreeSet<>();
        for (Rule r : Rules.all()) {
            assertTrue(ids.add(r.id()), "duplicate rule id " + r.id());
            assertTrue(r.id().matches("(CBX|FSB)-[A-Z0-9_-]+"), r.id());
            assertFalse(r.title().isBlank(), r.id());
            types.add(r.getClass().isAnonymousClass() ? r.getClass().getSuperclass().getSimpleName() : r.getClass().getSimpleName());
        }
        Set<String> implementations = new TreeSet<>();
        for (Path file : javaFiles("src/main/java")) {
            Matcher m = IMPLEMENTS_RULE.matcher(read(file));
            while (m.find()) {
                implementations.add(m.group(2));
            }
        }
        assertEquals(implementations, types, "Rules.all() must list every Rule implementation");
    }

    @Test
    void ruleIdsAreSpelledOnlyWhereRulesAreDeclared() {
        List<String> strays = new ArrayList<>();
        for (Path file : javaFiles("src/main/java")) {
            if (DECLARING.contains(file.getFileName().toString())) {
                continue;
            }
            Matcher m = ID_LITERAL.matcher(read(file));
            while (m.find()) {
                strays.add(REPO.relativize(file) + ": " + m.group());
            }
        }
        assertEquals(List.of(), strays, "use the declared Rule constants");
    }

    @Test
    void everyRuleIsDocumented() {
        List<String> problems = new ArrayList<>();
        for (Rule r : Rules.all()) {
            assertTrue(r.docPage().startsWith(Rule.DOCS), r.docPage());
            Path page = REPO.resolve(r.docPage());
            if (!Files.isRegularFile(page)) {
                problems.add(r.id() + ": missing " + r.docPage());
                continue;
            }
            String text = read(page);
            if (r instanceof FindSecBugsTypes.Carried) {
                if (!text.contains("`" + r.id() + "`")) {
                    problems.add(r.id() + ": not named on " + r.docPage());
                }
            } else if (!text.startsWith("# " + r.id() + " ") || !text.contains(r.severity().name())) {
                problems.add(r.id() + ": " + r.docPage() + " must start with '# " + r.id() + " ' and state " + r.severity());
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void everyRuleHasAPositiveAndANegativeTest() {
        Map<String, Set<String>> tagged = tags();
        Set<String> declared = new TreeSet<>();
        Rules.all().forEach(r -> declared.add(r.id()));
        List<String> problems = new ArrayList<>();
        tagged.forEach((tag, where) -> {
            String id = tag.substring(tag.indexOf(':') + 1);
            if (!declared.contains(id) && !id.equals(FAMILY)) {
                problems.add(tag + " names no declared rule (" + where + ")");
            }
        });
        for (Rule r : Rules.all()) {
            for (String kind : List.of("positive", "negative")) {
                boolean found;
                if (r instanceof FindSecBugsTypes.Carried) {
                    found = tagged.keySet().stream().anyMatch(t -> t.startsWith(kind + ":" + FindSecBugsTypes.PREFIX));
                } else {
                    found = tagged.containsKey(kind + ":" + r.id());
                }
                if (!found) {
                    problems.add(r.id() + ": no test tagged @Tag(\"" + kind + ":" + r.id() + "\")");
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    /** {@code positive:<ID>} / {@code negative:<ID>} → the test methods (file#method) that carry it. */
    private static Map<String, Set<String>> tags() {
        Map<String, Set<String>> out = new TreeMap<>();
        Pattern method = Pattern.compile("\\s(?:void|class)\\s+(\\w+)");
        for (Path file : javaFiles("src/test/java")) {
            if (file.getFileName().toString().equals("RuleRegistryTest.java")) {
                continue;
            }
            String text = read(file);
            Matcher m = TAG.matcher(text);
            while (m.find()) {
                Matcher target = method.matcher(text);
                if (!target.find(m.end())) {
                    throw new AssertionError(file + ": " + m.group() + " is on nothing");
                }
                String annotations = text.substring(text.lastIndexOf("\n\n", m.start()) + 1, target.start());
                String where = REPO.relativize(file) + "#" + target.group(1);
                boolean aClass = text.startsWith("class", target.start() + 1);
                assertTrue(aClass || annotations.contains("@Test") || annotations.contains("@ParameterizedTest"),
                        where + ": " + m.group() + " must be on a test");
                assertFalse(annotations.contains("@Disabled"), where + ": a disabled test does not count");
                out.computeIfAbsent(m.group(1) + ":" + m.group(2), k -> new TreeSet<>()).add(where);
            }
        }
        return out;
    }

    private static List<Path> javaFiles(String under) {
        List<Path> files = new ArrayList<>();
        for (String module : MODULES) {
            Path root = REPO.resolve(module).resolve(under);
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> s = Files.walk(root)) {
                s.filter(p -> p.toString().endsWith(".java")).sorted().forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        assertFalse(files.isEmpty(), "no sources under " + under);
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
