package dev.clearbox.analyzers.bytecode;

import java.util.List;
import java.util.Objects;

/**
 * A native library found in the shipped artifacts.
 *
 * @param file        its nested path
 * @param format      {@code ELF 64-bit}, {@code PE}, {@code Mach-O}...
 * @param symbols     exported (defined, global or weak) dynamic symbols, sorted; ELF only
 * @param jniSymbols  how many of them are JNI entry points ({@code Java_...})
 * @param problem     why the symbols could not be read, or empty
 */
public record NativeLibrary(String file, String format, List<String> symbols, int jniSymbols, String problem) {
    public NativeLibrary {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(format, "format");
        symbols = List.copyOf(symbols);
        problem = problem == null ? "" : problem;
    }
}
