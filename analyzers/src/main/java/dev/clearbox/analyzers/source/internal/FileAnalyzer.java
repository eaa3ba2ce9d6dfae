package dev.clearbox.analyzers.source.internal;

import com.github.javaparser.Position;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.ArrayInitializerExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.stmt.ExplicitConstructorInvocationStmt;
import com.github.javaparser.ast.stmt.Statement;
import dev.clearbox.core.Capability;
import dev.clearbox.analyzers.capability.CapabilityEntry;
import dev.clearbox.analyzers.capability.CapabilityModel;
import dev.clearbox.analyzers.capability.Role;
import dev.clearbox.analyzers.source.SourceCoverage.UnresolvedCall;
import dev.clearbox.analyzers.source.SourceRule;
import dev.clearbox.core.Finding;
import dev.clearbox.core.Location;
import dev.clearbox.analyzers.source.internal.flow.TaintAnalysis;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Analyzes one parsed file: matches calls (method calls, constructor calls, {@code super(...)} calls,
 * method references) against
 * the capability model, reports native method declarations and hidden strings, and records calls it
 * could not resolve. Calls whose method name the model does not know are not resolved at all.
 */
public final class FileAnalyzer {
    private static final int MAX_CALL_TEXT = 120;

    private final CapabilityModel model;
    private final ProjectIndex index;
    private final CallResolver resolver;
    private final EndpointFinder endpoints;

    public FileAnalyzer(ProjectIndex index, CallResolver resolver) {
        this.model = index.model();
        this.index = index;
        this.resolver = resolver;
        this.endpoints = new EndpointFinder(index);
    }

    /**
     * What one file yielded; {@code modelled}: the calls that are model sources or sinks, and
     * {@code localClasses}: its local and anonymous class declarations in source order, for the flow analysis.
     */
    public record FileResult(List<Ranked> findings, List<UnresolvedCall> unresolved, List<ModelledCall> modelled,
                             List<Node> localClasses) {
    }

    public FileResult analyze(ParsedFile file) {
        boolean wildcards = mentionsWildcardType(file);
        List<Ranked> findings = new ArrayList<>();
        List<UnresolvedCall> unresolved = new ArrayList<>();
        List<ModelledCall> modelled = new ArrayList<>();
        List<Node> localClasses = new ArrayList<>();
        FileNodes nodes = new FileNodes(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        // one walk of the tree for the calls and for what the other finders look at
        file.unit().walk(node -> {
            if (node instanceof StringLiteralExpr literal) {
                nodes.literals().add(literal);
            } else if (node instanceof ArrayInitializerExpr array) {
                nodes.arrays().add(array);
            } else if (node instanceof TypeDeclaration<?> type) {
                nodes.types().add(type);
            } else if (LoopStrings.isLoop(node)) {
                nodes.loops().add((Statement) node);
            }
            if (TaintAnalysis.declaresLocalClass(node)) {
                localClasses.add(node);
            }
            if (node instanceof MethodCallExpr call) {
                if (wildcards || model.methodNames().contains(call.getNameAsString())) {
                    report(file, call, call.getName().getBegin(), resolver.resolve(call), findings, unresolved, modelled);
                }
            } else if (node instanceof ObjectCreationExpr creation) {
                if (wildcards || constructorCandidate(creation)) {
                    boolean params = wantsConstructorParams(creation);
                    report(file, creation, creation.getBegin(), resolver.resolve(creation, params), findings, unresolved, modelled);
                }
            } else if (node instanceof MethodReferenceExpr ref) {
                String name = ref.getIdentifier().equals("new") ? CapabilityEntry.CONSTRUCTOR : ref.getIdentifier();
                if (wildcards || model.methodNames().contains(name)) {
                    report(file, ref, ref.getBegin(), resolver.resolve(ref), findings, unresolved, modelled);
                }
            } else if (node instanceof ExplicitConstructorInvocationStmt call && !call.isThis()) {
                report(file, call, call.getBegin(), resolver.resolve(call), findings, unresolved, modelled);
            } else if (node instanceof MethodDeclaration method && method.isNative()) {
                findings.add(nativeDeclaration(file, method));
            }
        });
        findings.addAll(HiddenStrings.find(file, nodes));
        findings.addAll(ShadowedApis.find(file, model, nodes.types()));
        return new FileResult(findings, unresolved, modelled, localClasses);
    }

    private boolean mentionsWildcardType(ParsedFile file) {
        Set<String> types = model.wildcardTypes();
        if (types.isEmpty()) {
            return false;
        }
        String text = file.text(); // simple names have no line break: as searched in the lines
        return types.stream().anyMatch(t -> text.contains(t.substring(t.lastIndexOf('.') + 1)));
    }

    private boolean constructorCandidate(ObjectCreationExpr creation) {
        String simple = creation.getType().getNameAsString();
        if (creation.getAnonymousClassBody().isPresent() || index.declaresSimpleName(simple)) {
            return true;
        }
        return model.typesWithSimpleName(simple).stream()
                .anyMatch(t -> !model.match(t, CapabilityEntry.CONSTRUCTOR, null).isEmpty());
    }

    private boolean wantsConstructorParams(ObjectCreationExpr creation) {
        String simple = creation.getType().getNameAsString();
        return model.typesWithSimpleName(simple).stream()
                .flatMap(t -> model.match(t, CapabilityEntry.CONSTRUCTOR, null).stream())
                .anyMatch(e -> e.parameterTypes() != null);
    }

    private void report(ParsedFile file, Node call, Optional<Position> at, Optional<Callee> callee,
                        List<Ranked> findings, List<UnresolvedCall> unresolved, List<ModelledCall> modelled) {
        int line = at.map(p -> p.line).orElse(0);
        int column = at.map(p -> p.column).orElse(0);
        if (callee.isEmpty()) {
            unresolved.add(new UnresolvedCall(file.relativePath(), line, callText(call)));
            return;
        }
        Callee c = callee.get();
        Set<Capability> seen = EnumSet.noneOf(Capability.class);
        Set<Role> roles = EnumSet.noneOf(Role.class);
        CallEndpoints endpointsOfCall = new CallEndpoints();
        for (String type : c.types()) {
            for (CapabilityEntry entry : model.match(type, c.method(), c.params())) {
                record(file, call, line, column, c, entry, seen, roles, endpointsOfCall, findings, modelled);
            }
        }
        if (!seen.isEmpty() || c.missing().isEmpty()) {
            return;
        }
        // Unknown is reported: the receiver's supertypes are not all visible, so the method may be a model API
        // inherited from one of them. The call is a coverage item; matched by name it is kept, its doubt stated.
        unresolved.add(new UnresolvedCall(file.relativePath(), line, callText(call), c.missing()));
        if (c.method().equals(CapabilityEntry.CONSTRUCTOR)) {
            return; // every model constructor would match: counted, not matched
        }
        int arity = call instanceof MethodCallExpr m ? m.getArguments().size() : -1;
        Callee doubtful = new Callee(c.type(), c.types(), c.method(), c.params(), CallResolver.UNRESOLVED_SUPERTYPES,
                c.missing());
        for (CapabilityEntry entry : model.entriesNamed(c.method())) {
            if (arity < 0 || entry.parameterTypes() == null || entry.parameterTypes().size() == arity) {
                record(file, call, line, column, doubtful, entry, seen, roles, endpointsOfCall, findings, modelled);
            }
        }
    }

    /** The endpoints of one call, found once when a first network or DNS entry matches it. */
    private static final class CallEndpoints {
        List<String> list;
    }

    /** Records a model entry a call matched: a modelled call for its role (once per role), a finding (once per capability). */
    private void record(ParsedFile file, Node call, int line, int column, Callee c, CapabilityEntry entry,
                        Set<Capability> seen, Set<Role> roles, CallEndpoints endpointsOfCall,
                        List<Ranked> findings, List<ModelledCall> modelled) {
        if (entry.role() != Role.PLAIN && roles.add(entry.role())) {
            String api = entry.type() + "#" + (entry.isWildcard() ? c.method() : entry.method());
            modelled.add(new ModelledCall(call, file, line, column, entry, api, c.resolution()));
        }
        if (!seen.add(entry.capability())) {
            return;
        }
        boolean wantsEndpoints = entry.capability() == Capability.NETWORK || entry.capability() == Capability.DNS;
        if (wantsEndpoints && endpointsOfCall.list == null) {
            endpointsOfCall.list = endpoints.endpoints(call, entry.capability() == Capability.DNS);
        }
        findings.add(new Ranked(finding(file, line, c, entry, wantsEndpoints ? endpointsOfCall.list : List.of(),
                Signatures.enclosingMethod(call)), column));
    }

    private Finding finding(ParsedFile file, int line, Callee callee, CapabilityEntry entry, List<String> endpointList,
                            String method) {
        SourceRule rule = SourceRule.forCapability(entry.capability());
        String api = entry.type() + "#" + (entry.isWildcard() ? callee.method() : entry.method());
        StringBuilder message = new StringBuilder("calls ").append(api).append(" (").append(entry.capability());
        if (entry.role() == Role.SOURCE) {
            message.append(", source: ").append(entry.data());
        } else if (entry.role() == Role.SINK) {
            message.append(", sink");
        }
        message.append(')');
        if (!callee.type().equals(entry.type())) {
            message.append(" on ").append(callee.type());
        }
        if (callee.resolution().equals(CallResolver.UNRESOLVED_SUPERTYPES)) {
            message.insert(0, "may be: ").append(", matched by method name: its supertypes cannot be seen (missing ")
                    .append(String.join(", ", callee.missing())).append(')');
        }
        if (!endpointList.isEmpty()) {
            message.append(" to ").append(String.join(", ", endpointList));
        }
        return new Finding(rule, rule.capability(), rule.severity(), message.toString(),
                new Location(file.relativePath(), line, file.line(line)), api, callee.resolution(), endpointList, List.of(),
                method, null);
    }

    private Ranked nativeDeclaration(ParsedFile file, MethodDeclaration method) {
        Optional<Position> at = method.getName().getBegin();
        int line = at.map(p -> p.line).orElse(0);
        String owner = method.findAncestor(TypeDeclaration.class)
                .flatMap(t -> ((TypeDeclaration<?>) t).getFullyQualifiedName()).orElse("?");
        String api = owner + "#" + method.getNameAsString();
        SourceRule rule = SourceRule.NATIVE;
        Finding finding = new Finding(rule, rule.capability(), rule.severity(),
                "declares native method " + api + " (NATIVE)", new Location(file.relativePath(), line, file.line(line)),
                api, "declaration", List.of(), List.of(), Signatures.enclosingMethod(method.getName()), null);
        return new Ranked(finding, at.map(p -> p.column).orElse(0));
    }

    private static String callText(Node call) {
        String text = call.toString().strip();
        int newline = text.indexOf('\n');
        if (newline >= 0) {
            text = text.substring(0, newline).strip() + " …";
        }
        return text.length() > MAX_CALL_TEXT ? text.substring(0, MAX_CALL_TEXT) + "…" : text;
    }
}
