package dev.clearbox.analyzers.source;

import dev.clearbox.analyzers.capability.Capability;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Keeps the rule registry honest: unique ids, one rule per capability, a doc page per rule. */
class SourceRuleTest {
    private static final Path RULE_DOCS = Path.of("..", "docs", "rules");

    @Test
    void ruleIdsAreUniqueAndStable() {
        Set<String> ids = new HashSet<>();
        for (SourceRule rule : SourceRule.values()) {
            assertTrue(ids.add(rule.id()), "duplicate id " + rule.id());
            assertTrue(rule.id().matches("CBX-SRC-[A-Z_-]+"), rule.id());
        }
        assertEquals("CBX-SRC-NETWORK", SourceRule.NETWORK.id());
        assertEquals("CBX-SRC-FILE_READ", SourceRule.FILE_READ.id());
        assertEquals("CBX-SRC-HIDDEN-STRING", SourceRule.HIDDEN_STRING.id());
    }

    @Test
    void everyCapabilityHasItsRule() {
        for (Capability c : Capability.values()) {
            assertEquals(c.name(), SourceRule.forCapability(c).capabilityName());
        }
    }

    @Test
    void everyRuleIsDocumented() throws Exception {
        for (SourceRule rule : SourceRule.values()) {
            Path page = RULE_DOCS.resolve(rule.id() + ".md");
            assertTrue(Files.isRegularFile(page), "missing " + page.toAbsolutePath().normalize());
            String text = Files.readString(page);
            assertTrue(text.startsWith("# " + rule.id()), page + " must start with its id");
            assertTrue(text.contains(rule.severity().name()), page + " must state the severity");
        }
    }
}
