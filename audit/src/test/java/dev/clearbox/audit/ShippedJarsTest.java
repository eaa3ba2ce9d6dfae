package dev.clearbox.audit;

import dev.clearbox.core.unpack.PackageInventory;
import dev.clearbox.core.unpack.UnpackLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The classpath an audit gives the source analysis: every jar the unpacked packages hold, and nothing else. */
class ShippedJarsTest {
    @Test
    void everyUnpackedJarOfEveryPackageInAStableOrderAndNoLinkOrOtherFile(@TempDir Path unpack) throws Exception {
        Files.createDirectories(unpack.resolve("update.zip/lib/nested"));
        Files.writeString(unpack.resolve("update.zip/lib/b.jar"), "jar");
        Files.writeString(unpack.resolve("update.zip/lib/nested/a.jar"), "jar");
        Files.writeString(unpack.resolve("update.zip/lib/readme.txt"), "text");
        Path outside = Files.writeString(unpack.resolve("outside.jar"), "not in any package");
        Files.createSymbolicLink(unpack.resolve("update.zip/lib/link.jar"), outside);
        Files.createDirectories(unpack.resolve("agent.jar/META-INF"));
        Files.writeString(unpack.resolve("agent.jar/META-INF/inner.jar"), "jar");

        List<Path> jars = AuditPipeline.shippedJars(unpack, List.of(inventory("update.zip"), inventory("agent.jar"),
                inventory("not-unpacked.tar")));

        assertEquals(List.of(unpack.resolve("update.zip/lib/b.jar"), unpack.resolve("update.zip/lib/nested/a.jar"),
                unpack.resolve("agent.jar/META-INF/inner.jar")), jars);
    }

    private static PackageInventory inventory(String name) {
        return new PackageInventory(name, 0, "0".repeat(64), "zip", List.of(), UnpackLimits.defaults());
    }
}
