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
import edu.umd.cs.findbugs.StringAnnotation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns SpotBugs bug instances into Clearbox findings: Clearbox's own ({@code CBX-BIN-<CAPABILITY>},
 * {@code CBX-BIN-FLOW}) and the carried FindSecBugs types ({@code FSB-<TYPE>}); others are dropped.
 */
public final class FindingConverter {
    /** The {@code resolution} of bytecode findings: the owner comes from the constant pool, supertypes from the class path. */
    public static final String RESOLUTION = "bytecode";

    private FindingConverter() {
    }

    /**
     * @param fileOfClass nested path of a class file by binary class name
     */
    public static Optional<Finding> convert(BugInstance bug, Function<String, String> fileOfClass) {
        String className = bug.getPrimaryClass() == null ? "" : bug.getPrimaryClass().getClassName();
        String file = fileOfClass.apply(className);
        int line = line(bug);
        return switch (bug.getType()) {
            case BugFields.CALL -> Optional.of(call(bug, file, line));
            case BugFields.FLOW -> Optional.of(flow(bug, file, line));
            default -> findSecBugs(bug, file, line);
        };
    }

    private static Finding call(BugInstance bug, String file, int line) {
        Capability capability = Capability.valueOf(one(bug, BugFields.CAPABILITY));
        Role role = Role.valueOf(one(bug, BugFields.ROLE));
        String api = one(bug, BugFields.API);
        String callee = one(bug, BugFields.CALLEE);
        List<String> endpoints = all(bug, BugFields.ENDPOINT);
        BinaryRule rule = BinaryRule.forCapability(capability);
        StringBuilder message = new StringBuilder("calls ").append(api).append(" (").append(capability);
        if (role == Role.SOURCE) {
            message.append(", source: ").append(one(bug, BugFields.DATA));
        } else if (role == Role.SINK) {
            message.append(", sink");
        }
        message.append(')');
        if (!api.startsWith(callee + "#")) {
            message.append(" on ").append(callee);
        }
        if (!endpoints.isEmpty()) {
            message.append(" to ").append(String.join(", ", endpoints));
        }
        message.append(" in ").append(method(bug));
        return new Finding(rule, capability, rule.severity(), message.toString(),
                new Location(file, line, one(bug, BugFields.CODE)), api, RESOLUTION, endpoints, List.of());
    }

    private static Finding flow(BugInstance bug, String file, int line) {
        List<PathStep> steps = new ArrayList<>();
        for (String encoded : all(bug, BugFields.STEP)) {
            Hop h = Hop.decode(encoded);
            steps.add(new PathStep(new Location(file, h.line(), h.api()), h.method(), h.note()));
        }
        String api = one(bug, BugFields.API);
        String origin = steps.isEmpty() ? "a source" : steps.get(0).location().code()
                + " (" + steps.get(0).note().replaceFirst("^source: ", "") + ")";
        List<String> endpoints = all(bug, BugFields.ENDPOINT);
        String message = "data from " + origin + " reaches " + api + " in " + method(bug)
                + (endpoints.isEmpty() ? "" : " to " + String.join(", ", endpoints));
        return new Finding(BinaryRule.FLOW, Capability.valueOf(one(bug, BugFields.CAPABILITY)), BinaryRule.FLOW.severity(), message,
                new Location(file, line, one(bug, BugFields.CODE)), api, RESOLUTION, endpoints, steps);
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
                new Location(file, line, bug.getType()), called, "findsecbugs", List.of(), List.of()));
    }

    private static String method(BugInstance bug) {
        MethodAnnotation m = bug.getPrimaryMethod();
        return m == null ? (bug.getPrimaryClass() == null ? "?" : bug.getPrimaryClass().getClassName())
                : m.getClassName() + "." + m.getMethodName();
    }

    private static int line(BugInstance bug) {
        for (String role : List.of(BugFields.STEP + "_LINE")) {
            String text = one(bug, role);
            if (!text.isEmpty()) {
                return Math.max(0, Integer.parseInt(text));
            }
        }
        SourceLineAnnotation s = bug.getPrimarySourceLineAnnotation();
        return s == null ? 0 : Math.max(0, s.getStartLine());
    }

    private static String one(BugInstance bug, String role) {
        List<String> values = all(bug, role);
        return values.isEmpty() ? "" : values.get(0);
    }

    private static List<String> all(BugInstance bug, String role) {
        List<String> out = new ArrayList<>();
        for (BugAnnotation a : bug.getAnnotations()) {
            if (a instanceof StringAnnotation s && role.equals(s.getDescription())) {
                out.add(s.getValue());
            }
        }
        return out;
    }
}
