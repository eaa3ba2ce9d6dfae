package dev.clearbox.analyzers.bytecode;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.fail;

/** Test helper: compiles Java source texts in memory (javax.tools) into a class directory. */
final class Compiler {
    private Compiler() {
    }

    /**
     * @param sources relative path ({@code com/acme/A.java}) → text
     * @param options extra javac options, for example {@code --release 8} or {@code -g:none}
     */
    static Path compile(Map<String, String> sources, Path classes, String... options) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, null)) {
            Files.createDirectories(classes);
            files.setLocationFromPaths(StandardLocation.CLASS_OUTPUT, List.of(classes));
            List<JavaFileObject> units = new ArrayList<>();
            sources.forEach((path, text) -> units.add(new SimpleJavaFileObject(URI.create("string:///" + path),
                    JavaFileObject.Kind.SOURCE) {
                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return text;
                }
            }));
            List<String> args = new ArrayList<>(List.of("-proc:none", "-nowarn", "-XDsuppressNotes"));
            args.addAll(List.of(options));
            if (!javac.getTask(null, files, diagnostics, args, null, units).call()) {
                StringBuilder b = new StringBuilder("compilation failed:");
                for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                    b.append('\n').append(d);
                }
                fail(b.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return classes;
    }
}
