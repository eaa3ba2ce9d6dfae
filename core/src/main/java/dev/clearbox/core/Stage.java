package dev.clearbox.core;

import java.util.Optional;

/**
 * Every stage and command of Clearbox that can fail, with its stable id and, where it has one, its directory of
 * the session workspace. The id is the word errors, warnings and progress speak of ({@code clearbox: compare:
 * INPUT: PROBLEM}); it is public vocabulary, so it never changes. Code passes a constant, never the id as text.
 */
public enum Stage {
    /** Reading and validating {@code session.json}. */
    MANIFEST("manifest", null),
    /** Accepting, clearing and marking the session workspace. */
    WORKSPACE("workspace", null),
    /** Acquiring the source tree at the pinned commit. */
    CHECKOUT("checkout", "checkout"),
    /** Unpacking the update packages into an inventory. */
    UNPACK("unpack", "unpack"),
    /** The per-package CycloneDX SBOM (written next to the inventory, in {@code unpack/}). */
    SBOM("sbom", null),
    /** Source analysis (including loading the capability model). */
    ANALYZE("analyze", "analyze"),
    /** Binary analysis of the shipped class files. */
    ANALYZE_BINARY("analyze-binary", "analyze-binary"),
    /** The vendor's build, run in a sandbox. */
    REBUILD("rebuild", "rebuild"),
    /** Shipped artifacts against rebuilt ones. */
    COMPARE("compare", "compare"),
    /** The report's JSON, HTML and SARIF. */
    REPORT("report", "report"),
    /** Signing the report (written into {@code report/}). */
    SIGN("sign", null),
    /** Checking a signed report. */
    VERIFY("verify", null),
    /** Reading, writing and generating keys ({@code clearbox keygen}, the workspace's demo key). */
    KEYS("keys", "keys"),
    /** The whole-session command and its own options and outputs ({@code --fail-on}, {@code --summary}). */
    AUDIT("audit", null),
    /** Review decisions ({@code review.json}, {@code clearbox review}). */
    REVIEW("review", null),
    /** The delta between two reports ({@code clearbox diff}, {@code audit --baseline}). */
    DIFF("diff", null),
    /** Making the sample submission. */
    SAMPLE("sample", null);

    private final String id;
    private final String directory;

    Stage(String id, String directory) {
        this.id = id;
        this.directory = directory;
    }

    /** The stable id, as errors and progress print it. */
    public String id() {
        return id;
    }

    /** The stage's directory of the session workspace, if it writes one. */
    public Optional<String> directory() {
        return Optional.ofNullable(directory);
    }

    /** The id, so that a stage prints as the word the messages use. */
    @Override
    public String toString() {
        return id;
    }
}
