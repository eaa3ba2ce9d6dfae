package dev.clearbox.core.rebuild;

import java.util.List;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * For tests of a safety property of the build sandbox: the isolation a rebuild asked for must really have been in
 * force. Where this machine lacks it the test is skipped with the reason, but where {@code CLEARBOX_REQUIRE_SANDBOXES}
 * names it (as CI does, for {@code bubblewrap} and {@code user-namespace}) that is a failure, never a skip.
 */
final class RequiredSandbox {
    private RequiredSandbox() {
    }

    static void inForce(Isolation.Level level, RebuildResult r) {
        if (r.isolation().level() == level) {
            return;
        }
        String required = System.getenv().getOrDefault("CLEARBOX_REQUIRE_SANDBOXES", "");
        String name = level.name().toLowerCase().replace('_', '-');
        if (List.of(required.split(",")).contains(name)) {
            fail(name + " is required here (CLEARBOX_REQUIRE_SANDBOXES) but not available: " + r.notes() + " " + r.reason());
        }
        assumeTrue(false, name + " is not available on this machine: " + r.notes());
    }
}
