package dev.clearbox.core.rebuild;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which JDK a build needs: a feature version ({@code 17}), optionally an exact version ({@code 17.0.2});
 * feature 0 means "as the reference artifact says" (inferred from its manifest and class files).
 *
 * @param feature the feature version, or 0 for automatic
 * @param version the exact version asked for, or empty
 */
public record JdkRequirement(int feature, String version) {
    private static final Pattern FORM = Pattern.compile("(?:1\\.)?([1-9][0-9]?)((?:[._][0-9]+)*)");

    public JdkRequirement {
        if (feature < 0) {
            throw new IllegalArgumentException("negative JDK feature version");
        }
        version = version == null ? "" : version;
    }

    /** Choose the JDK from the reference artifact. */
    public static JdkRequirement automatic() {
        return new JdkRequirement(0, "");
    }

    public static JdkRequirement feature(int feature) {
        return new JdkRequirement(feature, "");
    }

    /**
     * Parses {@code 17}, {@code 17.0.2}, {@code 1.8}, {@code 1.8.0_402}, {@code 8} or {@code auto}.
     *
     * @throws IllegalArgumentException when it is none of these
     */
    public static JdkRequirement parse(String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty() || t.equals("auto")) {
            return automatic();
        }
        Matcher m = FORM.matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a JDK version: '" + text + "' (expected for example 17, 17.0.2, 1.8 or auto)");
        }
        int feature = Integer.parseInt(m.group(1));
        return new JdkRequirement(feature, m.group(2).isEmpty() ? "" : t);
    }

    public boolean isAutomatic() {
        return feature == 0;
    }

    @Override
    public String toString() {
        return isAutomatic() ? "auto" : version.isEmpty() ? Integer.toString(feature) : version;
    }
}
