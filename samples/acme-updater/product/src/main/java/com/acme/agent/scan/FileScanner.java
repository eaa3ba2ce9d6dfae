package com.acme.agent.scan;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Walks a directory tree and reports files that match a signature. */
public final class FileScanner {

    /** Files larger than this are skipped; signatures target small droppers and scripts. */
    private static final long MAX_FILE_BYTES = 16L * 1024 * 1024;

    private final Supplier<SignatureDatabase> database;

    public FileScanner(Supplier<SignatureDatabase> database) {
        this.database = database;
    }

    /** A file and the signature it matched. */
    public record Detection(Path file, String signature) {
    }

    public List<Detection> scan(Path root) throws IOException {
        SignatureDatabase db = database.get();
        List<Detection> detections = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                return name.startsWith(".") && !dir.equals(root)
                        ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile() && attrs.size() <= MAX_FILE_BYTES) {
                    byte[] content = Files.readAllBytes(file);
                    for (Signature signature : db.signatures()) {
                        if (signature.matches(content)) {
                            detections.add(new Detection(file, signature.name()));
                        }
                    }
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE;
            }
        });
        return detections;
    }
}
