package dev.clearbox.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the clearbox command line in-process and keeps its exit code, stdout and stderr. */
record CliRun(int exit, String out, String err) {
    static CliRun of(Object... args) {
        String[] a = new String[args.length];
        for (int i = 0; i < args.length; i++) {
            a[i] = String.valueOf(args[i]);
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(a);
        return new CliRun(exit, out.toString(), err.toString());
    }

    /** The error lines (those starting with "clearbox: ", warnings excepted). */
    java.util.List<String> errorLines() {
        return err.lines().filter(l -> l.startsWith("clearbox: ") && !l.startsWith("clearbox: warning: ")).toList();
    }
}
