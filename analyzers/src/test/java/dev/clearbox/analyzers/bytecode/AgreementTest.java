package dev.clearbox.analyzers.bytecode;

import dev.clearbox.core.Finding;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The corpus through both analyzers: on every line, the source and the bytecode report the same
 * capabilities, except where listed below with the reason.
 */
class AgreementTest {
    /** "file:line CAPABILITY source|binary-only" → why the two analyzers differ there. */
    private static final Map<String, String> EXPLAINED = Map.of(
            "com/acme/Hidden.java:4 HIDDEN_STRING source-only",
            "hidden strings are a source rule: javac folds the Base64 constant into the constant pool like any string",
            "com/acme/Hidden.java:6 HIDDEN_STRING source-only",
            "a char array built element by element is a hidden string in source; the bytecode analysis has no such rule",
            "com/acme/Loader.java:7 NATIVE source-only",
            "a native method has no code, hence no line in the class file: the bytecode finding has line 0 (checked by api below)",
            "com/acme/Loader.java:0 NATIVE binary-only",
            "the same native declaration, without a line");

    private static final ProductFixture product = ProductFixture.get();

    @Test
    void sourceAndBytecodeReportTheSameCapabilitiesLineByLine() {
        List<String> disagreements = new ArrayList<>();
        for (String file : Corpus.sources().keySet()) {
            Map<Integer, List<String>> source = new TreeMap<>();
            for (Finding f : product.source.findings()) {
                if (f.location().file().equals(Corpus.ROOT + file) && f.path().isEmpty()) {
                    source.computeIfAbsent(f.location().line(), k -> new ArrayList<>()).add(f.capability().name());
                }
            }
            Map<Integer, List<String>> binary = new TreeMap<>();
            product.binaryFindingsOf(file, false).forEach((line, fs) ->
                    fs.forEach(f -> binary.computeIfAbsent(line, k -> new ArrayList<>()).add(f.capability().name())));
            compare(file, source, binary, "source-only", disagreements);
            compare(file, binary, source, "binary-only", disagreements);
        }
        List<String> unexplained = disagreements.stream().filter(d -> !EXPLAINED.containsKey(d)).toList();
        assertEquals(List.of(), unexplained, "unexplained disagreements");
        assertEquals(EXPLAINED.keySet().stream().sorted().toList(), disagreements.stream().sorted().toList(),
                "every explained disagreement still occurs");
    }

    @Test
    void theNativeDeclarationAgreesOnItsApi() {
        assertEquals(1, product.source.findings().stream().filter(f -> f.api().equals("com.acme.Loader#peek")).count());
        assertEquals(1, product.binary.findings().stream().filter(f -> f.api().equals("com.acme.Loader#peek")).count());
    }

    private static void compare(String file, Map<Integer, List<String>> a, Map<Integer, List<String>> b, String label,
                                List<String> out) {
        a.forEach((line, caps) -> {
            List<String> other = new ArrayList<>(b.getOrDefault(line, List.of()));
            for (String c : caps) {
                if (!other.remove(c)) {
                    out.add(file + ":" + line + " " + c + " " + label);
                }
            }
        });
    }
}
