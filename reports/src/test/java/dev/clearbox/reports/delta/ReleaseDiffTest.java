package dev.clearbox.reports.delta;

import dev.clearbox.reports.model.Product;
import dev.clearbox.core.Severity;
import dev.clearbox.core.Verdict;
import dev.clearbox.reports.ReportFixture;
import dev.clearbox.reports.html.DeltaHtml;
import dev.clearbox.reports.json.ReportJson;
import dev.clearbox.reports.model.Analysis;
import dev.clearbox.reports.model.ArtifactVerdict;
import dev.clearbox.reports.model.AuditReport;
import dev.clearbox.reports.model.ReleaseDelta;
import dev.clearbox.reports.model.ReleaseDelta.Category;
import dev.clearbox.reports.model.ReleaseDelta.Change;
import dev.clearbox.reports.model.ReleaseDelta.Kind;
import dev.clearbox.reports.model.ReportFinding;
import dev.clearbox.reports.model.ShippedPackage;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReleaseDiffTest {
    private static final String NEW_FILE = "src/main/java/com/acme/agent/inventory/Apps.java";

    private static VerifiedReport verified(AuditReport r) {
        return new VerifiedReport(Path.of("report"), r, "a".repeat(64), "key");
    }

    /** The fixture as a next release: version 1.4.1, one new call site in a new class, lines shifted elsewhere. */
    private static AuditReport nextRelease(AuditReport r) {
        List<ReportFinding> findings = new ArrayList<>();
        for (ReportFinding f : r.analysis().findings()) {
            findings.add(shifted(f, 3)); // an unrelated edit above every finding: no change
        }
        findings.add(new ReportFinding("CBX-SRC-SYSTEM_INFO", "SYSTEM_INFO", Severity.MEDIUM,
                "calls java.lang.ProcessHandle#allProcesses (SYSTEM_INFO, source: running processes)",
                new ReportFinding.Location(NEW_FILE, 12, "ProcessHandle.allProcesses()"), "java.lang.ProcessHandle#allProcesses",
                "imports", List.of(), List.of(), "com.acme.agent.update.CompatibilityHints#collect()", null,
                dev.clearbox.core.Finding.fingerprint("CBX-SRC-SYSTEM_INFO", NEW_FILE,
                        "com.acme.agent.update.CompatibilityHints#collect()", "java.lang.ProcessHandle#allProcesses",
                        "ProcessHandle.allProcesses()", List.of())));
        Analysis a = new Analysis(findings, r.analysis().coverage());
        List<ShippedPackage> packages = r.packages().stream().map(p -> p.packageName().equals("update.zip")
                ? new ShippedPackage("update-1.4.1.zip", p.size(), p.sha256(), p.format(), p.entries(), p.limits(), p.jar())
                : p).toList();
        List<ArtifactVerdict> verdicts = r.verdicts().stream().map(v -> v.shipped().startsWith("update.zip!/")
                ? verdict(v.shipped().replace("update.zip!/", "update-1.4.1.zip!/"), v.rebuilt(), v.verdict(),
                v.bitIdentical(), v.equivalent(), v.shippedSha256(), v.rebuiltSha256(), v.differences(), v.reason())
                : v.shipped().equals("agent.jar") ? verdict(v.shipped(), v.rebuilt(), Verdict.REPRODUCIBLE, true,
                true, v.shippedSha256(), v.shippedSha256(), List.of(), "") : v).toList();
        return new AuditReport(r.schema(), r.generatedAt(), r.tool(), r.auditor(),
                new Product(r.product().vendor(), r.product().name(), "1.4.1"), r.source(), packages, a,
                r.rebuild(), verdicts, r.summary(), r.binaryAnalysis(), r.packageFindings(), r.session());
    }

    /** The fixture's 1.4.0 with its update package named after the version, as a vendor names it. */
    private static AuditReport versionedPackage(AuditReport r) {
        List<ShippedPackage> packages = r.packages().stream().map(p -> p.packageName().equals("update.zip")
                ? new ShippedPackage("update-1.4.0.zip", p.size(), p.sha256(), p.format(), p.entries(), p.limits(), p.jar())
                : p).toList();
        List<ArtifactVerdict> verdicts = r.verdicts().stream().map(v -> verdict(
                v.shipped().replace("update.zip!/", "update-1.4.0.zip!/"), v.rebuilt(), v.verdict(), v.bitIdentical(),
                v.equivalent(), v.shippedSha256(), v.rebuiltSha256(), v.differences(), v.reason())).toList();
        return new AuditReport(r.schema(), r.generatedAt(), r.tool(), r.auditor(), r.product(), r.source(), packages,
                r.analysis(), r.rebuild(), verdicts, r.summary(), r.binaryAnalysis(), r.packageFindings(), r.session());
    }

    private static ReportFinding shifted(ReportFinding f, int lines) {
        return new ReportFinding(f.ruleId(), f.capability(), f.severity(), f.message(), new ReportFinding.Location(
                f.location().file(), f.location().line() + lines, f.location().code()), f.api(), f.resolution(), f.endpoints(),
                f.path().stream().map(s -> new ReportFinding.Step(new ReportFinding.Location(s.location().file(),
                        s.location().line() + lines, s.location().code()), s.method(), s.note())).toList(),
                f.method(), f.flow(), f.fingerprint());
    }

    private static ArtifactVerdict verdict(String shipped, String rebuilt, Verdict verdict, boolean bitIdentical,
                                           boolean equivalent, String shippedSha256, String rebuiltSha256,
                                           List<ArtifactVerdict.Difference> differences, String reason) {
        return new ArtifactVerdict(shipped, rebuilt, verdict, bitIdentical, equivalent, shippedSha256, rebuiltSha256,
                differences, reason, ArtifactVerdict.fingerprintOf(shipped, shippedSha256, verdict));
    }

    @Test
    void identicalReportsGiveAnEmptyDelta() {
        AuditReport r = ReportFixture.report();
        ReleaseDelta d = ReleaseDiff.between(verified(r), verified(r));
        assertTrue(d.isEmpty(), d.changes().toString());
        assertEquals(Category.values().length, d.counts().size());
        assertTrue(d.counts().stream().allMatch(c -> c.added() + c.removed() + c.changed() == 0));
    }

    @Test
    void theNewCapabilityComesFirstAndLineShiftsAreNoChange() {
        AuditReport old = versionedPackage(ReportFixture.report());
        ReleaseDelta d = ReleaseDiff.between(verified(old), verified(nextRelease(ReportFixture.report())));

        List<Change> added = d.of(Kind.ADDED);
        assertEquals(List.of(
                "CAPABILITY package SYSTEM_INFO in package com.acme.agent.inventory",
                "CAPABILITY class SYSTEM_INFO in class com.acme.agent.inventory.Apps",
                "CALL_SITE  CBX-SRC-SYSTEM_INFO " + NEW_FILE + ":12 java.lang.ProcessHandle#allProcesses"),
                added.stream().map(c -> c.category() + " " + c.scope() + " " + c.subject()).toList());
        assertEquals(Severity.MEDIUM, added.get(0).severity());
        assertFalse(added.get(2).fingerprint().isEmpty());
        // the shifted findings matched by fingerprint; the renamed package matched by name with its version replaced
        assertEquals(List.of(), d.of(Kind.REMOVED));
        assertEquals(List.of("VERDICT agent.jar NOT_REPRODUCIBLE -> REPRODUCIBLE"), d.of(Kind.CHANGED).stream()
                .map(c -> c.category() + " " + c.subject() + " " + c.before() + " -> " + c.after()).toList());
    }

    @Test
    void whatTheOldReleaseHadAndTheNewOneLacksIsRemoved() {
        AuditReport r = ReportFixture.report();
        AuditReport fewer = new AuditReport(r.schema(), r.generatedAt(), r.tool(), r.auditor(), r.product(), r.source(),
                r.packages().subList(0, 1), new Analysis(r.analysis().findings().subList(1, r.analysis().findings().size()),
                r.analysis().coverage()), r.rebuild(), r.verdicts(), r.summary(), r.binaryAnalysis(), r.packageFindings(), r.session());
        ReleaseDelta d = ReleaseDiff.between(verified(r), verified(fewer));

        assertEquals(List.of(), d.of(Kind.ADDED));
        List<String> removed = d.of(Kind.REMOVED).stream().map(c -> c.category() + " " + c.subject()).toList();
        assertTrue(removed.contains("CALL_SITE CBX-SRC-ENV src/main/java/com/acme/agent/Config.java:7 java.lang.System#getenv"),
                removed.toString());
        assertTrue(removed.contains("PACKAGE agent.jar"), removed.toString());
        assertTrue(removed.contains("ENTRY agent.jar!/com/acme/Beacon.class"), removed.toString());
    }

    @Test
    void theDeltaIsDeterministicAndItsHtmlEscapesEverything() {
        AuditReport old = versionedPackage(ReportFixture.report());
        AuditReport neu = nextRelease(ReportFixture.report());
        ReleaseDelta one = ReleaseDiff.between(verified(old), verified(neu));
        ReleaseDelta two = ReleaseDiff.between(verified(old), verified(neu));
        assertEquals(one, two);
        assertArrayEquals(ReportJson.bytes(neu.withDelta(one)), ReportJson.bytes(neu.withDelta(two)));

        String page = DeltaHtml.page(one);
        assertTrue(page.contains("Acme &lt;Corp&gt;"), "the vendor's name is escaped");
        assertFalse(page.contains("<Corp>"));
        assertFalse(page.contains("\u202e"), "a bidi override is shown, never obeyed");
        String text = DeltaText.render(one);
        assertTrue(text.indexOf("Added (3)") < text.indexOf("Changed ("), text);
    }

    @Test
    void aReportWithADeltaReadsBackToTheSameBytes() throws Exception {
        AuditReport neu = nextRelease(ReportFixture.report());
        AuditReport withDelta = neu.withDelta(ReleaseDiff.between(verified(ReportFixture.report()), neu));
        byte[] json = ReportJson.bytes(withDelta);
        assertArrayEquals(json, ReportJson.bytes(ReportJson.read(json)));
        assertEquals(withDelta.delta(), ReportJson.read(json).delta());
    }

    @Test
    void aVersionIsReplacedOnlyWhereItStandsAsAWholeVersion() {
        ReleaseDiff.Names names = new ReleaseDiff.Names("1.4");
        assertEquals("app-{version}.zip", names.normal("app-1.4.zip"));
        assertEquals("app-1.4.1.zip", names.normal("app-1.4.1.zip"));
        assertEquals("app-11.4.zip", names.normal("app-11.4.zip"));
        assertEquals("com.acme.Foo", ReleaseDiff.className("src/main/java/com/acme/Foo.java"));
        assertEquals("com.acme.Foo", ReleaseDiff.className("a.zip!/lib/x.jar!/META-INF/versions/11/com/acme/Foo$1.class"));
        assertEquals("org.eclipse.jgit.api.Git", ReleaseDiff.className("org/eclipse/jgit/api/Git.java"));
    }
}
