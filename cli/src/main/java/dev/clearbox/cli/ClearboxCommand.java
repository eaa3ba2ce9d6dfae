package dev.clearbox.cli;

import dev.clearbox.core.ClearboxException;
import dev.clearbox.core.Stage;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * Base of every subcommand: {@link #call()} runs {@link #execute()} and turns the outcome into an exit
 * code. A {@link ClearboxException} becomes one line on stderr ({@code clearbox: stage: input: problem});
 * anything else is an internal error. Stack traces only with {@code --verbose}.
 */
public abstract class ClearboxCommand implements Callable<Integer> {
    @Spec
    protected CommandSpec spec;

    @Option(names = {"-v", "--verbose"}, description = "Show stack traces with errors.")
    boolean verbose;

    @Option(names = {"-q", "--quiet"}, description = "No progress on stderr (the stage, its phase, done/total and the time left).")
    boolean quiet;

    protected abstract ExitCode execute() throws Exception;

    @Override
    public final Integer call() {
        try {
            return execute().code();
        } catch (ClearboxException e) {
            err().println("clearbox: " + e.oneLine());
            if (verbose) {
                e.printStackTrace(err());
            }
            return exitFor(e).code();
        } catch (CommandLine.ParameterException e) {
            throw e;
        } catch (Exception e) {
            err().println("clearbox: internal error: " + e + (verbose ? "" : " (rerun with --verbose for details)"));
            if (verbose) {
                e.printStackTrace(err());
            }
            return ExitCode.INTERNAL.code();
        } finally {
            out().flush();
            err().flush();
        }
    }

    /**
     * A problem that does not stop the command, as one line on stderr ({@code clearbox: warning: stage: input:
     * problem}), shown even with {@code --quiet}.
     */
    protected void warn(Stage stage, String input, String problem) {
        err().println("clearbox: warning: " + stage.id() + ": " + input + ": " + problem);
        err().flush();
    }

    /** The exit code for an error; a command where an integrity failure is the answer "no" overrides this. */
    protected ExitCode exitFor(ClearboxException e) {
        return ExitCode.ERROR;
    }

    protected PrintWriter out() {
        return spec.commandLine().getOut();
    }

    protected PrintWriter err() {
        return spec.commandLine().getErr();
    }

    protected ConsoleProgress progress() {
        return new ConsoleProgress(err(), quiet);
    }
}
