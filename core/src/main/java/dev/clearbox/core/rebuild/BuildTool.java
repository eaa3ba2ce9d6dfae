package dev.clearbox.core.rebuild;

import java.util.Optional;

/** The build tool that runs the vendor's build: it decides which tool version is recorded and how offline mode is asked for. */
public enum BuildTool {
    /** Apache Maven ({@code mvn} on the PATH, a Maven of the requested version, or the project's {@code mvnw}). */
    MAVEN("mvn"),
    /** Gradle (the project's {@code gradlew}, or {@code gradle} on the PATH). */
    GRADLE("gradle"),
    /** Any other command; nothing is known about it beyond the command line. */
    COMMAND("command");

    private final String text;

    BuildTool(String text) {
        this.text = text;
    }

    /** The name in a session manifest's {@code build.tool} and on the command line: mvn, gradle or command. */
    public String text() {
        return text;
    }

    /** The tool {@code text} names, if it names one (exact spelling, as {@link #text()} gives it). */
    public static Optional<BuildTool> ofText(String text) {
        return TextNames.of(values(), BuildTool::text, text);
    }

    /** The accepted names, for a message: "mvn, gradle or command". */
    public static String choices() {
        return TextNames.choices(values(), BuildTool::text);
    }
}
