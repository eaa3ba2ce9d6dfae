package dev.clearbox.reports.sign;

import java.util.List;

/**
 * A verified envelope: who signed, what kind of attestation it is, and what it covers.
 *
 * @param keyId         the key id of the key that verified the signature
 * @param predicateType the Statement's predicate type
 * @param gitCommits    the commit subjects (name and commit id)
 * @param subjectCount  how many subjects the Statement has
 * @param artifacts     each artifact the verifier was asked about, with the subject it matched
 */
public record VerificationResult(
        String keyId,
        String predicateType,
        List<Statement.Subject> gitCommits,
        int subjectCount,
        List<ArtifactMatch> artifacts) {

    public VerificationResult {
        gitCommits = List.copyOf(gitCommits);
        artifacts = List.copyOf(artifacts);
    }

    /** A local file whose sha256 is the digest of the named subject. */
    public record ArtifactMatch(String file, String sha256, String subject) {
    }
}
