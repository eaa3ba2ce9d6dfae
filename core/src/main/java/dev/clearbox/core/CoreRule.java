package dev.clearbox.core;

/**
 * The rules of core's stages: the package signature check of the unpack stage and the reproducibility verdict of
 * the compare stage (reported by the report's renderings). Each has a page at {@code docs/rules/<id>.md}.
 */
public enum CoreRule implements Rule {
    /** A shipped jar whose signature does not verify, does not cover every entry, or is weak (findings graded HIGH, MEDIUM, LOW). */
    PACKAGE_SIGNATURE("CBX-PKG-SIGNATURE", Capability.PACKAGE_INTEGRITY.severity(), Capability.PACKAGE_INTEGRITY.title()),
    /** A shipped artifact that differs, beyond benign differences, from the one built from the audited source. */
    NOT_REPRODUCIBLE("CBX-REPRO-001", Severity.CRITICAL, "A shipped artifact differs from the one built from the audited source");

    private final String id;
    private final Severity severity;
    private final String title;

    CoreRule(String id, Severity severity, String title) {
        this.id = id;
        this.severity = severity;
        this.title = title;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Severity severity() {
        return severity;
    }

    @Override
    public String title() {
        return title;
    }
}
