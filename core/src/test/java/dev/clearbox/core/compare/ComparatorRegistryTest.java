package dev.clearbox.core.compare;

import dev.clearbox.core.compare.internal.Comparators;
import dev.clearbox.core.compare.internal.FormatComparator;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Keeps the comparator registry honest. */
class ComparatorRegistryTest {
    @Test
    void everyComparatorIsRegisteredOnceAndTheByteFallbackComesLast() throws Exception {
        Path dir = Path.of(FormatComparator.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("dev/clearbox/core/compare/internal");
        Set<String> implementations = new HashSet<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                if (!name.endsWith(".class") || name.contains("$")) {
                    continue;
                }
                Class<?> c = Class.forName("dev.clearbox.core.compare.internal." + name.replace(".class", ""));
                if (FormatComparator.class.isAssignableFrom(c) && !c.isInterface()) {
                    implementations.add(c.getSimpleName());
                }
            }
        }
        Set<String> registered = new HashSet<>();
        Comparators.ALL.forEach(c -> registered.add(c.getClass().getSimpleName()));
        assertEquals(implementations, registered);
        List<String> names = Comparators.ALL.stream().map(FormatComparator::name).toList();
        assertEquals(names.size(), new HashSet<>(names).size(), names.toString());
        assertEquals("bytes", names.get(names.size() - 1));
        assertEquals(List.of("zip", "tar", "class", "manifest", "git.properties", "properties", "text", "bytes"), names);
    }

    @Test
    void everyDifferenceClassHasADescriptionAndOnlyTheCompilerChangeIsAcceptable() {
        for (DifferenceClass c : DifferenceClass.values()) {
            assertTrue(!c.description().isBlank(), c.name());
            assertEquals(c == DifferenceClass.KNOWN_COMPILER_CHANGE, c.acceptable(), c.name());
        }
    }
}
