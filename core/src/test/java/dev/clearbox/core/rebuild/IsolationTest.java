package dev.clearbox.core.rebuild;

import dev.clearbox.core.ProgressListener;
import dev.clearbox.core.session.SessionManifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Hostile builds against both sandboxes, bubblewrap and the util-linux one, which must enforce the same rules:
 * a build that tries to tamper with the evidence, write or read outside its copy, reach the network, signal a
 * process outside, leave processes behind, flood its log or fill the disk is contained, and the result says
 * what was in force.
 *
 * <p>A sandbox this machine lacks is skipped with the reason, except where {@code CLEARBOX_REQUIRE_SANDBOXES}
 * names it (CI installs bubblewrap and sets {@code bubblewrap,user-namespace}), so in CI every case runs under both.
 */
class IsolationTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    /** Runs {@code script} as the build, under {@code level}, collecting {@code outputs}. */
    private RebuildResult build(Isolation.Level level, String script, RebuildLimits limits, Duration timeout,
                                boolean unsandboxed, String... outputs) throws IOException {
        Path tree = Files.createDirectories(tmp.resolve("src-" + level));
        Files.writeString(tree.resolve("build.sh"), "mkdir -p out\n" + script);
        List<SessionManifest.Artifact> artifacts = new ArrayList<>();
        for (String o : outputs) {
            artifacts.add(new SessionManifest.Artifact(o, o));
        }
        BuildSpec spec = BuildSpec.of(BuildTool.COMMAND, List.of("sh", "build.sh"), JdkRequirement.feature(Runtime.version().feature()),
                timeout, artifacts).withRuns(1).withIsolation(level);
        return new Rebuilder(JdkLocator.system()).rebuild(new RebuildRequest(tree, spec, 0, tmp.resolve("ws/rebuild"), List.of(),
                limits, unsandboxed), ProgressListener.NONE);
    }

    private RebuildResult build(Isolation.Level level, String script, String... outputs) throws IOException {
        return build(level, script, RebuildLimits.DEFAULT, TIMEOUT, false, outputs);
    }

    /** The level must really be in force: skipped where this machine lacks it, a failure where CI requires it. */
    private static void inForce(Isolation.Level level, RebuildResult r) {
        RequiredSandbox.inForce(level, r);
    }

    private static String output(RebuildResult r, String path) throws IOException {
        assertEquals(RebuildResult.Status.SUCCEEDED, r.status(), r.reason());
        return r.artifacts().stream().filter(a -> a.path().equals(path)).findFirst()
                .map(a -> {
                    try {
                        return Files.readString(a.file()).strip();
                    } catch (IOException e) {
                        throw new AssertionError(e);
                    }
                }).orElseThrow(() -> new AssertionError("no output " + path + " in " + r.artifacts()));
    }

    @ParameterizedTest
    @EnumSource(value = Isolation.Level.class, names = {"BUBBLEWRAP", "USER_NAMESPACE"})
    void theBuildCannotTouchTheEvidenceOrAnythingOutsideItsCopy(Isolation.Level level) throws Exception {
        Path shipped = Files.createDirectories(tmp.resolve("ws/unpack/pkg/lib")).resolve("agent.jar");
        Files.writeString(shipped, "shipped bytes");
        Path outsideTmp = tmp.resolve("outside.txt");
        Path home = Path.of(System.getProperty("user.home"));
        Path homeFile = home.resolve(".clearbox-sandbox-probe-" + ProcessHandle.current().pid());
        Path m2File = home.resolve(".m2/clearbox-sandbox-probe-" + ProcessHandle.current().pid());
        Path secret = Files.writeString(tmp.resolve("auditor-secret.txt"), "the auditor's secret");
        String script = """
                ls -A "$HOME" | grep -v -x -e .m2 -e .gradle > out/home.txt || true
                try() { if sh -c "$1" >/dev/null 2>&1; then echo "$2 yes"; else echo "$2 no"; fi; }
                try 'cp build.sh ../../unpack/pkg/lib/agent.jar' tamper-relative >> out/w.txt
                try 'echo forged > %1$s' tamper-absolute >> out/w.txt
                try 'echo x > %2$s' write-tmp >> out/w.txt
                try 'echo x > %3$s' write-home >> out/w.txt
                try 'mkdir -p %4$s && echo x > %5$s' write-m2 >> out/w.txt
                try 'echo x > %6$s/planted' write-source >> out/w.txt
                try 'echo x > /usr/clearbox-probe' write-usr >> out/w.txt
                try 'echo x > /etc/clearbox-probe' write-etc >> out/w.txt
                try 'echo x > /clearbox-probe' write-root >> out/w.txt
                try 'echo x > /tmp/private && test -s /tmp/private' private-tmp >> out/w.txt
                try 'echo x > "$HOME/private" && test -s "$HOME/private"' private-home >> out/w.txt
                try 'cat %7$s' read-secret >> out/r.txt
                try 'test -s /etc/shadow && cat /etc/shadow' read-shadow >> out/r.txt
                try 'ls %8$s/.ssh' list-ssh >> out/r.txt
                try 'test -e %9$s' see-workspace >> out/r.txt
                try '"$JAVA_HOME/bin/java" -version' run-jdk >> out/r.txt
                """.formatted(shipped, outsideTmp, homeFile, m2File.getParent(), m2File, tmp.resolve("src-" + level),
                secret, home, tmp.resolve("ws/unpack"));
        RebuildResult r = build(level, script, "out/w.txt", "out/r.txt", "out/home.txt");
        boolean wroteHome = Files.deleteIfExists(homeFile);
        boolean wroteM2 = Files.deleteIfExists(m2File);
        inForce(level, r);
        assertEquals("shipped bytes", Files.readString(shipped), "the shipped file is untouched");
        assertFalse(Files.exists(outsideTmp), "nothing lands in this machine's /tmp");
        assertFalse(wroteHome, "nothing lands in the auditor's home");
        assertFalse(wroteM2, "nothing lands in the auditor's ~/.m2");
        assertFalse(Files.exists(tmp.resolve("src-" + level + "/planted")), "the original tree is untouched");
        // /tmp and the home are the build's own, in memory: the writes there succeed and vanish (asserted above)
        assertEquals("""
                tamper-relative no
                tamper-absolute no
                write-tmp yes
                write-home yes
                write-m2 yes
                write-source no
                write-usr no
                write-etc no
                write-root no
                private-tmp yes
                private-home yes""", output(r, "out/w.txt"));
        assertEquals("""
                read-secret no
                read-shadow no
                list-ssh no
                see-workspace no
                run-jdk yes""", output(r, "out/r.txt"));
        assertEquals("", output(r, "out/home.txt"), "the home holds only the bound dependency caches");
        assertTrue(r.isolation().sandboxed() && r.isolation().detail().contains("no network"), r.isolation().detail());
    }

    @ParameterizedTest
    @EnumSource(value = Isolation.Level.class, names = {"BUBBLEWRAP", "USER_NAMESPACE"})
    void theBuildHasNoNetwork(Isolation.Level level) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "the probe needs bash for /dev/tcp");
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            RebuildResult r = build(level, "if bash -c 'exec 3<>/dev/tcp/127.0.0.1/%d' 2>/dev/null; then echo connected; else echo refused; fi > out/n.txt\n"
                    .formatted(server.getLocalPort()), "out/n.txt");
            inForce(level, r);
            assertEquals("refused", output(r, "out/n.txt"));
        }
    }

    @ParameterizedTest
    @EnumSource(value = Isolation.Level.class, names = {"BUBBLEWRAP", "USER_NAMESPACE"})
    @Timeout(120)
    void theBuildCannotSignalProcessesOutsideIt(Isolation.Level level) throws Exception {
        Process victim = new ProcessBuilder("sleep", "120").start();
        try {
            long pid = victim.pid();
            RebuildResult r = build(level, """
                    kill -STOP %1$d 2>/dev/null && echo stopped >> out/s.txt
                    kill -KILL %1$d 2>/dev/null && echo killed >> out/s.txt
                    kill -STOP %2$d 2>/dev/null && echo stopped-clearbox >> out/s.txt
                    for p in /proc/[0-9]*; do tr '\\0' ' ' < $p/cmdline 2>/dev/null; echo; done | grep -c 'sleep 12[0]' >> out/s.txt || true
                    """.formatted(pid, ProcessHandle.current().pid()), "out/s.txt");
            inForce(level, r);
            assertEquals("0", output(r, "out/s.txt"), "no signal reached a process outside, which the build cannot even see");
            assertTrue(victim.isAlive());
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            assertFalse(stat.substring(stat.lastIndexOf(')') + 2).startsWith("T"), "the process outside is not stopped: " + stat);
        } finally {
            victim.destroyForcibly();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Isolation.Level.class, names = {"BUBBLEWRAP", "USER_NAMESPACE"})
    @Timeout(120)
    void nothingTheBuildStartedOutlivesIt(Isolation.Level level) throws Exception {
        String marker = "987.6" + (ProcessHandle.current().pid() % 1000);
        RebuildResult r = build(level, """
                i=0
                while [ $i -lt 100 ]; do setsid sleep %1$s > /dev/null 2>&1 & i=$((i+1)); done
                (sh -c 'sleep %1$s & exit 0' &)
                (setsid sh -c 'sleep 3; echo late > late.txt' &)
                sleep 1
                echo started > out/p.txt
                """.formatted(marker), "out/p.txt");
        inForce(level, r);
        assertEquals("started", output(r, "out/p.txt"));
        Thread.sleep(4000);
        assertFalse(Files.exists(tmp.resolve("ws/rebuild/tree/late.txt")), "a detached child wrote after the build ended");
        assertEquals(0, processesWith(marker), "processes started by the build are still running");
    }

    @ParameterizedTest
    @EnumSource(value = Isolation.Level.class, names = {"BUBBLEWRAP", "USER_NAMESPACE"})
    @Timeout(120)
    void theTimeLimitHoldsWhateverTheBuildDoes(Isolation.Level level) throws Exception {
        long start = System.nanoTime();
        // A duration no other run on this machine uses (the suite may run in several checkouts at once).
        String sleep = "sleep 300." + ProcessHandle.current().pid() + level.ordinal();
        RebuildResult r = build(level, """
                trap '' TERM INT HUP
                (trap '' TERM; setsid sh -c 'trap "" TERM; %1$s') &
                kill -STOP $$ 2>/dev/null
                %1$s
                """.formatted(sleep), RebuildLimits.DEFAULT, Duration.ofSeconds(2), false);
        inForce(level, r);
        assertEquals(RebuildResult.Status.TIMED_OUT, r.status(), r.reason());
        assertTrue(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start) < 30, "the time limit held");
        assertEquals(0, processesWith(sleep), "the build was killed with everything it started");
    }

    @ParameterizedTest
    @EnumSource(value = Isolation.Level.class, names = {"BUBBLEWRAP", "USER_NAMESPACE"})
    void theLogIsCapped(Isolation.Level level) throws Exception {
        RebuildLimits limits = new RebuildLimits(1 << 20, RebuildLimits.DEFAULT.maxFileBytes(),
                RebuildLimits.DEFAULT.maxTreeBytes(), RebuildLimits.DEFAULT.maxTmpBytes());
        RebuildResult r = build(level, "head -c 67108864 /dev/zero | tr '\\0' x\necho done > out/d.txt\n", limits, TIMEOUT,
                false, "out/d.txt");
        inForce(level, r);
        assertEquals("done", output(r, "out/d.txt"), "the build went on after its log was capped");
        long size = Files.size(tmp.resolve("ws/rebuild/build.log"));
        assertTrue(size < (1 << 20) + 1024, "log of " + size + " bytes");
        assertTrue(Files.readString(tmp.resolve("ws/rebuild/build.log"), StandardCharsets.ISO_8859_1).contains("further output was dropped"));
        assertTrue(r.notes().stream().anyMatch(n -> n.message().contains("log reached its cap")), r.notes().toString());
    }

    @ParameterizedTest
    @EnumSource(value = Isolation.Level.class, names = {"BUBBLEWRAP", "USER_NAMESPACE"})
    void aFileOverTheCapCannotBeWritten(Isolation.Level level) throws Exception {
        RebuildLimits limits = new RebuildLimits(1 << 20, 4L << 20, RebuildLimits.DEFAULT.maxTreeBytes(), 64L << 20);
        RebuildResult r = build(level, """
                if head -c 8388608 /dev/zero > big.bin 2>/dev/null; then echo wrote; else echo refused; fi > out/f.txt
                if head -c 134217728 /dev/zero > /tmp/big.bin 2>/dev/null; then echo wrote; else echo refused; fi >> out/f.txt
                """, limits, TIMEOUT, false, "out/f.txt");
        inForce(level, r);
        assertEquals("refused\nrefused", output(r, "out/f.txt"));
        assertTrue(Files.size(tmp.resolve("ws/rebuild/tree/big.bin")) <= 4L << 20);
    }

    @ParameterizedTest
    @EnumSource(value = Isolation.Level.class, names = {"BUBBLEWRAP", "USER_NAMESPACE"})
    @Timeout(120)
    void aBuildThatFillsItsTreeIsStopped(Isolation.Level level) throws Exception {
        RebuildLimits limits = new RebuildLimits(1 << 20, 4L << 20, 16L << 20, 64L << 20);
        RebuildResult r = build(level, """
                i=0
                while [ $i -lt 100 ]; do head -c 3145728 /dev/zero > fill-$i.bin; i=$((i+1)); done
                sleep 60
                """, limits, TIMEOUT, false);
        inForce(level, r);
        assertEquals(RebuildResult.Status.LIMIT_EXCEEDED, r.status(), r.reason());
        assertTrue(r.reason().contains("more than 16777216 bytes"), r.reason());
    }

    @ParameterizedTest
    @EnumSource(value = Isolation.Level.class, names = {"BUBBLEWRAP", "USER_NAMESPACE"})
    void anOutputLinkedOutOfTheTreeIsNotAnOutput(Isolation.Level level) throws Exception {
        Path shipped = Files.createDirectories(tmp.resolve("ws/unpack/pkg")).resolve("agent.jar");
        Files.writeString(shipped, "shipped bytes");
        RebuildResult r = build(level, "ln -s %s out/agent.jar\n".formatted(shipped), "out/agent.jar");
        inForce(level, r);
        assertEquals(RebuildResult.Status.ARTIFACT_MISSING, r.status(), r.reason());
        RebuildResult dir = build(level, "ln -s %s built\n".formatted(shipped.getParent()), "built/agent.jar");
        assertEquals(RebuildResult.Status.ARTIFACT_MISSING, dir.status(), "a directory link out of the tree: " + dir.reason());
    }

    @Test
    void withoutASandboxTheBuildIsNotRunUnlessTheAuditorAllowsIt() throws Exception {
        Path marker = tmp.resolve("ran.txt");
        String script = "echo ran > %s\necho x > out/x.txt\n".formatted(marker);
        RebuildResult refused = build(Isolation.Level.NONE, script, RebuildLimits.DEFAULT, TIMEOUT, false, "out/x.txt");
        assertEquals(RebuildResult.Status.SANDBOX_UNAVAILABLE, refused.status());
        assertTrue(refused.reason().contains("--unsandboxed-build"), refused.reason());
        assertFalse(Files.exists(marker), "the vendor's build did not run");

        RebuildResult allowed = build(Isolation.Level.NONE, script, RebuildLimits.DEFAULT, TIMEOUT, true, "out/x.txt");
        assertEquals(RebuildResult.Status.SUCCEEDED, allowed.status(), allowed.reason());
        assertTrue(Files.exists(marker), "unsandboxed, as asked, the build can write anywhere");
        assertFalse(allowed.isolation().sandboxed());
        assertTrue(allowed.isolation().detail().startsWith("UNSANDBOXED"), allowed.isolation().detail());
        assertTrue(allowed.notes().stream().anyMatch(n -> n.kind() == RebuildNote.Kind.ISOLATION
                && n.message().startsWith("UNSANDBOXED")), allowed.notes().toString());
    }

    /** How many processes of this machine have {@code text} in their command line. */
    private static long processesWith(String text) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().arguments().map(a -> String.join(" ", a)).map(a -> (p.info().command().orElse("") + " " + a)
                        .contains(text)).orElse(false)
                        || p.info().commandLine().map(c -> c.contains(text)).orElse(false))
                .count();
    }
}
