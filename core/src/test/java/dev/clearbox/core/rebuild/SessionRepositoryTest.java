package dev.clearbox.core.rebuild;

import dev.clearbox.core.InvalidInputException;
import dev.clearbox.core.ProgressListener;
import dev.clearbox.core.session.SessionManifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The session's own Maven repository: Maven is pointed at it ({@code -Dmaven.repo.local}, checked with a fake
 * {@code mvnw} that prints its arguments), a seed is copied into it, and no build — in the fetch run, which may write
 * the repository, or a build run, which may not — can change the seed or the auditor's {@code ~/.m2/repository}.
 */
class SessionRepositoryTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    /** A prepared repository with one artifact. */
    private Path seed() throws IOException {
        Path seed = Files.createDirectories(tmp.resolve("audit-room/m2/org/example/lib/1.0"));
        Files.writeString(seed.resolve("lib-1.0.jar"), "prepared jar");
        return tmp.resolve("audit-room/m2");
    }

    /** A tree whose {@code ./mvnw} is a shell script (the fake Maven), executable. */
    private Path tree(String mvnw) throws IOException {
        Path tree = Files.createDirectories(tmp.resolve("src"));
        Path script = Files.writeString(tree.resolve("mvnw"), "#!/bin/sh\nset -u\nmkdir -p out\n" + mvnw);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return tree;
    }

    private RebuildResult rebuild(Path tree, Isolation.Level level, NetworkPolicy network, Path seed, String... outputs) {
        BuildSpec spec = BuildSpec.of(BuildTool.MAVEN, List.of("./mvnw", "-B", "package"),
                        JdkRequirement.feature(Runtime.version().feature()), TIMEOUT,
                        java.util.Arrays.stream(outputs).map(o -> new SessionManifest.Artifact(o, o)).toList())
                .withRuns(1).withIsolation(level).withNetwork(network, List.of());
        return new Rebuilder(JdkLocator.system()).rebuild(new RebuildRequest(tree, spec, 0, tmp.resolve("ws/rebuild"), List.of())
                .withSeedRepository(seed), ProgressListener.NONE);
    }

    /** The level must really be in force: skipped where this machine lacks it, a failure where CI requires it. */
    private static void inForce(Isolation.Level level, RebuildResult r) {
        RequiredSandbox.inForce(level, r);
    }

    private static String output(RebuildResult r, String path) throws IOException {
        assertEquals(RebuildResult.Status.SUCCEEDED, r.status(), r.reason() + " " + r.notes());
        for (RebuildResult.RebuiltArtifact a : r.artifacts()) {
            if (a.path().equals(path)) {
                return Files.readString(a.file()).strip();
            }
        }
        throw new AssertionError("no output " + path + " in " + r.artifacts());
    }

    @ParameterizedTest
    @EnumSource(value = Isolation.Level.class, names = {"BUBBLEWRAP", "USER_NAMESPACE"})
    void mavenIsPointedAtTheSeededSessionRepositoryAndItIsAlsoTheHomesRepository(Isolation.Level level) throws Exception {
        Path tree = tree("""
                for a in "$@"; do echo "$a"; done > out/args.txt
                repo=$(sed -n 's/^-Dmaven.repo.local=//p' out/args.txt)
                cat "$repo/org/example/lib/1.0/lib-1.0.jar" > out/seen.txt; echo >> out/seen.txt
                cat "$HOME/.m2/repository/org/example/lib/1.0/lib-1.0.jar" >> out/seen.txt
                """);
        RebuildResult r = rebuild(tree, level, NetworkPolicy.OFFLINE, seed(), "out/args.txt", "out/seen.txt");
        inForce(level, r);
        assertEquals(List.of("--offline", "-Dmaven.repo.local=../repository", "-B", "package"),
                List.of(output(r, "out/args.txt").split("\n")));
        assertEquals(List.of("./mvnw", "--offline", "-Dmaven.repo.local=../repository", "-B", "package"), r.command(),
                "the command as run names the session repository, relative to the run's tree (no auditor directory in the record)");
        assertEquals("prepared jar\nprepared jar", output(r, "out/seen.txt"),
                "the seed's artifact is in the session repository, under -Dmaven.repo.local and ~/.m2/repository alike");
        RebuildNote note = r.notes().stream().filter(n -> n.kind() == RebuildNote.Kind.DEPENDENCIES).findFirst().orElseThrow();
        assertTrue(note.message().contains("is the session's own, rebuild/repository, seeded from " + tmp.resolve("audit-room/m2")
                + " (1 files, 12 bytes copied; the seed itself is not visible to the build)"), note.message());
    }

    @ParameterizedTest
    @EnumSource(value = Isolation.Level.class, names = {"BUBBLEWRAP", "USER_NAMESPACE"})
    void noRunCanChangeTheSeedOrTheAuditorsRepository(Isolation.Level level) throws Exception {
        Path seed = seed();
        Path seedJar = seed.resolve("org/example/lib/1.0/lib-1.0.jar");
        Path auditorRepo = Path.of(System.getProperty("user.home"), ".m2", "repository");
        String probe = "clearbox-repo-probe-" + ProcessHandle.current().pid() + "-" + level.ordinal();
        Path auditorProbe = auditorRepo.resolve(probe);
        // The fetch run (with network, the repository writable) and the build run (offline, read-only) each try
        // every way out; the fetch run's results are kept in the fetch tree.
        Path tree = tree("""
                try() { if sh -c "$1" >/dev/null 2>&1; then echo "$2 yes"; else echo "$2 no"; fi; }
                repo=$(for a in "$@"; do echo "$a"; done | sed -n 's/^-Dmaven.repo.local=//p')
                [ -n "$repo" ] || { echo "no -Dmaven.repo.local" > out/w.txt; exit 0; }
                try "echo x > \\"$repo/%1$s\\"" write-session-repo >> out/w.txt
                try "echo x > \\"$HOME/.m2/repository/%1$s-home\\"" write-home-repo >> out/w.txt
                try "echo tampered >> \\"$repo/org/example/lib/1.0/lib-1.0.jar\\"" change-seeded-file >> out/w.txt
                try "echo x > %2$s/%1$s" write-seed >> out/w.txt
                try "echo x >> %3$s" change-seed-file >> out/w.txt
                try "echo x > %4$s" write-auditor-repo >> out/w.txt
                try "test -e %2$s" see-seed >> out/w.txt
                """.formatted(probe, seed, seedJar, auditorProbe));
        RebuildResult r = rebuild(tree, level, NetworkPolicy.FETCH_FIRST, seed, "out/w.txt");
        boolean wroteAuditor = Files.deleteIfExists(auditorProbe) | Files.deleteIfExists(auditorRepo.resolve(probe + "-home"));
        inForce(level, r);
        assertFalse(wroteAuditor, "nothing lands in the auditor's ~/.m2/repository");
        assertEquals("prepared jar", Files.readString(seedJar), "the seed is unchanged");
        try (var files = Files.walk(seed)) {
            assertEquals(1, files.filter(Files::isRegularFile).count(), "nothing was added to the seed");
        }
        assertEquals("""
                write-session-repo yes
                write-home-repo yes
                change-seeded-file yes
                write-seed no
                change-seed-file no
                write-auditor-repo yes
                see-seed no""", Files.readString(tmp.resolve("ws/rebuild/fetch-tree/out/w.txt")).strip(),
                "the fetch run fills the session repository, and only it (the auditor's repository path is the session's in the sandbox)");
        Path session = tmp.resolve("ws/rebuild/repository");
        assertTrue(Files.exists(session.resolve(probe)) && Files.exists(session.resolve(probe + "-home")),
                "what the fetch run wrote is in the session repository, inside the workspace");
        assertEquals("""
                write-session-repo no
                write-home-repo no
                change-seeded-file no
                write-seed no
                change-seed-file no
                write-auditor-repo no
                see-seed no""", output(r, "out/w.txt"), "a build run reads the session repository only");
    }

    @Test
    void aRepositoryTheRecipeNamesIsReplacedBySessionsOwn() throws Exception {
        Path tree = tree("for a in \"$@\"; do echo \"$a\"; done > out/args.txt\n");
        BuildSpec spec = BuildSpec.of(BuildTool.MAVEN, List.of("./mvnw", "-Dmaven.repo.local=/home/vendor/.m2/repository", "-D",
                                "maven.repo.local=/elsewhere", "-B", "package"), JdkRequirement.feature(Runtime.version().feature()),
                        TIMEOUT, List.of(new SessionManifest.Artifact("out/args.txt", "args")))
                .withRuns(1).withNetwork(NetworkPolicy.ONLINE, List.of());
        RebuildResult r = new Rebuilder(JdkLocator.system()).rebuild(new RebuildRequest(tree, spec, 0, tmp.resolve("ws/rebuild"),
                List.of()).withUnsandboxed(true), ProgressListener.NONE);
        assertEquals(List.of("-Dmaven.repo.local=../repository", "-B", "package"), List.of(output(r, "out/args.txt").split("\n")),
                "online: no --offline, and only the session repository");
        assertTrue(r.notes().stream().anyMatch(n -> n.kind() == RebuildNote.Kind.DEPENDENCIES
                && n.message().equals("the recipe's own -Dmaven.repo.local was replaced by the session repository")), r.notes().toString());
    }

    @Test
    void withoutASeedTheRepositoryStartsEmptyEveryTimeAndAnOfflineMavenBuildIsWarned() throws Exception {
        Path work = tmp.resolve("ws/rebuild");
        Files.createDirectories(work.resolve("repository/left/over"));
        SessionRepository r = SessionRepository.prepare(work, null);
        assertFalse(r.seeded());
        try (var files = Files.list(r.path())) {
            assertEquals(0, files.count(), "what an earlier rebuild fetched is gone");
        }
        assertEquals("the build's Maven repository (maven.repo.local) is the session's own, rebuild/repository, not seeded "
                + "(it started empty); the auditor's ~/.m2/repository is not used", r.note("rebuild/repository").message());

        Path tree = tree("echo built > out/a.txt\n");
        RebuildResult built = rebuild(tree, Isolation.Level.BUBBLEWRAP, NetworkPolicy.OFFLINE, null, "out/a.txt");
        inForce(Isolation.Level.BUBBLEWRAP, built); // skipped without bubblewrap only where CI does not require it
        assertTrue(built.notes().stream().anyMatch(n -> n.kind() == RebuildNote.Kind.DEPENDENCIES
                && n.message().contains("starts empty and no run may fetch")), built.notes().toString());
    }

    @Test
    void aSeedThatIsNotADirectoryOrHoldsTheSessionRepositoryIsRefused() throws Exception {
        Path work = tmp.resolve("ws/rebuild");
        InvalidInputException notDir = assertThrows(InvalidInputException.class,
                () -> SessionRepository.prepare(work, tmp.resolve("missing")));
        assertTrue(notDir.getMessage().contains(tmp.resolve("missing") + ": the seed repository is not a directory"),
                notDir.getMessage());
        Path inside = Files.createDirectories(work.resolve("repository/org"));
        Files.writeString(inside.resolve("keep"), "x");
        assertThrows(InvalidInputException.class, () -> SessionRepository.prepare(work, work.resolve("repository")));
        assertThrows(InvalidInputException.class, () -> SessionRepository.prepare(work, inside));
        assertThrows(InvalidInputException.class, () -> SessionRepository.prepare(work, tmp), "a seed holding the workspace");
        assertTrue(Files.exists(inside.resolve("keep")), "nothing was deleted before the refusal");
    }

    @Test
    void symbolicLinksOfTheSeedAreLeftOutAndCounted() throws Exception {
        Path seed = seed();
        Files.createSymbolicLink(seed.resolve("passwd"), Path.of("/etc/passwd"));
        Files.createSymbolicLink(seed.resolve("linked-dir"), seed.resolve("org"));
        SessionRepository r = SessionRepository.prepare(tmp.resolve("ws/rebuild"), seed);
        assertEquals(1, r.files());
        assertEquals(2, r.skippedLinks());
        assertFalse(Files.exists(r.path().resolve("passwd"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertEquals("prepared jar", Files.readString(r.path().resolve("org/example/lib/1.0/lib-1.0.jar")));
        assertTrue(r.note("rebuild/repository").message().contains("2 symbolic links left out"), r.note("x").message());
    }
}
