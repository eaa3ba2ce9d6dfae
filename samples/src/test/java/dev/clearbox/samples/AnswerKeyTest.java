package dev.clearbox.samples;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Keeps the answer key (the expected call sites and the sample's README) in agreement with the product source. */
class AnswerKeyTest {

    private static final Path SAMPLE = AcmeUpdaterSample.locateSampleDir();
    private static final Path PRODUCT = AcmeUpdaterSample.productDir(SAMPLE);
    private static final Pattern LOCATION = Pattern.compile("`?(src/main/java/[^`:\\s]+\\.java):(\\d+)`?");
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    @Test
    void everyExpectedCallSiteCallsItsMethodOnThatLine() throws IOException {
        for (ExpectedCallSite site : AcmeUpdaterSample.expectedNetworkCallSites()) {
            assertCalls(PRODUCT, site);
        }
    }

    @Test
    void everySourceCallOfTheConcealedPathCallsItsMethodOnThatLine() throws IOException {
        List<ExpectedCallSite> calls = AcmeUpdaterSample.concealedPathSourceCalls();
        assertFalse(calls.isEmpty());
        for (ExpectedCallSite site : calls) {
            assertCalls(PRODUCT, site);
        }
    }

    @Test
    void theTamperedSocketIsOpenedOnItsLineOfTheTamperSource() throws IOException {
        ExpectedCallSite socket = AcmeUpdaterSample.tamperedSocket();
        assertCalls(AcmeUpdaterSample.tamperDir(SAMPLE), socket);
        assertTrue(line(AcmeUpdaterSample.tamperDir(SAMPLE), socket.file(), socket.line()).contains("\"203.0.113.7\""),
                "the beacon's socket goes to the documented literal IP address");
    }

    @Test
    void theConcealedPathStepsFollowTheReadmesPathTableInOrder() throws IOException {
        List<String> table = new ArrayList<>();
        for (String row : Files.readAllLines(SAMPLE.resolve("README.md"), StandardCharsets.UTF_8)) {
            String[] cells = row.split("\\|");
            if (cells.length > 2 && cells[1].strip().matches("\\d+")) {
                Matcher location = LOCATION.matcher(cells[2].strip());
                assertTrue(location.matches(), "path step without a location: " + row);
                table.add(location.group(1) + ":" + location.group(2));
            }
        }
        List<String> steps = AcmeUpdaterSample.concealedPathSteps();
        ExpectedCallSite sink = AcmeUpdaterSample.expectedNetworkCallSites().stream()
                .filter(ExpectedCallSite::concealed).findFirst().orElseThrow();
        assertEquals(sink.file() + ":" + sink.line(), steps.get(steps.size() - 1), "the path ends at the concealed sink");
        assertEquals(sink.file() + ":" + sink.line(), table.get(table.size() - 1), "the README's path ends at the concealed sink");
        assertTrue(AcmeUpdaterSample.concealedPathSourceCalls().stream()
                        .anyMatch(c -> (c.file() + ":" + c.line()).equals(steps.get(0))),
                "the path starts at one of the concealed path's source calls: " + steps.get(0));
        int at = -1;
        for (String step : steps) {
            int next = table.subList(at + 1, table.size()).indexOf(step);
            assertTrue(next >= 0, step + " is not in the README's path table after step " + (at + 1) + ": " + table);
            at += next + 1;
        }
    }

    @Test
    void noOtherLineCallsOneOfTheKeysMethods() throws IOException {
        Set<String> methods = AcmeUpdaterSample.expectedNetworkCallSites().stream()
                .map(ExpectedCallSite::methodName).collect(Collectors.toSet());
        Set<String> expected = AcmeUpdaterSample.expectedNetworkCallSites().stream()
                .map(s -> s.file() + ":" + s.line()).collect(Collectors.toCollection(TreeSet::new));
        Set<String> found = new TreeSet<>();
        for (Path file : javaSources()) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                for (String method : methods) {
                    if (lines.get(i).contains("." + method + "(")) {
                        found.add(PRODUCT.relativize(file).toString().replace('\\', '/') + ":" + (i + 1));
                    }
                }
            }
        }
        assertEquals(expected, found);
    }

    @Test
    void exactlyOneConcealedSinkAndItIsADnsLookup() {
        List<ExpectedCallSite> concealed = AcmeUpdaterSample.expectedNetworkCallSites().stream()
                .filter(ExpectedCallSite::concealed).toList();
        assertEquals(1, concealed.size());
        assertEquals("java.net.InetAddress#getByName", concealed.get(0).api());
    }

    @Test
    void everyLocationInTheReadmeShowsTheCodeOnThatLine() throws IOException {
        List<String> checked = new ArrayList<>();
        for (String row : Files.readAllLines(SAMPLE.resolve("README.md"), StandardCharsets.UTF_8)) {
            if (!row.startsWith("|")) {
                continue;
            }
            String[] cells = row.split("\\|");
            for (int i = 0; i < cells.length - 1; i++) {
                Matcher location = LOCATION.matcher(cells[i].strip());
                if (location.matches()) {
                    Matcher code = CODE.matcher(cells[i + 1].strip());
                    assertTrue(code.matches(), "no code cell after " + cells[i]);
                    String line = line(location.group(1), Integer.parseInt(location.group(2)));
                    assertTrue(line.contains(code.group(1)),
                            cells[i].strip() + " should contain " + code.group(1) + " but is: " + line.strip());
                    checked.add(location.group(1) + ":" + location.group(2));
                }
            }
        }
        assertTrue(checked.size() >= 15, "the README should locate the call sites and each step of the path: " + checked);
        for (ExpectedCallSite site : AcmeUpdaterSample.expectedNetworkCallSites()) {
            assertTrue(checked.contains(site.file() + ":" + site.line()), "the README does not list " + site);
        }
    }

    @Test
    void theConcealedPathStartsWithAReadOfTheSshKey() throws IOException {
        String source = Files.readString(PRODUCT.resolve("src/main/java/com/acme/agent/device/DeviceFingerprint.java"));
        assertTrue(source.contains("\".ssh\", \"id_rsa\""));
        assertFalse(source.contains("MessageDigest"), "the id must not be a hash of the key");
    }

    private static void assertCalls(Path root, ExpectedCallSite site) throws IOException {
        String line = line(root, site.file(), site.line());
        String call = site.methodName().equals("<init>")
                ? "new " + site.typeSimpleName() + "("
                : "." + site.methodName() + "(";
        assertTrue(line.contains(call), site + " but the line is: " + line.strip());
    }

    private static String line(String file, int number) throws IOException {
        return line(PRODUCT, file, number);
    }

    private static String line(Path root, String file, int number) throws IOException {
        List<String> lines = Files.readAllLines(root.resolve(file), StandardCharsets.UTF_8);
        assertTrue(number >= 1 && number <= lines.size(), file + " has no line " + number);
        return lines.get(number - 1);
    }

    private static List<Path> javaSources() throws IOException {
        try (Stream<Path> files = Files.walk(PRODUCT.resolve("src"))) {
            return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }
}
