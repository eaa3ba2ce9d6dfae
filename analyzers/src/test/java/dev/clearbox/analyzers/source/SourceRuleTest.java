package dev.clearbox.analyzers.source;

import dev.clearbox.core.Capability;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The source rules' own invariants: stable ids, one rule per modelled capability. Uniqueness, doc pages and
 * tests of every rule are checked for all rules at once by {@code analyzers.RuleRegistryTest}.
 */
class SourceRuleTest {
    @Test
    void ruleIdsAreStable() {
        for (SourceRule rule : SourceRule.values()) {
            assertTrue(rule.id().matches("CBX-SRC-[A-Z_-]+"), rule.id());
        }
        assertEquals("CBX-SRC-NETWORK", SourceRule.NETWORK.id());
        assertEquals("CBX-SRC-FILE_READ", SourceRule.FILE_READ.id());
        assertEquals("CBX-SRC-HIDDEN-STRING", SourceRule.HIDDEN_STRING.id());
        assertEquals("CBX-SRC-SHADOWED-API", SourceRule.SHADOWED_API.id());
        assertEquals("CBX-SRC-EXFIL", SourceRule.EXFIL.id());
    }

    @Test
    void everyModelledCapabilityHasItsRuleWithTheCapabilitysSeverityAndTitle() {
        for (Capability c : Capability.values()) {
            if (!c.modelled()) {
                assertThrows(IllegalStateException.class, () -> SourceRule.forCapability(c), c.name());
                continue;
            }
            SourceRule rule = SourceRule.forCapability(c);
            assertEquals("CBX-SRC-" + c.name(), rule.id());
            assertEquals(c, rule.capability());
            assertEquals(c.severity(), rule.severity());
            assertEquals(c.title(), rule.title());
        }
        assertNull(SourceRule.EXFIL.capability(), "an exfiltration path has its sink's capability");
        assertEquals(Capability.HIDDEN_STRING, SourceRule.HIDDEN_STRING.capability());
    }
}
