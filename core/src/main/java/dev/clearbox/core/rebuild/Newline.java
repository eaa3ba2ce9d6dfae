package dev.clearbox.core.rebuild;

/**
 * The line-ending policy of the build. {@link #CRLF} builds "as if on Windows": text files in the build copy
 * get CRLF line endings (as a Windows checkout with {@code core.autocrlf} would), and every JVM the build
 * starts gets {@code line.separator=\r\n} through {@code JAVA_TOOL_OPTIONS}.
 */
public enum Newline {
    LF, CRLF
}
