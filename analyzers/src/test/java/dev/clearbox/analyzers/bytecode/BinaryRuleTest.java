package dev.clearbox.analyzers.bytecode;

import dev.clearbox.analyzers.bytecode.internal.FindSecBugsTypes;
import dev.clearbox.analyzers.source.SourceRule;
import dev.clearbox.core.Capability;
import dev.clearbox.core.Severity;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The binary rules' own invariants: stable ids, the capability rules agree with the source rules. Uniqueness, doc
 * pages and tests of every rule are checked for all rules at once by {@code analyzers.RuleRegistryTest}.
 */
class BinaryRuleTest {
    @Test
    void idsAreStableAndEveryCapabilityHasTheSourceRulesSeverity() {
        for (BinaryRule r : BinaryRule.values()) {
            assertTrue(r.id().matches("CBX-BIN-[A-Z_-]+"), r.id());
        }
        for (Capability c : Capability.values()) {
            if (c.modelled()) {
                assertEquals("CBX-BIN-" + c.name(), BinaryRule.forCapability(c).id());
                assertTrue(BinaryRule.forCapability(c).isCapabilityRule());
                assertEquals(SourceRule.forCapability(c).severity(), BinaryRule.forCapability(c).severity());
                assertEquals(SourceRule.forCapability(c).title(), BinaryRule.forCapability(c).title());
            }
        }
        assertEquals(Severity.CRITICAL, BinaryRule.ONLY.severity());
        assertFalse(BinaryRule.NO_SOURCE.isCapabilityRule(), "a rule of a non-modelled capability is not a capability rule");
        assertFalse(BinaryRule.FLOW.isCapabilityRule());
    }

    @Test
    void carriedFindSecBugsTypesNameModelledCapabilities() {
        assertTrue(FindSecBugsTypes.carried().size() >= 20);
        FindSecBugsTypes.carried().forEach((type, carried) -> {
            assertTrue(carried.capability().modelled(), type);
            assertEquals("FSB-" + type, carried.id());
            assertEquals("docs/rules/FSB.md", carried.docPage());
        });
        assertEquals(Capability.NETWORK, FindSecBugsTypes.carried().get("UNENCRYPTED_SOCKET").capability());
    }
}
