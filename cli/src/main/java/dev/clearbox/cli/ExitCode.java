package dev.clearbox.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/** The exit codes of every clearbox command: one meaning each, listed in --help. */
public enum ExitCode {
    OK(0, "Success: the command did its work (compare: the artifacts are the same; verify: the report verifies; audit: the signed report is written, whatever its result, and no --fail-on condition holds)."),
    NEGATIVE(1, "The check ran and the answer is no (compare: the artifacts differ; verify: bad signature, artifact not covered, an --expect-* not met, or a covered artifact not REPRODUCIBLE or EQUIVALENT; checkout: a BAD tag or commit signature; audit: a --fail-on condition holds, said in one line, the signed report written)."),
    ERROR(2, "Error: bad command line, missing, malformed or hostile input, or a stage that could not run (one line on stderr)."),
    INTERNAL(3, "Internal error in Clearbox itself; rerun with --verbose and report it.");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }

    /** The list shown under "Exit codes:" in every command's help. */
    static Map<String, String> helpList() {
        Map<String, String> m = new LinkedHashMap<>();
        for (ExitCode c : values()) {
            m.put(Integer.toString(c.code), c.meaning);
        }
        return m;
    }
}
