package dev.clearbox.reports.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clearbox.analyzers.source.SourceAnalysisLimits;
import dev.clearbox.core.Verdict;
import dev.clearbox.core.checkout.CheckoutRequest;
import dev.clearbox.core.compare.CompareOptions;
import dev.clearbox.core.rebuild.RebuildLimits;
import dev.clearbox.core.unpack.UnpackLimits;
import dev.clearbox.reports.ReportFixture;
import dev.clearbox.reports.html.ReportHtml;
import dev.clearbox.reports.json.ReportJson;
import org.junit.jupiter.api.Test;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The report's session section: every limit of the stages in force, the stage durations, the declared varying fields. */
class SessionSectionTest {
    private final AuditReport report = ReportFixture.report();
    private final JsonNode json = ReportJson.tree(report);
    private final JsonNode limits = json.at("/session/limits");

    /**
     * Every component of a stage's limits record has its field in {@code session.limits.GROUP}, with the value the
     * stage was given: a limit added to a stage's record without being reported fails here.
     */
    @Test
    void everyLimitOfTheStagesLimitRecordsIsInTheReportWithItsValue() {
        SessionRun run = ReportFixture.sessionRun();
        assertFields(UnpackLimits.class, run.unpack(), limits.get("unpack"), Set.of());
        assertFields(RebuildLimits.class, run.rebuildLimits(), limits.get("rebuild"), Set.of());
        assertFields(SourceAnalysisLimits.class, run.sourceAnalysis(), limits.get("sourceAnalysis"), Set.of());
        assertFields(CompareOptions.class, run.compare(), limits.get("compare"), Set.of());
        // The checkout request's limits; its other components say what to check out and where, not how much.
        assertFields(CheckoutRequest.class, run.checkout(), limits.get("checkout"),
                Set.of("location", "ref", "expectedCommit", "destination", "keyring", "allowedSigners", "timeout"));
        assertEquals(run.checkout().timeout().toSeconds(), limits.at("/checkout/timeoutSeconds").asLong());
        assertEquals(run.build().timeout().toSeconds(), limits.at("/rebuild/timeoutSeconds").asLong());
        assertEquals(run.build().runs(), limits.at("/rebuild/runs").asInt());
        // The fixture's values differ from the defaults where a limit can be set, so a default cannot pass for them.
        assertEquals(128, limits.at("/checkout/maxTreeDepth").asInt());
        assertEquals(30, limits.at("/checkout/timeoutSeconds").asInt());
        assertEquals(500, limits.at("/unpack/maxEntries").asInt());
        assertEquals("[\"KNOWN_COMPILER_CHANGE\"]", limits.at("/compare/accepted").toString());
    }

    /**
     * Whether the source analysis followed implicit flows is in the session's limits, from the analysis's own result,
     * in the JSON and in the HTML's session section: the same sources give other findings in the other mode.
     */
    @Test
    void theSourceAnalysisModeIsRecordedAsTheAnalysisRanIt() {
        assertTrue(limits.at("/sourceAnalysis/implicitFlows").isBoolean(), limits.toString());
        assertFalse(limits.at("/sourceAnalysis/implicitFlows").booleanValue(), "the fixture's analysis: explicit flows only");
        String plain = ReportHtml.render(report);
        assertTrue(plain.contains("explicit flows only (implicit flows not followed)"), "the HTML says the mode");
        assertFalse(plain.contains("implicit flows followed"));

        AuditReport implicit = ReportFixture.report(true);
        assertTrue(implicit.session().limits().sourceAnalysis().implicitFlows());
        JsonNode other = ReportJson.tree(implicit);
        assertTrue(other.at("/session/limits/sourceAnalysis/implicitFlows").booleanValue(), other.at("/session/limits").toString());
        String html = ReportHtml.render(implicit);
        assertTrue(html.contains("implicit flows followed (data that decides whether a sink runs, --implicit-flows)"),
                "the HTML says the mode");
        assertFalse(html.contains("explicit flows only"));
        // Nothing else of the session differs: the mode is one field.
        ObjectNode a = (ObjectNode) json.get("session").deepCopy();
        ObjectNode b = (ObjectNode) other.get("session").deepCopy();
        ((ObjectNode) a.at("/limits/sourceAnalysis")).remove("implicitFlows");
        ((ObjectNode) b.at("/limits/sourceAnalysis")).remove("implicitFlows");
        assertEquals(a, b);
    }

    private static void assertFields(Class<? extends Record> type, Record value, JsonNode group, Set<String> notLimits) {
        assertTrue(group != null && group.isObject(), type.getSimpleName() + " has a group");
        for (RecordComponent c : type.getRecordComponents()) {
            if (notLimits.contains(c.getName())) {
                continue;
            }
            JsonNode field = group.get(c.getName());
            assertTrue(field != null, type.getSimpleName() + "." + c.getName() + " is not in the report's limits: " + group);
            Object expected;
            try {
                expected = c.getAccessor().invoke(value);
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
            String want = expected instanceof Set<?> set ? set.stream().map(String::valueOf).sorted().toList().toString()
                    : String.valueOf(expected);
            String got = field.isArray() ? toList(field).toString() : field.asText();
            assertEquals(want, got, type.getSimpleName() + "." + c.getName());
        }
    }

    private static List<String> toList(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(e -> out.add(e.asText()));
        return out;
    }

    @Test
    void everyStageHasItsDuration() {
        JsonNode stages = json.at("/session/stages");
        assertEquals(6, stages.size());
        for (JsonNode s : stages) {
            assertTrue(s.get("durationMillis").isIntegralNumber(), s.toString());
            assertFalse(s.get("name").asText().isEmpty(), s.toString());
        }
        assertEquals(41_200, json.at("/session/stages/2/durationMillis").asLong());
    }

    @Test
    void whatWasNotCoveredIsGatheredFromEveryStagesCoverage() {
        Session.NotCovered n = report.session().notCovered();
        assertEquals(List.of("src/main/java/com/acme/Broken.java"), n.unparsedFiles());
        assertEquals(report.analysis().coverage().unresolvedCallCount(), n.unresolvedCalls());
        assertEquals(report.analysis().coverage().flowLimits(), n.flowLimitsHit());
        assertEquals(List.of("agent.jar!/com/acme/Bad.class"), n.classesNotAnalysed());
        assertEquals(4, n.missingClasses());
        assertEquals(List.of(new Session.NotChecked("update.zip!/lib/extra.jar", Verdict.NOT_REBUILT,
                        "build output target/extra.jar missing"),
                new Session.NotChecked("update.zip!/lib/gone.jar", Verdict.NOT_VERIFIED, "reference missing")), n.notRebuilt());
        assertFalse(n.complete());
        assertTrue(new Session.NotCovered(List.of(), 0, List.of(), List.of(), 0, List.of()).complete());
    }

    @Test
    void theInputsNameFilesNeverTheAuditorsDirectories() {
        // The fixture's checkout names /home/auditor/submission/acme-updater.bundle.
        assertEquals("acme-updater.bundle", report.session().inputs().source().location());
        assertFalse(json.get("session").toString().contains("/home/"), json.get("session").toString());
        assertEquals(List.of("update.zip", "agent.jar"),
                report.session().inputs().packages().stream().map(Session.FileDigest::name).toList());
        assertEquals(report.packages().get(0).sha256(), report.session().inputs().packages().get(0).sha256());
    }

    /** Two sessions that differ only in their times and durations give reports equal apart from the declared fields. */
    @Test
    void theDeclaredVaryingFieldsAreExactlyTheTimesAndDurations() {
        SessionRun run = ReportFixture.sessionRun();
        List<Session.StageRun> slower = run.stages().stream()
                .map(s -> new Session.StageRun(s.name(), s.durationMillis() * 3 + 7, s.detail())).toList();
        SessionRun other = new SessionRun(run.auditors(), "2026-03-04T05:06:07Z", "2026-03-04T06:00:00Z", slower,
                run.manifest(), run.bundleSha256(), run.keyring(), run.allowedSigners(), run.tools(), run.unpack(),
                run.checkout(), run.build(), run.rebuildLimits(), run.sourceAnalysis(), run.compare(), run.isolation(),
                run.unsandboxedAllowed());
        AuditReport second = ReportFixture.report(other);
        ObjectNode a = (ObjectNode) ReportJson.tree(report);
        ObjectNode b = (ObjectNode) ReportJson.tree(second);
        assertNotEquals(a, b);
        for (String pointer : AuditReport.VARYING_FIELDS) {
            assertTrue(remove(a, pointer) > 0, pointer + " names a field of the report");
            remove(b, pointer);
        }
        assertEquals(a, b);
    }

    /** Removes the field a JSON Pointer names ({@code *} for every element of an array); returns how many it removed. */
    static int remove(JsonNode root, String pointer) {
        String[] parts = pointer.substring(1).split("/");
        List<JsonNode> at = List.of(root);
        for (int i = 0; i < parts.length - 1; i++) {
            List<JsonNode> next = new ArrayList<>();
            for (JsonNode n : at) {
                if (parts[i].equals("*") && n.isArray()) {
                    ((ArrayNode) n).forEach(next::add);
                } else if (n.has(parts[i])) {
                    next.add(n.get(parts[i]));
                }
            }
            at = next;
        }
        int removed = 0;
        for (JsonNode n : at) {
            if (n.isObject() && ((ObjectNode) n).remove(parts[parts.length - 1]) != null) {
                removed++;
            }
        }
        return removed;
    }

    @Test
    void withoutABuildRunTheSandboxSaysNoneRanAndKeepsWhatWasAskedFor() {
        assertEquals(dev.clearbox.core.rebuild.Isolation.Level.NONE, report.session().sandbox().level(),
                "the fixture's build ran as a plain process");
        Session s = ReportFixture.report(ReportFixture.sessionRun(), ReportFixture.rebuildNotRun()).session();
        assertNull(s.sandbox().level());
        assertEquals("", s.sandbox().detail());
        assertEquals(dev.clearbox.core.rebuild.Isolation.Level.BUBBLEWRAP, s.sandbox().requested());
        assertTrue(s.sandbox().unsandboxedAllowed());
        assertTrue(ReportJson.tree(ReportFixture.report(ReportFixture.sessionRun(), ReportFixture.rebuildNotRun()))
                .at("/session/sandbox/level").isNull(), "null in the JSON, as the schema allows");
    }
}
