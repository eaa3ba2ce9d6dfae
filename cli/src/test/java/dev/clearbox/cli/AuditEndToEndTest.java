package dev.clearbox.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clearbox.samples.AcmeUpdaterSample;
import dev.clearbox.samples.ExpectedCallSite;
import dev.clearbox.samples.Submission;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Audits the bundled sample end to end through the command line, then verifies the signed report. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditEndToEndTest {
    @TempDir
    static Path tmp;

    Submission submission;
    Path workspace;
    CliRun audit;
    JsonNode report;
    final ObjectMapper mapper = new ObjectMapper();

    @BeforeAll
    void auditTheSample() throws Exception {
        submission = AcmeUpdaterSample.create(AcmeUpdaterSample.locateSampleDir(), tmp.resolve("submission"));
        workspace = tmp.resolve("work");
        audit = CliRun.of("audit", submission.manifest().getParent(), "--workspace", workspace);
        assertEquals(0, audit.exit(), audit.err());
        report = mapper.readTree(workspace.resolve("report/report.json").toFile());
    }

    @Test
    void progressNamesEachStageInOrderAndTheAnalysisPhasesOnStderrOnly() {
        List<String> lines = audit.err().lines().toList();
        List<String> stages = lines.stream().filter(l -> l.startsWith("[audit] stage ")).toList();
        assertEquals(List.of("[audit] stage 1/8: unpack", "[audit] stage 2/8: checkout", "[audit] stage 3/8: analyze",
                "[audit] stage 4/8: analyze-binary", "[audit] stage 5/8: rebuild", "[audit] stage 6/8: compare",
                "[audit] stage 7/8: report", "[audit] stage 8/8: sign"), stages, audit.err());
        int analyze = lines.indexOf("[audit] stage 3/8: analyze");
        int binary = lines.indexOf("[audit] stage 4/8: analyze-binary");
        List<String> phases = lines.subList(analyze, binary).stream()
                .filter(l -> l.matches("\\[analyze] (parse|call sites|flow|paths)(: 0/\\d+)?"))
                .map(l -> l.replaceAll("^\\[analyze] |: 0/\\d+$", "")).toList();
        assertEquals(List.of("parse", "call sites", "flow", "paths"), phases, audit.err());
        assertFalse(audit.out().contains("[audit]") || audit.out().contains("[analyze]"), audit.out());
    }

    @Test
    void checksOutThePinnedCommit() {
        assertEquals(AcmeUpdaterSample.RELEASE_COMMIT, report.at("/source/commitId").asText());
        assertEquals("v1.4.0", report.at("/source/tag/name").asText());
        assertTrue(audit.out().contains("commit " + AcmeUpdaterSample.RELEASE_COMMIT), audit.out());
    }

    @Test
    void reportCarriesSignatureStatusAndTreeDigest() throws Exception {
        assertEquals("UNSIGNED", report.at("/source/commitSignature/status").asText(), "the sample is not signed");
        assertEquals("UNSIGNED", report.at("/source/tagSignature/status").asText());
        assertEquals("clearbox-dirhash-v1", report.at("/source/treeDigest/recipe").asText());
        String digest = report.at("/source/treeDigest/sha256").asText();
        assertTrue(digest.matches("[0-9a-f]{64}"), digest);
        assertTrue(report.at("/source/submodules").isArray());
        assertTrue(audit.out().contains("commit sig UNSIGNED"), audit.out());
        String html = Files.readString(workspace.resolve("report/report.html"));
        assertTrue(html.contains("<th>Tree digest</th><td>clearbox-dirhash-v1 " + digest), "HTML source section");
        assertTrue(html.contains("<th>Commit signature</th><td>UNSIGNED"));
    }

    private JsonNode verdictFor(String packageFile) {
        for (JsonNode v : report.get("verdicts")) {
            if (v.get("shipped").asText().equals(packageFile + "!/" + AcmeUpdaterSample.SHIPPED_JAR)) {
                return v;
            }
        }
        throw new AssertionError("no verdict for " + packageFile + " in " + report.get("verdicts"));
    }

    @Test
    void faithfulPackageIsReproducibleAndTamperedOneIsNotWithTheDifferingEntriesNamed() {
        assertEquals(2, report.get("verdicts").size());
        JsonNode faithful = verdictFor(AcmeUpdaterSample.FAITHFUL_PACKAGE_FILE);
        assertEquals("REPRODUCIBLE", faithful.get("verdict").asText(), faithful.toString());
        assertTrue(faithful.get("bitIdentical").asBoolean());
        assertTrue(faithful.get("equivalent").asBoolean());

        JsonNode tampered = verdictFor(AcmeUpdaterSample.TAMPERED_PACKAGE_FILE);
        assertEquals("NOT_REPRODUCIBLE", tampered.get("verdict").asText());
        assertFalse(tampered.get("bitIdentical").asBoolean());
        assertFalse(tampered.get("equivalent").asBoolean());
        List<String> substantive = new ArrayList<>();
        JsonNode changedMethod = null;
        for (JsonNode d : tampered.get("differences")) {
            if (!d.get("benign").asBoolean()) {
                substantive.add(d.get("kind").asText() + " " + d.get("entry").asText() + " " + d.get("sourceFile").asText());
                if (d.get("kind").asText().equals("METHOD_CODE_CHANGED")) {
                    changedMethod = d;
                }
            }
        }
        String beacon = AcmeUpdaterSample.TAMPER_CLASS.replace('.', '/');
        String patched = AcmeUpdaterSample.PATCHED_CLASS.replace('.', '/');
        assertEquals(List.of("METHOD_CODE_CHANGED " + patched + ".class " + patched + ".java",
                "ONLY_IN_SHIPPED " + beacon + ".class " + beacon + ".java"), substantive);
        assertEquals("main([Ljava/lang/String;)V", changedMethod.get("member").asText());
        List<String> evidence = new ArrayList<>();
        changedMethod.get("evidence").forEach(l -> evidence.add(l.asText()));
        assertTrue(evidence.contains("+ INVOKESTATIC " + beacon + ".start ()V"), evidence.toString());
        assertTrue(evidence.stream().noneMatch(l -> l.startsWith("- ")), evidence.toString());
        assertTrue(audit.out().contains("NOT_REPRODUCIBLE  " + AcmeUpdaterSample.TAMPERED_PACKAGE_FILE), audit.out());
    }

    private boolean hasFinding(String file, int line, String api) {
        for (JsonNode f : report.at("/analysis/findings")) {
            if (f.at("/location/file").asText().equals(file) && f.at("/location/line").asInt() == line
                    && f.get("api").asText().equals(api)) {
                return true;
            }
        }
        return false;
    }

    /** Issue 14: the SSH key into DNS names heads the report and the terminal summary, alone at CRITICAL. */
    @Test
    void theSshKeyFlowHeadsTheReportAndTheSummaryAndEveryFingerprintIsUnique() {
        JsonNode first = report.at("/analysis/findings/0");
        assertEquals("CBX-SRC-EXFIL", first.path("ruleId").asText(), first.toString());
        assertEquals("CRITICAL", first.path("severity").asText());
        assertEquals("secret", first.at("/flow/sensitivity").asText());
        assertEquals("~/.ssh/id_rsa", first.at("/flow/sourceArgument").asText());
        assertEquals("dns-name", first.at("/flow/channel").asText());
        long critical = 0;
        for (JsonNode f : report.at("/analysis/findings")) {
            critical += f.path("severity").asText().equals("CRITICAL") ? 1 : 0;
        }
        assertEquals(1, critical, "the key's path alone is CRITICAL");
        String line = "    CRITICAL secret ~/.ssh/id_rsa (java.nio.file.Files#readAllBytes) into dns-name "
                + "java.net.InetAddress#getByName at src/main/java/com/acme/agent/net/MirrorSelector.java:42 ["
                + first.path("fingerprint").asText() + "]";
        int flows = audit.out().indexOf("  flows      ");
        assertTrue(flows >= 0 && audit.out().indexOf('\n', flows) + 1 == audit.out().indexOf(line), audit.out());
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String list : List.of("/analysis/findings", "/packageFindings", "/binaryAnalysis/findings", "/verdicts")) {
            for (JsonNode f : report.at(list)) {
                String print = f.path("fingerprint").asText();
                assertTrue(print.matches("[0-9a-f]{32}(/\\d+)?"), list + ": " + f);
                assertTrue(seen.add(print), "fingerprint repeated: " + print + " in " + list);
            }
        }
    }

    @Test
    void everyNetworkCallSiteOfTheSampleIsReportedWithFileAndLine() {
        List<ExpectedCallSite> expected = AcmeUpdaterSample.expectedNetworkCallSites();
        assertTrue(expected.stream().anyMatch(ExpectedCallSite::concealed));
        assertTrue(expected.stream().anyMatch(e -> !e.concealed()));
        for (ExpectedCallSite e : expected) {
            assertTrue(hasFinding(e.file(), e.line(), e.api()), "missing " + e + " in report");
        }
    }

    @Test
    void theConcealedChannelsSourceCallsAreReportedToo() {
        List<ExpectedCallSite> expected = AcmeUpdaterSample.concealedPathSourceCalls();
        assertFalse(expected.isEmpty());
        for (ExpectedCallSite e : expected) {
            assertTrue(hasFinding(e.file(), e.line(), e.api()), "missing " + e + " in report");
        }
    }

    @Test
    void literalEndpointsAreReported() {
        List<String> endpoints = new ArrayList<>();
        report.at("/summary/endpoints").forEach(e -> endpoints.add(e.asText()));
        assertTrue(endpoints.stream().anyMatch(e -> e.contains("updates.acme-security.example")), endpoints.toString());
        assertTrue(endpoints.stream().anyMatch(e -> e.contains("cdn-metrics.example")), endpoints.toString());
    }

    private List<JsonNode> binaryFindings(String ruleId, String packageFile) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode f : report.at("/binaryAnalysis/findings")) {
            if (f.get("ruleId").asText().equals(ruleId) && f.at("/location/file").asText().startsWith(packageFile + "!/")) {
                out.add(f);
            }
        }
        return out;
    }

    @Test
    void theTamperedJarsBeaconIsBehaviourOnlyInTheBinaryAndTheFaithfulPackageHasNone() {
        String beacon = AcmeUpdaterSample.TAMPERED_PACKAGE_FILE + "!/" + AcmeUpdaterSample.SHIPPED_JAR + "!/"
                + AcmeUpdaterSample.TAMPER_CLASS.replace('.', '/') + ".class";
        ExpectedCallSite socket = AcmeUpdaterSample.tamperedSocket();
        List<JsonNode> tampered = binaryFindings("CBX-BIN-ONLY", AcmeUpdaterSample.TAMPERED_PACKAGE_FILE);
        assertEquals(1, tampered.size(), tampered.toString());
        JsonNode only = tampered.get(0);
        assertEquals(beacon, only.at("/location/file").asText());
        assertEquals("CRITICAL", only.get("severity").asText());
        String message = only.get("message").asText();
        assertTrue(message.startsWith("the shipped " + AcmeUpdaterSample.TAMPERED_PACKAGE_FILE + "!/"
                + AcmeUpdaterSample.SHIPPED_JAR + " contains " + AcmeUpdaterSample.TAMPER_CLASS + ", which is not in the source"), message);
        assertTrue(message.contains("203.0.113.7"), message);
        assertTrue(only.get("endpoints").toString().contains("203.0.113.7"), only.toString());
        // The bytecode sees the beacon's socket with its line, as compiled from the tamper source.
        assertTrue(binaryFindings("CBX-BIN-NETWORK", AcmeUpdaterSample.TAMPERED_PACKAGE_FILE).stream().anyMatch(f ->
                f.at("/location/file").asText().equals(beacon) && f.get("api").asText().equals(socket.api())
                        && f.at("/location/line").asInt() == socket.line()), "socket call site of the beacon: " + socket);

        assertEquals(List.of(), binaryFindings("CBX-BIN-ONLY", AcmeUpdaterSample.FAITHFUL_PACKAGE_FILE));
        assertEquals(List.of(), binaryFindings("CBX-BIN-NO-SOURCE", AcmeUpdaterSample.FAITHFUL_PACKAGE_FILE));
        // The faithful jar's network calls are all found in the bytecode too.
        for (ExpectedCallSite e : AcmeUpdaterSample.expectedNetworkCallSites()) {
            String cls = e.file().substring("src/main/java/".length()).replace(".java", ".class");
            String file = AcmeUpdaterSample.FAITHFUL_PACKAGE_FILE + "!/" + AcmeUpdaterSample.SHIPPED_JAR + "!/" + cls;
            boolean found = false;
            for (JsonNode f : report.at("/binaryAnalysis/findings")) {
                found |= f.at("/location/file").asText().equals(file) && f.get("api").asText().equals(e.api())
                        && Math.abs(f.at("/location/line").asInt() - e.line()) <= 2;
            }
            assertTrue(found, "bytecode finding for " + e);
        }
    }

    @Test
    void htmlAndSarifAreWritten() throws Exception {
        String html = Files.readString(workspace.resolve("report/report.html"));
        assertTrue(html.contains(AcmeUpdaterSample.RELEASE_COMMIT));
        assertTrue(html.contains("NOT_REPRODUCIBLE"));
        assertTrue(html.contains("CBX-BIN-ONLY") && html.contains(AcmeUpdaterSample.TAMPER_CLASS), "binary section");
        JsonNode sarif = mapper.readTree(workspace.resolve("report/report.sarif").toFile());
        assertEquals("2.1.0", sarif.get("version").asText());
        assertTrue(sarif.at("/runs/0/results").size() >= report.at("/analysis/findings").size()
                + report.at("/binaryAnalysis/findings").size());
        assertTrue(sarif.toString().contains("CBX-BIN-ONLY"), "binary findings in SARIF");
    }

    @Test
    void everyPackageHasAValidSbomAndTheReportListsLimitsAndPackageFindings() throws Exception {
        for (String pkg : List.of(AcmeUpdaterSample.FAITHFUL_PACKAGE_FILE, AcmeUpdaterSample.TAMPERED_PACKAGE_FILE)) {
            byte[] sbom = Files.readAllBytes(workspace.resolve("unpack/" + pkg + ".cdx.json"));
            assertEquals(List.of(), new org.cyclonedx.parsers.JsonParser().validate(sbom, org.cyclonedx.Version.VERSION_16));
            JsonNode bom = mapper.readTree(sbom);
            assertEquals(pkg, bom.at("/metadata/component/name").asText());
            boolean listsJar = false;
            for (JsonNode c : bom.get("components")) {
                listsJar |= c.get("bom-ref").asText().equals(AcmeUpdaterSample.SHIPPED_JAR);
            }
            assertTrue(listsJar, "the SBOM lists " + AcmeUpdaterSample.SHIPPED_JAR);
        }
        assertTrue(report.get("packageFindings").isArray(), "packageFindings is always present");
        assertEquals(3, report.at("/packages/0/limits/maxNestingDepth").asInt());
        String html = Files.readString(workspace.resolve("report/report.html"));
        assertTrue(html.contains("Unpacked under these limits: at most 4294967296 bytes in total, 1073741824 bytes per entry,"
                + " 100000 entries, compression ratio 100.0, nesting depth 3."), "HTML lists the limits in force");
        assertTrue(html.contains("signature UNSIGNED"), "HTML shows each jar's signature status");
    }

    private Path publicKey() {
        return workspace.resolve("keys/demo-signing.pub.pem");
    }

    @Test
    void signedReportVerifiesAndShowsTheVerdictOfEachArtifact() {
        assertTrue(audit.out().contains("a demo key was created"), audit.out());
        Path envelope = workspace.resolve("report/report.dsse.json");
        CliRun ok = CliRun.of("verify", envelope, "--key", publicKey(), "--artifact", submission.faithfulPackage());
        assertEquals(0, ok.exit(), ok.err());
        assertTrue(ok.out().contains("at commit " + AcmeUpdaterSample.RELEASE_COMMIT), ok.out());
        assertTrue(ok.out().contains("= " + AcmeUpdaterSample.FAITHFUL_PACKAGE_FILE + " "), ok.out());
        assertTrue(ok.out().contains("    verdict     REPRODUCIBLE  " + AcmeUpdaterSample.FAITHFUL_PACKAGE_FILE + "!/"
                + AcmeUpdaterSample.SHIPPED_JAR), ok.out());
        assertTrue(ok.out().contains("  result        FAILED"), ok.out());
        assertTrue(ok.out().contains("                - NOT_REPRODUCIBLE " + AcmeUpdaterSample.TAMPERED_PACKAGE_FILE), ok.out());
        assertTrue(ok.out().contains("  product       " + report.at("/product/vendor").asText() + " acme-updater 1.4.0"), ok.out());
        assertTrue(ok.out().contains("  generated     " + report.get("generatedAt").asText()), ok.out());
        assertTrue(ok.out().contains("  signer        (no identity given); DEMO KEY"), ok.out());
    }

    @Test
    void theHotfixPackagesNotReproducibleVerdictFailsVerifyUnlessSignatureOnly() {
        Path envelope = workspace.resolve("report/report.dsse.json");
        CliRun r = CliRun.of("verify", envelope, "--key", publicKey(), "--artifact", submission.faithfulPackage(),
                "--artifact", submission.tamperedPackage());
        assertEquals(1, r.exit(), r.out() + r.err());
        String tampered = AcmeUpdaterSample.TAMPERED_PACKAGE_FILE + "!/" + AcmeUpdaterSample.SHIPPED_JAR;
        assertTrue(r.out().contains("    verdict     NOT_REPRODUCIBLE  " + tampered), r.out());
        assertEquals(List.of("clearbox: verify: " + envelope + ": the report's verdict for " + tampered
                + " is NOT_REPRODUCIBLE; --signature-only checks the signature and coverage only"), r.errorLines());
        CliRun sigOnly = CliRun.of("verify", envelope, "--key", publicKey(), "--artifact", submission.tamperedPackage(),
                "--signature-only");
        assertEquals(0, sigOnly.exit(), sigOnly.err());
        assertTrue(sigOnly.out().contains("    verdict     NOT_REPRODUCIBLE  " + tampered), "still shown: " + sigOnly.out());
        assertTrue(sigOnly.out().contains("  policy        signature only"), sigOnly.out());
    }

    @Test
    void eachPackagesVerificationSummaryVerifiesAndShowsItsResult() throws Exception {
        Path faithful = workspace.resolve("report/" + AcmeUpdaterSample.FAITHFUL_PACKAGE_FILE + ".vsa.dsse.json");
        CliRun ok = CliRun.of("verify", faithful, "--key", publicKey(), "--artifact", submission.faithfulPackage(),
                "--expect-predicate-type", "https://slsa.dev/verification_summary/v1");
        assertEquals(0, ok.exit(), ok.err());
        assertTrue(ok.out().contains("  predicate     https://slsa.dev/verification_summary/v1"), ok.out());
        assertTrue(ok.out().contains("  resource      pkg:generic/" + AcmeUpdaterSample.FAITHFUL_PACKAGE_FILE + "?checksum=sha256:"
                + dev.clearbox.core.Sha256.hex(submission.faithfulPackage())), ok.out());
        assertTrue(ok.out().contains("  result        PASSED  levels CLEARBOX_REBUILD_REPRODUCIBLE"), ok.out());
        assertTrue(ok.out().contains("= " + AcmeUpdaterSample.FAITHFUL_PACKAGE_FILE + " "), ok.out());

        Path hotfix = workspace.resolve("report/" + AcmeUpdaterSample.TAMPERED_PACKAGE_FILE + ".vsa.dsse.json");
        CliRun failed = CliRun.of("verify", hotfix, "--key", publicKey());
        assertEquals(1, failed.exit(), failed.out() + failed.err());
        assertTrue(failed.out().contains("  result        FAILED  levels FAILED"), failed.out());
        String tampered = AcmeUpdaterSample.TAMPERED_PACKAGE_FILE + "!/" + AcmeUpdaterSample.SHIPPED_JAR;
        assertTrue(failed.out().contains("                - " + tampered + " is NOT_REPRODUCIBLE"), failed.out());
        assertEquals(1, failed.errorLines().size(), failed.err());
        assertTrue(failed.errorLines().get(0).startsWith("clearbox: verify: " + hotfix + ": the verification summary's result for pkg:generic/"
                + AcmeUpdaterSample.TAMPERED_PACKAGE_FILE + "?checksum=sha256:"), failed.err());
        assertTrue(failed.errorLines().get(0).contains(" is FAILED: " + tampered + " is NOT_REPRODUCIBLE"), failed.err());
        CliRun sigOnly = CliRun.of("verify", hotfix, "--key", publicKey(), "--signature-only", "--format", "json");
        assertEquals(0, sigOnly.exit(), sigOnly.err());
        JsonNode json = mapper.readTree(sigOnly.out());
        assertEquals("FAILED", json.at("/verificationSummary/verificationResult").asText());
        assertTrue(json.at("/policy/passed").asBoolean(), "--signature-only does not enforce the result");

        CliRun demo = CliRun.of("verify", faithful, "--key", publicKey(), "--expect-signer", report.at("/auditor/keyId").asText());
        assertEquals(1, demo.exit());
        assertTrue(demo.err().contains("the verification summary was signed with a demo key"), demo.err());
    }

    @Test
    void verifyPrintsJson() throws Exception {
        CliRun r = CliRun.of("verify", workspace.resolve("report/report.dsse.json"), "--key", publicKey(),
                "--artifact", submission.tamperedPackage(), "--format", "json");
        assertEquals(1, r.exit(), r.err());
        JsonNode json = mapper.readTree(r.out());
        assertEquals("FAILED", json.at("/report/result").asText());
        assertTrue(json.at("/report/demoKey").asBoolean());
        assertEquals(AcmeUpdaterSample.RELEASE_COMMIT, json.at("/report/commit").asText());
        assertEquals("NOT_REPRODUCIBLE", json.at("/artifacts/0/verdicts/0/verdict").asText());
        assertFalse(json.at("/policy/passed").asBoolean());
    }

    @Test
    void verifyShowsTheMethodologyTheReportSigns() throws Exception {
        Path envelope = workspace.resolve("report/report.dsse.json");
        CliRun json = CliRun.of("verify", envelope, "--key", publicKey(), "--format", "json");
        assertEquals(0, json.exit(), json.err());
        JsonNode session = mapper.readTree(json.out()).at("/report/session");
        assertEquals(report.get("session"), session, "the report's signed session, whole");
        for (String group : List.of("unpack", "checkout", "rebuild", "sourceAnalysis", "compare")) {
            assertTrue(session.at("/limits/" + group).size() > 0, group + " limits in " + session);
        }
        assertEquals(report.at("/packages/0/limits"), session.at("/limits/unpack"), "the unpack limits in force");
        CliRun text = CliRun.of("verify", envelope, "--key", publicKey());
        assertEquals(0, text.exit(), text.err());
        for (String line : List.of("  limits        unpack: maxTotalBytes=" + report.at("/packages/0/limits/maxTotalBytes").asLong(),
                "  limits        checkout: maxBlobBytes=", "  limits        rebuild: timeoutSeconds=",
                "  limits        sourceAnalysis: implicitFlows=false, maxFileBytes=", "  limits        compare: maxDepth=5",
                "  sandbox       ", "  not covered   ", "  session       " + report.at("/session/startedAt").asText())) {
            assertTrue(text.out().contains(line), line + " in\n" + text.out());
        }
    }

    @Test
    void expectationsThatDoNotHoldFailVerify() {
        Path envelope = workspace.resolve("report/report.dsse.json");
        String keyId = report.at("/auditor/keyId").asText();
        CliRun type = CliRun.of("verify", envelope, "--key", publicKey(), "--expect-predicate-type", "https://slsa.dev/provenance/v1");
        assertEquals(1, type.exit());
        assertTrue(type.err().contains("not the expected https://slsa.dev/provenance/v1"), type.err());
        CliRun commit = CliRun.of("verify", envelope, "--key", publicKey(), "--expect-commit", "0".repeat(40));
        assertEquals(1, commit.exit());
        assertTrue(commit.err().contains("the report covers commit " + AcmeUpdaterSample.RELEASE_COMMIT + ", not the expected"), commit.err());
        CliRun demo = CliRun.of("verify", envelope, "--key", publicKey(), "--expect-signer", keyId);
        assertEquals(1, demo.exit());
        assertTrue(demo.err().contains("signed with a demo key"), demo.err());
        CliRun good = CliRun.of("verify", envelope, "--key", publicKey(), "--expect-commit", AcmeUpdaterSample.RELEASE_COMMIT,
                "--expect-predicate-type", "https://clearbox.dev/attestation/audit-report/v1");
        assertEquals(0, good.exit(), good.err());
        CliRun cap = CliRun.of("verify", envelope, "--key", publicKey(), "--max-payload-bytes", "1000");
        assertEquals(2, cap.exit());
        assertTrue(cap.err().contains("(--max-payload-bytes)"), cap.err());
    }

    @Test
    void everySideFileIsCoveredByTheSignedStatement() {
        List<Path> sideFiles = new ArrayList<>(List.of(workspace.resolve("report/report.json"),
                workspace.resolve("report/report.html"), workspace.resolve("report/report.sarif"),
                workspace.resolve("analyze/findings.json"), workspace.resolve("compare/verdicts.json")));
        for (String pkg : List.of(AcmeUpdaterSample.FAITHFUL_PACKAGE_FILE, AcmeUpdaterSample.TAMPERED_PACKAGE_FILE)) {
            sideFiles.add(workspace.resolve("unpack/" + pkg + ".cdx.json"));
        }
        List<Object> args = new ArrayList<>(List.of("verify", workspace.resolve("report/report.dsse.json"), "--key", publicKey()));
        for (Path f : sideFiles) {
            args.add("--artifact");
            args.add(f);
        }
        CliRun r = CliRun.of(args.toArray());
        assertEquals(0, r.exit(), r.err());
        for (String name : List.of("report/report.json", "report/report.html", "report/report.sarif", "analyze/findings.json",
                "compare/verdicts.json", "unpack/" + AcmeUpdaterSample.TAMPERED_PACKAGE_FILE + ".cdx.json")) {
            assertTrue(r.out().contains("= " + name + " (sha256 "), name + " in " + r.out());
        }
    }

    @Test
    void aReportFromAnotherWorkspaceDiffersOnlyInTheDeclaredFields() throws Exception {
        Path other = tmp.resolve("b2/deeper/x");
        CliRun again = CliRun.of("audit", submission.manifest(), "--workspace", other, "--auditor", "Example Audit Lab");
        assertEquals(0, again.exit(), again.err());
        ObjectNode first = report.deepCopy();
        ObjectNode second = (ObjectNode) mapper.readTree(other.resolve("report/report.json").toFile());
        assertEquals("Example Audit Lab", second.at("/auditor/identity").asText());
        for (ObjectNode r : List.of(first, second)) {
            removeVaryingFields(r);
            r.remove("auditor"); // another workspace, another demo key, here another identity
            ((ObjectNode) r.get("session")).remove("auditors");
        }
        assertEquals(first, second);
        String json = Files.readString(other.resolve("report/report.json"));
        assertFalse(json.contains(other.toString()) || json.contains(tmp.toString()), "no workspace or submission path");
        assertFalse(json.contains(System.getProperty("user.home") + "/") || json.contains("\"HOME\" : \"" + System.getProperty("user.home")),
                "no home directory");
    }

    /** Removes the fields the report declares as varying ({@code AuditReport.VARYING_FIELDS}, JSON Pointers, {@code *}: every element). */
    private static void removeVaryingFields(ObjectNode report) {
        for (String pointer : dev.clearbox.reports.model.AuditReport.VARYING_FIELDS) {
            String[] parts = pointer.substring(1).split("/");
            List<JsonNode> at = List.of(report);
            for (int i = 0; i < parts.length - 1; i++) {
                List<JsonNode> next = new ArrayList<>();
                for (JsonNode n : at) {
                    if (parts[i].equals("*")) {
                        n.forEach(next::add);
                    } else if (n.has(parts[i])) {
                        next.add(n.get(parts[i]));
                    }
                }
                at = next;
            }
            assertFalse(at.isEmpty(), pointer + " is in the report");
            at.forEach(n -> assertTrue(((ObjectNode) n).remove(parts[parts.length - 1]) != null, pointer + " is in the report"));
        }
    }

    @Test
    void anArtifactTheReportDoesNotCoverIsRejected() throws Exception {
        Path stranger = Files.writeString(tmp.resolve("not-shipped.zip"), "other bytes");
        CliRun r = CliRun.of("verify", workspace.resolve("report/report.dsse.json"), "--key", publicKey(),
                "--artifact", stranger);
        assertEquals(1, r.exit());
        assertEquals(List.of("clearbox: verify: " + stranger + ": sha256 " + dev.clearbox.core.Sha256.hex(stranger)
                + " is not among the " + countSubjects() + " subjects of the signed report"), r.errorLines());
    }

    private int countSubjects() throws Exception {
        JsonNode env = mapper.readTree(workspace.resolve("report/report.dsse.json").toFile());
        JsonNode statement = mapper.readTree(Base64.getDecoder().decode(env.get("payload").asText()));
        return statement.get("subject").size();
    }

    @Test
    void oneChangedByteInPayloadOrSignatureStopsVerification() throws Exception {
        for (String field : List.of("payload", "sig")) {
            ObjectNode env = (ObjectNode) mapper.readTree(workspace.resolve("report/report.dsse.json").toFile());
            ObjectNode holder = field.equals("payload") ? env : (ObjectNode) env.get("signatures").get(0);
            byte[] bytes = Base64.getDecoder().decode(holder.get(field).asText());
            bytes[bytes.length / 2] ^= 0x20;
            holder.put(field, Base64.getEncoder().encodeToString(bytes));
            Path altered = tmp.resolve("altered-" + field + ".json");
            mapper.writeValue(altered.toFile(), env);
            CliRun r = CliRun.of("verify", altered, "--key", publicKey());
            assertEquals(1, r.exit(), field + ": " + r.out());
            assertTrue(r.err().contains("signature does not verify"), r.err());
        }
    }

    @Test
    void statementSubjectsAreTheCommitAndEveryShippedFile() throws Exception {
        JsonNode env = mapper.readTree(workspace.resolve("report/report.dsse.json").toFile());
        assertEquals("application/vnd.in-toto+json", env.get("payloadType").asText());
        JsonNode statement = mapper.readTree(Base64.getDecoder().decode(env.get("payload").asText()));
        assertEquals("https://in-toto.io/Statement/v1", statement.get("_type").asText());
        assertEquals("https://clearbox.dev/attestation/audit-report/v1", statement.get("predicateType").asText());
        List<String> names = new ArrayList<>();
        boolean commit = false;
        for (JsonNode s : statement.get("subject")) {
            names.add(s.get("name").asText());
            commit |= AcmeUpdaterSample.RELEASE_COMMIT.equals(s.at("/digest/gitCommit").asText());
        }
        assertTrue(commit, "the commit is a subject");
        assertTrue(names.contains(AcmeUpdaterSample.FAITHFUL_PACKAGE_FILE));
        assertTrue(names.contains(AcmeUpdaterSample.TAMPERED_PACKAGE_FILE + "!/" + AcmeUpdaterSample.SHIPPED_JAR));
        assertEquals(report, statement.get("predicate"), "the predicate is the report");
    }

    @Test
    void rerunningGivesTheSameReportApartFromDeclaredTimings() throws Exception {
        Path sbom = workspace.resolve("unpack/" + AcmeUpdaterSample.FAITHFUL_PACKAGE_FILE + ".cdx.json");
        byte[] sbomBefore = Files.readAllBytes(sbom);
        CliRun again = CliRun.of("audit", submission.manifest(), "--workspace", workspace);
        assertEquals(0, again.exit(), again.err());
        assertTrue(!again.out().contains("a demo key was created"), "the demo key is reused");
        ObjectNode first = report.deepCopy();
        ObjectNode second = (ObjectNode) mapper.readTree(workspace.resolve("report/report.json").toFile());
        for (ObjectNode r : List.of(first, second)) {
            removeVaryingFields(r);
        }
        assertEquals(first, second);
        assertEquals(new String(sbomBefore, java.nio.charset.StandardCharsets.UTF_8), Files.readString(sbom),
                "the SBOM is byte for byte the same");
        report = mapper.readTree(workspace.resolve("report/report.json").toFile());
    }

    @Test
    void theConcealedExfiltrationPathIsReportedStepByStepFromTheKeyFileToTheDnsLookup() {
        List<String> inOrder = AcmeUpdaterSample.concealedPathSteps();
        String first = inOrder.get(0);
        String last = inOrder.get(inOrder.size() - 1);
        String sinkFile = last.substring(0, last.lastIndexOf(':'));
        int sinkLine = Integer.parseInt(last.substring(last.lastIndexOf(':') + 1));
        JsonNode flow = null;
        for (JsonNode f : report.at("/analysis/findings")) {
            JsonNode path = f.get("path");
            if (f.get("ruleId").asText().equals("CBX-SRC-EXFIL") && path.size() > 0
                    && path.get(0).at("/location/file").asText().equals(first.substring(0, first.lastIndexOf(':')))
                    && f.at("/location/file").asText().equals(sinkFile) && f.at("/location/line").asInt() == sinkLine
                    && steps(path).contains(first)) {
                flow = f;
            }
        }
        assertTrue(flow != null, "no CBX-SRC-EXFIL finding from " + first + " to " + last);
        assertEquals("CRITICAL", flow.get("severity").asText());
        assertEquals("DNS", flow.get("capability").asText());
        List<String> steps = steps(flow.get("path"));
        int at = -1;
        for (String step : inOrder) {
            int next = steps.subList(at + 1, steps.size()).indexOf(step);
            assertTrue(next >= 0, step + " missing or out of order in " + steps);
            at += next + 1;
        }
        assertTrue(flow.get("path").toString().contains("Base64-encoded here"), flow.get("path").toString());
    }

    private static List<String> steps(JsonNode path) {
        List<String> out = new ArrayList<>();
        path.forEach(s -> out.add(s.at("/location/file").asText() + ":" + s.at("/location/line").asInt()));
        return out;
    }

    @Test
    @Tag("positive:CBX-REPRO-001")
    @Tag("negative:CBX-REPRO-001")
    void onlyTheArtifactThatIsNotReproducibleGetsASarifResult() throws Exception {
        JsonNode sarif = mapper.readTree(workspace.resolve("report/report.sarif").toFile());
        List<String> reproducible = new ArrayList<>();
        for (JsonNode v : report.get("verdicts")) {
            if (v.get("verdict").asText().equals("REPRODUCIBLE")) {
                reproducible.add(v.get("shipped").asText());
            }
        }
        assertEquals(List.of(AcmeUpdaterSample.FAITHFUL_PACKAGE_FILE + "!/" + AcmeUpdaterSample.SHIPPED_JAR), reproducible);
        List<String> notReproducible = new ArrayList<>();
        for (JsonNode r : sarif.at("/runs/0/results")) {
            if (r.get("ruleId").asText().equals("CBX-REPRO-001")) {
                notReproducible.add(r.at("/locations/0/physicalLocation/artifactLocation/uri").asText());
            }
        }
        assertEquals(List.of(AcmeUpdaterSample.TAMPERED_PACKAGE_FILE + "!/" + AcmeUpdaterSample.SHIPPED_JAR), notReproducible);
        boolean described = false;
        for (JsonNode rule : sarif.at("/runs/0/tool/driver/rules")) {
            described |= rule.get("id").asText().equals("CBX-REPRO-001");
        }
        assertTrue(described, "the rule is listed in the SARIF driver");
    }
}
