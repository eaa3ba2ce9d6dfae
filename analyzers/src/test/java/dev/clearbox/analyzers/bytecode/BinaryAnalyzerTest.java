package dev.clearbox.analyzers.bytecode;

import dev.clearbox.core.Capability;
import dev.clearbox.core.Finding;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The capability detector on the shared corpus: every {@code // bin:} marker found, nothing else reported. */
class BinaryAnalyzerTest {
    private static final Pattern BIN = Pattern.compile("//\\s*bin:\\s*(.*)$");
    private static final ProductFixture product = ProductFixture.get();

    @Test
    @Tag("positive:CBX-BIN-NETWORK")
    @Tag("positive:CBX-BIN-DNS")
    @Tag("positive:CBX-BIN-FILE_READ")
    @Tag("positive:CBX-BIN-FILE_WRITE")
    @Tag("positive:CBX-BIN-ENV")
    @Tag("positive:CBX-BIN-SYSTEM_PROPERTY")
    @Tag("positive:CBX-BIN-PROCESS_EXEC")
    @Tag("positive:CBX-BIN-REFLECTION")
    @Tag("positive:CBX-BIN-CLASS_LOADING")
    @Tag("positive:CBX-BIN-NATIVE")
    @Tag("positive:CBX-BIN-SERIALIZATION")
    @Tag("positive:CBX-BIN-CRYPTO")
    @Tag("positive:CBX-BIN-SCRIPT_ENGINE")
    @Tag("positive:CBX-BIN-CLIPBOARD")
    @Tag("positive:CBX-BIN-SCREEN_CAPTURE")
    @Tag("positive:CBX-BIN-SYSTEM_INFO")
    void everyBinaryMarkerIsFoundAndNothingElse() {
        List<String> errors = new ArrayList<>();
        for (Map.Entry<String, String> file : Corpus.sources().entrySet()) {
            Map<Integer, List<Finding>> actual = product.binaryFindingsOf(file.getKey(), true);
            actual.remove(0); // native method declarations have no line: checked below
            String[] lines = file.getValue().split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                Matcher m = BIN.matcher(lines[i]);
                if (!m.find()) {
                    continue;
                }
                List<Finding> here = actual.getOrDefault(i + 1, new ArrayList<>());
                for (String expected : m.group(1).split(";")) {
                    if (!take(here, expected.strip())) {
                        errors.add("missing at " + file.getKey() + ":" + (i + 1) + ": " + expected.strip() + "; found " + describe(here));
                    }
                }
            }
            actual.forEach((line, rest) -> rest.forEach(f -> errors.add("unexpected at " + file.getKey() + ":" + line
                    + ": " + describe(List.of(f)))));
        }
        if (!errors.isEmpty()) {
            fail(String.join("\n", errors));
        }
    }

    @Test
    void nativeMethodDeclarationsAreReportedWithoutALine() {
        List<Finding> natives = product.binaryFindingsOf("com/acme/Loader.java", false).getOrDefault(0, List.of());
        assertEquals(1, natives.size(), natives.toString());
        assertEquals("com.acme.Loader#peek", natives.get(0).api());
        assertEquals(Capability.NATIVE, natives.get(0).capability());
    }

    @Test
    @Tag("positive:CBX-BIN-FLOW")
    void aFlowCarriesItsStepsFromSourceToSink() {
        Finding flow = product.binaryFindingsOf("com/acme/Harvest.java", true).values().stream().flatMap(List::stream)
                .filter(f -> f.rule() == BinaryRule.FLOW).findFirst().orElseThrow();
        List<String> notes = flow.path().stream().map(s -> s.location().line() + " " + s.note()).toList();
        assertEquals(List.of("14 source: environment variable", "16 as text or bytes", "16 Base64-encoded",
                "19 as text or bytes", "18 NETWORK sink", "19 written to the value obtained at line 18"), notes);
        assertTrue(flow.message().startsWith("data from java.lang.System#getenv"), flow.message());
        assertEquals("java.net.Socket#getOutputStream", flow.api());
    }

    @Test
    @Tag("positive:FSB-UNENCRYPTED_SOCKET")
    @Tag("negative:FSB-*")
    void findSecBugsFindingsAreCarriedUnderTheirOwnRuleIds() {
        List<Finding> sockets = product.binary.findings().stream()
                .filter(f -> f.ruleId().equals("FSB-UNENCRYPTED_SOCKET")).toList();
        assertTrue(sockets.stream().anyMatch(f -> f.location().file().equals(ProductFixture.APP + "com/acme/Check.class")
                && f.location().line() == 8 && f.capability() == Capability.NETWORK), sockets.toString());
        assertTrue(product.binary.findings().stream().anyMatch(f -> f.ruleId().equals("FSB-OBJECT_DESERIALIZATION")
                || f.ruleId().equals("FSB-COMMAND_INJECTION")), "other carried types");
        assertFalse(product.binary.findings().stream().anyMatch(f -> f.ruleId().equals("FSB-PREDICTABLE_RANDOM")));
    }

    @Test
    @Tag("negative:CBX-BIN-NETWORK")
    @Tag("negative:CBX-BIN-DNS")
    @Tag("negative:CBX-BIN-FILE_READ")
    @Tag("negative:CBX-BIN-FILE_WRITE")
    @Tag("negative:CBX-BIN-ENV")
    @Tag("negative:CBX-BIN-SYSTEM_PROPERTY")
    @Tag("negative:CBX-BIN-PROCESS_EXEC")
    @Tag("negative:CBX-BIN-REFLECTION")
    @Tag("negative:CBX-BIN-CLASS_LOADING")
    @Tag("negative:CBX-BIN-NATIVE")
    @Tag("negative:CBX-BIN-SERIALIZATION")
    @Tag("negative:CBX-BIN-CRYPTO")
    @Tag("negative:CBX-BIN-SCRIPT_ENGINE")
    @Tag("negative:CBX-BIN-CLIPBOARD")
    @Tag("negative:CBX-BIN-SCREEN_CAPTURE")
    @Tag("negative:CBX-BIN-SYSTEM_INFO")
    @Tag("negative:CBX-BIN-FLOW")
    @Tag("negative:CBX-BIN-DEFINED-CLASS")
    @Tag("negative:FSB-*")
    void methodsNamedLikeModelledApisOnTheVendorsOwnTypesAreNotCapabilities() {
        String classes = ProductFixture.APP + "com/acme/lookalike/Lookalikes";
        assertTrue(product.binary.classes().stream().anyMatch(c -> c.file().startsWith(classes)), "the lookalikes are shipped");
        List<Finding> found = product.binary.findings().stream().filter(f -> f.location().file().startsWith(classes)).toList();
        assertEquals(List.of(), found, describe(found));
    }

    @Test
    void malformedClassFilesAreCoverageProblemsAndTheRestIsAnalyzed() {
        List<String> problems = product.binary.coverage().problems().stream().map(p -> p.file() + ": " + p.problem()).toList();
        assertTrue(problems.stream().anyMatch(p -> p.startsWith(ProductFixture.APP + "com/acme/Truncated.class: not analyzed: malformed class file")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith(ProductFixture.APP + "com/acme/Garbage.class: not analyzed: malformed class file")), problems.toString());
        assertTrue(product.binary.classes().stream().noneMatch(c -> c.file().endsWith("Garbage.class")));
        assertTrue(product.binary.coverage().classesAnalyzed() >= Corpus.sources().size());
    }

    private static boolean take(List<Finding> candidates, String expectation) {
        String[] parts = expectation.split(",");
        for (Iterator<Finding> it = candidates.iterator(); it.hasNext(); ) {
            Finding f = it.next();
            boolean kind = parts[0].strip().equals("FLOW") ? f.rule() == BinaryRule.FLOW
                    : f.capability().name().equals(parts[0].strip()) && f.rule() != BinaryRule.FLOW;
            if (kind && satisfies(f, parts)) {
                it.remove();
                return true;
            }
        }
        return false;
    }

    private static boolean satisfies(Finding f, String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String[] kv = parts[i].strip().split("=", 2);
            boolean ok = switch (kv[0].strip()) {
                case "endpoint" -> f.endpoints().contains(kv[1].strip());
                case "api" -> f.api().equals(kv[1].strip());
                default -> throw new IllegalArgumentException("unknown key " + kv[0]);
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    static String describe(List<Finding> findings) {
        return findings.stream().map(f -> f.ruleId() + " " + f.api() + " endpoints=" + f.endpoints()).toList().toString();
    }
}
