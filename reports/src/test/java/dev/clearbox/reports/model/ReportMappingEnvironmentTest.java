package dev.clearbox.reports.model;

import dev.clearbox.core.rebuild.Jdk;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** No directory of the auditor's machine reaches the report: environment and source location. */
class ReportMappingEnvironmentTest {
    @Test
    void twoMachinesGiveTheSameEnvironment() {
        Jdk a = new Jdk(Path.of("/usr/lib/jvm/java-17-openjdk-amd64"), "17.0.15", "Debian", "17.0.15+6");
        Jdk b = new Jdk(Path.of("/opt/jdks/temurin-17"), "17.0.15", "Debian", "17.0.15+6");
        Map<String, String> first = ReportMapping.environment(Map.of("HOME", "/root", "JAVA_HOME", a.home().toString(),
                "PATH", "/opt/maven/bin:" + a.home() + "/bin:/usr/local/bin:/usr/bin:/bin", "TZ", "UTC"), a);
        Map<String, String> second = ReportMapping.environment(Map.of("HOME", "/home/alice", "JAVA_HOME", b.home().toString(),
                "PATH", "/home/alice/.sdkman/maven/bin:" + b.home() + "/bin:/usr/local/bin:/usr/bin:/bin", "TZ", "UTC"), b);
        assertEquals(Map.of("HOME", "<home>", "JAVA_HOME", "<JDK 17.0.15+6>",
                "PATH", "<auditor path>:<JAVA_HOME>/bin:/usr/local/bin:/usr/bin:/bin", "TZ", "UTC"), first);
        assertEquals("<HOME>/.sdkman/maven/bin:<JAVA_HOME>/bin:/usr/local/bin:/usr/bin:/bin", second.get("PATH"));
    }

    @Test
    void aLocalSourceIsNamedByItsFileNameAndAUrlIsKept() {
        assertEquals("acme-updater.bundle", ReportMapping.location("/home/alice/sub/acme-updater.bundle"));
        assertEquals("acme-updater.bundle", ReportMapping.location("acme-updater.bundle"));
        assertEquals("https://git.acme.example/agent.git", ReportMapping.location("https://git.acme.example/agent.git"));
        assertEquals("git@git.acme.example:acme/agent.git", ReportMapping.location("git@git.acme.example:acme/agent.git"));
    }
}
