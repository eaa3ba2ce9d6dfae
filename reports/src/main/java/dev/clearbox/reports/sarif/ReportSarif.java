package dev.clearbox.reports.sarif;

import com.contrastsecurity.sarif.ArtifactContent;
import com.contrastsecurity.sarif.ArtifactLocation;
import com.contrastsecurity.sarif.CodeFlow;
import com.contrastsecurity.sarif.Location;
import com.contrastsecurity.sarif.Message;
import com.contrastsecurity.sarif.MultiformatMessageString;
import com.contrastsecurity.sarif.PartialFingerprints;
import com.contrastsecurity.sarif.PhysicalLocation;
import com.contrastsecurity.sarif.PropertyBag;
import com.contrastsecurity.sarif.Region;
import com.contrastsecurity.sarif.ReportingDescriptor;
import com.contrastsecurity.sarif.Result;
import com.contrastsecurity.sarif.Run;
import com.contrastsecurity.sarif.SarifSchema210;
import com.contrastsecurity.sarif.ThreadFlow;
import com.contrastsecurity.sarif.ThreadFlowLocation;
import com.contrastsecurity.sarif.Tool;
import com.contrastsecurity.sarif.ToolComponent;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.clearbox.core.CoreRule;
import dev.clearbox.core.Severity;
import dev.clearbox.core.Verdict;
import dev.clearbox.reports.model.ArtifactVerdict;
import dev.clearbox.reports.model.AuditReport;
import dev.clearbox.reports.model.ReportFinding;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * The SARIF 2.1.0 rendering of a report, for code-scanning tools: one result per finding (with a code
 * flow for exfiltration paths) and one per artifact that is not reproducible. Source locations are
 * relative to the {@code SRCROOT} base, the checked-out tree; binary findings to {@code PACKAGES}. Built with the java-sarif model.
 */
public final class ReportSarif {
    /** Base of source locations: the checked-out tree. */
    static final String SOURCE_BASE = "SRCROOT";
    /** Base of binary locations: the update packages (nested paths such as {@code pkg.zip!/lib/a.jar!/A.class}). */
    static final String PACKAGES_BASE = "PACKAGES";
    private static final String SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .serializationInclusion(JsonInclude.Include.NON_EMPTY)
            .build();

    private ReportSarif() {
    }

    public static void write(AuditReport report, Path file) {
        try {
            Files.write(file, MAPPER.writeValueAsBytes(sarif(report)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    public static SarifSchema210 sarif(AuditReport report) {
        TreeMap<String, ReportingDescriptor> rules = new TreeMap<>();
        List<Result> results = new ArrayList<>();
        for (ReportFinding f : report.analysis().findings()) {
            results.add(result(f, SOURCE_BASE, rules));
        }
        for (ReportFinding f : report.binaryAnalysis().findings()) {
            results.add(result(f, PACKAGES_BASE, rules));
        }
        for (ReportFinding f : report.packageFindings()) {
            results.add(result(f, PACKAGES_BASE, rules));
        }
        for (ArtifactVerdict c : report.verdicts()) {
            if (c.verdict() != Verdict.NOT_REPRODUCIBLE) {
                continue;
            }
            rules.computeIfAbsent(CoreRule.NOT_REPRODUCIBLE.id(), id -> new ReportingDescriptor().withId(id)
                    .withShortDescription(new MultiformatMessageString().withText(CoreRule.NOT_REPRODUCIBLE.title())));
            List<String> lines = new ArrayList<>();
            for (ArtifactVerdict.Difference d : c.substantive()) {
                lines.add(d.kind() + " " + d.detail() + (d.sourceFile().isEmpty() ? "" : " (" + d.sourceFile()
                        + (d.member().isEmpty() ? "" : " " + d.member()) + ")"));
            }
            results.add(new Result()
                    .withRuleId(CoreRule.NOT_REPRODUCIBLE.id())
                    .withLevel(Result.Level.ERROR)
                    .withMessage(new Message().withText(c.shipped() + " is not reproducible from the source: "
                            + String.join("; ", lines)))
                    .withLocations(List.of(new Location().withPhysicalLocation(new PhysicalLocation()
                            .withArtifactLocation(new ArtifactLocation().withUri(c.shipped()).withUriBaseId("PACKAGES")))))
                    .withPartialFingerprints(new PartialFingerprints()
                            .withAdditionalProperty("clearbox/v1", c.shipped() + "@" + c.shippedSha256())));
        }
        Set<ReportingDescriptor> ruleSet = new LinkedHashSet<>(rules.values());
        ToolComponent driver = new ToolComponent().withName("clearbox").withVersion(report.tool().version())
                .withInformationUri(URI.create("https://clearbox.dev")).withRules(ruleSet);
        Run run = new Run().withTool(new Tool().withDriver(driver)).withResults(results);
        return new SarifSchema210().withVersion(SarifSchema210.Version._2_1_0).with$schema(URI.create(SARIF_SCHEMA))
                .withRuns(List.of(run));
    }

    private static Result result(ReportFinding f, String base, TreeMap<String, ReportingDescriptor> rules) {
        rules.computeIfAbsent(f.ruleId(), id -> new ReportingDescriptor().withId(id)
                .withShortDescription(new MultiformatMessageString().withText(f.capability() + " capability")));
        Result r = new Result()
                .withRuleId(f.ruleId())
                .withLevel(level(f.severity()))
                .withMessage(new Message().withText(f.message()))
                .withLocations(List.of(location(f.location(), base)))
                .withPartialFingerprints(new PartialFingerprints().withAdditionalProperty("clearbox/v1", f.fingerprint()))
                .withProperties(new PropertyBag().withAdditionalProperty("capability", f.capability())
                        .withAdditionalProperty("api", f.api())
                        .withAdditionalProperty("endpoints", f.endpoints()));
        if (!f.path().isEmpty()) {
            List<ThreadFlowLocation> steps = new ArrayList<>();
            for (ReportFinding.Step s : f.path()) {
                steps.add(new ThreadFlowLocation().withLocation(location(s.location(), base)
                        .withMessage(new Message().withText(s.method() + (s.note().isEmpty() ? "" : ": " + s.note())))));
            }
            r.withCodeFlows(List.of(new CodeFlow().withThreadFlows(List.of(new ThreadFlow().withLocations(steps)))));
        }
        return r;
    }

    private static Location location(ReportFinding.Location l, String base) {
        Region region = new Region().withSnippet(new ArtifactContent().withText(l.code()));
        if (l.line() > 0) {
            region.withStartLine(l.line());
        }
        return new Location().withPhysicalLocation(new PhysicalLocation()
                .withArtifactLocation(new ArtifactLocation().withUri(l.file()).withUriBaseId(base))
                .withRegion(region));
    }

    private static Result.Level level(Severity s) {
        return switch (s) {
            case CRITICAL, HIGH -> Result.Level.ERROR;
            case MEDIUM -> Result.Level.WARNING;
            case LOW, INFO -> Result.Level.NOTE;
        };
    }
}
