package dev.clearbox.core.workspace;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkspaceDeleteTreeTest {
    @TempDir
    Path tmp;

    @Test
    void deletesTheTreeButNeverFollowsALinkOut() throws Exception {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Path precious = Files.writeString(outside.resolve("precious.txt"), "keep me");
        Path root = Files.createDirectories(tmp.resolve("ws/a/b"));
        Files.writeString(root.resolve("f.txt"), "x");
        Files.createSymbolicLink(tmp.resolve("ws/a/link"), outside);

        Workspace.deleteTree(tmp.resolve("ws"), false);

        assertFalse(Files.exists(tmp.resolve("ws")));
        assertEquals("keep me", Files.readString(precious), "the link's target is untouched");
    }

    @Test
    void keepRootEmptiesTheDirectoryAndMissingRootIsFine() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("dest/sub"));
        Files.writeString(root.resolve("f.txt"), "x");
        Workspace.deleteTree(tmp.resolve("dest"), true);
        assertTrue(Files.isDirectory(tmp.resolve("dest")));
        try (var s = Files.list(tmp.resolve("dest"))) {
            assertEquals(0, s.count());
        }
        Workspace.deleteTree(tmp.resolve("absent"), false); // no exception
    }
}
