package dev.clearbox.analyzers.bytecode.internal;

import dev.clearbox.core.Severity;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/** The FindSecBugs bug types Clearbox carries into its report (data file {@code findsecbugs-carried.properties}). */
public final class FindSecBugsTypes {
    /** How a carried type is reported: its capability and severity. */
    public record Carried(String capability, Severity severity) {
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
            out.put(type, new Carried(v[0], Severity.valueOf(v[1])));
        }
        return Map.copyOf(out);
    }
}
