package dev.clearbox.analyzers.bytecode;

import dev.clearbox.analyzers.capability.CapabilityModel;
import dev.clearbox.core.Finding;
import dev.clearbox.core.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

class SmokeTest {
    @TempDir
    Path tmp;

    @Test
    void smoke() throws Exception {
        Path classes = Compiler.compile(Map.of("com/acme/agent/net/HealthBeacon.java",
                java.nio.file.Files.readString(Path.of("../samples/acme-updater/tamper/com/acme/agent/net/HealthBeacon.java"))),
                tmp.resolve("classes"), "-g");
        long t = System.nanoTime();
        BinaryAnalysisResult r = new BinaryAnalyzer().analyze(new BinaryAnalysisRequest(
                List.of(BinaryInput.ofDirectory(classes)), CapabilityModel.builtIn(), true, List.of()), ProgressListener.NONE);
        System.out.println("took " + (System.nanoTime() - t) / 1_000_000 + " ms");
        for (Finding f : r.findings()) {
            System.out.println(f.ruleId() + " " + f.location() + " " + f.api() + " " + f.endpoints() + " " + f.message() + " " + f.path());
        }
        System.out.println(r.coverage());
        System.out.println(r.classes());
    }
}
