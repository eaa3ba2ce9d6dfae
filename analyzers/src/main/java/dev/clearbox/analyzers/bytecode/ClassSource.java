package dev.clearbox.analyzers.bytecode;

import java.util.Objects;

/**
 * Where a shipped class comes from.
 *
 * @param classFile  the class file's nested path
 * @param className  its binary name
 * @param sourceFile the source file's path relative to the source root, or empty when no source file matches
 */
public record ClassSource(String classFile, String className, String sourceFile) {
    public ClassSource {
        Objects.requireNonNull(classFile, "classFile");
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(sourceFile, "sourceFile");
    }
}
