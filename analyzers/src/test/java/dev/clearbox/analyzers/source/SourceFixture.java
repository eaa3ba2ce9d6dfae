package dev.clearbox.analyzers.source;

import dev.clearbox.analyzers.capability.CapabilityModel;
import dev.clearbox.core.Finding;
import dev.clearbox.core.ProgressListener;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Test helper: Java sources as text, written under a temporary root, analyzed, and checked against
 * expectation markers on the offending lines.
 *
 * <p>Marker syntax: {@code // expect: CAPABILITY[, endpoint=TEXT][, resolution=HOW][, api=TYPE#METHOD]},
 * several expected findings on one line separated by {@code ;}. {@code EXFIL} in place of a capability
 * expects an exfiltration path ending at this line (rule {@code CBX-SRC-EXFIL}), optionally
 * {@code from=LINE} (its first step, in the same file) or {@code from=FILE:LINE}, {@code via=LINE} (a
 * step of the path, same file) and {@code capability=NETWORK|DNS}. {@link #verify()} fails on a missing
 * finding and on an unexpected one.
 */
final class SourceFixture {
    private static final Pattern MARKER = Pattern.compile("//\\s*expect:\\s*(.*)$");

    private final Path root;
    private final Map<String, String> files = new TreeMap<>();
    private CapabilityModel model = CapabilityModel.builtIn();
    private int threads = 2;

    private SourceFixture(Path root) {
        this.root = root;
    }

    static SourceFixture in(Path root) {
        return new SourceFixture(root);
    }

    SourceFixture file(String relativePath, String text) {
        files.put(relativePath, text);
        return this;
    }

    SourceFixture model(CapabilityModel m) {
        this.model = m;
        return this;
    }

    SourceFixture threads(int n) {
        this.threads = n;
        return this;
    }

    /** Writes the files and runs the analyzer, without checking anything. */
    SourceAnalysisResult analyze() {
        try {
            for (Map.Entry<String, String> f : files.entrySet()) {
                Path p = root.resolve(f.getKey());
                Files.createDirectories(p.getParent());
                Files.writeString(p, f.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new SourceAnalyzer(threads).analyze(new SourceAnalysisRequest(root, model, List.of()), ProgressListener.NONE);
    }

    /** Analyzes and fails unless the findings are exactly those the markers announce. */
    SourceAnalysisResult verify() {
        SourceAnalysisResult result = analyze();
        Map<String, List<Finding>> actual = new LinkedHashMap<>();
        for (Finding f : result.findings()) {
            actual.computeIfAbsent(f.location().file() + ":" + f.location().line(), k -> new ArrayList<>()).add(f);
        }
        List<String> errors = new ArrayList<>();
        for (Map.Entry<String, String> file : files.entrySet()) {
            String[] lines = file.getValue().split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                Matcher m = MARKER.matcher(lines[i]);
                if (!m.find()) {
                    continue;
                }
                String where = file.getKey() + ":" + (i + 1);
                List<Finding> here = actual.getOrDefault(where, new ArrayList<>());
                for (String expected : m.group(1).split(";")) {
                    Finding match = take(here, expected.strip());
                    if (match == null) {
                        errors.add("missing at " + where + ": " + expected.strip() + "; found there: " + describe(here));
                    }
                }
            }
        }
        actual.forEach((where, rest) -> rest.forEach(f -> errors.add("unexpected at " + where + ": " + describe(List.of(f)))));
        if (!errors.isEmpty()) {
            fail(String.join("\n", errors));
        }
        return result;
    }

    /** The expectation markers of the files, by {@code file:line}. */
    Map<String, List<String>> markers() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> file : files.entrySet()) {
            String[] lines = file.getValue().split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                Matcher m = MARKER.matcher(lines[i]);
                if (m.find()) {
                    for (String expected : m.group(1).split(";")) {
                        out.computeIfAbsent(file.getKey() + ":" + (i + 1), k -> new ArrayList<>()).add(expected.strip());
                    }
                }
            }
        }
        return out;
    }

    /** Removes and returns the first finding satisfying an expectation, or null. */
    static Finding takeMatching(List<Finding> candidates, String expectation) {
        return take(candidates, expectation);
    }

    /** Removes and returns the first finding satisfying an expectation, or null. */
    private static Finding take(List<Finding> candidates, String expectation) {
        String[] parts = expectation.split(",");
        String capability = parts[0].strip();
        for (Iterator<Finding> it = candidates.iterator(); it.hasNext(); ) {
            Finding f = it.next();
            boolean exfil = f.rule() == SourceRule.EXFIL;
            boolean kind = capability.equals("EXFIL") ? exfil : !exfil && f.capability().name().equals(capability);
            if (kind && satisfies(f, parts)) {
                it.remove();
                return f;
            }
        }
        return null;
    }

    private static boolean satisfies(Finding f, String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String[] kv = parts[i].strip().split("=", 2);
            String value = kv.length > 1 ? kv[1].strip() : "";
            boolean ok = switch (kv[0].strip()) {
                case "endpoint" -> f.endpoints().contains(value);
                case "resolution" -> f.resolution().equals(value);
                case "api" -> f.api().equals(value);
                case "capability" -> f.capability().name().equals(value);
                case "from" -> !f.path().isEmpty() && at(f.path().get(0).location(), f.location().file(), value);
                case "via" -> f.path().stream().anyMatch(s -> at(s.location(), f.location().file(), value));
                default -> throw new IllegalArgumentException("unknown expectation key: " + kv[0]);
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean at(dev.clearbox.core.Location where, String sinkFile, String expected) {
        int colon = expected.lastIndexOf(':');
        String file = colon < 0 ? sinkFile : expected.substring(0, colon);
        int line = Integer.parseInt(colon < 0 ? expected : expected.substring(colon + 1));
        return where.line() == line && (where.file().equals(file) || where.file().endsWith("/" + file));
    }

    private static String describe(List<Finding> findings) {
        List<String> out = new ArrayList<>();
        for (Finding f : findings) {
            String kind = f.rule() == SourceRule.EXFIL ? "EXFIL(" + f.capability() + ") from "
                    + (f.path().isEmpty() ? "?" : f.path().get(0).location()) : f.capability().name();
            out.add(kind + " " + f.api() + " [" + f.resolution() + "] endpoints=" + f.endpoints());
        }
        return out.toString();
    }
}
