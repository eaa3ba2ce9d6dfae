package dev.clearbox.core.compare;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Builds compare fixtures in code: jars, tars and classes compiled in memory. */
final class Fixtures {
    static final long TIME = 1_700_000_000_000L;

    private Fixtures() {
    }

    /** One archive entry: name, content, time, unix mode (-1: none), compression method. */
    record E(String name, byte[] content, long time, int mode, int method) {
        static E of(String name, String content) {
            return new E(name, content.getBytes(StandardCharsets.UTF_8), TIME, -1, ZipArchiveEntry.DEFLATED);
        }

        static E of(String name, byte[] content) {
            return new E(name, content, TIME, -1, ZipArchiveEntry.DEFLATED);
        }

        E time(long t) {
            return new E(name, content, t, mode, method);
        }

        E mode(int m) {
            return new E(name, content, time, m, method);
        }

        E stored() {
            return new E(name, content, time, mode, ZipArchiveEntry.STORED);
        }
    }

    static Path jar(Path file, List<E> entries) throws IOException {
        Files.write(file, jarBytes(entries));
        return file;
    }

    static byte[] jarBytes(List<E> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(bytes)) {
            for (E e : entries) {
                ZipArchiveEntry z = new ZipArchiveEntry(e.name());
                z.setTime(e.time());
                z.setMethod(e.method());
                if (e.mode() >= 0) {
                    z.setUnixMode(0100000 | e.mode());
                }
                if (e.method() == ZipArchiveEntry.STORED) {
                    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
                    crc.update(e.content());
                    z.setSize(e.content().length);
                    z.setCrc(crc.getValue());
                }
                out.putArchiveEntry(z);
                out.write(e.content());
                out.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    static Path tarGz(Path file, List<E> entries) throws IOException {
        try (OutputStream raw = Files.newOutputStream(file);
             GzipCompressorOutputStream gz = new GzipCompressorOutputStream(raw);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(gz)) {
            for (E e : entries) {
                TarArchiveEntry t = new TarArchiveEntry(e.name());
                t.setSize(e.content().length);
                t.setModTime(e.time());
                t.setMode(0100000 | (e.mode() < 0 ? 0644 : e.mode()));
                tar.putArchiveEntry(t);
                tar.write(e.content());
                tar.closeArchiveEntry();
            }
        }
        return file;
    }

    /**
     * Compiles Java sources in memory.
     *
     * @param sources class name → source text
     * @param options javac options (for example {@code -g:none})
     * @return internal class name + ".class" → bytes, sorted
     */
    static Map<String, byte[]> compile(Map<String, String> sources, String... options) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Map<String, ByteArrayOutputStream> out = new TreeMap<>();
        StandardJavaFileManager std = javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8);
        var fm = new ForwardingJavaFileManager<>(std) {
            @Override
            public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                                                       FileObject sibling) {
                return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + ".class"), kind) {
                    @Override
                    public OutputStream openOutputStream() {
                        return out.computeIfAbsent(className.replace('.', '/') + ".class", k -> new ByteArrayOutputStream());
                    }
                };
            }
        };
        List<JavaFileObject> units = new ArrayList<>();
        sources.forEach((name, text) -> units.add(new SimpleJavaFileObject(
                URI.create("string:///" + name.replace('.', '/') + ".java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return text;
            }
        }));
        List<String> opts = new ArrayList<>(List.of("--release", "17"));
        opts.addAll(List.of(options));
        if (!javac.getTask(null, fm, diagnostics, opts, null, units).call()) {
            throw new AssertionError("does not compile: " + diagnostics.getDiagnostics());
        }
        Map<String, byte[]> classes = new TreeMap<>();
        out.forEach((k, v) -> classes.put(k, v.toByteArray()));
        return classes;
    }

    static byte[] compileOne(String className, String source, String... options) {
        return compile(Map.of(className, source), options).get(className.replace('.', '/') + ".class");
    }
}
