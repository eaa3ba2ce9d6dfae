package dev.clearbox.analyzers.source.internal;

import com.github.javaparser.ast.CompilationUnit;

import java.nio.file.Path;

/** A parsed source file with its path relative to the root and its lines (for evidence). */
public record ParsedFile(Path path, String relativePath, CompilationUnit unit, String[] lines) {

    /** The trimmed text of a 1-based line, or empty. */
    public String line(int number) {
        return number >= 1 && number <= lines.length ? lines[number - 1].strip() : "";
    }
}
