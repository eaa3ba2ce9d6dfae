package dev.clearbox.core.unpack;

import dev.clearbox.core.InvalidInputException;
import dev.clearbox.core.Stage;
import dev.clearbox.core.StageFailedException;
import dev.clearbox.core.UnsafeInputException;
import dev.clearbox.core.VisibleText;

import java.io.EOFException;
import java.io.IOException;

/** Builds the unpack stage's exceptions with clean one-line messages. */
final class Failures {
    static final Stage STAGE = Stage.UNPACK;
    private static final int MAX_DETAIL = 200;

    private Failures() {
    }

    static UnsafeInputException unsafe(String input, String rule, String problem) {
        return new UnsafeInputException(STAGE, input, rule, problem);
    }

    /** A truncated or corrupt archive, whatever Commons Compress or the JDK threw. */
    static InvalidInputException corrupt(String input, Throwable cause) {
        return new InvalidInputException(STAGE, input, "truncated or corrupt archive: " + describe(cause), cause);
    }

    static InvalidInputException corrupt(String input, String why) {
        return new InvalidInputException(STAGE, input, "truncated or corrupt archive: " + why);
    }

    static StageFailedException cannotWrite(String input, IOException cause) {
        return new StageFailedException(STAGE, input, "cannot write entry: " + describe(cause), cause);
    }

    /** One line, no control characters, bounded length. */
    static String describe(Throwable e) {
        String msg = e.getMessage();
        if (e instanceof EOFException && (msg == null || msg.isBlank())) {
            return "unexpected end of data";
        }
        String text = msg == null || msg.isBlank() ? e.getClass().getSimpleName() : msg;
        Throwable cause = e.getCause();
        if (cause != null && cause != e && cause.getMessage() != null && !text.contains(cause.getMessage())) {
            text = text + ": " + cause.getMessage();
        }
        return printable(text, MAX_DETAIL);
    }

    /** Escapes what could break or disguise a one-line message ({@link VisibleText}), at most 4096 characters. */
    static String printable(String s) {
        return printable(s, 4096);
    }

    private static String printable(String s, int max) {
        return VisibleText.oneLine(s, max);
    }
}
