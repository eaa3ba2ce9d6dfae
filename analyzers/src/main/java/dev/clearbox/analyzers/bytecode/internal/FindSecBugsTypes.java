package dev.clearbox.analyzers.bytecode.internal;

import dev.clearbox.core.Capability;
import dev.clearbox.core.Rule;
import dev.clearbox.core.Severity;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The FindSecBugs bug types Clearbox carries into its report (data file {@code findsecbugs-carried.properties}):
 * a family of rules {@code FSB-<TYPE>}, declared once each as a line of that file, documented together on
 * {@code docs/rules/FSB.md}.
 */
public final class FindSecBugsTypes {
    /** The prefix of the carried types' rule ids. */
    public static final String PREFIX = "FSB-";
    /** The family's page. */
    public static final String DOC_PAGE = Rule.DOCS + "FSB.md";

    /**
     * How a carried type is reported: the rule {@code FSB-<TYPE>}, with a (modelled) capability and a severity.
     *
     * @param type the FindSecBugs bug type, for example {@code UNENCRYPTED_SOCKET}
     */
    public record Carried(String type, Capability capability, Severity severity) implements Rule {
        @Override
        public String id() {
            return PREFIX + type;
        }

        @Override
        public String title() {
            return "FindSecBugs " + type + " (" + capability.title() + ")";
        }

        @Override
        public String docPage() {
            return DOC_PAGE;
        }
    }

    private static final Map<String, Carried> CARRIED = load();

    private FindSecBugsTypes() {
    }

    /** Bug type → how it is carried, sorted by type. */
    public static Map<String, Carried> carried() {
        return CARRIED;
    }

    private static Map<String, Carried> load() {
        Properties p = new Properties();
        try (InputStream in = FindSecBugsTypes.class.getResourceAsStream("findsecbugs-carried.properties")) {
            if (in == null) {
                throw new IllegalStateException("findsecbugs-carried.properties missing from the class path");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Carried> out = new TreeMap<>();
        for (String type : p.stringPropertyNames()) {
            String[] v = p.getProperty(type).trim().split("\\s+");
            Capability capability = Capability.valueOf(v[0]);
            if (!capability.modelled()) {
                throw new IllegalStateException("findsecbugs-carried.properties: " + type + ": " + capability
                        + " is not a modelled capability");
            }
            out.put(type, new Carried(type, capability, Severity.valueOf(v[1])));
        }
        return Map.copyOf(out);
    }
}
