package dev.clearbox.analyzers.bytecode.internal;

import edu.umd.cs.findbugs.AbstractBugReporter;
import edu.umd.cs.findbugs.AnalysisError;
import edu.umd.cs.findbugs.BugCollection;
import edu.umd.cs.findbugs.BugInstance;
import edu.umd.cs.findbugs.Priorities;
import edu.umd.cs.findbugs.classfile.ClassDescriptor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Keeps every bug instance, analysis error and missing class of one SpotBugs run, in arrival order. */
final class CollectingReporter extends AbstractBugReporter {
    private final List<BugInstance> bugs = Collections.synchronizedList(new ArrayList<>());
    private final List<String> errors = Collections.synchronizedList(new ArrayList<>());
    private final Set<String> missing = Collections.synchronizedSet(new TreeSet<>());
    private final Set<String> observed = Collections.synchronizedSet(new TreeSet<>());

    CollectingReporter() {
        setPriorityThreshold(Priorities.NORMAL_PRIORITY);
        setRankThreshold(Integer.MAX_VALUE);
    }

    @Override
    protected void doReportBug(BugInstance bugInstance) {
        bugs.add(bugInstance);
    }

    @Override
    public void reportAnalysisError(AnalysisError error) {
        String cause = error.getExceptionMessage();
        errors.add(error.getMessage() + (cause == null || cause.isBlank() ? "" : ": " + cause));
    }

    @Override
    public void reportMissingClass(String className) {
        missing.add(className);
    }

    @Override
    public void finish() {
    }

    @Override
    public BugCollection getBugCollection() {
        return null;
    }

    @Override
    public void observeClass(ClassDescriptor classDescriptor) {
        observed.add(classDescriptor.toDottedClassName());
    }

    List<BugInstance> bugs() {
        return List.copyOf(bugs);
    }

    List<String> errors() {
        return List.copyOf(errors);
    }

    Set<String> missingClasses() {
        return Set.copyOf(missing);
    }

    /** Classes SpotBugs read as application classes. */
    Set<String> observedClasses() {
        return Set.copyOf(observed);
    }
}
