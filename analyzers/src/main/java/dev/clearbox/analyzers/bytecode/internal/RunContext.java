package dev.clearbox.analyzers.bytecode.internal;

import dev.clearbox.analyzers.capability.CapabilityEntry;
import dev.clearbox.analyzers.capability.CapabilityModel;
import dev.clearbox.analyzers.capability.Transformer;
import edu.umd.cs.findbugs.ba.XClass;
import edu.umd.cs.findbugs.classfile.CheckedAnalysisException;
import edu.umd.cs.findbugs.classfile.ClassDescriptor;
import edu.umd.cs.findbugs.classfile.DescriptorFactory;
import edu.umd.cs.findbugs.classfile.Global;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What Clearbox's detectors need during one SpotBugs run: the capability model, caches of type ancestors
 * and model matches, and the {@link Hit}s they report, in the order they were seen. SpotBugs creates
 * detectors reflectively with nothing but a bug reporter, so the context reaches them through the
 * analysing thread: {@link #bind} for the duration of a run, {@link #current} in the detector's
 * constructor. Nothing outlives the run.
 */
public final class RunContext implements AutoCloseable {
    private static final ThreadLocal<RunContext> CURRENT = new ThreadLocal<>();

    private final CapabilityModel model;
    private final Map<String, List<String>> ancestors = new HashMap<>();
    private final Map<String, List<CapabilityEntry>> matches = new HashMap<>();
    private final Map<String, List<Transformer>> transformers = new HashMap<>();
    private final Set<String> transformerNames = new HashSet<>();
    private final List<Hit> hits = new ArrayList<>();

    private RunContext(CapabilityModel model) {
        this.model = model;
        model.transformers().forEach(t -> transformerNames.add(t.method()));
    }

    /** Binds a context for {@code model} to this thread until {@link #close()}. */
    public static RunContext bind(CapabilityModel model) {
        RunContext context = new RunContext(model);
        CURRENT.set(context);
        return context;
    }

    /** The context bound to this thread, or null outside a Clearbox run. */
    static RunContext current() {
        return CURRENT.get();
    }

    @Override
    public void close() {
        CURRENT.remove();
    }

    CapabilityModel model() {
        return model;
    }

    /** Keeps what a detector saw (detectors run on the analysing thread, the one the context is bound to). */
    void report(Hit hit) {
        hits.add(hit);
    }

    /** Everything reported so far, in arrival order. */
    public List<Hit> hits() {
        return List.copyOf(hits);
    }

    /**
     * Model entries matching a call of {@code name} declared in {@code owner} (slashed) or one of its
     * ancestors, at most one per capability, nearest type first.
     */
    List<CapabilityEntry> match(String owner, String name, String descriptor, List<String> params) {
        boolean named = model.methodNames().contains(name);
        if (!named && model.wildcardTypes().isEmpty()) {
            return List.of();
        }
        return matches.computeIfAbsent(owner + '.' + name + descriptor, k -> {
            List<CapabilityEntry> out = new ArrayList<>();
            Set<Object> seen = new HashSet<>();
            for (String type : typeAndAncestors(owner)) {
                for (CapabilityEntry e : model.match(type, name, params)) {
                    if (seen.add(e.capability())) {
                        out.add(e);
                    }
                }
            }
            return List.copyOf(out);
        });
    }

    /** Transformers matching a call, following ancestors like {@link #match}. */
    List<Transformer> transformers(String owner, String name, String descriptor, List<String> params) {
        if (!transformerNames.contains(name)) {
            return List.of();
        }
        return transformers.computeIfAbsent(owner + '.' + name + descriptor, k -> {
            for (String type : typeAndAncestors(owner)) {
                List<Transformer> t = model.matchTransformers(type, name, params);
                if (!t.isEmpty()) {
                    return t;
                }
            }
            return List.of();
        });
    }

    /**
     * The type (dotted, nested types with dots as the model writes them), then its superclasses and
     * interfaces as far as the class path knows them. Constructors follow ancestors too, as in the
     * source analyzer: {@code new Beacon()} where {@code Beacon extends Socket} matches {@code Socket#<init>}.
     */
    private List<String> typeAndAncestors(String owner) {
        return ancestors.computeIfAbsent(owner, RunContext::lookupAncestors);
    }

    private static List<String> lookupAncestors(String slashed) {
        Set<String> out = new LinkedHashSet<>();
        Deque<String> work = new ArrayDeque<>();
        work.add(slashed);
        while (!work.isEmpty() && out.size() < 256) {
            String next = work.poll();
            if (!out.add(modelName(next))) {
                continue;
            }
            try {
                ClassDescriptor d = DescriptorFactory.createClassDescriptor(next);
                XClass x = Global.getAnalysisCache().getClassAnalysis(XClass.class, d);
                if (x.getSuperclassDescriptor() != null) {
                    work.add(x.getSuperclassDescriptor().getClassName());
                }
                for (ClassDescriptor i : x.getInterfaceDescriptorList()) {
                    work.add(i.getClassName());
                }
            } catch (CheckedAnalysisException | RuntimeException e) {
                // not on the class path: the ancestors we know are all we can match
            }
        }
        return List.copyOf(out);
    }

    /** {@code java/net/http/WebSocket$Builder} → {@code java.net.http.WebSocket.Builder}. */
    static String modelName(String slashed) {
        return slashed.replace('/', '.').replace('$', '.');
    }
}
