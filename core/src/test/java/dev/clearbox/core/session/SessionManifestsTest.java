package dev.clearbox.core.session;

import dev.clearbox.core.InvalidInputException;
import dev.clearbox.core.Stage;
import dev.clearbox.core.UnsafeInputException;
import dev.clearbox.core.io.SpecialFiles;
import dev.clearbox.core.rebuild.BuildTool;
import dev.clearbox.core.rebuild.NetworkPolicy;
import dev.clearbox.core.rebuild.Newline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SessionManifestsTest {
    @TempDir
    Path dir;

    @TempDir
    Path elsewhere;

    private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";
    private static final String SHA = "a".repeat(64);

    private static String manifest(String source, String packages, String build) {
        return """
                {"vendor": "Acme", "product": "agent", "version": "1.0",
                 "source": %s, "packages": %s, "build": %s}
                """.formatted(source, packages, build);
    }

    private static final String SOURCE = "{\"bundle\": \"src/agent.bundle\", \"ref\": \"v1.0\", \"commit\": \"" + COMMIT + "\"}";
    private static final String PACKAGES = "[{\"path\": \"pkg/agent.zip\", \"sha256\": \"" + SHA.toUpperCase() + "\"}]";
    private static final String BUILD = "{\"command\": [\"sh\", \"build.sh\"], \"jdk\": \"17\", "
            + "\"artifacts\": [{\"path\": \"build/agent.jar\", \"shippedAs\": \"lib/agent.jar\"}]}";

    private Path write(String text) throws Exception {
        return Files.writeString(dir.resolve("session.json"), text);
    }

    @Test
    void loadsAndResolvesPathsAgainstTheManifestDirectory() throws Exception {
        write(manifest(SOURCE, PACKAGES, BUILD));
        SessionManifest m = SessionManifests.load(dir); // a directory means dir/session.json
        assertEquals("Acme", m.vendor());
        assertEquals(dir.toAbsolutePath().resolve("src/agent.bundle"), m.source().bundle());
        assertEquals(COMMIT, m.source().commit());
        assertEquals(SHA, m.packages().get(0).sha256(), "digests are normalised to lowercase");
        assertEquals(List.of("sh", "build.sh"), m.build().command());
        assertEquals(1800, m.build().timeoutSeconds());
        assertEquals("lib/agent.jar", m.build().artifacts().get(0).shippedAs());
        assertEquals(null, m.source().keyring(), "no keyring unless the manifest names one");
        assertEquals(null, m.source().allowedSigners(), "no allowed-signers file unless the manifest names one");
    }

    @Test
    void theManifestKnowsTheFileItWasReadFromAndTheDigestOfTheBytesParsed() throws Exception {
        Path file = Files.writeString(dir.resolve("acme-1.0.json"), manifest(SOURCE, PACKAGES, BUILD));
        SessionManifest m = SessionManifests.load(file);
        assertEquals("acme-1.0.json", m.fileName());
        assertEquals(dev.clearbox.core.Sha256.hex(Files.readAllBytes(file)), m.sha256());
        Files.writeString(file, manifest(SOURCE, PACKAGES, BUILD) + " ");
        assertNotEquals(m.sha256(), SessionManifests.load(file).sha256(), "one more byte, another digest");
        assertEquals("", new SessionManifest(m.baseDir(), m.vendor(), m.product(), m.version(), m.source(), m.packages(),
                m.build()).sha256(), "a manifest built in code has no digest");
    }

    @Test
    void keyringIsResolvedAgainstTheManifestDirectory() throws Exception {
        write(manifest(SOURCE.replace("}", ", \"keyring\": \"keys/vendor.asc\"}"), PACKAGES, BUILD));
        assertEquals(dir.toAbsolutePath().resolve("keys/vendor.asc"), SessionManifests.load(dir).source().keyring());
        assertEquals("'source.keyring' must name a file (an OpenPGP public keyring) when present",
                fails(manifest(SOURCE.replace("}", ", \"keyring\": \" \"}"), PACKAGES, BUILD)).problem());
    }

    @Test
    void allowedSignersIsResolvedAgainstTheManifestDirectory() throws Exception {
        write(manifest(SOURCE.replace("}", ", \"allowedSigners\": \"keys/allowed_signers\"}"), PACKAGES, BUILD));
        SessionManifest m = SessionManifests.load(dir);
        assertEquals(dir.toAbsolutePath().resolve("keys/allowed_signers"), m.source().allowedSigners());
        assertEquals(null, m.source().keyring(), "the two are independent");
        assertEquals("'source.allowedSigners' must name a file (an SSH allowed-signers file) when present",
                fails(manifest(SOURCE.replace("}", ", \"allowedSigners\": \"\"}"), PACKAGES, BUILD)).problem());
    }

    private InvalidInputException fails(String text) throws Exception {
        Path f = write(text);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> SessionManifests.load(f));
        assertEquals(Stage.MANIFEST, e.stage());
        assertEquals(f.toString(), e.input());
        assertTrue(!e.oneLine().contains("\n"), e.oneLine());
        return e;
    }

    @Test
    void malformedManifestsGetOneLineErrorsNamingTheProblem() throws Exception {
        assertTrue(fails("{ not json").problem().startsWith("not valid JSON"));
        assertEquals("missing field 'vendor'", fails(manifest(SOURCE, PACKAGES, BUILD).replace("\"vendor\": \"Acme\",", "")).problem());
        assertTrue(fails(manifest(SOURCE.replace(COMMIT, "abc123"), PACKAGES, BUILD)).problem()
                .contains("'source.commit' must be a full 40-digit"));
        assertTrue(fails(manifest(SOURCE, PACKAGES.replace(SHA.toUpperCase(), "zz"), BUILD)).problem()
                .contains("'packages[0].sha256' must be 64 hex digits"));
        assertTrue(fails(manifest("{\"bundle\": \"a\", \"url\": \"https://x\", \"ref\": \"v\", \"commit\": \"" + COMMIT + "\"}",
                PACKAGES, BUILD)).problem().contains("exactly one of"));
        assertTrue(fails(manifest(SOURCE, "[]", BUILD)).problem().contains("at least one update package"));
        assertTrue(fails(manifest(SOURCE, PACKAGES, BUILD.replace("\"17\"", "\"seventeen\""))).problem().contains("'build.jdk'"));
        assertTrue(fails(manifest(SOURCE, PACKAGES, BUILD).replace("\"version\"", "\"surprise\": 1, \"version\"")).problem()
                .contains("surprise"));
        assertTrue(fails(manifest(SOURCE, PACKAGES, BUILD.replace("build/agent.jar", "../../etc/passwd"))).problem()
                .contains("without '..'"));
    }

    @Test
    void aBuildspecCanBeTheRecipeAndTheBuildOptionsAreValidated() throws Exception {
        Files.writeString(dir.resolve("widget.buildspec"), "tool=mvn\njdk=17\ncommand=mvn\n");
        String withSpec = "{\"buildspec\": \"widget.buildspec\", \"newline\": \"crlf\", \"runs\": 3, \"network\": \"fetch-first\", "
                + "\"artifacts\": [{\"path\": \"target/w.jar\", \"shippedAs\": \"lib/w.jar\"}]}";
        write(manifest(SOURCE, PACKAGES, withSpec));
        SessionManifest.Build b = SessionManifests.load(dir).build();
        assertEquals(dir.toAbsolutePath().resolve("widget.buildspec"), b.buildspec());
        assertEquals(List.of(), b.command(), "the command comes from the .buildspec");
        assertEquals(Newline.CRLF, b.newline());
        assertEquals(3, b.runs());
        assertEquals(NetworkPolicy.FETCH_FIRST, b.network());
        assertEquals(null, b.tool(), "not given");
        write(manifest(SOURCE, PACKAGES, withSpec.replace("\"runs\"", "\"tool\": \"gradle\", \"runs\"")));
        assertEquals(BuildTool.GRADLE, SessionManifests.load(dir).build().tool(), "parsed once, at load");

        assertTrue(fails(manifest(SOURCE, PACKAGES, withSpec.replace("widget.buildspec", "absent.buildspec"))).problem()
                .contains("'build.buildspec' does not name a file in the submission directory"));
        assertTrue(fails(manifest(SOURCE, PACKAGES, withSpec.replace("\"crlf\"", "\"cr\""))).problem()
                .contains("'build.newline' must be lf or crlf"));
        assertTrue(fails(manifest(SOURCE, PACKAGES, withSpec.replace("3", "11"))).problem().contains("'build.runs'"));
        assertEquals("'build.network' must be offline, fetch-first or online",
                fails(manifest(SOURCE, PACKAGES, withSpec.replace("fetch-first", "always"))).problem());
        assertTrue(fails(manifest(SOURCE, PACKAGES, BUILD.replace("\"jdk\"", "\"tool\": \"ant\", \"jdk\""))).problem()
                .contains("'build.tool' must be mvn, gradle or command"));
        assertTrue(fails(manifest(SOURCE, PACKAGES, "{\"jdk\": \"17\"}")).problem().contains("'build.command'"),
                "without a .buildspec the command is required");
        write(manifest(SOURCE, PACKAGES, BUILD.replace("\"17\"", "\"17.0.2\"")));
        assertEquals("17.0.2", SessionManifests.load(dir).build().jdk());
    }

    @Test
    void missingManifestIsNamed() {
        Path f = dir.resolve("absent.json");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> SessionManifests.load(f));
        assertEquals("manifest: " + f + ": no such file", e.oneLine());
    }

    @Test
    void aDuplicateCommitKeyIsRefusedNotLastOneWins() throws Exception {
        String other = "f".repeat(40);
        InvalidInputException e = fails(manifest(SOURCE.replace("}", ", \"commit\": \"" + other + "\"}"), PACKAGES, BUILD));
        assertEquals("duplicate key 'source.commit' at line 2", e.problem());
    }

    @Test
    void aDuplicateBundleKeyIsRefused() throws Exception {
        InvalidInputException e = fails(manifest(SOURCE.replace("{", "{\"bundle\": \"other.bundle\", "), PACKAGES, BUILD));
        assertEquals("duplicate key 'source.bundle' at line 2", e.problem());
    }

    /** Every path the manifest names, as the JSON fragment that sets it to {@code %s}. */
    static Stream<Arguments> manifestPaths() {
        return Stream.of(
                Arguments.of("source.bundle", manifest(SOURCE.replace("src/agent.bundle", "%s"), PACKAGES, BUILD)),
                Arguments.of("source.path", manifest("{\"path\": \"%s\", \"ref\": \"v1.0\", \"commit\": \"" + COMMIT + "\"}",
                        PACKAGES, BUILD)),
                Arguments.of("source.url", manifest("{\"url\": \"file://%s\", \"ref\": \"v1.0\", \"commit\": \"" + COMMIT + "\"}",
                        PACKAGES, BUILD)),
                Arguments.of("packages[0].path", manifest(SOURCE, PACKAGES.replace("pkg/agent.zip", "%s"), BUILD)),
                Arguments.of("source.keyring", manifest(SOURCE.replace("}", ", \"keyring\": \"%s\"}"), PACKAGES, BUILD)),
                Arguments.of("source.allowedSigners", manifest(SOURCE.replace("}", ", \"allowedSigners\": \"%s\"}"), PACKAGES, BUILD)),
                Arguments.of("build.buildspec", manifest(SOURCE, PACKAGES, BUILD.replaceFirst("\\{", "{\"buildspec\": \"%s\", "))));
    }

    /** A file outside the submission directory. */
    private Path outside() throws Exception {
        return Files.writeString(elsewhere.resolve("secret"), "tool=mvn\n");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("manifestPaths")
    void aPathWithDotDotOutOfTheSubmissionDirectoryIsRefused(String field, String template) throws Exception {
        String up = dir.relativize(outside()).toString();
        assertTrue(up.startsWith("../"), up);
        Path f = write(template.formatted(field.equals("source.url") ? dir + "/" + up : up));
        UnsafeInputException e = assertThrows(UnsafeInputException.class, () -> SessionManifests.load(f));
        assertEquals("manifest: " + f + ": '" + field + "' names a path outside the submission directory " + dir
                + " [path-traversal]", e.oneLine());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("manifestPaths")
    void anAbsolutePathOutsideTheSubmissionDirectoryIsRefused(String field, String template) throws Exception {
        Path secret = outside();
        Path f = write(template.formatted(secret));
        UnsafeInputException e = assertThrows(UnsafeInputException.class, () -> SessionManifests.load(f));
        assertEquals("manifest: " + f + ": '" + field + "' names a path outside the submission directory " + dir
                + " [path-traversal]", e.oneLine());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("manifestPaths")
    void aSymbolicLinkLeadingOutOfTheSubmissionDirectoryIsRefused(String field, String template) throws Exception {
        Path secret = outside();
        Files.createSymbolicLink(dir.resolve("innocent"), secret);
        Files.createSymbolicLink(dir.resolve("linked-dir"), secret.getParent());
        for (String name : new String[]{"innocent", "linked-dir/secret", "linked-dir/not-there-yet"}) {
            String value = field.equals("source.url") ? dir.resolve(name).toString() : name;
            Path f = write(template.formatted(value));
            UnsafeInputException e = assertThrows(UnsafeInputException.class, () -> SessionManifests.load(f), name);
            assertEquals("manifest: " + f + ": '" + field + "' leads out of the submission directory " + dir
                    + " through a symbolic link [symlink-escape]", e.oneLine());
        }
    }

    @Test
    void pathsInsideTheSubmissionDirectoryStayAccepted() throws Exception {
        Files.createDirectories(dir.resolve("real"));
        Files.writeString(dir.resolve("real/widget.buildspec"), "tool=mvn\njdk=17\ncommand=mvn\n");
        Files.createSymbolicLink(dir.resolve("link.buildspec"), dir.resolve("real/widget.buildspec"));
        write(manifest(SOURCE.replace("src/agent.bundle", dir.resolve("src/./agent.bundle").toString()), PACKAGES,
                BUILD.replaceFirst("\\{", "{\"buildspec\": \"link.buildspec\", ")));
        SessionManifest m = SessionManifests.load(dir);
        assertEquals(dir.resolve("src/agent.bundle"), m.source().bundle(), "an absolute path inside is fine");
        assertEquals(dir.resolve("link.buildspec"), m.build().buildspec(), "a link that stays inside is fine");
    }

    @Test
    void aLocalUrlWithoutSchemeIsRefused() throws Exception {
        InvalidInputException e = fails(manifest("{\"url\": \"/etc\", \"ref\": \"v1.0\", \"commit\": \"" + COMMIT + "\"}",
                PACKAGES, BUILD));
        assertTrue(e.problem().startsWith("'source.url' must be a URL"), e.problem());
    }

    @Test
    void valuesFromTheManifestAreNotRepeatedInErrors() throws Exception {
        String hostile = "\\u001b]0;SECRET\\u0007";
        for (String text : new String[]{
                manifest(SOURCE.replace(COMMIT, hostile), PACKAGES, BUILD),
                manifest(SOURCE, PACKAGES.replace(SHA.toUpperCase(), hostile), BUILD),
                manifest(SOURCE, PACKAGES, BUILD.replace("\"17\"", "\"" + hostile + "\"")),
                manifest(SOURCE, PACKAGES, BUILD.replace("\"jdk\"", "\"tool\": \"" + hostile + "\", \"jdk\"")),
                manifest(SOURCE, PACKAGES, BUILD.replace("\"jdk\"", "\"timeoutSeconds\": \"SECRET\", \"jdk\"")),
                manifest(SOURCE, PACKAGES, BUILD).replace("\"version\"", "\"SECRET\\u001b\": 1, \"version\"")}) {
            InvalidInputException e = fails(text);
            assertFalse(e.problem().contains("SECRET"), e.problem());
            assertFalse(e.problem().contains("\u001b"), e.problem());
        }
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aManifestThatIsAFifoIsRefusedWithoutBlocking() throws Exception {
        Path fifo = SpecialFiles.fifo(dir.resolve("session.json"));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> SessionManifests.load(dir));
        assertEquals("manifest: " + fifo + ": not a regular file (a FIFO); refusing to read it", e.oneLine());
    }
}
