package dev.clearbox.core.rebuild;

import dev.clearbox.core.ProgressListener;
import dev.clearbox.core.session.SessionManifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A hostile build tries to write outside its tree and to open a connection (to a socket this test listens
 * on, so no outside network is needed). Where the machine allows isolation, both are stopped; either way,
 * the result says what was in force, and what it says is true.
 */
class IsolationTest {
    @TempDir
    Path tmp;

    private RebuildResult hostileBuild(Isolation.Level wanted, Path outside, int port) throws Exception {
        return hostileBuild(wanted, outside, outside, port);
    }

    private RebuildResult hostileBuild(Isolation.Level wanted, Path outside, Path second, int port) throws Exception {
        Path tree = tmp.resolve("src-" + wanted);
        Files.createDirectories(tree);
        Files.writeString(tree.resolve("build.sh"), """
                mkdir -p out
                for f in '%s' '%s'; do
                  if echo escaped > "$f" 2>/dev/null; then echo wrote >> out/write.txt; else echo blocked >> out/write.txt; fi
                done
                if bash -c 'exec 3<>/dev/tcp/127.0.0.1/%d' 2>/dev/null; then echo connected > out/net.txt; else echo refused > out/net.txt; fi
                """.formatted(outside, second, port));
        BuildSpec spec = BuildSpec.of(BuildTool.COMMAND, List.of("sh", "build.sh"), JdkRequirement.feature(Runtime.version().feature()),
                Duration.ofSeconds(60), List.of(new SessionManifest.Artifact("out/write.txt", "w"),
                        new SessionManifest.Artifact("out/net.txt", "n"))).withRuns(1).withIsolation(wanted);
        return new Rebuilder(JdkLocator.system()).rebuild(new RebuildRequest(tree, spec, 0, tmp.resolve("ws-" + wanted + "/rebuild"),
                List.of()), ProgressListener.NONE);
    }

    private static String read(RebuildResult r, int i) throws Exception {
        return Files.readString(r.artifacts().get(i).file()).strip();
    }

    @Test
    void strongestAvailableIsolationContainsTheBuild() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "the probe script needs bash for /dev/tcp");
        Path outside = tmp.resolve("outside.txt");
        Path home = Path.of(System.getProperty("user.home"), ".clearbox-isolation-probe-" + ProcessHandle.current().pid());
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            RebuildResult r;
            boolean wroteHome;
            try {
                r = hostileBuild(Isolation.Level.BUBBLEWRAP, outside, home, server.getLocalPort());
            } finally {
                wroteHome = Files.deleteIfExists(home);
            }
            assertEquals(r.isolation().level() != Isolation.Level.BUBBLEWRAP, wroteHome, r.isolation().toString());
            assertEquals(RebuildResult.Status.SUCCEEDED, r.status(), r.reason());
            Isolation.Level level = r.isolation().level();
            // The record must match what happened, whatever this machine allows.
            boolean networkCut = level.compareTo(Isolation.Level.USER_NAMESPACE) >= 0;
            assertEquals(networkCut ? "refused" : "connected", read(r, 1), r.isolation().toString());
            // Under bubblewrap /tmp is private: a write there lands in a throwaway tmpfs, never on this machine.
            assertEquals(level == Isolation.Level.BUBBLEWRAP, !Files.exists(outside), r.isolation().toString());
            if (!networkCut) {
                assertTrue(r.notes().stream().anyMatch(n -> n.kind() == RebuildNote.Kind.ISOLATION
                        && n.message().contains("network could not be cut")), r.notes().toString());
            }
            assumeTrue(level == Isolation.Level.BUBBLEWRAP, "bubblewrap is not usable on this machine: " + r.notes());
            assertEquals("wrote\nblocked", read(r, 0), "/tmp is private and writable; the home directory is read-only");
            assertTrue(r.isolation().detail().contains("no network"), r.isolation().detail());
        }
    }

    @Test
    void userNamespaceCutsTheNetworkButNotTheFileSystem() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")));
        Path outside = tmp.resolve("outside-userns.txt");
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            RebuildResult r = hostileBuild(Isolation.Level.USER_NAMESPACE, outside, server.getLocalPort());
            assumeTrue(r.isolation().level() == Isolation.Level.USER_NAMESPACE, "user namespaces not allowed here");
            assertEquals("refused", read(r, 1));
            assertEquals("wrote\nwrote", read(r, 0), "the record says the file system is not restricted, and it is not");
            assertTrue(r.isolation().detail().contains("not restricted"));
        }
    }

    @Test
    void withoutIsolationTheRecordSaysSoAndItIsTrue() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")));
        Path outside = tmp.resolve("outside-none.txt");
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            RebuildResult r = hostileBuild(Isolation.Level.NONE, outside, server.getLocalPort());
            assertEquals(Isolation.Level.NONE, r.isolation().level());
            assertEquals("connected", read(r, 1));
            assertEquals("wrote\nwrote", read(r, 0));
            assertTrue(Files.exists(outside));
            assertTrue(r.isolation().detail().contains("not restricted"));
            assertTrue(r.notes().stream().anyMatch(n -> n.message().contains("network could not be cut")));
        }
    }

    @Test
    void timeoutKillsEverythingTheBuildStarted() throws Exception {
        Path tree = tmp.resolve("src-timeout");
        Files.createDirectories(tree);
        // A child that outlives its parent's death would write late.txt after 3 s.
        Files.writeString(tree.resolve("build.sh"), "(sleep 3; echo late > late.txt) &\nsleep 60\n");
        BuildSpec spec = BuildSpec.of(BuildTool.COMMAND, List.of("sh", "build.sh"), JdkRequirement.feature(Runtime.version().feature()),
                Duration.ofSeconds(1), List.of()).withRuns(1);
        RebuildResult r = new Rebuilder(JdkLocator.system()).rebuild(new RebuildRequest(tree, spec, 0, tmp.resolve("ws-t/rebuild"),
                List.of()), ProgressListener.NONE);
        assertEquals(RebuildResult.Status.TIMED_OUT, r.status());
        Thread.sleep(4000);
        assertFalse(Files.exists(tmp.resolve("ws-t/rebuild/tree/late.txt")), "the background child was killed with the build");
    }
}
