package dev.clearbox.reports.sign;

import java.util.List;
import java.util.Set;

/**
 * A verified envelope: who signed, what kind of attestation it is, what it covers, and — for a Clearbox report —
 * what the report says.
 *
 * @param keyId         the key id of the key that verified the signature
 * @param payloadType   the envelope's payload type
 * @param predicateType the Statement's predicate type
 * @param gitCommits    the commit subjects (name and commit id)
 * @param subjectCount  how many subjects the Statement has
 * @param report        what the signed Clearbox report says, or {@code null} when the predicate is not a Clearbox report
 * @param artifacts     each artifact the verifier was asked about, with the subjects it matched and the report's
 *                      verdicts for them
 * @param summary       what a signed SLSA Verification Summary (VSA v1) says, or {@code null} when the predicate is
 *                      not one
 */
public record VerificationResult(
        String keyId,
        String payloadType,
        String predicateType,
        List<Statement.Subject> gitCommits,
        int subjectCount,
        ReportFacts report,
        List<ArtifactMatch> artifacts,
        SummaryFacts summary) {

    /** The verdicts a covered artifact may have and still pass: {@code REPRODUCIBLE}, {@code EQUIVALENT}. */
    public static final Set<String> ACCEPTED_VERDICTS = Set.of("REPRODUCIBLE", "EQUIVALENT");

    public VerificationResult {
        gitCommits = List.copyOf(gitCommits);
        artifacts = List.copyOf(artifacts);
    }

    /** Every verdict of a covered artifact (or of an entry of it) that is not REPRODUCIBLE or EQUIVALENT. */
    public List<CoveredVerdict> failingVerdicts() {
        return artifacts.stream().flatMap(a -> a.verdicts().stream()).filter(v -> !v.accepted()).toList();
    }

    /**
     * What the signed report says, read from the predicate.
     *
     * @param vendor          product vendor
     * @param product         product name
     * @param version         product version
     * @param commit          {@code source.commitId}
     * @param generatedAt     when the report was made
     * @param auditorIdentity {@code auditor.identity}, empty when none was given
     * @param auditorKeyId    {@code auditor.keyId}: the key the report says signed it
     * @param demoKey         {@code auditor.demoKey}
     * @param result          {@code summary.result}
     * @param resultReasons   {@code summary.resultReasons}
     * @param session         the report's {@code session} as signed: the methodology (auditors, times, stages, inputs
     *                        by digest, tool versions, the limits in force, the sandbox, what was not covered;
     *                        docs/report-schema.md, "Session"), or {@code null} for a report without one
     */
    public record ReportFacts(String vendor, String product, String version, String commit, String generatedAt,
                              String auditorIdentity, String auditorKeyId, boolean demoKey, String result,
                              List<String> resultReasons, com.fasterxml.jackson.databind.JsonNode session) {
        public ReportFacts {
            resultReasons = List.copyOf(resultReasons);
            session = session == null || !session.isObject() ? null : session.deepCopy();
        }
    }

    /**
     * What a signed SLSA Verification Summary Attestation v1 says ({@link VerificationSummaries}).
     *
     * @param verificationResult PASSED or FAILED
     * @param resourceUri        the resource verified
     * @param verifierId         {@code verifier.id}
     * @param timeVerified       {@code timeVerified}
     * @param verifiedLevels     {@code verifiedLevels}
     * @param reasons            why it failed, from Clearbox's extension field; empty when none is given
     */
    public record SummaryFacts(String verificationResult, String resourceUri, String verifierId, String timeVerified,
                               List<String> verifiedLevels, List<String> reasons) {
        public SummaryFacts {
            verifiedLevels = List.copyOf(verifiedLevels);
            reasons = List.copyOf(reasons);
        }

        public boolean passed() {
            return VerificationSummaries.PASSED.equals(verificationResult);
        }
    }

    /**
     * A local file whose sha256 is the digest of the named subjects.
     *
     * @param file     the file as given
     * @param sha256   its digest
     * @param subjects every subject with that digest, by name
     * @param verdicts the report's verdicts for those subjects and for every entry inside them
     */
    public record ArtifactMatch(String file, String sha256, List<String> subjects, List<CoveredVerdict> verdicts) {
        public ArtifactMatch {
            subjects = List.copyOf(subjects);
            verdicts = List.copyOf(verdicts);
        }

        /** The first subject matched. */
        public String subject() {
            return subjects.get(0);
        }
    }

    /** One of the report's verdicts: the shipped artifact ({@code PACKAGE!/ENTRY}), the verdict, and why. */
    public record CoveredVerdict(String shipped, String verdict, String reason) {
        public boolean accepted() {
            return ACCEPTED_VERDICTS.contains(verdict);
        }
    }
}
