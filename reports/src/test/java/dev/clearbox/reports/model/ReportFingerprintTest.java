package dev.clearbox.reports.model;

import dev.clearbox.analyzers.source.SourceRule;
import dev.clearbox.core.Capability;
import dev.clearbox.core.Channel;
import dev.clearbox.core.Finding;
import dev.clearbox.core.FlowFacts;
import dev.clearbox.core.Location;
import dev.clearbox.core.Sensitivity;
import dev.clearbox.core.Severity;
import dev.clearbox.core.Verdict;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** The report's fingerprints (docs/report-schema.md, "Fingerprints"). */
class ReportFingerprintTest {
    private static Finding call(int line, String code, String method) {
        return new Finding(SourceRule.DNS, Capability.DNS, Severity.HIGH, "m", new Location("src/Net.java", line, code),
                "java.net.InetAddress#getByName", "symbol-solver", List.of(), List.of(), method, null);
    }

    @Test
    void identicalFindingsInOneListAreNumberedInOrder() {
        Finding a = call(10, "InetAddress.getByName(h);", "p.Net#a()");
        Finding b = call(10, "InetAddress.getByName(h);", "p.Net#a()");
        Finding other = call(12, "InetAddress.getByName(h);", "p.Net#b()");
        List<ReportFinding> mapped = ReportMapping.findings(List.of(a, other, b));
        assertEquals(a.fingerprint(), mapped.get(0).fingerprint());
        assertEquals(other.fingerprint(), mapped.get(1).fingerprint());
        assertEquals(a.fingerprint() + "/2", mapped.get(2).fingerprint());
        assertNotEquals(a.fingerprint(), other.fingerprint(), "another enclosing method is another finding");
    }

    @Test
    void linesAndWhiteSpaceDoNotCountTheFlowsFactsDo() {
        assertEquals(call(10, "InetAddress.getByName(h);", "p.Net#a()").fingerprint(),
                call(99, "InetAddress.getByName(h);", "p.Net#a()").fingerprint());
        assertNotEquals(call(10, "InetAddress.getByName(h);", "p.Net#a()").fingerprint(),
                call(10, "InetAddress.getByName(g);", "p.Net#a()").fingerprint(), "other code, other finding");
        assertEquals(call(10, "InetAddress.getByName(h,\tx);", "p.Net#a()").fingerprint(),
                call(11, "   InetAddress.getByName(h, x);  ", "p.Net#a()").fingerprint());
        Finding flow = flow(Sensitivity.SECRET, List.of("Base64-encoded"), 1);
        assertEquals(flow.fingerprint(), flow(Sensitivity.SECRET, List.of("Base64-encoded"), 3).fingerprint(),
                "a group that grows keeps its identity");
        assertNotEquals(flow.fingerprint(), flow(Sensitivity.PERSONAL, List.of("Base64-encoded"), 1).fingerprint());
        assertNotEquals(flow.fingerprint(), flow(Sensitivity.SECRET, List.of(), 1).fingerprint());
    }

    @Test
    void aVerdictsFingerprintIsItsArtifactDigestAndVerdict() {
        String a = ArtifactVerdict.fingerprintOf("u.zip!/lib/a.jar", "aa", Verdict.REPRODUCIBLE);
        assertEquals(a, ArtifactVerdict.fingerprintOf("u.zip!/lib/a.jar", "aa", Verdict.REPRODUCIBLE));
        assertNotEquals(a, ArtifactVerdict.fingerprintOf("u.zip!/lib/a.jar", "bb", Verdict.REPRODUCIBLE));
        assertNotEquals(a, ArtifactVerdict.fingerprintOf("u.zip!/lib/a.jar", "aa", Verdict.NOT_REPRODUCIBLE));
        assertNotEquals(a, ArtifactVerdict.fingerprintOf("v.zip!/lib/a.jar", "aa", Verdict.REPRODUCIBLE));
        assertEquals(32, a.length());
    }

    private static Finding flow(Sensitivity s, List<String> transformations, int grouped) {
        Location source = new Location("src/Key.java", 5, "Files.readAllBytes(p)");
        List<Location> others = java.util.stream.IntStream.range(1, grouped)
                .mapToObj(i -> new Location("src/K" + i + ".java", i, "x")).toList();
        return new Finding(SourceRule.EXFIL, Capability.DNS, Severity.CRITICAL, "m",
                new Location("src/Net.java", 42, "InetAddress.getByName(h);"), "java.net.InetAddress#getByName", "",
                List.of(), List.of(), "p.Net#probe(String)", new FlowFacts("java.nio.file.Files#readAllBytes",
                "file contents", source, "~/.ssh/id_rsa", s, "model", Channel.DNS_NAME, transformations, grouped, others));
    }
}
