package dev.clearbox.analyzers.source;

import dev.clearbox.analyzers.capability.CapabilityModel;
import dev.clearbox.core.Finding;
import dev.clearbox.core.ProgressListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fingerprints on the real sample (docs/report-schema.md, "Fingerprints"): unique per finding, unchanged when lines
 * are inserted above a call site or unrelated code is added, changed when a flow's path changes.
 */
class SampleFingerprintTest {
    private static final String DIR = "src/main/java/com/acme/agent/";
    private static List<Finding> original;

    @TempDir
    Path tmp;

    @BeforeAll
    static void analyzeTheSample() {
        original = analyze(SampleExfiltrationTest.repositoryRoot().resolve("samples/acme-updater/product"));
    }

    @Test
    void everyFindingOfTheSampleHasItsOwnFingerprint() {
        Map<String, List<String>> byPrint = new HashMap<>();
        for (Finding f : original) {
            byPrint.computeIfAbsent(f.fingerprint(), k -> new java.util.ArrayList<>()).add(f.ruleId() + " " + f.location());
        }
        Map<String, List<String>> shared = byPrint.entrySet().stream().filter(e -> e.getValue().size() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertEquals(Map.of(), shared, "fingerprints shared by several findings");
        assertTrue(original.size() > 20, "the sample has findings: " + original.size());
        Finding key = sshKeyFlow(original);
        assertTrue(original.stream().filter(f -> f.ruleId().equals("CBX-SRC-EXFIL"))
                .noneMatch(f -> f != key && f.fingerprint().equals(key.fingerprint())));
        assertTrue(original.stream().filter(f -> f.ruleId().equals("CBX-SRC-DNS")).allMatch(f -> !f.method().isEmpty()),
                "call sites name their enclosing method");
        assertEquals("com.acme.agent.net.MirrorSelector#probe(String)", key.method());
    }

    @Test
    void insertingLinesAboveACallSiteAndUnrelatedCodeChangesNoFingerprint() throws IOException {
        Path copy = copyOfTheSample();
        Path selector = copy.resolve(DIR + "net/MirrorSelector.java");
        String text = Files.readString(selector);
        int cls = text.indexOf("public final class MirrorSelector");
        assertTrue(cls > 0, "the class declaration is where the test expects it");
        Files.writeString(selector, text.substring(0, cls) + "// a comment\n\n/* and another */\n\n\n" + text.substring(cls));
        Path scheduler = copy.resolve(DIR + "AgentScheduler.java");
        String s = Files.readString(scheduler);
        int last = s.lastIndexOf('}');
        Files.writeString(scheduler, s.substring(0, last) + "\n    int unrelated(int x) {\n        return x * 2;\n    }\n}\n");

        List<Finding> edited = analyze(copy);
        assertEquals(sshKeyFlow(original).location().line() + 5, sshKeyFlow(edited).location().line(), "the lines moved");
        assertEquals(prints(original), prints(edited));
    }

    @Test
    void aChangedPathIsANewFingerprintAndOnlyItsFlowsChange() throws IOException {
        Path copy = copyOfTheSample();
        Path device = copy.resolve(DIR + "device/DeviceFingerprint.java");
        String text = Files.readString(device);
        String encode = "Base64.getUrlEncoder().withoutPadding().encodeToString(seed)";
        assertTrue(text.contains(encode));
        Files.writeString(device, text.replace(encode, "new String(seed, StandardCharsets.ISO_8859_1)"));

        List<Finding> edited = analyze(copy);
        Finding before = sshKeyFlow(original);
        Finding after = sshKeyFlow(edited);
        assertFalse(after.flow().transformations().contains("Base64-encoded"), after.flow().transformations().toString());
        assertNotEquals(before.fingerprint(), after.fingerprint(), "the path lost an encoding");
        Set<String> kept = prints(original.stream().filter(f -> !f.location().file().endsWith("DeviceFingerprint.java")
                && !f.ruleId().equals("CBX-SRC-EXFIL")).toList());
        assertTrue(prints(edited).containsAll(kept), "call sites elsewhere keep theirs");
    }

    private static Finding sshKeyFlow(List<Finding> findings) {
        return findings.stream().filter(f -> f.ruleId().equals("CBX-SRC-EXFIL") && f.flow() != null
                        && f.flow().sourceArgument().endsWith(".ssh/id_rsa"))
                .findFirst().orElseThrow(() -> new AssertionError("no SSH-key flow"));
    }

    private static Set<String> prints(List<Finding> findings) {
        return findings.stream().map(Finding::fingerprint).collect(Collectors.toCollection(TreeSet::new));
    }

    private Path copyOfTheSample() throws IOException {
        Path from = SampleExfiltrationTest.repositoryRoot().resolve("samples/acme-updater/product");
        Path to = tmp.resolve("product");
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return to;
    }

    private static List<Finding> analyze(Path product) {
        return new SourceAnalyzer(2).analyze(new SourceAnalysisRequest(product, CapabilityModel.builtIn(), List.of()),
                ProgressListener.NONE).findings();
    }
}
