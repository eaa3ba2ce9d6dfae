package dev.clearbox.analyzers.capability;

import dev.clearbox.analyzers.capability.internal.ModelReader;
import dev.clearbox.core.InvalidInputException;
import dev.clearbox.core.Stage;
import dev.clearbox.core.io.InputFiles;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which APIs give which capabilities: the data every analyzer works from. Immutable and safe to share
 * between threads. The built-in model ships as {@code capabilities.json} next to this class; the file
 * format is described in {@code docs/capability-model.md}.
 */
public final class CapabilityModel {
    private static final Stage STAGE = Stage.ANALYZE;
    /** A model file larger than this is refused unread (the built-in model is a few tens of kilobytes). */
    static final long MAX_MODEL_BYTES = 8L << 20;
    private static final String BUILT_IN = "capabilities.json";

    private final String version;
    private final String origin;
    private final String digest;
    private final List<CapabilityEntry> entries;
    private final List<Transformer> transformers;
    private final List<SourceClassRule> sourceClasses;
    private List<Sanitizer> sanitizers = List.of();
    private List<LibraryEffect> effects = List.of();
    private Map<String, List<LibraryEffect>> typedEffects = Map.of();
    private Map<String, List<LibraryEffect>> anyTypeEffects = Map.of();
    private List<LibraryEffect> anyTypePrefixEffects = List.of();
    private Set<String> typedEffectNames = Set.of();
    private boolean typedEffectPrefixes;
    private Set<String> wrapperTypes = Set.of();
    private Map<String, Map<String, List<Sanitizer>>> sanitizersByType = Map.of();
    private final Map<String, Map<String, List<CapabilityEntry>>> entriesByType;
    private final Map<String, Map<String, List<Transformer>>> transformersByType;
    private final Set<String> methodNames;
    private final Map<String, List<CapabilityEntry>> entriesByMethod;
    private final Map<String, Set<String>> typesBySimpleName;

    /**
     * Builds a model from entries; duplicates are kept once.
     *
     * @param version      the model's {@code modelVersion}
     * @param origin       where it came from (a file path or {@code built-in}), for reports
     */
    private static CapabilityModel of(ModelReader.ModelFile file, byte[] bytes) {
        return new CapabilityModel(file.version(), file.origin(), sha256(bytes), file.entries(), file.transformers(),
                file.sourceClasses()).withSanitizers(file.sanitizers()).withEffects(file.effects());
    }

    /** A model built in code, not read from a file: its {@link #digest()} is empty. */
    public CapabilityModel(String version, String origin, List<CapabilityEntry> entries, List<Transformer> transformers) {
        this(version, origin, "", entries, transformers, List.of());
    }

    /** A model built in code with source reclassification rules (first match wins): its {@link #digest()} is empty. */
    public CapabilityModel(String version, String origin, List<CapabilityEntry> entries, List<Transformer> transformers,
                           List<SourceClassRule> sourceClasses) {
        this(version, origin, "", entries, transformers, sourceClasses);
    }

    private CapabilityModel(String version, String origin, String digest, List<CapabilityEntry> entries,
                            List<Transformer> transformers, List<SourceClassRule> sourceClasses) {
        this.sourceClasses = List.copyOf(sourceClasses);
        this.version = Objects.requireNonNull(version, "version");
        this.origin = Objects.requireNonNull(origin, "origin");
        this.digest = Objects.requireNonNull(digest, "digest");
        this.entries = List.copyOf(new LinkedHashSet<>(entries));
        this.transformers = List.copyOf(new LinkedHashSet<>(transformers));
        Map<String, Map<String, List<CapabilityEntry>>> byType = new LinkedHashMap<>();
        Set<String> names = new TreeSet<>();
        Map<String, Set<String>> bySimple = new LinkedHashMap<>();
        Map<String, List<CapabilityEntry>> byMethod = new LinkedHashMap<>();
        for (CapabilityEntry e : this.entries) {
            byType.computeIfAbsent(e.type(), t -> new LinkedHashMap<>())
                    .computeIfAbsent(e.method(), m -> new ArrayList<>()).add(e);
            if (!e.isWildcard()) {
                names.add(e.method());
                byMethod.computeIfAbsent(e.method(), m -> new ArrayList<>()).add(e);
            }
            bySimple.computeIfAbsent(simpleName(e.type()), s -> new TreeSet<>()).add(e.type());
        }
        Map<String, Map<String, List<Transformer>>> tByType = new LinkedHashMap<>();
        for (Transformer t : this.transformers) {
            tByType.computeIfAbsent(t.type(), x -> new LinkedHashMap<>())
                    .computeIfAbsent(t.method(), m -> new ArrayList<>()).add(t);
        }
        this.entriesByType = freeze(byType);
        this.transformersByType = freeze(tByType);
        this.methodNames = Collections.unmodifiableSet(names);
        Map<String, List<CapabilityEntry>> frozenByMethod = new LinkedHashMap<>();
        byMethod.forEach((k, v) -> frozenByMethod.put(k, List.copyOf(v)));
        this.entriesByMethod = Collections.unmodifiableMap(frozenByMethod);
        Map<String, Set<String>> frozenSimple = new LinkedHashMap<>();
        bySimple.forEach((k, v) -> frozenSimple.put(k, Collections.unmodifiableSet(v)));
        this.typesBySimpleName = Collections.unmodifiableMap(frozenSimple);
    }

    /** The model shipped with Clearbox. */
    public static CapabilityModel builtIn() {
        try (InputStream in = CapabilityModel.class.getResourceAsStream(BUILT_IN)) {
            if (in == null) {
                throw new IllegalStateException("built-in capability model missing from the class path");
            }
            byte[] bytes = in.readAllBytes();
            return of(ModelReader.read(bytes, "built-in"), bytes);
        } catch (IOException | InvalidInputException e) {
            throw new IllegalStateException("built-in capability model unreadable: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a user model file.
     *
     * @throws InvalidInputException naming the file and the problem (missing file, bad JSON, unknown
     *                               capability or role, missing type...)
     */
    public static CapabilityModel load(Path userFile) {
        Objects.requireNonNull(userFile, "userFile");
        byte[] bytes = InputFiles.read(userFile, MAX_MODEL_BYTES, STAGE, "capability model file");
        return of(ModelReader.read(bytes, userFile.toString()), bytes);
    }

    /**
     * This model extended by a user model: all entries of both. The version and origin name both, so a
     * report shows which model produced it, and so does the digest: both digests joined by {@code +}.
     * To use a user model alone, use it directly instead.
     */
    public CapabilityModel withOverrides(CapabilityModel user) {
        List<CapabilityEntry> all = new ArrayList<>(entries);
        all.addAll(user.entries);
        List<Transformer> allT = new ArrayList<>(transformers);
        allT.addAll(user.transformers);
        List<SourceClassRule> classes = new ArrayList<>(user.sourceClasses);
        classes.addAll(sourceClasses);
        List<Sanitizer> allS = new ArrayList<>(sanitizers);
        allS.addAll(user.sanitizers);
        List<LibraryEffect> allE = new ArrayList<>(effects);
        allE.addAll(user.effects);
        return new CapabilityModel(version + "+" + user.version, origin + " + " + user.origin,
                digest + "+" + user.digest, all, allT, classes).withSanitizers(allS).withEffects(allE);
    }

    /** A source's class and why it has it ({@code model}, or the rule that matched: {@link SourceClassRule#describe}). */
    public record SourceClass(dev.clearbox.core.Sensitivity sensitivity, String by) {
    }

    /**
     * The class of a source call: the first {@link #sourceClasses()} rule that matches (a user model's rules come
     * before the built-in ones), else the class its entry gives.
     *
     * @param api      the call's API as findings name it
     * @param argument the resolved file path or key it reads, or empty
     * @param isPath   whether {@code argument} is a file path (else a key)
     */
    public SourceClass classify(CapabilityEntry entry, String api, String argument, boolean isPath) {
        for (SourceClassRule rule : sourceClasses) {
            if (rule.matches(api, argument, isPath)) {
                return new SourceClass(rule.sensitivity(), rule.describe());
            }
        }
        return new SourceClass(entry.sensitivity() == null ? CapabilityEntry.defaultSensitivity(entry.capability())
                : entry.sensitivity(), "model");
    }

    /** The reclassification rules, in the order they are tried. */
    public List<SourceClassRule> sourceClasses() {
        return sourceClasses;
    }

    /**
     * Entries matching a call of {@code methodName} declared in {@code declaringTypeFqn}. A wildcard
     * entry ({@code *}) matches any method of its type. Supertypes are not consulted: callers pass each
     * ancestor they know.
     *
     * @param paramTypesOrNull erased fully-qualified parameter types of the callee, or {@code null} when
     *                         unknown (then entries restricted to an overload match too)
     */
    public List<CapabilityEntry> match(String declaringTypeFqn, String methodName, List<String> paramTypesOrNull) {
        return lookup(entriesByType, declaringTypeFqn, methodName, paramTypesOrNull, CapabilityEntry::parameterTypes);
    }

    /** Transformers matching a call, with the same rules as {@link #match}. */
    public List<Transformer> matchTransformers(String declaringTypeFqn, String methodName, List<String> paramTypesOrNull) {
        return lookup(transformersByType, declaringTypeFqn, methodName, paramTypesOrNull, Transformer::parameterTypes);
    }

    /**
     * This model with {@code list} as its sanitisers (library methods whose result carries none of the data they
     * were given; the model file's {@code sanitizers} section). Called once, on a model no one holds yet.
     */
    public CapabilityModel withSanitizers(List<Sanitizer> list) {
        this.sanitizers = List.copyOf(new LinkedHashSet<>(list));
        Map<String, Map<String, List<Sanitizer>>> byType = new LinkedHashMap<>();
        for (Sanitizer s : this.sanitizers) {
            byType.computeIfAbsent(s.type(), x -> new LinkedHashMap<>())
                    .computeIfAbsent(s.method(), m -> new ArrayList<>()).add(s);
        }
        this.sanitizersByType = freeze(byType);
        return this;
    }

    /** Sanitisers matching a call on exactly {@code declaringTypeFqn} (no supertypes, no wildcard). */
    public List<Sanitizer> matchSanitizers(String declaringTypeFqn, String methodName, List<String> paramTypesOrNull) {
        return lookup(sanitizersByType, declaringTypeFqn, methodName, paramTypesOrNull, Sanitizer::parameterTypes);
    }

    public List<Sanitizer> sanitizers() {
        return sanitizers;
    }

    /**
     * This model with {@code list} as its library effects (the model file's {@code effects} section: how data moves
     * through calls into code that is not in the sources). Called once, on a model no one holds yet.
     */
    public CapabilityModel withEffects(List<LibraryEffect> list) {
        this.effects = List.copyOf(new LinkedHashSet<>(list));
        Map<String, List<LibraryEffect>> typed = new LinkedHashMap<>();
        Map<String, List<LibraryEffect>> any = new LinkedHashMap<>();
        List<LibraryEffect> anyPrefix = new ArrayList<>();
        Set<String> names = new TreeSet<>();
        boolean prefixes = false;
        for (LibraryEffect e : this.effects) {
            if (e.type().equals(LibraryEffect.ANY_TYPE)) {
                if (e.prefix()) {
                    anyPrefix.add(e);
                } else {
                    any.computeIfAbsent(e.method(), m -> new ArrayList<>()).add(e);
                }
            } else {
                typed.computeIfAbsent(e.type(), t -> new ArrayList<>()).add(e);
                names.add(e.method());
                prefixes |= e.prefix();
            }
        }
        Map<String, List<LibraryEffect>> frozenTyped = new LinkedHashMap<>();
        typed.forEach((k, v) -> frozenTyped.put(k, List.copyOf(v)));
        Map<String, List<LibraryEffect>> frozenAny = new LinkedHashMap<>();
        any.forEach((k, v) -> frozenAny.put(k, List.copyOf(v)));
        this.typedEffects = Collections.unmodifiableMap(frozenTyped);
        this.anyTypeEffects = Collections.unmodifiableMap(frozenAny);
        this.anyTypePrefixEffects = List.copyOf(anyPrefix);
        this.typedEffectNames = Collections.unmodifiableSet(names);
        this.typedEffectPrefixes = prefixes;
        Set<String> wrappers = new TreeSet<>();
        this.effects.stream().filter(e -> !e.writesThrough().isEmpty()).forEach(e -> wrappers.add(e.type()));
        this.wrapperTypes = Collections.unmodifiableSet(wrappers);
        return this;
    }

    public List<LibraryEffect> effects() {
        return effects;
    }

    /** Types whose constructor effect {@code writesThrough} to an argument (wrappers such as {@code java.util.Formatter}). */
    public Set<String> wrapperTypes() {
        return wrapperTypes;
    }

    /** True when some effect for a named type (not {@code *}) may name a method called {@code name}. */
    public boolean hasTypedEffect(String name) {
        return typedEffectNames.contains(name) || typedEffectPrefixes;
    }

    /**
     * The effects of a library call of {@code name}: those of the receiver's exact static type (or the class named
     * for a static call) when any names the method, else those of {@code *}; empty when none does (then the
     * default holds). {@code type} may be null (not known).
     */
    public List<LibraryEffect> matchEffects(String type, String name, boolean isStatic) {
        return matchEffects(type, name, isStatic, Integer.MAX_VALUE);
    }

    /** The effects for a call with {@code arguments} arguments (see {@link LibraryEffect#minArguments()}). */
    public List<LibraryEffect> matchEffects(String type, String name, boolean isStatic, int arguments) {
        List<LibraryEffect> out = new ArrayList<>();
        if (type != null) {
            for (LibraryEffect e : typedEffects.getOrDefault(type, List.of())) {
                if (e.names(name) && e.accepts(isStatic, arguments)) {
                    out.add(e);
                }
            }
            if (!out.isEmpty()) {
                return out;
            }
        }
        for (LibraryEffect e : anyTypeEffects.getOrDefault(name, List.of())) {
            if (e.accepts(isStatic, arguments)) {
                out.add(e);
            }
        }
        for (LibraryEffect e : anyTypePrefixEffects) {
            if (e.names(name) && e.accepts(isStatic, arguments)) {
                out.add(e);
            }
        }
        return out;
    }

    /** Method names that some non-wildcard entry names (constructors as {@code <init>}); for pre-filtering. */
    public Set<String> methodNames() {
        return methodNames;
    }

    /**
     * The non-wildcard entries naming this method, on any type, in model order: what a call may be when its
     * receiver's type is only partly known (some of its supertypes cannot be seen).
     */
    public List<CapabilityEntry> entriesNamed(String methodName) {
        return entriesByMethod.getOrDefault(methodName, List.of());
    }

    /** Types that have a wildcard entry (any method matches). */
    public Set<String> wildcardTypes() {
        Set<String> out = new TreeSet<>();
        entries.stream().filter(CapabilityEntry::isWildcard).forEach(e -> out.add(e.type()));
        return out;
    }

    /** Fully-qualified types the model names whose simple name is {@code simpleName}. */
    public Set<String> typesWithSimpleName(String simpleName) {
        return typesBySimpleName.getOrDefault(simpleName, Set.of());
    }

    /** True when some entry names this type. */
    public boolean knowsType(String fqn) {
        return entriesByType.containsKey(fqn);
    }

    public String version() {
        return version;
    }

    /**
     * What the model was read from: the lowercase hex SHA-256 of the model file's bytes as loaded (the built-in
     * {@code capabilities.json} resource, or the user file); for a built-in model extended by a user file
     * ({@link #withOverrides}), the two digests joined by {@code +}, built-in first. Anyone holding the files can
     * recompute it with {@code sha256sum}. Empty for a model built in code.
     */
    public String digest() {
        return digest;
    }

    /** Where the model came from: {@code built-in}, a file path, or both joined by {@code +}. */
    public String origin() {
        return origin;
    }

    public List<CapabilityEntry> entries() {
        return entries;
    }

    public List<Transformer> transformers() {
        return transformers;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static String simpleName(String fqn) {
        return fqn.substring(fqn.lastIndexOf('.') + 1);
    }

    private static <T> List<T> lookup(Map<String, Map<String, List<T>>> index, String type, String method,
                                      List<String> params, java.util.function.Function<T, List<String>> paramsOf) {
        Map<String, List<T>> byMethod = index.get(type);
        if (byMethod == null) {
            return List.of();
        }
        List<T> out = new ArrayList<>();
        for (String key : new String[] {method, CapabilityEntry.ANY_METHOD}) {
            for (T candidate : byMethod.getOrDefault(key, List.of())) {
                List<String> wanted = paramsOf.apply(candidate);
                if (wanted == null || params == null || wanted.equals(params)) {
                    out.add(candidate);
                }
            }
        }
        return List.copyOf(out);
    }

    private static <T> Map<String, Map<String, List<T>>> freeze(Map<String, Map<String, List<T>>> in) {
        Map<String, Map<String, List<T>>> out = new LinkedHashMap<>();
        in.forEach((type, byMethod) -> {
            Map<String, List<T>> m = new LinkedHashMap<>();
            byMethod.forEach((k, v) -> m.put(k, List.copyOf(v)));
            out.put(type, Collections.unmodifiableMap(m));
        });
        return Collections.unmodifiableMap(out);
    }

    @Override
    public String toString() {
        return "CapabilityModel[" + version + ", " + origin + ", " + entries.size() + " entries]";
    }
}
