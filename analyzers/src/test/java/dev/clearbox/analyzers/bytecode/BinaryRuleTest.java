package dev.clearbox.analyzers.bytecode;

import dev.clearbox.analyzers.bytecode.internal.FindSecBugsTypes;
import dev.clearbox.analyzers.capability.Capability;
import dev.clearbox.analyzers.source.SourceRule;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Keeps the binary rule registry honest: unique ids, the source rules' capabilities, a doc page each. */
class BinaryRuleTest {
    private static final Path RULE_DOCS = Path.of("..", "docs", "rules");

    @Test
    void idsAreUniqueAndEveryCapabilityHasTheSourceRulesSeverity() {
        Set<String> ids = new HashSet<>();
        for (BinaryRule r : BinaryRule.values()) {
            assertTrue(ids.add(r.id()), r.id());
            assertTrue(r.id().matches("CBX-BIN-[A-Z_-]+"), r.id());
        }
        for (Capability c : Capability.values()) {
            assertEquals("CBX-BIN-" + c.name(), BinaryRule.forCapability(c).id());
            assertEquals(SourceRule.forCapability(c).severity(), BinaryRule.forCapability(c).severity());
        }
        assertEquals("CRITICAL", BinaryRule.ONLY.severity().name());
    }

    @Test
    void everyRuleIsDocumented() throws Exception {
        for (BinaryRule r : BinaryRule.values()) {
            Path page = RULE_DOCS.resolve(r.id() + ".md");
            assertTrue(Files.isRegularFile(page), "missing " + page.toAbsolutePath().normalize());
            String text = Files.readString(page);
            assertTrue(text.startsWith("# " + r.id()), page + " must start with its id");
            assertTrue(text.contains(r.severity().name()), page + " must state the severity");
        }
    }

    @Test
    void carriedFindSecBugsTypesNameKnownCapabilities() {
        assertTrue(FindSecBugsTypes.carried().size() >= 20);
        FindSecBugsTypes.carried().forEach((type, carried) -> Capability.valueOf(carried.capability()));
        assertEquals("NETWORK", FindSecBugsTypes.carried().get("UNENCRYPTED_SOCKET").capability());
    }
}
