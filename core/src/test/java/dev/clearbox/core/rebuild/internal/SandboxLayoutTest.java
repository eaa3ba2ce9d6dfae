package dev.clearbox.core.rebuild.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the build sees, as mount steps: the rules both sandboxes apply. */
class SandboxLayoutTest {
    @TempDir
    Path tmp;

    private SandboxLayout layout(List<Path> readOnly, List<Path> writable) throws Exception {
        Path tree = Files.createDirectories(tmp.resolve("ws/rebuild/tree"));
        return SandboxLayout.of(new SandboxLayout.Policy(tree, tmp.resolve("home"), readOnly, writable, false, 1 << 20));
    }

    @Test
    void theSystemIsReadOnlyTheSecretsMaskedAndOnlyTheTreeWritable() throws Exception {
        SandboxLayout l = layout(List.of(), List.of());
        assertTrue(l.steps().contains(new SandboxLayout.Step(SandboxLayout.Kind.RO, "/usr", "/usr")));
        List<SandboxLayout.Step> writable = l.steps().stream().filter(s -> s.kind() == SandboxLayout.Kind.RW).toList();
        assertEquals(1, writable.size(), writable.toString());
        assertEquals(tmp.resolve("ws/rebuild/tree").toString(), writable.get(0).target());
        if (Files.exists(Path.of("/etc/shadow"))) {
            assertTrue(l.steps().contains(new SandboxLayout.Step(SandboxLayout.Kind.MASK, "", "/etc/shadow")));
        }
        assertTrue(l.steps().stream().noneMatch(s -> s.source().startsWith(tmp.resolve("ws").toString())
                && !s.source().equals(tmp.resolve("ws/rebuild/tree").toString())), "nothing else of the workspace");
        assertTrue(l.steps().contains(new SandboxLayout.Step(SandboxLayout.Kind.TMPFS, Long.toString(1 << 20), "/tmp")));
        assertTrue(l.steps().contains(new SandboxLayout.Step(SandboxLayout.Kind.TMPFS, Long.toString(1 << 20),
                tmp.resolve("home").toString())), "a private home in memory");
    }

    @Test
    void aLinkedReadOnlyDirectoryIsBoundWhereItIsAndWhereItIsNamed() throws Exception {
        Path jdk = Files.createDirectories(tmp.resolve("opt/jdk-17"));
        Path link = Files.createSymbolicLink(tmp.resolve("jdk"), jdk);
        SandboxLayout l = layout(List.of(link, tmp.resolve("absent")), List.of());
        String real = jdk.toRealPath().toString();
        assertTrue(l.steps().contains(new SandboxLayout.Step(SandboxLayout.Kind.RO, real, real)), l.steps().toString());
        assertTrue(l.steps().contains(new SandboxLayout.Step(SandboxLayout.Kind.RO, real, link.toString())), l.steps().toString());
        assertFalse(l.steps().stream().anyMatch(s -> s.target().endsWith("absent")), "what does not exist is left out");
    }

    @Test
    void parentsAreMountedBeforeTheirChildren() throws Exception {
        Path cache = Files.createDirectories(tmp.resolve("home/.m2/repository"));
        Path deep = Files.createDirectories(tmp.resolve("home/.m2/repository/org/x"));
        SandboxLayout l = layout(List.of(deep, cache), List.of());
        List<String> targets = l.steps().stream().filter(s -> s.kind() == SandboxLayout.Kind.RO)
                .map(SandboxLayout.Step::target).toList();
        assertTrue(targets.indexOf(cache.toString()) < targets.indexOf(deep.toString()), targets.toString());
        int home = l.steps().indexOf(new SandboxLayout.Step(SandboxLayout.Kind.TMPFS, Long.toString(1 << 20), tmp.resolve("home").toString()));
        assertTrue(home >= 0 && home < l.steps().indexOf(new SandboxLayout.Step(SandboxLayout.Kind.RO, cache.toRealPath().toString(),
                cache.toString())), "the home is made before the caches are bound into it");
    }
}
