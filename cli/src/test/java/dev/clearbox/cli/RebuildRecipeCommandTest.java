package dev.clearbox.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code clearbox rebuild --buildspec X --repo DIR --reference JAR}: from the recipe to a verdict per artifact. */
class RebuildRecipeCommandTest {
    @TempDir
    Path tmp;

    private static final String BUILD = """
            mkdir -p target
            printf 'jar-bytes' > target/a-1.0.jar
            printf 'epoch=%s' "$SOURCE_DATE_EPOCH" > target/epoch.txt
            { git rev-parse --abbrev-ref HEAD; git remote get-url origin; } > target/git.txt
            printf 'outputs.0.coordinates=org.example:a\\noutputs.0.0.filename=a-1.0.pom\\noutputs.0.1.filename=a-1.0.jar\\noutputs.0.2.filename=epoch.txt\\n' > target/a-1.0.buildinfo
            """;

    private Path repo;
    private RevCommit v10;

    /** A repository with tag 0.9 on a first commit and tag 1.0 on the second, HEAD at 1.0. */
    private Path repo() throws Exception {
        repo = tmp.resolve("repo");
        Files.createDirectories(repo);
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            Files.writeString(repo.resolve("build.sh"), "exit 1\n");
            git.add().addFilepattern(".").call();
            RevCommit first = git.commit().setMessage("0.9").setAuthor("a", "a@example.org").setCommitter("a", "a@example.org").call();
            git.tag().setName("0.9").setObjectId(first).setAnnotated(false).call();
            Files.writeString(repo.resolve("build.sh"), BUILD);
            Files.writeString(repo.resolve(".gitignore"), "target/\n");
            git.add().addFilepattern(".").call();
            v10 = git.commit().setMessage("1.0").setAuthor("a", "a@example.org").setCommitter("a", "a@example.org").call();
            git.tag().setName("1.0").setObjectId(v10).setAnnotated(false).call();
        }
        return repo;
    }

    private Path buildspec(String tag, boolean buildinfo) throws Exception {
        return Files.writeString(tmp.resolve("a-" + tag + ".buildspec"), """
                groupId=org.example
                artifactId=a
                version=1.0
                gitRepo=https://git.example.org/a.git
                gitTag=%s
                tool=mvn
                jdk=%d
                command="sh build.sh"
                %s
                """.formatted(tag, Runtime.version().feature(), buildinfo ? "buildinfo=target/a-1.0.buildinfo" : ""));
    }

    @Test
    void aTreeAtAnotherTagIsRefusedBeforeAnythingIsBuilt() throws Exception {
        repo();
        try (Git git = Git.open(repo.toFile())) {
            git.checkout().setName("0.9").call();
        }
        Path out = tmp.resolve("out");
        CliRun r = CliRun.of("rebuild", "--buildspec", buildspec("1.0", false), "--repo", repo, "--out", out, "-q");
        assertEquals(2, r.exit(), r.out() + r.err());
        assertEquals(1, r.errorLines().size(), r.err());
        String line = r.errorLines().get(0);
        assertTrue(line.startsWith("clearbox: rebuild: " + repo.toAbsolutePath().normalize() + ": HEAD is commit "), line);
        assertTrue(line.contains("but tag 1.0 (the .buildspec's gitTag) is commit " + v10.name()), line);
        assertFalse(Files.exists(out), "nothing was built");
    }

    @Test
    void aMissingTagOrAChangedTreeIsRefused() throws Exception {
        repo();
        CliRun noTag = CliRun.of("rebuild", "--buildspec", buildspec("2.0", false), "--repo", repo, "--out", tmp.resolve("o1"), "-q");
        assertEquals(2, noTag.exit());
        assertTrue(noTag.errorLines().get(0).contains("the repository has no tag 2.0"), noTag.err());
        Files.writeString(repo.resolve("build.sh"), BUILD + "echo patched\n");
        CliRun dirty = CliRun.of("rebuild", "--buildspec", buildspec("1.0", false), "--repo", repo, "--out", tmp.resolve("o2"), "-q");
        assertEquals(2, dirty.exit());
        assertEquals(1, dirty.errorLines().size(), dirty.err());
        assertTrue(dirty.errorLines().get(0).contains("the work tree differs from tag 1.0: 1 changed or untracked file (build.sh)"),
                dirty.err());
        assertFalse(Files.exists(tmp.resolve("o2")));
    }

    @Test
    void referencesGetAVerdictEachAndTheEpochIsTheCommitTime() throws Exception {
        repo();
        Path same = Files.writeString(tmp.resolve("a-1.0.jar"), "jar-bytes");
        Path differs = Files.writeString(tmp.resolve("epoch.txt"), "epoch=0");
        Path absent = Files.writeString(tmp.resolve("b-1.0.jar"), "other");
        Path out = tmp.resolve("out");
        CliRun r = CliRun.of("rebuild", "--buildspec", buildspec("1.0", false), "--repo", repo, "--reference", same,
                "--reference", differs, "--reference", absent, "--out", out, "-q");
        assertEquals(1, r.exit(), r.out() + r.err());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.contains("checkout   tree is a clean checkout of tag 1.0 (commit " + v10.name() + ")"), r.out());
        assertTrue(lines.contains("epoch      SOURCE_DATE_EPOCH=" + v10.getCommitTime()), r.out());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("verdict    REPRODUCIBLE  a-1.0.jar: bit-identical")), r.out());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("verdict    NOT_REPRODUCIBLE  epoch.txt: 1 substantive difference")), r.out());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("verdict    NOT_REBUILT  b-1.0.jar: the rebuild collected no output named b-1.0.jar")),
                r.out());
        assertTrue(lines.stream().anyMatch(l -> l.matches("run        build-1: exit 0, [0-9]+ ms, log .*")), r.out());
        assertTrue(Files.isRegularFile(out.resolve("rebuild.json")));
        JsonNode verdicts = new ObjectMapper().readTree(out.resolve("verdicts.json").toFile());
        assertEquals(3, verdicts.size());
        assertEquals("REPRODUCIBLE", verdicts.get(0).get("verdict").asText());
        assertEquals("epoch=" + v10.getCommitTime(), Files.readString(out.resolve("tree/target/epoch.txt")));
    }

    @Test
    void buildinfoNamesTheOutputsAndOneWithoutReferenceIsNotVerifiedInJson() throws Exception {
        repo();
        Path same = Files.writeString(tmp.resolve("a-1.0.jar"), "jar-bytes");
        CliRun r = CliRun.of("rebuild", "--buildspec", buildspec("1.0", true), "--repo", repo, "--reference", same,
                "--out", tmp.resolve("out"), "--format", "json", "-q");
        assertEquals(0, r.exit(), r.out() + r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals("org.example:a:1.0", json.get("coordinates").asText());
        JsonNode verdicts = json.get("verdicts");
        assertEquals(2, verdicts.size(), r.out());
        assertEquals("REPRODUCIBLE", verdicts.get(0).get("verdict").asText());
        assertEquals("NOT_VERIFIED", verdicts.get(1).get("verdict").asText());
        assertEquals("epoch.txt", verdicts.get(1).get("shipped").asText());
        assertTrue(verdicts.get(1).get("reason").asText().startsWith("reference missing"), r.out());
        JsonNode runs = json.get("rebuild").get("runs");
        assertEquals(2, runs.size());
        assertTrue(runs.get(0).get("durationMillis").asLong() > 0, r.out());
        assertEquals(List.of("target/a-1.0.jar", "target/epoch.txt"),
                json.get("rebuild").get("artifacts").findValuesAsText("path"));
    }

    @Test
    void nothingToCollectIsSaid() throws Exception {
        repo();
        CliRun r = CliRun.of("rebuild", "--buildspec", buildspec("1.0", false), "--repo", repo, "--out", tmp.resolve("out"), "-q");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains("clearbox: warning: rebuild: ") && r.err().contains("nothing will be collected"), r.err());
        assertTrue(r.out().contains("note       BUILD_TOOL: nothing is collected"), r.out());
    }

    @Test
    void aTreeWithoutGitNeedsNoTagCheckAndSaysSo() throws Exception {
        Path src = Files.createDirectories(tmp.resolve("src"));
        Files.writeString(src.resolve("build.sh"), BUILD);
        CliRun refused = CliRun.of("rebuild", "--buildspec", buildspec("1.0", false), "--repo", src, "--out", tmp.resolve("o1"), "-q");
        assertEquals(2, refused.exit());
        assertTrue(refused.errorLines().get(0).contains("not a git work tree") && refused.err().contains("--no-tag-check"), refused.err());
        Path ref = Files.writeString(tmp.resolve("a-1.0.jar"), "jar-bytes");
        CliRun r = CliRun.of("rebuild", "--buildspec", buildspec("1.0", false), "--repo", src, "--no-tag-check",
                "--reference", ref, "--out", tmp.resolve("o2"), "-q");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("checkout   NOT CHECKED against tag 1.0 (--no-tag-check)"), r.out());
        assertTrue(r.out().contains("epoch      SOURCE_DATE_EPOCH=0"), r.out());
        assertTrue(r.err().contains("no git repository, so no commit time"), r.err());
    }

    @Test
    void upstreamsBranchAndRemoteAreWhatTheBuildSees() throws Exception {
        repo();
        Path out = tmp.resolve("out");
        CliRun detached = CliRun.of("rebuild", "--buildspec", buildspec("1.0", false), "--repo", repo, "--artifact", "target/git.txt",
                "--runs", "1", "--out", out, "-q");
        assertEquals(0, detached.exit(), detached.out() + detached.err());
        assertEquals(List.of("HEAD", "https://git.example.org/a.git"), Files.readString(out.resolve("artifacts/git.txt")).lines().toList(),
                "by default as Reproducible Central's checkout: detached at the tag, origin from gitRepo");
        CliRun onMain = CliRun.of("rebuild", "--buildspec", buildspec("1.0", false), "--repo", repo, "--artifact", "target/git.txt",
                "--runs", "1", "--upstream-branch", "main", "--upstream-remote", "git@git.example.org:a.git", "--out", out, "-q");
        assertEquals(0, onMain.exit(), onMain.out() + onMain.err());
        assertEquals(List.of("main", "git@git.example.org:a.git"), Files.readString(out.resolve("artifacts/git.txt")).lines().toList());
        assertTrue(onMain.out().contains("HEAD on branch main"), onMain.out());
    }

    @Test
    void aKnownCompilerChangeIsSubstantiveUntilAcceptedThenEquivalentWithTheClassListed() throws Exception {
        Path src = Files.createDirectories(tmp.resolve("javac"));
        Files.writeString(src.resolve("V.java"), "public class V { static String f(int n, Object o) { return \"count \" + n + \" of \" + o; } }\n");
        Files.writeString(src.resolve("build.sh"), "set -eu\nmkdir -p target/classes\n\"$JAVA_HOME/bin/javac\" -d target/classes V.java\n"
                + "\"$JAVA_HOME/bin/jar\" --create --date=2024-03-01T10:00:00Z --file target/v-1.0.jar -C target/classes .\n");
        Path first = tmp.resolve("first");
        CliRun built = CliRun.of("rebuild", src, "--jdk", Runtime.version().feature(), "--artifact", "target/v-1.0.jar", "--runs", "1",
                "--out", first, "-q", "--", "sh", "build.sh");
        assertEquals(0, built.exit(), built.out() + built.err());
        // The released jar, as javac 17.0.13 or earlier made it: no String.valueOf before the concatenation.
        Path released = tmp.resolve("rel/v-1.0.jar");
        Files.createDirectories(released.getParent());
        try (var in = new java.util.zip.ZipFile(first.resolve("artifacts/v-1.0.jar").toFile());
             var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(released))) {
            for (var e : java.util.Collections.list(in.entries())) {
                byte[] bytes = in.getInputStream(e).readAllBytes();
                out.putNextEntry(new java.util.zip.ZipEntry(e.getName()));
                out.write(e.getName().equals("V.class") ? olderJavac(bytes) : bytes);
                out.closeEntry();
            }
        }
        CliRun strict = CliRun.of("rebuild", src, "--jdk", Runtime.version().feature(), "--reference", released, "--runs", "1",
                "--out", tmp.resolve("o1"), "-q", "--", "sh", "build.sh");
        assertEquals(1, strict.exit(), strict.out() + strict.err());
        assertTrue(strict.out().contains("verdict    NOT_REPRODUCIBLE  v-1.0.jar: 1 substantive difference: KNOWN_COMPILER_CHANGE x1"),
                strict.out());
        CliRun accepted = CliRun.of("rebuild", src, "--jdk", Runtime.version().feature(), "--reference", released, "--runs", "1",
                "--accept", "KNOWN_COMPILER_CHANGE", "--out", tmp.resolve("o2"), "-q", "--", "sh", "build.sh");
        assertEquals(0, accepted.exit(), accepted.out() + accepted.err());
        String line = accepted.out().lines().filter(l -> l.startsWith("verdict")).findFirst().orElseThrow();
        assertTrue(line.startsWith("verdict    EQUIVALENT  v-1.0.jar: only benign differences: ") && line.contains("KNOWN_COMPILER_CHANGE x1")
                && line.endsWith("; accepted: [KNOWN_COMPILER_CHANGE]"), line);
    }

    /** Removes the String.valueOf(Object) javac 17.0.14+ puts before a concatenation, typing the operand Object again. */
    private static byte[] olderJavac(byte[] newer) {
        var node = new org.objectweb.asm.tree.ClassNode();
        new org.objectweb.asm.ClassReader(newer).accept(node, 0);
        for (var m : node.methods) {
            for (var insn : m.instructions.toArray()) {
                if (insn instanceof org.objectweb.asm.tree.MethodInsnNode c && c.name.equals("valueOf")
                        && c.getNext() instanceof org.objectweb.asm.tree.InvokeDynamicInsnNode indy) {
                    var args = org.objectweb.asm.Type.getArgumentTypes(indy.desc);
                    args[args.length - 1] = org.objectweb.asm.Type.getObjectType("java/lang/Object");
                    indy.desc = org.objectweb.asm.Type.getMethodDescriptor(org.objectweb.asm.Type.getReturnType(indy.desc), args);
                    m.instructions.remove(c);
                }
            }
        }
        var w = new org.objectweb.asm.ClassWriter(0);
        node.accept(w);
        return w.toByteArray();
    }

    @Test
    void aBuildinfoTheBuildDoesNotWriteIsSaidAndTheReferencesAreStillCompared() throws Exception {
        repo();
        Path spec = Files.writeString(tmp.resolve("a.buildspec"), Files.readString(buildspec("1.0", true))
                .replace("target/a-1.0.buildinfo", "target/never.buildinfo"));
        Path same = Files.writeString(tmp.resolve("a-1.0.jar"), "jar-bytes");
        CliRun r = CliRun.of("rebuild", "--buildspec", spec, "--repo", repo, "--reference", same, "--out", tmp.resolve("out"), "-q");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("note       BUILD_TOOL: the build did not write target/never.buildinfo"), r.out());
        assertTrue(r.out().contains("verdict    REPRODUCIBLE  a-1.0.jar"), r.out());
    }

    @Test
    void aBuildinfoNamingAPathOutsideTheTreeIsRefusedInOneLine() throws Exception {
        repo();
        try (Git git = Git.open(repo.toFile())) {
            Files.writeString(repo.resolve("build.sh"), BUILD.replace("outputs.0.2.filename=epoch.txt", "outputs.0.2.filename=../../../etc/passwd"));
            git.add().addFilepattern(".").call();
            RevCommit c = git.commit().setMessage("1.0").setAuthor("a", "a@example.org").setCommitter("a", "a@example.org").call();
            git.tag().setName("1.0").setObjectId(c).setForceUpdate(true).setAnnotated(false).call();
        }
        Path out = tmp.resolve("out");
        CliRun r = CliRun.of("rebuild", "--buildspec", buildspec("1.0", true), "--repo", repo, "--out", out, "-q");
        assertEquals(2, r.exit(), r.out() + r.err());
        assertEquals(List.of("clearbox: rebuild: target/a-1.0.buildinfo: outputs.0.2.filename is not a plain file name"), r.errorLines());
        assertFalse(Files.exists(out.resolve("verdicts.json")), "no verdicts from a refused build");
    }
}
