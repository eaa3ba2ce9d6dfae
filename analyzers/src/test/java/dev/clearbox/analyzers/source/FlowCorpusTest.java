package dev.clearbox.analyzers.source;

import dev.clearbox.core.Finding;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs the flow corpus ({@link FlowCorpus}) and states its precision and recall. Every case is analysed
 * on its own. A marked sink line with a matching {@code CBX-SRC-EXFIL} finding is a true positive,
 * without one a false negative; an exfiltration finding on an unmarked line is a false positive.
 *
 * <p>Floors: every construct in the corpus is claimed supported, so recall and precision must both be
 * 1.0. Known weaknesses (see docs/source-analyzer.md) are not in the corpus as passing cases.
 */
class FlowCorpusTest {
    @TempDir
    Path root;

    @Test
    @Tag("positive:CBX-SRC-EXFIL")
    @Tag("negative:CBX-SRC-EXFIL")
    void theCorpusIsFoundWithFullPrecisionAndRecall() {
        int tp = 0;
        int fp = 0;
        int fn = 0;
        int positives = 0;
        int negatives = 0;
        List<String> errors = new ArrayList<>();
        Map<String, String> constructs = new LinkedHashMap<>();
        List<FlowCorpus.Case> cases = FlowCorpus.all();
        for (int i = 0; i < cases.size(); i++) {
            FlowCorpus.Case c = cases.get(i);
            SourceFixture fixture = SourceFixture.in(root.resolve("case" + i)).threads(1);
            c.files().forEach(fixture::file);
            SourceAnalysisResult result = fixture.analyze();
            Map<String, List<Finding>> flows = new LinkedHashMap<>();
            for (Finding f : result.findings()) {
                if (f.rule() == SourceRule.EXFIL) {
                    flows.computeIfAbsent(f.location().file() + ":" + f.location().line(), k -> new ArrayList<>()).add(f);
                }
            }
            Map<String, List<String>> markers = fixture.markers();
            if (markers.isEmpty()) {
                negatives++;
            } else {
                positives++;
            }
            for (Map.Entry<String, List<String>> m : markers.entrySet()) {
                List<Finding> here = new ArrayList<>(flows.getOrDefault(m.getKey(), List.of()));
                for (String expectation : m.getValue()) {
                    if (SourceFixture.takeMatching(here, expectation) != null) {
                        tp++;
                    } else {
                        fn++;
                        errors.add("missed [" + c.name() + "] at " + m.getKey() + ": " + expectation + "; found there: "
                                + flows.getOrDefault(m.getKey(), List.of()).stream().map(f -> f.path().get(0).location() + " " + f.message()).toList());
                    }
                }
                flows.remove(m.getKey());
            }
            for (List<Finding> rest : flows.values()) {
                fp++;
                errors.add("false positive [" + c.name() + "] at " + rest.get(0).location() + ": " + rest.get(0).message()
                        + "\n" + SampleExfiltrationTest.render(rest.get(0).path()));
            }
            constructs.merge(c.construct(), c.name(), (a, b) -> a + "; " + b);
        }
        double precision = tp + fp == 0 ? 1.0 : (double) tp / (tp + fp);
        double recall = tp + fn == 0 ? 1.0 : (double) tp / (tp + fn);
        System.out.printf("flow corpus: %d cases (%d positive, %d negative), %d constructs: TP %d, FP %d, FN %d, "
                        + "precision %.3f, recall %.3f%n", cases.size(), positives, negatives, constructs.size(), tp, fp, fn,
                precision, recall);
        errors.forEach(e -> System.out.println("  " + e));
        assertTrue(positives >= 30 && negatives >= 8, "the corpus covers the constructs both ways");
        assertEquals(1.0, recall, 0.0, "recall: " + String.join("\n", errors));
        assertEquals(1.0, precision, 0.0, "precision: " + String.join("\n", errors));
    }
}
