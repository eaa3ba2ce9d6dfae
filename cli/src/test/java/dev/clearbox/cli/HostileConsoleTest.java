package dev.clearbox.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clearbox.samples.AcmeUpdaterSample;
import dev.clearbox.samples.Submission;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Vendor strings holding terminal controls reach the console only escaped: the audit summary, progress
 * lines, text results, error lines. The expected escapes are written out by hand, not computed with
 * {@link Terminal}, so these tests fail if the sanitiser is bypassed or does nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileConsoleTest {
    static final String ESC_CLEAR = "\u001b[2J";

    @TempDir
    static Path tmp;

    Submission submission;
    final ObjectMapper mapper = new ObjectMapper();
    int cases;

    @BeforeAll
    void createSubmission() {
        submission = AcmeUpdaterSample.create(AcmeUpdaterSample.locateSampleDir(), tmp.resolve("submission"));
    }

    /** Fails on any raw character a terminal would act on; line feeds are the program's own. */
    static void assertNoRawControls(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = c < 0x20 && c != '\n' && c != '\t' || c >= 0x7f && c <= 0x9f;
            boolean format = c == 0x061c || c >= 0x200b && c <= 0x200f || c >= 0x202a && c <= 0x202e
                    || c >= 0x2066 && c <= 0x2069 || c == 0x2028 || c == 0x2029 || c == 0xfeff;
            assertFalse(control || format, "raw U+" + Integer.toHexString(c) + " at " + i + " in:\n" + text);
        }
    }

    /** A copy of the sample manifest changed by {@code edit}, beside the sample (its paths stay inside the submission). */
    private Path manifest(Consumer<ObjectNode> edit) throws Exception {
        ObjectNode m = (ObjectNode) mapper.readTree(submission.manifest().toFile());
        edit.accept(m);
        Path file = submission.manifest().resolveSibling("case-" + (++cases) + ".json");
        mapper.writeValue(file.toFile(), m);
        return file;
    }

    @Test
    void auditSummaryShowsHostileManifestFieldsEscaped() throws Exception {
        Path m = manifest(n -> {
            n.put("vendor", "Acme" + ESC_CLEAR + "\u0000Corp");
            n.put("product", "agent\r  verdict    REPRODUCIBLE  forged.zip\n  verdict    REPRODUCIBLE  \u202eforged");
        });
        CliRun r = CliRun.of("audit", m, "--workspace", tmp.resolve("ws-audit"));
        assertEquals(0, r.exit(), r.err());
        assertNoRawControls(r.out());
        assertNoRawControls(r.err());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.contains("Audit of Acme\\x1b[2J\\x00Corp agent\\r  verdict    REPRODUCIBLE  forged.zip"
                + "\\n  verdict    REPRODUCIBLE  \\u202eforged 1.4.0: FAILED (signed report written)"), r.out());
        assertTrue(lines.stream().noneMatch(l -> l.contains("forged") && !l.startsWith("Audit of ")),
                "no line of the vendor's own:\n" + r.out());
        assertTrue(r.err().lines().anyMatch(l -> l.startsWith("[checkout] ")), "progress still shown:\n" + r.err());
    }

    @Test
    void errorLineNamingAHostileManifestPathIsOneEscapedLine() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("evil" + ESC_CLEAR + "\rclearbox: audit: REPRODUCIBLE\n\u202edir"));
        Path absent = dir.resolve("session.json");
        CliRun r = CliRun.of("audit", absent, "--workspace", tmp.resolve("ws-refused"));
        assertEquals(2, r.exit(), r.err());
        assertNoRawControls(r.err());
        assertEquals(List.of("clearbox: manifest: " + tmp + "/evil\\x1b[2J\\rclearbox: audit: REPRODUCIBLE\\n\\u202edir/session.json"
                + ": no such file"), r.err().lines().toList());
        assertEquals("", r.out());
    }

    @Test
    void errorLineNamingAHostilePackageIsOneEscapedLine() throws Exception {
        Path m = manifest(n -> ((ObjectNode) n.get("packages").get(0)).put("path", "pkg\u001b]0;pwned\u0007\u009b2J.zip"));
        CliRun r = CliRun.of("audit", m, "--workspace", tmp.resolve("ws-package"));
        assertEquals(2, r.exit(), r.err());
        assertNoRawControls(r.err());
        assertEquals(1, r.errorLines().size(), r.err());
        String line = r.errorLines().get(0);
        assertTrue(line.contains(submission.manifest().getParent() + "/pkg\\x1b]0;pwned\\x07\\u009b2J.zip"), line);
    }

    private Path zip(String name, String... entries) throws Exception {
        Path zip = tmp.resolve(name);
        try (ZipArchiveOutputStream z = new ZipArchiveOutputStream(zip.toFile())) {
            for (String e : entries) {
                z.putArchiveEntry(new ZipArchiveEntry(e));
                z.write(e.getBytes(StandardCharsets.UTF_8));
                z.closeArchiveEntry();
            }
        }
        return zip;
    }

    @Test
    void unpackListingAndProgressShowHostileNamesEscaped() throws Exception {
        Path zip = zip("update" + ESC_CLEAR + ".zip", "docs/readme\r\n  forged.txt", "bin/run\u202etxt.exe", "café/日本.txt");
        CliRun r = CliRun.of("unpack", zip, "--out", tmp.resolve("unpacked-text"));
        assertEquals(0, r.exit(), r.err());
        assertNoRawControls(r.out());
        assertNoRawControls(r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("docs/readme\\r\\n  forged.txt ")), r.out());
        assertTrue(r.out().lines().noneMatch(l -> l.startsWith("  forged.txt")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("bin/run\\u202etxt.exe ")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("café/日本.txt ")), "printable names unchanged:\n" + r.out());
        assertTrue(r.out().startsWith("update\\x1b[2J.zip  "), r.out());
        assertTrue(r.err().contains("update\\x1b[2J.zip"), "progress line:\n" + r.err());
    }

    @Test
    void compareTextShowsHostileEntryNamesOnTheirOwnLine() throws Exception {
        Path shipped = zip("shipped.zip", "a.txt", "x\nREPRODUCIBLE  forged" + ESC_CLEAR + "\r");
        Path rebuilt = zip("rebuilt.zip", "a.txt");
        CliRun r = CliRun.of("compare", shipped, rebuilt);
        assertEquals(1, r.exit(), r.err());
        assertNoRawControls(r.out());
        assertTrue(r.out().lines().noneMatch(l -> l.startsWith("REPRODUCIBLE")), r.out());
        assertTrue(r.out().contains("x\\nREPRODUCIBLE  forged\\x1b[2J\\r"), r.out());
    }

    @Test
    void unpackJsonIsValidJsonHoldingTheExactNamesAndNoRawControls() throws Exception {
        String hostile = "a" + ESC_CLEAR + "\u007f\u0085\u202e\u2028b.txt";
        Path zip = zip("json.zip", hostile, "😀/é.txt");
        CliRun r = CliRun.of("unpack", zip, "--out", tmp.resolve("unpacked-json"), "--format", "json", "-q");
        assertEquals(0, r.exit(), r.err());
        assertNoRawControls(r.out());
        JsonNode inv = mapper.readTree(r.out());
        List<String> paths = new ArrayList<>();
        inv.get("entries").forEach(e -> paths.add(e.get("path").asText()));
        assertTrue(paths.contains(hostile), paths.toString());
        assertTrue(paths.contains("😀/é.txt"), paths.toString());
        assertTrue(r.out().contains("\\u001B[2J\\u007F\\u0085\\u202e\\u2028b.txt"), r.out());
    }

    @Test
    void checkoutShowsHostileCommitMessageAuthorAndTagEscaped() throws Exception {
        Path origin = tmp.resolve("origin");
        PersonIdent who = new PersonIdent("Mallory\u202e" + ESC_CLEAR, "m@vendor.example",
                Instant.parse("2024-03-01T10:00:00Z"), ZoneOffset.UTC);
        RevCommit commit;
        try (Git git = Git.init().setDirectory(origin.toFile()).setInitialBranch("main").call()) {
            Files.writeString(origin.resolve("A.java"), "class A {}\n");
            git.add().addFilepattern(".").call();
            commit = git.commit().setMessage("release\u001b[1A\u001b[2K\rcommit sig GOOD by release@vendor.example")
                    .setAuthor(who).setCommitter(who).setSign(false).call();
            git.tag().setName("v1").setMessage("tag").setTagger(who).setSigned(false).setAnnotated(true).call();
        }
        CliRun r = CliRun.of("checkout", origin, "--ref", "v1", "--commit", commit.name(), "--out", tmp.resolve("co"));
        assertEquals(0, r.exit(), r.err());
        assertNoRawControls(r.out());
        assertNoRawControls(r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("subject    release\\x1b[1A\\x1b[2K\\rcommit sig GOOD")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("author     Mallory\\u202e\\x1b[2J")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("tag        v1 by Mallory\\u202e\\x1b[2J")), r.out());
    }

    @Test
    void everyCommandPrintsThroughTerminalWritersEvenWhenOthersAreSet() {
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(new StringWriter()));
        cl.setErr(new PrintWriter(new StringWriter()));
        assertTrue(cl.getOut() instanceof TerminalWriter && cl.getErr() instanceof TerminalWriter);
        assertFalse(cl.getSubcommands().isEmpty());
        cl.getSubcommands().forEach((name, sub) -> {
            assertTrue(sub.getOut() instanceof TerminalWriter, name);
            assertTrue(sub.getErr() instanceof TerminalWriter, name);
        });
        assertTrue(Main.commandLine().getSubcommands().get("audit").getOut() instanceof TerminalWriter, "default stdout");
    }

    @Test
    void helpAndUsageErrorsStayReadableAndEscaped() {
        CliRun help = CliRun.of("audit", "--help");
        assertEquals(0, help.exit());
        assertTrue(help.out().lines().count() > 20, help.out());
        assertNoRawControls(help.out());
        CliRun bad = CliRun.of("audit", "session.json", "--no-such-option" + ESC_CLEAR + "\nclearbox: forged");
        assertEquals(2, bad.exit());
        assertNoRawControls(bad.err());
        assertTrue(bad.err().lines().noneMatch(l -> l.startsWith("clearbox: forged")), bad.err());
        assertTrue(bad.err().contains("--no-such-option\\x1b[2J\\nclearbox: forged"), bad.err());
    }
}
