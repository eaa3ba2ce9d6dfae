package dev.clearbox.reports.sarif;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The texts of a rule, read from its page {@code docs/rules/ID.md}, which the build copies into this module's
 * resources ({@code dev/clearbox/reports/rules/ID.md}): the page is the one source of a rule's title and
 * description, for people and for SARIF alike.
 *
 * <p>A page starts {@code # ID — Title}; the first paragraph of its {@code ## What it reports} section is the
 * full description (as plain text: backticks, emphasis and links removed); the whole page is the help.
 *
 * @param id          the rule id
 * @param title       the page's title (SARIF {@code shortDescription})
 * @param description the first paragraph of "What it reports", plain text (SARIF {@code fullDescription})
 * @param markdown    the whole page (SARIF {@code help.markdown})
 */
public record RuleDocs(String id, String title, String description, String markdown) {
    /** Where the rule pages are published; a rule's {@code helpUri} is this plus {@code ID.md}. */
    public static final String PAGES = "https://clearbox.dev/docs/rules/";
    private static final String RESOURCES = "/dev/clearbox/reports/rules/";
    private static final Pattern TITLE = Pattern.compile("\\A# (\\S+) \u2014 (.+)$", Pattern.MULTILINE);
    private static final Pattern LINK = Pattern.compile("\\[([^\\]]*)]\\([^)]*\\)");

    /** The page of the rule, or empty when it has none (FindSecBugs rules, made-up ids). */
    public static Optional<RuleDocs> of(String ruleId) {
        if (!ruleId.matches("[A-Za-z0-9_.-]+")) {
            return Optional.empty();
        }
        try (InputStream in = RuleDocs.class.getResourceAsStream(RESOURCES + ruleId + ".md")) {
            if (in == null) {
                return Optional.empty();
            }
            return Optional.of(parse(ruleId, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the page of rule " + ruleId, e);
        }
    }

    /** The texts of one page. */
    static RuleDocs parse(String ruleId, String page) {
        String text = page.replace("\r\n", "\n");
        Matcher m = TITLE.matcher(text);
        if (!m.find() || !m.group(1).equals(ruleId)) {
            throw new IllegalStateException("docs/rules/" + ruleId + ".md does not start with '# " + ruleId + " \u2014 Title'");
        }
        int section = text.indexOf("\n## What it reports\n");
        if (section < 0) {
            throw new IllegalStateException("docs/rules/" + ruleId + ".md has no '## What it reports' section");
        }
        String rest = text.substring(section + "\n## What it reports\n".length()).strip();
        int end = rest.indexOf("\n\n");
        int heading = rest.indexOf("\n#");
        if (heading >= 0 && (end < 0 || heading < end)) {
            end = heading;
        }
        String paragraph = end < 0 ? rest : rest.substring(0, end);
        if (paragraph.endsWith(":") && end >= 0) {
            // A paragraph introducing a list takes the list with it; one introducing anything else ends there.
            String next = rest.substring(end).strip();
            int nextEnd = next.indexOf("\n\n");
            String block = nextEnd < 0 ? next : next.substring(0, nextEnd);
            paragraph = block.startsWith("- ") ? paragraph + " " + block.replaceAll("(?m)^- ", "• ")
                    : paragraph.substring(0, paragraph.length() - 1) + ".";
        }
        return new RuleDocs(ruleId, m.group(2).strip(), plain(paragraph), text);
    }

    /** Markdown to one line of plain text: links to their text, no backticks or emphasis, list marks dropped. */
    static String plain(String markdown) {
        String s = LINK.matcher(markdown).replaceAll("$1");
        s = s.replace("`", "").replace("**", "");
        s = s.replaceAll("(?m)^\\s*[-*] ", "");
        return s.replaceAll("\\s+", " ").strip();
    }

    /** The page's address. */
    public String helpUri() {
        return PAGES + id + ".md";
    }
}
