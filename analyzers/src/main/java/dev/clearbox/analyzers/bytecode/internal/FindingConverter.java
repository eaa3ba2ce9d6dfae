package dev.clearbox.analyzers.bytecode.internal;

import dev.clearbox.analyzers.bytecode.BinaryRule;
import dev.clearbox.core.Capability;
import dev.clearbox.analyzers.capability.Role;
import dev.clearbox.core.Finding;
import dev.clearbox.core.Location;
import dev.clearbox.core.PathStep;
import dev.clearbox.core.Severity;
import edu.umd.cs.findbugs.BugAnnotation;
import edu.umd.cs.findbugs.BugInstance;
import edu.umd.cs.findbugs.MethodAnnotation;
import edu.umd.cs.findbugs.Priorities;
import edu.umd.cs.findbugs.SourceLineAnnotation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns what a SpotBugs run saw into Clearbox findings: the typed hits of Clearbox's own detector
 * ({@code CBX-BIN-<CAPABILITY>}, {@code CBX-BIN-FLOW}) and the bug instances of the carried FindSecBugs
 * types ({@code FSB-<TYPE>}); other bug instances are dropped.
 */
public final class FindingConverter {
    /** The {@code resolution} of bytecode findings: the owner comes from the constant pool, supertypes from the class path. */
    public static final String RESOLUTION = "bytecode";

    private FindingConverter() {
    }

    /**
     * @param fileOfClass nested path of a class file by binary class name
     */
    public static Finding convert(Hit hit, Function<String, String> fileOfClass) {
        String file = fileOfClass.apply(hit.site().className());
        return hit instanceof Hit.Call call ? call(call, file) : flow((Hit.Flow) hit, file);
    }

    /**
     * @param fileOfClass nested path of a class file by binary class name
     */
    public static Optional<Finding> convert(BugInstance bug, Function<String, String> fileOfClass) {
        String className = bug.getPrimaryClass() == null ? "" : bug.getPrimaryClass().getClassName();
        return findSecBugs(bug, fileOfClass.apply(className), line(bug));
    }

    private static Finding call(Hit.Call hit, String file) {
        Capability capability = hit.capability();
        String api = hit.api();
        List<String> endpoints = hit.endpoints();
        BinaryRule rule = BinaryRule.forCapability(capability);
        StringBuilder message = new StringBuilder("calls ").append(api).append(" (").append(capability);
        if (hit.role() == Role.SOURCE) {
            message.append(", source: ").append(hit.data());
        } else if (hit.role() == Role.SINK) {
            message.append(", sink");
        }
        message.append(')');
        if (!api.startsWith(hit.callee() + "#")) {
            message.append(" on ").append(hit.callee());
        }
        if (!endpoints.isEmpty()) {
            message.append(" to ").append(String.join(", ", endpoints));
        }
        message.append(" in ").append(hit.site().method());
        return new Finding(rule, capability, rule.severity(), message.toString(),
                location(file, hit.site()), api, RESOLUTION, endpoints, List.of(), hit.site().method(), null);
    }

    private static Finding flow(Hit.Flow hit, String file) {
        List<PathStep> steps = new ArrayList<>();
        for (Hop h : hit.steps()) {
            steps.add(new PathStep(new Location(file, h.line(), h.api()), h.method(), h.note()));
        }
        String origin = steps.isEmpty() ? "a source" : steps.get(0).location().code()
                + " (" + steps.get(0).note().replaceFirst("^source: ", "") + ")";
        List<String> endpoints = hit.endpoints();
        String message = "data from " + origin + " reaches " + hit.api() + " in " + hit.site().method()
                + (endpoints.isEmpty() ? "" : " to " + String.join(", ", endpoints));
        return new Finding(BinaryRule.FLOW, hit.capability(), BinaryRule.FLOW.severity(), message,
                location(file, hit.site()), hit.api(), RESOLUTION, endpoints, steps, hit.site().method(), null);
    }

    private static Location location(String file, Hit.Site site) {
        return new Location(file, site.line(), site.code());
    }

    private static Optional<Finding> findSecBugs(BugInstance bug, String file, int line) {
        FindSecBugsTypes.Carried carried = FindSecBugsTypes.carried().get(bug.getType());
        if (carried == null) {
            return Optional.empty();
        }
        Severity severity = carried.severity();
        if (bug.getPriority() > Priorities.HIGH_PRIORITY && severity.ordinal() > Severity.LOW.ordinal()) {
            severity = Severity.values()[severity.ordinal() - 1];
        }
        String description = bug.getBugPattern() == null ? bug.getType() : bug.getBugPattern().getShortDescription();
        String called = "";
        for (BugAnnotation a : bug.getAnnotations()) {
            if (a instanceof MethodAnnotation m && a != bug.getPrimaryMethod()) {
                called = m.getClassName() + "#" + m.getMethodName();
                break;
            }
        }
        String message = description + " (FindSecBugs " + bug.getType() + ") in " + method(bug)
                + (called.isEmpty() ? "" : ", calling " + called);
        return Optional.of(new Finding(carried, carried.capability(), severity, message,
                new Location(file, line, bug.getType()), called, "findsecbugs", List.of(), List.of(),
                bug.getPrimaryMethod() == null ? "" : bug.getPrimaryMethod().getClassName() + "#"
                        + bug.getPrimaryMethod().getMethodName() + bug.getPrimaryMethod().getMethodSignature(), null));
    }

    private static String method(BugInstance bug) {
        MethodAnnotation m = bug.getPrimaryMethod();
        return m == null ? (bug.getPrimaryClass() == null ? "?" : bug.getPrimaryClass().getClassName())
                : m.getClassName() + "." + m.getMethodName();
    }

    private static int line(BugInstance bug) {
        SourceLineAnnotation s = bug.getPrimarySourceLineAnnotation();
        return s == null ? 0 : Math.max(0, s.getStartLine());
    }
}
