package dev.clearbox.analyzers.capability;

import dev.clearbox.core.Sensitivity;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One entry of a model's {@code sourceClasses}: sources that match it get its class, whatever their API's entry
 * says (docs/capability-model.md, "Reclassifying sources"). It matches by the file path the source reads
 * ({@code path}, a glob such as {@code ~/.ssh/**} or {@code **}{@code /*.pem}), by the key of an environment
 * variable or system property ({@code key}, a glob such as {@code user.name}), by API ({@code api},
 * {@code Type#method}), or by several of these at once (all must match).
 *
 * @param api         {@code Type#method}, or null for any source
 * @param path        a glob over the resolved path ({@code ~} is the user's home), or null
 * @param key         a glob over the resolved key, or null
 * @param sensitivity the class given
 */
public record SourceClassRule(String api, String path, String key, Sensitivity sensitivity) {
    /** Compiled globs, shared: a model holds a few dozen, matched once per flow. */
    private static final java.util.Map<String, Pattern> GLOBS = new java.util.concurrent.ConcurrentHashMap<>();

    public SourceClassRule {
        Objects.requireNonNull(sensitivity, "sensitivity");
        if (api == null && path == null && key == null) {
            throw new IllegalArgumentException("a source class rule needs api, path or key");
        }
    }

    /**
     * True when a source with this API reading this argument matches.
     *
     * @param argument the resolved path or key (unknown parts as {@code {…}}), or empty when nothing is known
     * @param isPath   whether the argument is a file path (else a key)
     */
    public boolean matches(String sourceApi, String argument, boolean isPath) {
        if (api != null && !api.equals(sourceApi)) {
            return false;
        }
        if (path != null && (!isPath || !glob(path).matcher(argument).matches())) {
            return false;
        }
        return key == null || (!isPath && !argument.isEmpty() && glob(key).matcher(argument).matches());
    }

    /** What a finding names as the reason for its class: {@code path ~/.ssh/**}, {@code key user.name}, {@code api X#y}. */
    public String describe() {
        StringBuilder b = new StringBuilder();
        if (path != null) {
            b.append("path ").append(path);
        }
        if (key != null) {
            b.append(b.isEmpty() ? "" : ", ").append("key ").append(key);
        }
        if (api != null) {
            b.append(b.isEmpty() ? "" : ", ").append("api ").append(api);
        }
        return b.toString();
    }

    /**
     * A glob as a pattern: {@code **} any characters, {@code *} any characters but {@code /}, {@code ?} one such
     * character; a leading {@code **}{@code /} also matches nothing, so {@code **}{@code /*.pem} matches {@code key.pem}.
     */
    static Pattern glob(String glob) {
        return GLOBS.computeIfAbsent(glob, SourceClassRule::compile);
    }

    private static Pattern compile(String glob) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                boolean slash = i + 2 < glob.length() && glob.charAt(i + 2) == '/';
                re.append(slash ? "(?:.*/)?" : ".*");
                i += slash ? 2 : 1;
            } else if (c == '*') {
                re.append("[^/]*");
            } else if (c == '?') {
                re.append("[^/]");
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString());
    }
}
