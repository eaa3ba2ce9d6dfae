package dev.clearbox.reports.model;

import dev.clearbox.core.Finding;
import dev.clearbox.reports.GoldenFiles;
import dev.clearbox.reports.ReportFixture;
import org.junit.jupiter.api.Test;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The signed schema is made of this package's records only. Every type reachable from {@link AuditReport}'s record
 * components must be a record of {@code reports.model}, a primitive or its box, {@code String}, an enum, or a
 * {@code List}/{@code Map} of those: a stage's record (from {@code core} or {@code analyzers}) cannot slip back into
 * the report, where renaming one of its components would silently change the signed JSON. Enum constants are
 * still the stages' words: their names are pinned, by where they appear in the schema, by the golden file
 * {@code report-enums.txt}.
 */
class ReportSchemaTest {
    private static final Set<Class<?>> SCALARS = Set.of(String.class, Boolean.class, Integer.class, Long.class,
            Double.class, boolean.class, int.class, long.class, double.class);

    /** What a walk of the schema found: the records and enums in it, and what should not be there. */
    private static final class Walk {
        final Set<String> records = new TreeSet<>();
        final Map<String, Class<?>> enums = new LinkedHashMap<>();
        final List<String> problems = new ArrayList<>();

        Walk from(Class<?> root) {
            record(root, root.getSimpleName());
            return this;
        }

        private void record(Class<?> type, String where) {
            if (!type.isRecord() || !type.getPackageName().equals(AuditReport.class.getPackageName())) {
                problems.add(where + ": " + type.getName() + " is not a record of " + AuditReport.class.getPackageName());
                return;
            }
            if (!records.add(type.getName())) {
                return;
            }
            for (RecordComponent c : type.getRecordComponents()) {
                type(c.getGenericType(), where + "." + c.getName());
            }
        }

        private void type(Type t, String where) {
            if (t instanceof ParameterizedType p && (p.getRawType() == List.class || p.getRawType() == Map.class)) {
                for (Type argument : p.getActualTypeArguments()) {
                    type(argument, where + "[]");
                }
            } else if (t instanceof Class<?> c && SCALARS.contains(c)) {
                return;
            } else if (t instanceof Class<?> c && c.isEnum()) {
                enums.put(where, c);
            } else if (t instanceof Class<?> c) {
                record(c, where);
            } else {
                problems.add(where + ": " + t.getTypeName() + " is neither a scalar, a record, a List nor a Map");
            }
        }
    }

    @Test
    void theReportIsMadeOfItsOwnRecordsOnly() {
        Walk walk = new Walk().from(AuditReport.class);

        assertEquals(List.of(), walk.problems);
        assertTrue(walk.records.containsAll(Set.of(Source.class.getName(), Source.Signature.class.getName(),
                ShippedPackage.Entry.class.getName(), ShippedPackage.Signer.class.getName(),
                ReportFinding.Step.class.getName(), Analysis.Coverage.class.getName(), Rebuild.Run.class.getName(),
                ArtifactVerdict.Difference.class.getName(), BinaryReport.NativeLibrary.class.getName(),
                Summary.class.getName())), walk.records.toString());
    }

    /** A component typed with a stage's record. */
    record Leaky(String name, List<Finding> findings) {
    }

    @Test
    void aStageRecordInTheSchemaIsNamedWithItsPath() {
        Walk walk = new Walk().from(Leaky.class);

        assertEquals(List.of("Leaky.findings[]: dev.clearbox.core.Finding is not a record of dev.clearbox.reports.model"),
                walk.problems);
    }

    @Test
    void theEnumConstantsInTheSchemaAreGolden() throws Exception {
        Walk walk = new Walk().from(AuditReport.class);

        String listing = walk.enums.entrySet().stream()
                .map(e -> e.getKey() + ": " + Arrays.stream(e.getValue().getEnumConstants()).map(o -> ((Enum<?>) o).name())
                        .collect(Collectors.joining(" ")) + "\n")
                .collect(Collectors.joining());
        GoldenFiles.assertGolden("report-enums.txt", listing);
    }

    @Test
    void aFindingsFingerprintIsTheStagesFingerprint() {
        AuditReport report = ReportFixture.report();
        List<Finding> stage = ReportFixture.findings();
        List<ReportFinding> copies = new ArrayList<>(report.analysis().findings());
        copies.addAll(report.binaryAnalysis().findings());
        copies.addAll(report.packageFindings());

        assertEquals(stage.size(), copies.size());
        for (int i = 0; i < stage.size(); i++) {
            assertEquals(stage.get(i).fingerprint(), copies.get(i).fingerprint(), copies.get(i).toString());
        }
    }
}
