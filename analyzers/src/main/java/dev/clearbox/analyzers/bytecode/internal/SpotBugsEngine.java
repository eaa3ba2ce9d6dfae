package dev.clearbox.analyzers.bytecode.internal;

import dev.clearbox.analyzers.capability.CapabilityModel;
import dev.clearbox.core.Stage;
import dev.clearbox.core.StageFailedException;
import edu.umd.cs.findbugs.BugInstance;
import edu.umd.cs.findbugs.BugPattern;
import edu.umd.cs.findbugs.DetectorFactory;
import edu.umd.cs.findbugs.DetectorFactoryCollection;
import edu.umd.cs.findbugs.FindBugs2;
import edu.umd.cs.findbugs.Plugin;
import edu.umd.cs.findbugs.PluginException;
import edu.umd.cs.findbugs.Project;
import edu.umd.cs.findbugs.config.UserPreferences;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Runs SpotBugs programmatically ({@link FindBugs2} over a {@link Project}) with a chosen set of
 * detectors and collects what it reports.
 *
 * <p>SpotBugs keeps its plugins in process-wide registries; Clearbox's plugin (its descriptor
 * {@code plugin/findbugs.xml} and {@code plugin/messages.xml}, written to a private temporary directory
 * because SpotBugs loads descriptors from a directory or jar root) and FindSecBugs (from its jar on the
 * class path) are registered once per JVM, with Clearbox's class loader as parent so the detector classes
 * are the ones on the class path. Which detectors run is decided per run through {@link UserPreferences}.
 */
public final class SpotBugsEngine {
    /** Which detectors a run enables. */
    public enum Detectors {
        /** Every detector SpotBugs enables by default (its core plugin), nothing else: the benchmark baseline. */
        SPOTBUGS_DEFAULT,
        /** Clearbox's capability detector alone. */
        CLEARBOX,
        /** Clearbox's detector and the FindSecBugs detectors that report a type Clearbox carries. */
        CLEARBOX_AND_FINDSECBUGS
    }

    /**
     * What a run produced.
     *
     * @param hits what Clearbox's detector saw, in arrival order
     * @param bugs what other detectors (FindSecBugs, SpotBugs' own) reported, in arrival order
     */
    public record Outcome(List<Hit> hits, List<BugInstance> bugs, List<String> errors, Set<String> missingClasses,
                          Set<String> analyzedClasses) {
    }

    static final String PLUGIN_ID = "dev.clearbox.bytecode";
    static final String FINDSECBUGS_ID = "com.h3xstream.findsecbugs";
    private static final Stage STAGE = Stage.ANALYZE_BINARY;
    private static boolean pluginsLoaded;

    private SpotBugsEngine() {
    }

    /**
     * Analyzes the application code bases (jars, class directories, single class files) against the
     * auxiliary class path (the JDK is always there).
     */
    public static Outcome run(List<Path> codebases, List<Path> auxClasspath, CapabilityModel model, Detectors detectors) {
        Objects.requireNonNull(model, "model");
        loadPlugins();
        Project project = new Project();
        codebases.forEach(c -> project.addFile(c.toAbsolutePath().toString()));
        auxClasspath.forEach(c -> project.addAuxClasspathEntry(c.toAbsolutePath().toString()));
        CollectingReporter reporter = new CollectingReporter();
        FindBugs2 engine = new FindBugs2();
        List<Hit> hits;
        try (RunContext context = RunContext.bind(model)) {
            DetectorFactoryCollection factories = DetectorFactoryCollection.instance();
            engine.setDetectorFactoryCollection(factories);
            engine.setProject(project);
            engine.setBugReporter(reporter);
            engine.setUserPreferences(preferences(factories, detectors));
            engine.setScanNestedArchives(false);
            engine.setNoClassOk(true);
            engine.setRankThreshold(Integer.MAX_VALUE);
            engine.finishSettings();
            engine.execute();
            hits = context.hits();
        } catch (IOException e) {
            throw new StageFailedException(STAGE, codebases.toString(), "SpotBugs could not read its input: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StageFailedException(STAGE, codebases.toString(), "interrupted", e);
        } finally {
            engine.dispose();
        }
        return new Outcome(hits, reporter.bugs(), reporter.errors(), reporter.missingClasses(), reporter.observedClasses());
    }

    private static UserPreferences preferences(DetectorFactoryCollection factories, Detectors detectors) {
        UserPreferences prefs = UserPreferences.createDefaultUserPreferences();
        prefs.enableAllDetectors(false);
        Set<String> carried = FindSecBugsTypes.carried().keySet();
        for (DetectorFactory f : factories.getFactories()) {
            String plugin = f.getPlugin().getPluginId();
            boolean enable = switch (detectors) {
                case SPOTBUGS_DEFAULT -> f.getPlugin().isCorePlugin() && f.isDefaultEnabled();
                case CLEARBOX -> PLUGIN_ID.equals(plugin);
                case CLEARBOX_AND_FINDSECBUGS -> PLUGIN_ID.equals(plugin)
                        || FINDSECBUGS_ID.equals(plugin) && reportsAny(f, carried);
            };
            prefs.enableDetector(f, enable);
        }
        prefs.getFilterSettings().setMinPriority("Medium");
        return prefs;
    }

    private static boolean reportsAny(DetectorFactory f, Set<String> types) {
        for (BugPattern p : f.getReportedBugPatterns()) {
            if (types.contains(p.getType())) {
                return true;
            }
        }
        return false;
    }

    private static synchronized void loadPlugins() {
        if (pluginsLoaded) {
            return;
        }
        ClassLoader parent = SpotBugsEngine.class.getClassLoader();
        try {
            if (Plugin.getByPluginId(PLUGIN_ID) == null) {
                Path dir = Files.createTempDirectory("clearbox-spotbugs-plugin");
                dir.toFile().deleteOnExit();
                for (String name : List.of("findbugs.xml", "messages.xml")) {
                    try (InputStream in = SpotBugsEngine.class.getResourceAsStream("plugin/" + name)) {
                        if (in == null) {
                            throw new IllegalStateException("Clearbox SpotBugs plugin descriptor missing: " + name);
                        }
                        Path target = dir.resolve(name);
                        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                        target.toFile().deleteOnExit();
                    }
                }
                Plugin.addCustomPlugin(dir.toUri(), parent);
            }
            if (Plugin.getByPluginId(FINDSECBUGS_ID) == null) {
                Path jar = Path.of(com.h3xstream.findsecbugs.PredictableRandomDetector.class
                        .getProtectionDomain().getCodeSource().getLocation().toURI());
                Plugin.addCustomPlugin(jar.toUri(), parent);
            }
        } catch (IOException | PluginException | URISyntaxException e) {
            throw new StageFailedException(STAGE, "SpotBugs plugins", "cannot load: " + e.getMessage(), e);
        }
        pluginsLoaded = true;
    }
}
