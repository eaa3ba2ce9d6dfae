package dev.clearbox.core.rebuild;

import dev.clearbox.core.ProgressListener;
import dev.clearbox.core.session.SessionManifest;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Repeated runs, line endings, git state and reference inference, with build scripts written in the test. */
class RebuilderRunsTest {
    @TempDir
    Path tmp;

    private Path tree(String script) throws Exception {
        Path tree = tmp.resolve("src");
        Files.createDirectories(tree);
        Files.writeString(tree.resolve("build.sh"), script);
        return tree;
    }

    private BuildSpec spec(String artifact) {
        return BuildSpec.of(BuildTool.COMMAND, List.of("sh", "build.sh"), JdkRequirement.feature(Runtime.version().feature()),
                Duration.ofSeconds(60), List.of(new SessionManifest.Artifact(artifact, "lib/" + artifact)));
    }

    private RebuildResult rebuild(Path tree, BuildSpec spec, List<Path> refs) {
        return new Rebuilder(JdkLocator.system()).rebuild(new RebuildRequest(tree, spec, 1709287200L, tmp.resolve("ws/rebuild"), refs),
                ProgressListener.NONE);
    }

    private static final String JAR = "\"$JAVA_HOME/bin/jar\" --create --date=2024-03-01T10:00:00Z --file out.jar -C content .\n";

    @Test
    void twoIdenticalRunsAreTrusted() throws Exception {
        Path tree = tree("set -eu\nmkdir -p content\necho stable > content/a.txt\n" + JAR);
        RebuildResult r = rebuild(tree, spec("out.jar"), List.of());
        assertEquals(RebuildResult.Status.SUCCEEDED, r.status(), r.reason());
        assertEquals(List.of("build-1", "build-2"), r.runs().stream().map(RebuildResult.BuildRun::name).toList());
        assertEquals(r.runs().get(0).sha256(), r.runs().get(1).sha256());
        assertEquals(r.artifacts().get(0).sha256(), r.runs().get(0).sha256().get("out.jar"));
        assertTrue(Files.isRegularFile(tmp.resolve("ws/rebuild/tree-2/out.jar")), "the second run had its own copy");
        assertEquals("rebuild/build-2.log", r.runs().get(1).log());
        assertTrue(r.nonDeterministic().isEmpty());
    }

    @Test
    void runsThatDifferAreNonDeterministicWithWhatDiffered() throws Exception {
        Path tree = tree("set -eu\nmkdir -p content\necho stable > content/a.txt\ndate +%s%N > content/pid.txt\n" + JAR);
        RebuildResult r = rebuild(tree, spec("out.jar").withRuns(3), List.of());
        assertEquals(RebuildResult.Status.NON_DETERMINISTIC, r.status());
        assertTrue(r.reason().contains("out.jar differs between run 1 and run 2"), r.reason());
        assertTrue(r.artifacts().isEmpty(), "neither run is trusted");
        assertEquals(2, r.nonDeterministic().size(), "runs 2 and 3 both differ from run 1");
        RebuildResult.UnstableArtifact u = r.nonDeterministic().get(0);
        assertTrue(u.differences().stream().anyMatch(d -> d.startsWith("pid.txt")), u.differences().toString());
        assertFalse(u.differences().stream().anyMatch(d -> d.startsWith("a.txt")), "the stable entry is not blamed");
        assertTrue(r.notes().stream().anyMatch(n -> n.kind() == RebuildNote.Kind.NON_DETERMINISM));
    }

    @Test
    void nonDeterminismNamesTheRunsNotShippedAndRebuilt() throws Exception {
        // Run 2 and later add an entry and change one: both sides are runs of the same build, none is "shipped".
        Path tree = tree("set -eu\nmkdir -p content\ndate +%s%N > content/pid.txt\n"
                + "if [ -e ../build-2.log ] || [ \"$(basename \"$PWD\")\" != tree ]; then echo extra > content/extra.txt; fi\n" + JAR);
        RebuildResult r = rebuild(tree, spec("out.jar"), List.of());
        assertEquals(RebuildResult.Status.NON_DETERMINISTIC, r.status(), r.reason());
        List<String> d = r.nonDeterministic().get(0).differences();
        assertTrue(d.stream().anyMatch(x -> x.startsWith("extra.txt") && x.contains("is in run 2's output but not in run 1's")), d.toString());
        assertTrue(d.stream().anyMatch(x -> x.startsWith("pid.txt") && x.contains("- run 2, + run 1")), d.toString());
        for (String x : d) {
            assertFalse(x.matches("(?s).*\\b(shipped|rebuilt)\\b.*"), x);
        }
        String note = r.notes().stream().filter(n -> n.kind() == RebuildNote.Kind.NON_DETERMINISM).findFirst().orElseThrow().message();
        assertFalse(note.contains("shipped") || note.contains("rebuilt"), note);
    }

    @Test
    void runLabelsRewriteEverySideName() {
        assertEquals("a.txt is in run 1's output but not in run 3's",
                RunLabels.relabel("a.txt is in the shipped artifact but not in the one built from source", "run 1", "run 3"));
        assertEquals("b is in run 3's output but not in run 1's",
                RunLabels.relabel("b is built from source but missing from the shipped artifact", "run 1", "run 3"));
        assertEquals("line endings differ (CRLF run 1, LF run 3); prebuilt stays",
                RunLabels.relabel("line endings differ (CRLF shipped, LF rebuilt); prebuilt stays", "run 1", "run 3"));
    }

    @Test
    void buildingAsIfOnWindowsConvertsTextFilesAndTheLineSeparator() throws Exception {
        Path tree = tree("""
                set -eu
                mkdir -p out
                cp notes.txt keep.txt blob.bin out/
                cat > LS.java <<'EOF'
                public class LS { public static void main(String[] a) { System.out.print(System.lineSeparator().length()); } }
                EOF
                "$JAVA_HOME/bin/java" LS.java > out/separator.txt 2>/dev/null
                """);
        Files.writeString(tree.resolve("notes.txt"), "one\ntwo\r\nthree\n");
        Files.writeString(tree.resolve("keep.txt"), "a\nb\n");
        Files.write(tree.resolve("blob.bin"), new byte[] {'x', '\n', 0, '\n'});
        Files.writeString(tree.resolve(".gitattributes"), "keep.txt eol=lf\n*.bin binary\n*.sh eol=lf\n");
        BuildSpec spec = spec("out/notes.txt").withNewline(Newline.CRLF).withRuns(1)
                .withArtifacts(List.of(new SessionManifest.Artifact("out/notes.txt", "n"), new SessionManifest.Artifact("out/keep.txt", "k"),
                        new SessionManifest.Artifact("out/blob.bin", "b"), new SessionManifest.Artifact("out/separator.txt", "s")));
        RebuildResult r = rebuild(tree, spec, List.of());
        assertEquals(RebuildResult.Status.SUCCEEDED, r.status(), r.reason());
        assertEquals("one\r\ntwo\r\nthree\r\n", Files.readString(r.artifacts().get(0).file()));
        assertEquals("a\nb\n", Files.readString(r.artifacts().get(1).file()), ".gitattributes eol=lf is respected");
        assertArrayEquals(new byte[] {'x', '\n', 0, '\n'}, Files.readAllBytes(r.artifacts().get(2).file()));
        assertEquals("2", Files.readString(r.artifacts().get(3).file()), "the JVM's line separator is CRLF");
        assertEquals(Newline.CRLF, r.newline());
        assertEquals("\"-Dline.separator=\r\n\"", r.environment().get("JAVA_TOOL_OPTIONS"));
        assertEquals("one\ntwo\r\nthree\n", Files.readString(tree.resolve("notes.txt")), "the checked-out tree is untouched");
    }

    @Test
    void gitStateIsAsUpstreamSawIt() throws Exception {
        Path tree = tree("""
                set -eu
                mkdir -p out
                { git remote get-url origin; git rev-parse --abbrev-ref HEAD; git tag; } > out/git.txt
                """);
        try (Git git = Git.init().setDirectory(tree.toFile()).setInitialBranch("clearbox-audit").call()) {
            git.add().addFilepattern(".").call();
            git.commit().setMessage("release").setAuthor("a", "a@example.org").setCommitter("a", "a@example.org").setSign(false).call();
        }
        BuildSpec spec = spec("out/git.txt").withRuns(1)
                .withGit(new BuildSpec.GitState("https://git.example.org/widget.git", "widget-1.0", ""));
        RebuildResult r = rebuild(tree, spec, List.of());
        assertEquals(RebuildResult.Status.SUCCEEDED, r.status(), r.reason() + " " + Files.readString(tmp.resolve("ws/rebuild/build.log")));
        assertEquals(List.of("https://git.example.org/widget.git", "HEAD", "widget-1.0"),
                Files.readString(r.artifacts().get(0).file(), StandardCharsets.UTF_8).lines().toList());
        assertTrue(r.notes().stream().anyMatch(n -> n.kind() == RebuildNote.Kind.GIT_STATE && n.message().contains("detached")),
                r.notes().toString());
    }

    @Test
    void aWindowsBuildOfAGitTreeUsesGitsOwnConversionSoTheTreeIsClean() throws Exception {
        // The build reads git state, as license and buildnumber plugins do: a tree converted behind git's back shows modified files.
        Path tree = tree("""
                set -eu
                mkdir -p out
                git status --porcelain > out/status.txt
                cp notes.txt data.bin out/
                stat -c %a tool.sh > out/mode.txt
                git config core.autocrlf > out/autocrlf.txt
                """);
        Files.writeString(tree.resolve("notes.txt"), "one\ntwo\n");
        Files.write(tree.resolve("data.bin"), new byte[] {'x', '\n', 0, '\n'});
        Files.writeString(tree.resolve("tool.sh"), "echo hi\n");
        Files.setPosixFilePermissions(tree.resolve("tool.sh"), java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(tree.resolve(".gitattributes"), "*.sh eol=lf\n*.bin binary\n");
        Files.writeString(tree.resolve(".gitignore"), "out/\n");
        try (Git git = Git.init().setDirectory(tree.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            git.commit().setMessage("release").setAuthor("a", "a@example.org").setCommitter("a", "a@example.org").setSign(false).call();
        }
        BuildSpec spec = spec("out/status.txt").withNewline(Newline.CRLF).withRuns(1)
                .withArtifacts(List.of(new SessionManifest.Artifact("out/status.txt", "s"), new SessionManifest.Artifact("out/notes.txt", "n"),
                        new SessionManifest.Artifact("out/data.bin", "b"), new SessionManifest.Artifact("out/mode.txt", "m"),
                        new SessionManifest.Artifact("out/autocrlf.txt", "a")));
        RebuildResult r = rebuild(tree, spec, List.of());
        assertEquals(RebuildResult.Status.SUCCEEDED, r.status(), r.reason() + " " + Files.readString(tmp.resolve("ws/rebuild/build.log")));
        assertEquals("", Files.readString(r.artifacts().get(0).file()), "git status is clean in the build copy");
        assertEquals("one\r\ntwo\r\n", Files.readString(r.artifacts().get(1).file()), "git converted the text file to CRLF");
        assertArrayEquals(new byte[] {'x', '\n', 0, '\n'}, Files.readAllBytes(r.artifacts().get(2).file()), "binary is left alone");
        assertEquals("644\n", Files.readString(r.artifacts().get(3).file()), "no exec bits, as on Windows");
        assertEquals("true\n", Files.readString(r.artifacts().get(4).file()));
        assertEquals("\"-Dline.separator=\r\n\"", r.environment().get("JAVA_TOOL_OPTIONS"));
        assertTrue(r.notes().stream().anyMatch(n -> n.kind() == RebuildNote.Kind.LINE_ENDINGS && n.message().contains("git status is clean")),
                r.notes().toString());
        assertEquals("one\ntwo\n", Files.readString(tree.resolve("notes.txt")), "the checked-out tree is untouched");
    }

    @Test
    void convertingBehindGitsBackWouldShowModifiedFiles() throws Exception {
        // The same tree converted by Clearbox's own converter (the fallback for trees without git): git sees changes.
        Path tree = tree("echo\n");
        Files.writeString(tree.resolve("notes.txt"), "one\ntwo\n");
        try (Git git = Git.init().setDirectory(tree.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            git.commit().setMessage("release").setAuthor("a", "a@example.org").setCommitter("a", "a@example.org").setSign(false).call();
        }
        Path copy = tmp.resolve("copy");
        dev.clearbox.core.rebuild.internal.TreeCopy.copy(tree, copy);
        dev.clearbox.core.rebuild.internal.LineEndings.toCrlf(copy);
        try (Git git = Git.open(copy.toFile())) {
            assertFalse(git.status().call().isClean(), "the old way leaves git seeing modified files");
        }
        Path copy2 = tmp.resolve("copy2");
        dev.clearbox.core.rebuild.internal.TreeCopy.copy(tree, copy2);
        assertEquals(List.of(), dev.clearbox.core.rebuild.internal.WindowsCheckout.apply(copy2, List.of("sh", "build.sh")).notClean());
        assertEquals("one\r\ntwo\r\n", Files.readString(copy2.resolve("notes.txt")));
        try (Git git = Git.open(copy2.toFile())) {
            assertTrue(git.status().call().isClean(), git.status().call().getModified().toString());
        }
    }

    @Test
    void aTreeWithoutGitIsNamedAsAGitStateDifferenceSource() throws Exception {
        Path tree = tree("mkdir -p out && echo x > out/x\n");
        RebuildResult r = rebuild(tree, spec("out/x").withRuns(1), List.of());
        assertTrue(r.notes().stream().anyMatch(n -> n.kind() == RebuildNote.Kind.GIT_STATE && n.message().contains("no git repository")),
                r.notes().toString());
    }

    @Test
    void theJdkIsChosenFromTheReferenceAndMismatchesAreNoted() throws Exception {
        int feature = Runtime.version().feature();
        Path ref = ReferenceInspectorTest.referenceJar(tmp.resolve("shipped.jar"), "Manifest-Version: 1.0\nBuild-Jdk-Spec: "
                + feature + "\nBuild-Jdk: " + feature + ".0.1 (Acme JDK Builds)\n\n", "\r\n", 44 + feature);
        Path tree = tree("mkdir -p out && echo x > out/x\n");
        RebuildResult r = rebuild(tree, spec("out/x").withRuns(1).withJdk(JdkRequirement.automatic()), List.of(ref));
        assertEquals(RebuildResult.Status.SUCCEEDED, r.status(), r.reason());
        assertEquals(feature, r.jdk().feature());
        assertEquals(1, r.references().size());
        assertEquals(ReferenceFacts.Tristate.YES, r.references().get(0).builtOnWindows());
        assertTrue(r.notes().stream().anyMatch(n -> n.kind() == RebuildNote.Kind.JDK && n.message().contains(feature + ".0.1")),
                r.notes().toString());
        assertTrue(r.notes().stream().anyMatch(n -> n.kind() == RebuildNote.Kind.LINE_ENDINGS), r.notes().toString());
        assertTrue(r.notes().stream().anyMatch(n -> n.message().contains("chosen from the reference")), r.notes().toString());
    }

    @Test
    void aMissingJdkNamesWhereItLooked() throws Exception {
        Path tree = tree("true\n");
        Path toolchains = Files.writeString(tmp.resolve("toolchains.xml"), "<toolchains/>");
        JdkLocator none = new JdkLocator(List.of(tmp.resolve("nowhere")), Map.of(), List.of(toolchains));
        RebuildResult r = new Rebuilder(none).rebuild(new RebuildRequest(tree, spec("x").withJdk(JdkRequirement.parse("6")),
                0, tmp.resolve("ws/rebuild"), List.of()), ProgressListener.NONE);
        assertEquals(RebuildResult.Status.JDK_NOT_FOUND, r.status());
        assertTrue(r.reason().startsWith("JDK 6 not found"), r.reason());
        assertTrue(r.reason().contains(toolchains.toString()) && r.reason().contains("nowhere"), r.reason());
    }

    @Test
    void toolchainsDeclareJdks() throws Exception {
        Path home = tmp.resolve("jdks/acme-11");
        Files.createDirectories(home.resolve("bin"));
        Files.writeString(home.resolve("bin/javac"), "");
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Acme\"\nJAVA_VERSION=\"11.0.99\"\nJAVA_RUNTIME_VERSION=\"11.0.99+7-LTS\"\n");
        Path toolchains = Files.writeString(tmp.resolve("toolchains.xml"), """
                <toolchains><toolchain><type>jdk</type><provides><version>11</version></provides>
                <configuration><jdkHome>%s</jdkHome></configuration></toolchain></toolchains>
                """.formatted(home));
        Jdk jdk = new JdkLocator(List.of(), Map.of(), List.of(toolchains)).find(JdkRequirement.parse("11.0.99")).orElseThrow();
        assertEquals(home.toRealPath(), jdk.home());
        assertEquals("11.0.99+7-LTS (Acme)", jdk.describe());
        Path hostile = Files.writeString(tmp.resolve("hostile.xml"), """
                <?xml version="1.0"?><!DOCTYPE t [<!ENTITY x SYSTEM "file:///etc/passwd">]>
                <toolchains><toolchain><type>jdk</type><configuration><jdkHome>%s&x;</jdkHome></configuration></toolchain></toolchains>
                """.formatted(home));
        assertTrue(new JdkLocator(List.of(), Map.of(), List.of(hostile)).find(11).isEmpty(), "a DOCTYPE is refused, not expanded");
    }
}
