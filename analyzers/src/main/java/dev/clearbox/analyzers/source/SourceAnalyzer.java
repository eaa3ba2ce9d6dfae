package dev.clearbox.analyzers.source;

import com.github.javaparser.resolution.TypeSolver;
import com.github.javaparser.symbolsolver.JavaSymbolSolver;
import dev.clearbox.analyzers.source.SourceCoverage.FileProblem;
import dev.clearbox.analyzers.source.SourceCoverage.MissingType;
import dev.clearbox.analyzers.source.SourceCoverage.UnresolvedCall;
import dev.clearbox.analyzers.source.internal.MissingTypeJars;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.MethodCallExpr;
import dev.clearbox.analyzers.capability.CapabilityModel;
import dev.clearbox.analyzers.capability.Transformer;
import dev.clearbox.analyzers.source.internal.CallResolver;
import dev.clearbox.analyzers.source.internal.Callee;
import dev.clearbox.analyzers.source.internal.ModelledCall;
import dev.clearbox.analyzers.source.internal.flow.TaintAnalysis;
import dev.clearbox.analyzers.source.internal.FileAnalyzer;
import dev.clearbox.analyzers.source.internal.FileAnalyzer.FileResult;
import dev.clearbox.analyzers.source.internal.Ranked;
import dev.clearbox.analyzers.source.internal.EndpointFinder;
import dev.clearbox.analyzers.source.internal.FlowRanking;
import dev.clearbox.analyzers.source.internal.ParsedFile;
import dev.clearbox.analyzers.source.internal.Parsing;
import dev.clearbox.analyzers.source.internal.ProjectIndex;
import dev.clearbox.analyzers.source.internal.SourceFiles;
import dev.clearbox.analyzers.source.internal.TreeCompaction;
import dev.clearbox.analyzers.source.internal.TypeSolvers;
import dev.clearbox.core.Finding;
import dev.clearbox.core.InvalidInputException;
import dev.clearbox.core.ProgressListener;
import dev.clearbox.core.Stage;
import dev.clearbox.core.StageFailedException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Finds, in Java sources, every call the capability model knows (network, DNS, files, environment,
 * processes, reflection, native code...), the literal endpoints that reach network calls, native method
 * declarations and strings hidden from plain reading.
 *
 * <p>Files are parsed and analyzed in parallel; the result does not depend on the number of threads.
 * A file that does not parse, or a call that cannot be resolved, is reported in the coverage, never
 * dropped and never fatal. Thread-safe: each run has its own state.
 */
public final class SourceAnalyzer {
    /** Stage name used for progress and errors. */
    public static final Stage STAGE = Stage.ANALYZE;
    /** The first phase: parsing every file (its units: files). */
    public static final String PHASE_PARSE = "parse";
    /** The second phase, once every file is parsed: the model's calls, file by file (its units: files). */
    public static final String PHASE_CALL_SITES = "call sites";
    /** The third phase: the taint analysis of every method until the summaries settle (its units: methods analysed). */
    public static final String PHASE_FLOW = TaintAnalysis.PHASE_FLOW;
    /** The last phase: the paths from sources to sinks (its units: sources searched from, then sinks written). */
    public static final String PHASE_PATHS = TaintAnalysis.PHASE_PATHS;
    private static final long WORKER_STACK_BYTES = 16L * 1024 * 1024;
    /** The most severe first (so flows rank by their derived severity), then flows by class, then by place. */
    private static final Comparator<Ranked> ORDER = Comparator
            .comparing((Ranked r) -> r.finding().severity()).reversed()
            .thenComparing(Comparator.comparingInt((Ranked r) -> r.finding().flow() == null ? -1
                    : r.finding().flow().sensitivity().ordinal()).reversed())
            .thenComparing((Ranked r) -> r.finding().location().file())
            .thenComparingInt(r -> r.finding().location().line())
            .thenComparingInt(Ranked::column)
            .thenComparing(r -> r.finding().ruleId())
            .thenComparing(r -> r.finding().api())
            .thenComparing(r -> r.finding().message());

    private final int threads;

    /** An analyzer using up to four threads, as many as there are processors. */
    public SourceAnalyzer() {
        this(Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())));
    }

    /** An analyzer using {@code threads} worker threads (at least one). */
    public SourceAnalyzer(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1: " + threads);
        }
        this.threads = threads;
    }

    /**
     * Analyzes every {@code .java} file under the request's source root.
     *
     * @throws InvalidInputException when the source root is not a readable directory
     */
    public SourceAnalysisResult analyze(SourceAnalysisRequest request, ProgressListener listener) {
        Path root = request.sourceRoot().toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            throw new InvalidInputException(STAGE, root.toString(), "source root is not a directory");
        }
        ProgressListener progress = synchronizedListener(listener == null ? ProgressListener.NONE : listener);
        progress.stageStarted(STAGE, root.toString());
        List<FileProblem> problems = new ArrayList<>();
        List<Path> files;
        try {
            files = SourceFiles.list(root, problems);
        } catch (IOException e) {
            throw new InvalidInputException(STAGE, root.toString(), "cannot list source files: " + e.getMessage(), e);
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads,
                r -> new Thread(null, r, "clearbox-source-analyzer", WORKER_STACK_BYTES));
        try {
            progress.phaseStarted(STAGE, PHASE_PARSE, files.size());
            List<ParsedFile> parsed = parseAll(pool, root, files, problems, progress);
            progress.phaseStarted(STAGE, PHASE_CALL_SITES, parsed.size());
            ProjectIndex index = ProjectIndex.build(root, parsed, request.model());
            List<TypeSolver> solvers = new ArrayList<>();
            List<FileResult> results = analyzeAll(pool, index, parsed, request.classpathJars(), problems, progress, solvers);
            TaintAnalysis.Outcome flows = flows(pool, index, parsed, results, solvers, progress,
                    request.implicitFlows());
            SourceAnalysisResult result = assemble(root, request.classpathJars(), parsed, results, flows, problems,
                    request.implicitFlows());
            progress.stageFinished(STAGE, result.findings().size() + " findings in " + parsed.size() + " files, "
                    + problems.size() + " problems, " + result.coverage().unresolvedCallCount() + " unresolved calls");
            return result;
        } finally {
            pool.shutdownNow();
            TypeSolvers.release();
        }
    }

    private static List<ParsedFile> parseAll(ExecutorService pool, Path root, List<Path> files, List<FileProblem> problems,
                                             ProgressListener progress) {
        List<Callable<Parsing.Outcome>> tasks = new ArrayList<>();
        AtomicLong done = new AtomicLong();
        TreeCompaction.Table shared = new TreeCompaction.Table();
        for (Path file : files) {
            tasks.add(() -> {
                String relative = SourceFiles.relative(root, file);
                Parsing.Outcome outcome = Parsing.parse(file, relative, shared);
                progress.progress(STAGE, done.incrementAndGet(), files.size(), relative);
                return outcome;
            });
        }
        List<ParsedFile> parsed = new ArrayList<>();
        for (Parsing.Outcome outcome : runAll(pool, tasks)) {
            if (outcome.file() != null) {
                parsed.add(outcome.file());
            } else {
                problems.add(outcome.problem());
            }
        }
        return parsed;
    }

    private TaintAnalysis.Outcome flows(ExecutorService pool, ProjectIndex index, List<ParsedFile> parsed,
                                        List<FileResult> results, List<TypeSolver> solvers, ProgressListener progress,
                                        boolean implicitFlows) {
        List<ModelledCall> modelled = new ArrayList<>();
        Map<String, List<String>> endpoints = new HashMap<>();
        List<List<Node>> localClasses = new ArrayList<>(parsed.size());
        for (FileResult r : results) {
            localClasses.add(r == null ? null : r.localClasses());
            if (r == null) {
                continue;
            }
            modelled.addAll(r.modelled());
            for (Ranked f : r.findings()) {
                if (!f.finding().endpoints().isEmpty()) {
                    endpoints.putIfAbsent(f.finding().location().file() + ":" + f.finding().location().line()
                            + ":" + f.finding().api(), f.finding().endpoints());
                }
            }
        }
        CapabilityModel model = index.model();
        FlowRanking.TreeFacts[] facts = new FlowRanking.TreeFacts[1];
        TaintAnalysis.Outcome found = TaintAnalysis.runAndRelease(index, parsed, localClasses, modelled,
                tasks -> runAll(pool, tasks), threads, settled -> {
                    // the last reads of the trees: the labels a path may show, the facts ranking needs; then they go
                    Map<Node, String> labels = labels(pool, index, solvers, settled.labelCalls());
                    facts[0] = FlowRanking.TreeFacts.of(EndpointFinder.forPaths(index), settled.sources(), settled.sinks());
                    releaseTrees(pool, parsed, settled.labelCalls());
                    return labels::get;
                }, endpoints, progress, implicitFlows);
        return new TaintAnalysis.Outcome(FlowRanking.rank(model, facts[0], found.flows()), found.limits(),
                found.unresolved());
    }

    /**
     * The transformer labels of {@code calls}, resolved on every worker: each takes one compilation unit at a time and
     * resolves its calls with its own symbol solver (a solver is not shared between threads).
     */
    private Map<Node, String> labels(ExecutorService pool, ProjectIndex index, List<TypeSolver> solvers,
                                     java.util.Set<Node> calls) {
        Map<com.github.javaparser.ast.CompilationUnit, List<Node>> byUnit = new IdentityHashMap<>();
        for (Node call : calls) {
            call.findCompilationUnit().ifPresent(cu -> byUnit.computeIfAbsent(cu, k -> new ArrayList<>()).add(call));
        }
        List<List<Node>> units = new ArrayList<>(byUnit.values());
        CapabilityModel model = index.model();
        List<Map<Node, String>> found = new ArrayList<>();
        List<Callable<Void>> tasks = new ArrayList<>();
        AtomicInteger next = new AtomicInteger();
        for (int w = 0; w < threads; w++) {
            TypeSolver solver = solvers.get(Math.min(w, solvers.size() - 1));
            Map<Node, String> mine = new IdentityHashMap<>();
            found.add(mine);
            tasks.add(() -> {
                JavaSymbolSolver symbols = new JavaSymbolSolver(solver);
                CallResolver labeler = new CallResolver(solver, index, new ConcurrentHashMap<>(),
                        (type, method) -> !model.matchTransformers(type, method, null).isEmpty());
                for (int i; (i = next.getAndIncrement()) < units.size(); ) {
                    List<Node> unit = units.get(i);
                    unit.get(0).findCompilationUnit().ifPresent(symbols::inject);
                    for (Node call : unit) {
                        mine.put(call, transformerLabel(labeler, model, call));
                    }
                }
                return null;
            });
        }
        runAll(pool, tasks);
        Map<Node, String> labels = new IdentityHashMap<>();
        found.forEach(labels::putAll);
        return labels;
    }

    /**
     * Lets go of the syntax trees once the flow analysis no longer reads them: the symbol solver's caches, and every
     * tree taken apart ({@link TreeCompaction#dismantle}) but for the label calls, which the paths still compare.
     */
    private void releaseTrees(ExecutorService pool, List<ParsedFile> parsed, java.util.Set<Node> keep) {
        TypeSolvers.release();
        List<Callable<Void>> tasks = new ArrayList<>();
        AtomicInteger next = new AtomicInteger();
        for (int w = 0; w < threads; w++) {
            tasks.add(() -> {
                for (int i; (i = next.getAndIncrement()) < parsed.size(); ) {
                    TreeCompaction.dismantle(parsed.get(i).unit(), keep);
                }
                return null;
            });
        }
        runAll(pool, tasks);
    }

    /** The model's transformer label of a library call ("Base64-encoded"), or null. */
    private static String transformerLabel(CallResolver resolver, CapabilityModel model, Node node) {
        if (!(node instanceof MethodCallExpr call)) {
            return null;
        }
        try {
            Optional<Callee> callee = resolver.resolve(call);
            if (callee.isEmpty()) {
                return null;
            }
            for (String type : callee.get().types()) {
                for (Transformer t : model.matchTransformers(type, callee.get().method(), callee.get().params())) {
                    return t.label();
                }
            }
        } catch (RuntimeException | StackOverflowError e) {
            return null;
        }
        return null;
    }

    private List<FileResult> analyzeAll(ExecutorService pool, ProjectIndex index, List<ParsedFile> parsed,
                                        List<Path> jars, List<FileProblem> problems, ProgressListener progress,
                                        List<TypeSolver> solvers) {
        Map<String, List<String>> ancestorCache = new ConcurrentHashMap<>();
        List<Path> usableJars = new ArrayList<>();
        solvers.add(TypeSolvers.create(index, jars, problems, usableJars));
        for (int i = 1; i < threads; i++) {
            solvers.add(TypeSolvers.create(index, usableJars, null, null));
        }
        FileResult[] results = new FileResult[parsed.size()];
        FileProblem[] failures = new FileProblem[parsed.size()];
        AtomicLong done = new AtomicLong();
        List<Callable<Void>> tasks = new ArrayList<>();
        AtomicInteger next = new AtomicInteger();
        for (int w = 0; w < threads; w++) {
            int worker = w;
            tasks.add(() -> {
                TypeSolver solver = solvers.get(worker);
                JavaSymbolSolver symbols = new JavaSymbolSolver(solver);
                CapabilityModel model = index.model();
                FileAnalyzer analyzer = new FileAnalyzer(index, new CallResolver(solver, index, ancestorCache,
                        (type, method) -> !model.match(type, method, null).isEmpty()));
                // files are taken one at a time, so a worker with long files does not hold the others up
                for (int i; (i = next.getAndIncrement()) < parsed.size(); ) {
                    ParsedFile file = parsed.get(i);
                    try {
                        symbols.inject(file.unit());
                        results[i] = analyzer.analyze(file);
                    } catch (RuntimeException | StackOverflowError e) {
                        failures[i] = new FileProblem(file.relativePath(),
                                "analysis failed, findings of this file dropped: " + e.getClass().getSimpleName());
                    }
                    progress.progress(STAGE, done.incrementAndGet(), parsed.size(), file.relativePath());
                }
                return null;
            });
        }
        runAll(pool, tasks);
        for (FileProblem failure : failures) {
            if (failure != null) {
                problems.add(failure);
            }
        }
        // in the order of the parsed files, null where the analysis failed
        return Arrays.asList(results);
    }

    private static SourceAnalysisResult assemble(Path root, List<Path> classpath, List<ParsedFile> parsed,
                                                 List<FileResult> results, TaintAnalysis.Outcome flows,
                                                 List<FileProblem> problems, boolean implicitFlows) {
        List<Ranked> ranked = new ArrayList<>(flows.flows());
        List<UnresolvedCall> unresolved = new ArrayList<>();
        for (FileResult r : results) {
            if (r == null) {
                continue;
            }
            ranked.addAll(r.findings());
            unresolved.addAll(r.unresolved());
        }
        unresolved.addAll(flows.unresolved()); // reflection the flow analysis could not follow
        ranked.sort(ORDER);
        unresolved.sort(Comparator.comparing(UnresolvedCall::file).thenComparingInt(UnresolvedCall::line)
                .thenComparing(UnresolvedCall::call));
        problems.sort(Comparator.comparing(FileProblem::file).thenComparing(FileProblem::problem));
        long lines = parsed.stream().mapToLong(SourceAnalyzer::physicalLines).sum();
        List<Finding> findings = ranked.stream().map(Ranked::finding).toList();
        SourceCoverage coverage = new SourceCoverage(parsed.size(), problems, unresolved.size(),
                unresolved.subList(0, Math.min(unresolved.size(), SourceCoverage.MAX_LISTED_UNRESOLVED)), lines,
                flows.limits(), missingTypes(root, classpath, unresolved));
        return new SourceAnalysisResult(findings, coverage, implicitFlows);
    }

    /** Every type that leaves some unresolved call in doubt, with its number of calls and the jars that hold it. */
    private static List<MissingType> missingTypes(Path root, List<Path> classpath, List<UnresolvedCall> unresolved) {
        Map<String, Integer> calls = new TreeMap<>();
        for (UnresolvedCall u : unresolved) {
            for (String type : u.missingTypes()) {
                calls.merge(type, 1, Integer::sum);
            }
        }
        Map<String, List<String>> jars = MissingTypeJars.find(root, calls.keySet(), classpath);
        List<MissingType> out = new ArrayList<>();
        calls.forEach((type, n) -> out.add(new MissingType(type, n, jars.getOrDefault(type, List.of()))));
        return out;
    }

    private static long physicalLines(ParsedFile file) {
        return file.physicalLines();
    }

    private static <T> List<T> runAll(ExecutorService pool, List<Callable<T>> tasks) {
        try {
            List<T> out = new ArrayList<>();
            for (Future<T> f : pool.invokeAll(tasks)) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StageFailedException(STAGE, "source analysis", "interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof VirtualMachineError vm) {
                throw vm; // out of memory or stack: the command says so in one line, with what to do
            }
            throw new StageFailedException(STAGE, "source analysis", "worker failed: " + e.getCause(), e.getCause());
        }
    }

    private static ProgressListener synchronizedListener(ProgressListener delegate) {
        return new ProgressListener() {
            @Override
            public synchronized void stageStarted(Stage stage, String detail) {
                delegate.stageStarted(stage, detail);
            }

            @Override
            public synchronized void phaseStarted(Stage stage, String phase, long totalUnits) {
                delegate.phaseStarted(stage, phase, totalUnits);
            }

            @Override
            public synchronized void progress(Stage stage, long done, long total, String item) {
                delegate.progress(stage, done, total, item);
            }

            @Override
            public synchronized void stageFinished(Stage stage, String summary) {
                delegate.stageFinished(stage, summary);
            }
        };
    }
}
