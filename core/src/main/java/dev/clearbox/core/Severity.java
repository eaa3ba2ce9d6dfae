package dev.clearbox.core;

/** How much a finding matters to an auditor, from lowest to highest. */
public enum Severity {
    INFO, LOW, MEDIUM, HIGH, CRITICAL
}
