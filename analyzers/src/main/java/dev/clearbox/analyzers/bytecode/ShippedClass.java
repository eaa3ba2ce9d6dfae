package dev.clearbox.analyzers.bytecode;

import java.util.Objects;

/**
 * A class file found in the shipped artifacts.
 *
 * @param file       its nested path, for example {@code pkg.zip!/lib/a.jar!/com/acme/A.class}
 * @param container  the nested path of the jar it is in, or empty for a loose class file
 * @param name       the binary class name ({@code com.acme.A$Inner})
 * @param sourceFile the {@code SourceFile} attribute, or empty when the compiler left it out
 * @param major      the class-file major version
 * @param lineTable  whether its code carries line-number tables (true when it has no code)
 */
public record ShippedClass(String file, String container, String name, String sourceFile, int major, boolean lineTable) {
    public ShippedClass {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(container, "container");
        Objects.requireNonNull(name, "name");
        sourceFile = sourceFile == null ? "" : sourceFile;
    }

    /** The package, dotted, empty for the default package. */
    public String packageName() {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(0, dot);
    }
}
