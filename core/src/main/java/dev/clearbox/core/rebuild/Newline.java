package dev.clearbox.core.rebuild;

import java.util.Optional;

/**
 * The line-ending policy of the build. {@link #CRLF} builds "as if on Windows": text files in the build copy
 * get CRLF line endings (as a Windows checkout with {@code core.autocrlf} would), and every JVM the build
 * starts gets {@code line.separator=\r\n} through {@code JAVA_TOOL_OPTIONS}.
 */
public enum Newline {
    LF("lf"), CRLF("crlf");

    private final String text;

    Newline(String text) {
        this.text = text;
    }

    /** The name in a session manifest's {@code build.newline} and on the command line: lf or crlf. */
    public String text() {
        return text;
    }

    /** The policy {@code text} names, if it names one (exact spelling, as {@link #text()} gives it). */
    public static Optional<Newline> ofText(String text) {
        return TextNames.of(values(), Newline::text, text);
    }

    /** The accepted names, for a message: "lf or crlf". */
    public static String choices() {
        return TextNames.choices(values(), Newline::text);
    }
}
