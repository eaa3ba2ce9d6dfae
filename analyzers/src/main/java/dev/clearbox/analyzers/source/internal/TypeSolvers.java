package dev.clearbox.analyzers.source.internal;

import com.github.javaparser.resolution.TypeSolver;
import com.github.javaparser.symbolsolver.javaparsermodel.JavaParserFacade;
import com.github.javaparser.symbolsolver.resolution.typesolvers.CombinedTypeSolver;
import com.github.javaparser.symbolsolver.resolution.typesolvers.JarTypeSolver;
import dev.clearbox.analyzers.source.SourceCoverage.FileProblem;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the type solver of one worker: the Java platform's types, the types of the analysed sources (from the trees
 * already parsed, see {@link ProjectTypeSolver}), every classpath jar.
 */
public final class TypeSolvers {
    private TypeSolvers() {
    }

    /**
     * Drops JavaParser's per-solver facades. They live in a static map whose values hold their keys (the
     * solvers, which hold the project index and so every syntax tree of the run), so without this each
     * analysis in a JVM would keep the previous one's trees alive. Other analyses running at the same
     * time only lose their facades' caches (they are rebuilt on demand); the lock is the one
     * {@code JavaParserFacade.get} takes.
     */
    public static void release() {
        synchronized (JavaParserFacade.class) {
            JavaParserFacade.clearInstances();
        }
    }

    /**
     * A fresh solver. Jars that cannot be opened are left out and reported in {@code problems} (when it
     * is not null), so call it with a list once and without one for the other workers.
     */
    public static TypeSolver create(ProjectIndex index, List<Path> jars, List<FileProblem> problems,
                                    List<Path> usableJarsOut) {
        List<TypeSolver> solvers = new ArrayList<>();
        // the whole platform (java.*, javax.*, org.xml.*, org.w3c.*, org.ietf.* ...), and nothing of Clearbox's own
        // classpath: a vendor type of the same name as one of Clearbox's libraries must come from the vendor's code
        solvers.add(new PlatformTypeSolver());
        solvers.add(new ProjectTypeSolver(index));
        for (Path jar : jars) {
            try {
                solvers.add(new JarTypeSolver(jar));
                if (usableJarsOut != null) {
                    usableJarsOut.add(jar);
                }
            } catch (IOException | RuntimeException e) {
                if (problems != null) {
                    problems.add(new FileProblem(jar.toString(), "classpath jar not usable: " + e.getClass().getSimpleName()));
                }
            }
        }
        return new CombinedTypeSolver(e -> true, solvers);
    }
}
