package dev.clearbox.analyzers.source;

import dev.clearbox.analyzers.capability.CapabilityModel;
import dev.clearbox.core.Capability;
import dev.clearbox.core.Finding;
import dev.clearbox.core.PathStep;
import dev.clearbox.core.ProgressListener;
import dev.clearbox.core.Severity;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The sample product's concealed path (samples/acme-updater/README.md, answer key) is found end to end:
 * from the read of ~/.ssh/id_rsa to the DNS look-up, with every step of the key in order.
 */
class SampleExfiltrationTest {
    private static final String DIR = "src/main/java/com/acme/agent/";
    private static SourceAnalysisResult result;

    @BeforeAll
    static void analyze() {
        Path product = repositoryRoot().resolve("samples/acme-updater/product");
        result = new SourceAnalyzer(2).analyze(new SourceAnalysisRequest(product, CapabilityModel.builtIn(), List.of()),
                ProgressListener.NONE);
    }

    static Path repositoryRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("samples/acme-updater/product"))) {
                return p;
            }
        }
        throw new IllegalStateException("repository root not found above " + Path.of("").toAbsolutePath());
    }

    @Test
    void theConcealedPathIsFoundWithEveryStepOfTheAnswerKey() {
        Finding flow = exfiltrationAt(DIR + "net/MirrorSelector.java", 42, DIR + "device/DeviceFingerprint.java", 23);
        assertEquals(Capability.DNS, flow.capability());
        assertEquals("java.net.InetAddress#getByName", flow.api());
        assertEquals(Severity.CRITICAL, flow.severity(), "the path reads file contents");
        String[][] key = {
            {"device/DeviceFingerprint.java", "23"},
            {"device/DeviceFingerprint.java", "25"},
            {"device/DeviceFingerprint.java", "18"},
            {"device/DeviceFingerprint.java", "19"},
            {"AgentMain.java", "44"},
            {"AgentMain.java", "45"},
            {"AgentMain.java", "37"},
            {"net/MirrorSelector.java", "19"},
            {"AgentMain.java", "48"},
            {"AgentMain.java", "66"},
            {"net/MirrorSelector.java", "27"},
            {"net/MirrorSelector.java", "40"},
            {"net/ProbeLabels.java", "20"},
            {"net/ProbeLabels.java", "24"},
            {"net/MirrorSelector.java", "42"},
        };
        List<PathStep> path = flow.path();
        int at = 0;
        List<String> missing = new ArrayList<>();
        for (String[] step : key) {
            int found = indexOf(path, DIR + step[0], Integer.parseInt(step[1]), at);
            if (found < 0) {
                missing.add(step[0] + ":" + step[1]);
            } else {
                at = found + 1;
            }
        }
        if (!missing.isEmpty()) {
            fail("steps missing or out of order: " + missing + "\npath:\n" + render(path));
        }
        assertTrue(path.size() >= key.length, render(path));
        assertTrue(noteAt(path, DIR + "device/DeviceFingerprint.java", 19).contains("Base64-encoded here"), render(path));
        assertTrue(noteAt(path, DIR + "net/ProbeLabels.java", 20).contains("hex-encoded here"), render(path));
        assertTrue(noteAt(path, DIR + "device/DeviceFingerprint.java", 25).contains("source: file contents"), render(path));
        assertTrue(noteAt(path, DIR + "net/MirrorSelector.java", 19).contains("stored in field"), render(path));
        assertTrue(flow.message().startsWith("file contents (java.nio.file.Files#readAllBytes at " + DIR
                + "device/DeviceFingerprint.java:25) reaches DNS sink java.net.InetAddress#getByName"), flow.message());
        assertTrue(flow.message().matches(".*\\(Base64-encoded, .*hex-encoded on the way\\).*"), flow.message());
        Finding fallback = exfiltrationAt(DIR + "net/MirrorSelector.java", 42, DIR + "device/DeviceFingerprint.java", 27);
        assertTrue(fallback.message().startsWith("environment variable"), "the fallback seed is a flow too: " + fallback.message());
        PathStep last = path.get(path.size() - 1);
        assertEquals(flow.location().line(), last.location().line());
        assertTrue(last.location().code().contains("InetAddress.getByName"), last.location().code());
        assertTrue(last.method().endsWith("MirrorSelector#probe(String)"), last.method());
    }

    /**
     * Issue 14's ranking measure on the real sample: the SSH key into DNS names is the first finding and the only one
     * at the top severity; the flows from the agent's own configuration file to the update URL rank below it as
     * configuration data; flows are listed most severe first.
     */
    @Test
    void theSshKeyPathRanksFirstAndAloneAtTheTop() {
        List<Finding> flows = result.findings().stream().filter(f -> f.ruleId().equals("CBX-SRC-EXFIL")).toList();
        String listing = flows.stream().map(f -> f.severity() + " " + f.location() + " " + f.message())
                .reduce("", (a, b) -> a + "\n  " + b);
        Finding first = flows.get(0);
        assertEquals(DIR + "net/MirrorSelector.java", first.location().file(), listing);
        assertEquals(42, first.location().line(), listing);
        assertEquals("java.nio.file.Files#readAllBytes", first.flow().sourceApi(), listing);
        assertEquals(dev.clearbox.core.Sensitivity.SECRET, first.flow().sensitivity(), listing);
        assertEquals("~/.ssh/id_rsa", first.flow().sourceArgument(), listing);
        assertEquals("path ~/.ssh/**", first.flow().classifiedBy(), listing);
        assertEquals(dev.clearbox.core.Channel.DNS_NAME, first.flow().channel(), listing);
        assertEquals(List.of("Base64-encoded", "hex-encoded"), first.flow().transformations().stream()
                .filter(t -> t.endsWith("-encoded")).toList(), listing);
        assertEquals(Severity.CRITICAL, first.severity(), listing);
        assertEquals(1, result.findings().stream().filter(f -> f.severity() == Severity.CRITICAL).count(),
                "the SSH-key path alone is CRITICAL:" + listing);
        assertEquals(result.findings().get(0), first, "the report lists it first of all findings");
        for (int i = 1; i < flows.size(); i++) {
            assertTrue(flows.get(i - 1).severity().compareTo(flows.get(i).severity()) >= 0, "most severe first:" + listing);
        }
        List<Finding> config = flows.stream().filter(f -> f.flow().sourceArgument().equals("~/.acme/agent.properties"))
                .toList();
        assertTrue(!config.isEmpty(), "flows from the agent's configuration file:" + listing);
        for (Finding c : config) {
            assertEquals(dev.clearbox.core.Sensitivity.CONFIGURATION, c.flow().sensitivity(), listing);
            assertTrue(c.severity().compareTo(Severity.HIGH) < 0, "below the key, and below HIGH: " + c.message());
        }
        assertTrue(config.stream().anyMatch(c -> c.location().file().endsWith("update/UpdateChecker.java")),
                "the configuration reaches the update check:" + listing);
    }

    @Test
    void theRunIsCompleteAndTheCallSiteFindingsStay() {
        assertEquals(List.of(), result.coverage().flowLimits());
        long dns = result.findings().stream().filter(f -> f.ruleId().equals("CBX-SRC-DNS")
                && f.location().file().endsWith("MirrorSelector.java") && f.location().line() == 42).count();
        assertEquals(1, dns);
    }

    private static Finding exfiltrationAt(String file, int line, String sourceFile, int sourceLine) {
        return result.findings().stream()
                .filter(f -> f.ruleId().equals("CBX-SRC-EXFIL") && f.location().file().equals(file) && f.location().line() == line)
                .filter(f -> f.path().get(0).location().file().equals(sourceFile) && f.path().get(0).location().line() == sourceLine)
                .findFirst().orElseThrow(() -> new AssertionError("no exfiltration finding at " + file + ":" + line + "; flows: "
                        + result.findings().stream().filter(f -> f.ruleId().equals("CBX-SRC-EXFIL")).map(Finding::location).toList()));
    }

    private static int indexOf(List<PathStep> path, String file, int line, int from) {
        for (int i = from; i < path.size(); i++) {
            if (path.get(i).location().file().equals(file) && path.get(i).location().line() == line) {
                return i;
            }
        }
        return -1;
    }

    private static String noteAt(List<PathStep> path, String file, int line) {
        return path.stream().filter(s -> s.location().file().equals(file) && s.location().line() == line)
                .map(PathStep::note).findFirst().orElse("");
    }

    static String render(List<PathStep> path) {
        StringBuilder b = new StringBuilder();
        for (PathStep s : path) {
            b.append("  ").append(s.location()).append("  ").append(s.location().code()).append("  [")
                    .append(s.method()).append("] ").append(s.note()).append('\n');
        }
        return b.toString();
    }
}
