package dev.clearbox.analyzers.source.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The jars beside the sources that would resolve a missing type: found by entry name, hostile jars skipped. */
class MissingTypeJarsTest {
    @Test
    void nestedAndSimpleNamesMatchTheirClassFiles() {
        Set<String> entries = Set.of("org/vendor/Outer$Inner.class", "org/vendor/Base.class");
        assertTrue(MissingTypeJars.holds(entries, "org.vendor.Outer.Inner"));
        assertTrue(MissingTypeJars.holds(entries, "org.vendor.Base"));
        assertTrue(MissingTypeJars.holds(entries, "Base"), "a simple name, as written where the imports did not tell");
        assertFalse(MissingTypeJars.holds(entries, "org.vendor.Other"));
        assertFalse(MissingTypeJars.holds(entries, "org.other.Base"));
    }

    @Test
    void jarsUnderTheRootAreNamedRelativeToItAndClasspathOrBrokenJarsAreLeftOut(@TempDir Path root) throws Exception {
        Path a = jar(root.resolve("lib/a.jar"), "org/vendor/Base.class");
        Path b = jar(root.resolve("build/libs/b.jar"), "org/vendor/Base.class");
        Path onClasspath = jar(root.resolve("lib/c.jar"), "org/vendor/Base.class");
        Files.writeString(root.resolve("lib/broken.jar"), "not a zip");
        Files.createDirectories(root.resolve(".git"));
        jar(root.resolve(".git/x.jar"), "org/vendor/Base.class");
        Map<String, List<String>> found = MissingTypeJars.find(root, List.of("org.vendor.Base", "org.vendor.Gone"),
                List.of(onClasspath));
        assertEquals(Map.of("org.vendor.Base", List.of("build/libs/b.jar", "lib/a.jar")), found);
        assertTrue(Files.exists(a) && Files.exists(b));
    }

    private static Path jar(Path file, String entry) throws Exception {
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry(entry));
            zip.write(new byte[] {1});
            zip.closeEntry();
        }
        return file;
    }
}
