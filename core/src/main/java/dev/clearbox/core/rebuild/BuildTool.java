package dev.clearbox.core.rebuild;

/** The build tool that runs the vendor's build: it decides which tool version is recorded and how offline mode is asked for. */
public enum BuildTool {
    /** Apache Maven ({@code mvn} on the PATH, a Maven of the requested version, or the project's {@code mvnw}). */
    MAVEN,
    /** Gradle (the project's {@code gradlew}, or {@code gradle} on the PATH). */
    GRADLE,
    /** Any other command; nothing is known about it beyond the command line. */
    COMMAND
}
