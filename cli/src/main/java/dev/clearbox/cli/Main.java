package dev.clearbox.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/** The clearbox command: one subcommand per stage, plus audit for all of them. */
@Command(name = "clearbox",
        mixinStandardHelpOptions = true,
        scope = CommandLine.ScopeType.INHERIT,
        versionProvider = Main.Version.class,
        description = {
                "Source-code transparency audits: check out a vendor's repository at a pinned commit, unpack its",
                "update packages, find every network call and exfiltration path, rebuild from source, compare",
                "with the shipped binaries, and sign a report that anyone can verify offline.",
                ""},
        commandListHeading = "%nCommands (each stage also runs alone):%n",
        footer = {"", "Start with:  clearbox audit SESSION      (SESSION = a session.json or the directory holding it)",
                "Then:        clearbox verify WORKSPACE/report/report.dsse.json --key PUBLIC.pem",
                "Docs: README.md and docs/ in the Clearbox repository."},
        subcommands = {
                AuditCommand.class,
                CheckoutCommand.class,
                UnpackCommand.class,
                AnalyzeCommand.class,
                RebuildCommand.class,
                CompareCommand.class,
                DiffCommand.class,
                KeygenCommand.class,
                VerifyCommand.class,
                ReviewCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (for tests and embedding). */
    public static int run(String... args) {
        return guarded(() -> commandLine().execute(args), System.err);
    }

    /**
     * Runs {@code command}; when the JVM runs out of memory or stack on the way (a vendor's tree too large for the
     * heap, say), says so in one line on {@code err} and returns {@link ExitCode#ERROR}, rather than a stack trace and
     * the JVM's exit code 1, which means "the answer is no" here. Nothing half-done is presented as a result: the
     * stages write their outputs only once they are complete.
     */
    static int guarded(java.util.function.IntSupplier command, java.io.PrintStream err) {
        try {
            return command.getAsInt();
        } catch (OutOfMemoryError e) {
            err.println("clearbox: out of memory (maximum heap " + (Runtime.getRuntime().maxMemory() >> 20)
                    + " MiB); nothing was completed; run again with a larger heap, for example"
                    + " CLEARBOX_JAVA_OPTS=-Xmx8g");
            return ExitCode.ERROR.code();
        } catch (StackOverflowError e) {
            err.println("clearbox: out of stack (the input nests too deeply); nothing was completed; run again with"
                    + " a larger stack, for example CLEARBOX_JAVA_OPTS=-Xss64m");
            return ExitCode.ERROR.code();
        }
    }

    /**
     * The command line, its output and error writers {@link TerminalWriter}s over stdout and stderr; a writer
     * set later (by a test or an embedder) is wrapped in one as well, so nothing reaches the terminal unescaped.
     */
    public static CommandLine commandLine() {
        CommandLine cl = new TerminalCommandLine(new Main());
        cl.setOut(cl.getOut());
        cl.setErr(cl.getErr());
        cl.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setUsageHelpWidth(110);
        cl.setExecutionExceptionHandler((ex, line, parseResult) -> {
            line.getErr().println("clearbox: internal error: " + ex);
            return ExitCode.INTERNAL.code();
        });
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("clearbox: " + ex.getMessage());
            c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for more information.");
            return ExitCode.ERROR.code();
        });
        applyExitCodes(cl);
        return cl;
    }

    private static void applyExitCodes(CommandLine cl) {
        cl.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(ExitCode.helpList());
        for (CommandLine sub : cl.getSubcommands().values()) {
            applyExitCodes(sub);
        }
    }

    /**
     * A command line whose writers are always terminal writers, whoever sets them; picocli hands the parent's
     * writers to every subcommand. Help is printed without ANSI colours, which the writer would escape.
     */
    private static final class TerminalCommandLine extends CommandLine {
        TerminalCommandLine(Object command) {
            super(command);
        }

        @Override
        public CommandLine setOut(PrintWriter out) {
            return super.setOut(TerminalWriter.over(out));
        }

        @Override
        public CommandLine setErr(PrintWriter err) {
            return super.setErr(TerminalWriter.over(err));
        }
    }

    /** The version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        static String number() {
            String v = Main.class.getPackage().getImplementationVersion();
            return v == null ? "development" : v;
        }

        @Override
        public String[] getVersion() {
            return new String[]{"clearbox " + number()};
        }
    }
}
