package dev.clearbox.cli;

import picocli.CommandLine.Option;

/**
 * How far the source analysis follows data; shared by analyze and audit, so that both say the same. The auditor
 * chooses it on the command line: no session manifest can turn it on or off.
 */
final class FlowOptions {
    @Option(names = "--implicit-flows", description = "Also report data that decides whether a sink runs"
            + " (if (secret.charAt(i) == 'a') ping(): a bit at a time), its path saying \"controls whether it runs\";"
            + " more paths and a slower flow analysis (docs/source-analyzer.md). An audit's signed report records"
            + " whether it was on (session.limits.sourceAnalysis.implicitFlows).")
    boolean implicitFlows;
}
