package dev.clearbox.audit;

import dev.clearbox.reports.model.AuditReport;

import java.nio.file.Path;

/**
 * What an audit produced.
 *
 * @param report         the report
 * @param reportJson     report/report.json in the workspace
 * @param reportHtml     report/report.html
 * @param envelope       report/report.dsse.json, the signed in-toto Statement
 * @param publicKey      the public key that verifies the envelope
 * @param keyId          its key id
 * @param demoKeyCreated whether this run created a demo key because none was given
 */
public record AuditOutcome(AuditReport report, Path reportJson, Path reportHtml, Path envelope, Path publicKey,
                           String keyId, boolean demoKeyCreated) {
}
