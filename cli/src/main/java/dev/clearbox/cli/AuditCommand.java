package dev.clearbox.cli;

import dev.clearbox.analyzers.bytecode.BinaryRule;
import dev.clearbox.analyzers.source.SourceRule;
import dev.clearbox.core.UnsafeInputException;
import dev.clearbox.core.Verdict;
import dev.clearbox.core.session.SessionManifest;
import dev.clearbox.core.session.SessionManifests;
import dev.clearbox.audit.AuditOptions;
import dev.clearbox.core.InvalidInputException;
import dev.clearbox.reports.delta.DeltaText;
import dev.clearbox.reports.delta.VerifiedReport;
import dev.clearbox.reports.model.ReleaseDelta;
import dev.clearbox.audit.AuditOutcome;
import dev.clearbox.audit.AuditPipeline;
import dev.clearbox.core.Stage;
import dev.clearbox.reports.model.ArtifactVerdict;
import dev.clearbox.reports.model.Review;
import dev.clearbox.reports.review.Reviews;
import dev.clearbox.reports.model.AuditReport;
import dev.clearbox.reports.model.Source;
import dev.clearbox.reports.model.ReportFinding;
import dev.clearbox.reports.model.Summary;
import dev.clearbox.reports.policy.FailOn;
import dev.clearbox.reports.policy.PolicyOutcome;
import dev.clearbox.reports.sign.KeyFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

@Command(name = "audit",
        description = {"Run the whole audit of a session: checkout, unpack, analyze, rebuild, compare, report, sign.",
                "Each stage writes into its directory of the workspace; the report is written only when every",
                "stage has run, and is signed as a DSSE envelope over an in-toto Statement.",
                "Without --key, a demo key is created in the workspace (and said so): fine for trying Clearbox,",
                "not for a report anyone should rely on."},
        footer = {"", "Examples:",
                "  clearbox audit samples/acme-updater/submission",
                "  clearbox audit session.json --workspace /audit/acme-1.4.0 --key keys/clearbox-signing.pem --strict",
                "  clearbox audit session.json --keyring vendor.asc --allowed-signers allowed_signers",
                "  clearbox audit session.json --fail-on not-reproducible,binary-only,exfil --summary summary.md",
                "  clearbox audit session.json --review review.json --fail-on exfil   (accepted paths do not fail it)",
                "  clearbox audit session-1.4.1.json --baseline clearbox-work/acme-updater-1.4.0/report --baseline-key lab.pub.pem",
                "      (the delta since 1.4.0 in the report; 1.4.0's review decisions carried over)",
                "",
                "Policy conditions (--fail-on), each decided from the signed report:",
                "  not-reproducible  a shipped artifact is NOT_REPRODUCIBLE",
                "  not-rebuilt       an artifact is NOT_REBUILT, or the rebuild did not succeed",
                "  not-verified      an artifact is NOT_VERIFIED",
                "  exfil             an exfiltration path (CBX-SRC-EXFIL) was found",
                "  binary-only       a behaviour in the shipped binaries has no counterpart in the source (CBX-BIN-ONLY)",
                "  critical          a finding of severity CRITICAL",
                "  high              a finding of severity HIGH or above",
                "  medium            a finding of severity MEDIUM or above",
                "  inconclusive      the audit could not check everything (the result's INCONCLUSIVE conditions)",
                "  failed            the overall result is FAILED",
                "  not-passed        the overall result is not PASSED"})
final class AuditCommand extends ClearboxCommand {
    @Parameters(index = "0", paramLabel = "SESSION", description = "The session manifest, or a directory holding session.json.")
    Path session;

    @Option(names = "--workspace", paramLabel = "DIR",
            description = "Where the stages write (default: clearbox-work/PRODUCT-VERSION in the current directory).")
    Path workspace;

    @Option(names = "--key", paramLabel = "PRIVATE.pem", description = "Signing key; its public key is read from NAME.pub.pem beside it.")
    Path key;

    @Option(names = "--public-key", paramLabel = "PUBLIC.pem", description = "The public key, when not beside the private key.")
    Path publicKey;

    @Option(names = "--keyring", paramLabel = "FILE",
            description = "OpenPGP public keyring (gpg --export) to check the tag's and commit's signatures against;"
                    + " overrides source.keyring in the manifest.")
    Path keyring;

    @Option(names = "--allowed-signers", paramLabel = "FILE",
            description = "SSH allowed-signers file (as for git's gpg.ssh.allowedSignersFile) to check SSH signatures"
                    + " against; overrides source.allowedSigners in the manifest.")
    Path allowedSigners;

    @Option(names = "--auditor", paramLabel = "NAME",
            description = "Who audits, for the signed report's auditor.identity (for example \"Example Audit Lab"
                    + " <audit@lab.example>\"); checked by 'clearbox verify --expect-signer NAME'. Default: none.")
    String auditor;

    @Option(names = "--seed-repository", paramLabel = "DIR",
            description = "A prepared Maven repository (an offline audit room's) copied into the rebuild's own"
                    + " (WORKSPACE/rebuild/repository) before its first run; the vendor's build never sees or changes"
                    + " DIR. Without it the rebuild's repository starts empty (docs/rebuild.md).")
    Path seedRepository;

    @Option(names = "--review", paramLabel = "REVIEW.json",
            description = "The auditor's decisions ('clearbox review', docs/review.md) to sign into the report: decided"
                    + " findings stay in it, marked; the report carries who decided what, the coverage and the stale"
                    + " decisions; --fail-on leaves out accepted and false-positive findings. Checked before anything runs.")
    Path review;

    @Option(names = "--strict",
            description = "Refuse, rather than warn about, a --key private key file that group or others may read.")
    boolean strict;

    // --- CI: the policy exit, the Markdown summary, the JSON output (AuditCiOutput) ---

    @Option(names = "--fail-on", paramLabel = "LIST",
            description = {"Exit 1 (after the signed report is written) when any of these comma-separated conditions"
                    + " holds, saying which in one line on stderr; the words are listed under 'Policy conditions'."
                    + " Without it, a completed audit exits 0 whatever its result."})
    String failOn;

    @Option(names = "--summary", paramLabel = "FILE",
            description = "Also write a Markdown summary (result, verdicts, findings, where the signed report is, how to"
                    + " verify it) to FILE, for a CI job page or a pull-request comment.")
    Path summaryFile;

    @Option(names = "--baseline", paramLabel = "REPORT_DIR",
            description = {"The signed report of the release before this one (the report/ directory of its audit, with"
                    + " report.json and report.dsse.json). It is verified with --baseline-key before anything runs, and"
                    + " the new signed report then carries what changed since it (its delta section; see"
                    + " 'clearbox diff')."})
    Path baseline;

    @Option(names = "--baseline-key", paramLabel = "PUBLIC.pem",
            description = "The public key (PEM) that signed the --baseline report.")
    Path baselineKey;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "text (default) or json: a JSON object with the result, verdicts, report files, key id and"
                    + " policy outcome on stdout instead of the text summary.")
    OutputFormat format = OutputFormat.text;

    @Mixin
    ModelOptions model;

    @Mixin
    FlowOptions flows;

    @Mixin
    LimitOptions limits;

    @Mixin
    SandboxOptions sandbox;

    @Override
    protected ExitCode execute() throws Exception {
        if (key != null) {
            KeyFiles.exposure(key).ifPresent(problem -> {
                if (strict) {
                    throw new UnsafeInputException(Stage.KEYS, key.toString(), "key-exposed", problem);
                }
                warn(Stage.KEYS, key.toString(), problem + "; --strict refuses it");
            });
        }
        Set<FailOn> conditions = failOn == null ? Set.of() : FailOn.parse(failOn);
        if (summaryFile != null) {
            AuditCiOutput.checkSummaryTarget(summaryFile);
        }
        if ((baseline == null) != (baselineKey == null)) {
            throw new InvalidInputException(Stage.AUDIT, baseline == null ? "--baseline-key" : "--baseline",
                    "--baseline and --baseline-key go together");
        }
        VerifiedReport base = baseline == null ? null
                : VerifiedReport.read(baseline, KeyFiles.readPublicKey(baselineKey), Stage.AUDIT, "baseline");
        SessionManifest manifest = SessionManifests.load(session);
        Path ws = workspace != null ? workspace
                : Path.of("clearbox-work", safe(manifest.product()) + "-" + safe(manifest.version()));
        AuditOutcome outcome = new AuditPipeline(Main.Version.number()).run(manifest,
                new AuditOptions(ws, key, publicKey, model.resolve(), limits.resolve(spec.commandLine()), Clock.systemUTC(),
                        keyring, allowedSigners).withBuildIsolation(sandbox.level(), sandbox.unsandboxed).withAuditor(auditor)
                        .withBaseline(base).withReview(review).withSeedRepository(seedRepository)
                        .withImplicitFlows(flows.implicitFlows),
                progress());
        PolicyOutcome policy = PolicyOutcome.judge(outcome.report(), conditions);
        if (summaryFile != null) {
            AuditCiOutput.writeSummary(outcome, policy, summaryFile);
        }
        ExitCode exit = policy.passed() ? ExitCode.OK : ExitCode.NEGATIVE;
        if (format == OutputFormat.json) {
            JsonOutput.print(out(), AuditCiOutput.json(outcome, policy, summaryFile, exit));
        } else {
            printSummary(outcome, out());
            out().println(AuditCiOutput.policySummary(policy));
            if (summaryFile != null) {
                out().println("  summary    " + summaryFile);
            }
        }
        if (!policy.passed()) {
            out().flush();
            err().println(AuditCiOutput.policyLine(policy));
        }
        return exit;
    }

    private static String safe(String s) {
        return s.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /** How many flow groups the terminal summary lists. */
    static final int TOP_FLOWS = 5;

    static void printSummary(AuditOutcome o, PrintWriter out) {
        AuditReport r = o.report();
        Summary s = r.summary();
        out.println();
        out.println("Audit of " + r.product().vendor() + " " + r.product().name() + " " + r.product().version() + ": " + s.result() + " (signed report written)");
        out.println("  result     " + s.result() + (s.resultReasons().isEmpty() ? "" : " (" + String.join("; ", s.resultReasons()) + ")"));
        out.println("  source     " + r.source().ref() + " = commit " + r.source().commitId() + " (as the manifest expects)");
        if (r.source().tagSignature() != null) {
            out.println("  tag sig    " + signature(r.source().tagSignature()));
        }
        if (r.source().commitSignature() != null) {
            out.println("  commit sig " + signature(r.source().commitSignature()));
        }
        if (r.source().treeDigest() != null) {
            out.println("  tree       " + r.source().treeDigest().recipe() + " " + r.source().treeDigest().sha256());
        }
        out.println("  packages   " + r.packages().size() + " ("
                + r.packages().stream().mapToInt(p -> p.entries().size()).sum() + " entries inventoried)");
        out.println("  findings   " + (s.findingsByCapability().isEmpty() ? "none" : join(s.findingsByCapability())));
        List<ReportFinding> flows = r.analysis().findings().stream().filter(f -> f.flow() != null)
                .sorted(java.util.Comparator.comparing(ReportFinding::severity).reversed()).toList();
        out.println("  flows      " + s.findingsByRule().getOrDefault(SourceRule.EXFIL.id(), 0)
                + " groups of exfiltration paths from sensitive data to the network (" + SourceRule.EXFIL.id() + ", "
                + flows.stream().mapToInt(f -> f.flow().grouped()).sum() + " paths; " + flowMode(r)
                + "), most severe first:");
        for (int i = 0; i < Math.min(TOP_FLOWS, flows.size()); i++) {
            ReportFinding f = flows.get(i);
            String argument = f.flow().sourceArgument().isEmpty() ? "" : " " + f.flow().sourceArgument();
            out.println("    " + f.severity() + " " + f.flow().sensitivity() + argument + " (" + f.flow().sourceApi()
                    + ") into " + f.flow().channel() + " " + f.api() + " at " + f.location()
                    + (f.flow().grouped() > 1 ? ", " + f.flow().grouped() + " paths" : "") + " [" + f.fingerprint() + "]");
        }
        if (flows.size() > TOP_FLOWS) {
            out.println("    ... " + (flows.size() - TOP_FLOWS) + " more in the report");
        }
        out.println("  binaries   " + s.findingsByRule().getOrDefault(BinaryRule.ONLY.id(), 0)
                + " behaviours in the shipped binaries with no counterpart in the source (" + BinaryRule.ONLY.id() + ")");
        out.println("  endpoints  " + (s.endpoints().isEmpty() ? "none" : String.join(", ", s.endpoints())));
        out.println("  coverage   " + r.analysis().coverage().filesParsed() + " files analyzed, "
                + s.coverageProblems() + " with problems, " + s.unresolvedCalls() + " calls unresolved");
        var missing = r.analysis().coverage().missingTypes();
        if (!missing.isEmpty()) {
            out.println("             " + missing.size() + " types neither the sources nor the shipped jars hold (a model API"
                    + " may hide behind them; their calls matched by method name only): "
                    + missing.stream().limit(5).map(m -> m.type() + " (" + m.calls() + ")")
                            .collect(java.util.stream.Collectors.joining(", "))
                    + (missing.size() > 5 ? ", ... in the report" : ""));
        }
        if (r.delta() != null) {
            ReleaseDelta d = r.delta();
            out.println("  delta      since " + d.from().product().version() + ": " + d.of(ReleaseDelta.Kind.ADDED).size()
                    + " added, " + d.of(ReleaseDelta.Kind.REMOVED).size() + " removed, "
                    + d.of(ReleaseDelta.Kind.CHANGED).size() + " changed");
            d.of(ReleaseDelta.Kind.ADDED).stream().limit(5).forEach(c -> out.println("           " + DeltaText.line(c)));
        }
        out.println("  rebuild    " + r.rebuild().status() + (r.rebuild().reason().isEmpty() ? "" : ": " + r.rebuild().reason()));
        for (String caveat : s.caveats()) {
            out.println("  CAVEAT     " + caveat);
        }
        for (ArtifactVerdict c : r.verdicts()) {
            out.println("  verdict    " + c.verdict() + "  " + c.shipped() + detail(c));
        }
        if (r.review() != null) {
            out.println("  review     " + Reviews.coverageLine(r.review().coverage()) + " (" + r.review().file() + ")");
            for (Review.Decision d : r.review().stale()) {
                out.println("  STALE      " + d.fingerprint() + " " + d.status() + " by " + d.reviewer()
                        + ": no finding of this report has this fingerprint");
            }
        }
        out.println("  report     " + o.reportJson());
        out.println("             " + o.reportHtml());
        out.println("  signed     " + o.envelope() + " (key " + o.keyId() + ")");
        if (o.demoKeyCreated()) {
            out.println("             a demo key was created for this workspace: " + o.publicKey().resolveSibling("demo-signing.pem")
                    + "; pass --key for a real one");
        }
        out.println("  verify     clearbox verify " + o.envelope() + " --key " + o.publicKey());
    }

    /** Which flows the source analysis followed, as the report records it (its session's limits). */
    static String flowMode(AuditReport r) {
        if (r.session() == null) {
            return "flow mode not recorded";
        }
        return r.session().limits().sourceAnalysis().implicitFlows() ? "implicit flows followed too"
                : "explicit flows only";
    }

    /** As {@link CheckoutCommand#signature}, for the report's copy of a signature check. */
    private static String signature(Source.Signature s) {
        return s.status().name() + (s.signer().isEmpty() ? "" : " by " + s.signer())
                + (s.keyId().isEmpty() ? "" : " key " + s.keyId()) + " (" + s.detail() + ")";
    }

    private static String detail(ArtifactVerdict c) {
        if (c.verdict() == Verdict.NOT_REBUILT || c.verdict() == Verdict.NOT_VERIFIED) {
            return " (" + c.reason() + ")";
        }
        if (c.differences().isEmpty()) {
            return "";
        }
        // Every substantive difference by class and entry (an added class is the name that matters), never cut short.
        List<ArtifactVerdict.Difference> shown = c.substantive().isEmpty() ? c.differences() : c.substantive();
        return " (" + c.differences().size() + " difference" + (c.differences().size() == 1 ? "" : "s") + ": "
                + shown.stream().map(d -> d.kind() + (d.entry().isEmpty() ? "" : " " + d.entry()))
                .collect(Collectors.joining(", ")) + ")";
    }

    private static String join(Map<String, Integer> counts) {
        return counts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }
}
