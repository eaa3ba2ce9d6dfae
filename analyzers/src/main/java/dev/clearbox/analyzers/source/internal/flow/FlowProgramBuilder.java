package dev.clearbox.analyzers.source.internal.flow;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.body.EnumDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.InitializerDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.RecordDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.stmt.LocalClassDeclarationStmt;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.ast.type.Type;
import dev.clearbox.analyzers.capability.Role;
import dev.clearbox.analyzers.source.internal.ModelledCall;
import dev.clearbox.analyzers.source.internal.ParsedFile;
import dev.clearbox.analyzers.source.internal.ProjectIndex;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds a {@link FlowProgram}: registers every type, unit and graph node, file by file in a fixed order.
 * Single use, inside {@link #build}: the collections it fills become the program's (behind unmodifiable
 * views), and nothing else keeps a reference to them or to the types' {@link TypeInfo.Members}.
 */
final class FlowProgramBuilder {
    private final ProjectIndex index;
    private final List<Unit> units = new ArrayList<>();
    private final Map<String, TypeInfo> types = new HashMap<>();
    private final Map<Node, TypeInfo> typesByNode = new IdentityHashMap<>();
    private final Map<String, List<Unit>> unitsByName = new HashMap<>();
    private final Map<String, List<TypeInfo>> fieldOwners = new HashMap<>();
    private final Map<CompilationUnit, Map<String, TypeInfo>> localTypes = new IdentityHashMap<>();
    private final Map<Node, List<ModelledCall>> sources = new IdentityHashMap<>();
    private final Map<Node, List<ModelledCall>> sinks = new IdentityHashMap<>();
    private final Map<Node, Integer> sourceNodes = new IdentityHashMap<>();
    private final Map<Node, Integer> sinkNodes = new IdentityHashMap<>();
    private final Map<String, List<TypeInfo>> libraryImplementors = new HashMap<>();
    private final Set<String> transformerNames = new HashSet<>();
    private final List<FlowProgram.Kind> kinds = new ArrayList<>();
    private final List<Object> owners = new ArrayList<>();
    /** The writable side of each type registered (the type itself sees it read-only). */
    private final Map<TypeInfo, TypeInfo.Members> drafts = new IdentityHashMap<>();

    private FlowProgramBuilder(ProjectIndex index) {
        this.index = index;
    }

    /** The local and anonymous class declarations of a file, in source order (pure: may run in parallel). */
    static List<Node> localClasses(ParsedFile file) {
        return file.unit().findAll(Node.class, FlowProgramBuilder::declaresLocalClass);
    }

    /** True for the nodes the analysis makes types of their own: local and anonymous class declarations. */
    static boolean declaresLocalClass(Node node) {
        return node instanceof LocalClassDeclarationStmt
                || node instanceof ObjectCreationExpr o && o.getAnonymousClassBody().isPresent();
    }

    /** @param localClasses {@link #localClasses} of each file, in the order of {@code files} */
    static FlowProgram build(ProjectIndex index, List<ParsedFile> files, List<List<Node>> localClasses,
                             List<ModelledCall> calls) {
        return build(index, files, localClasses, calls, false);
    }

    /** @param implicitFlows give every unit a control node (implicit flows, opt-in) */
    static FlowProgram build(ProjectIndex index, List<ParsedFile> files, List<List<Node>> localClasses,
                             List<ModelledCall> calls, boolean implicitFlows) {
        FlowProgramBuilder b = new FlowProgramBuilder(index);
        for (int i = 0; i < files.size(); i++) {
            ParsedFile file = files.get(i);
            String pkg = file.unit().getPackageDeclaration().map(d -> d.getNameAsString()).orElse("");
            for (TypeDeclaration<?> type : file.unit().getTypes()) {
                b.addNamed(file, pkg.isEmpty() ? type.getNameAsString() : pkg + "." + type.getNameAsString(), type, null);
            }
            for (Node n : localClasses.get(i)) {
                b.addLocal(file, n);
            }
        }
        for (TypeInfo t : b.types.values()) {
            for (String s : t.supers) {
                TypeInfo sup = b.types.get(s);
                if (sup != null) {
                    b.drafts.get(sup).subtypes.add(t);
                } else {
                    b.libraryImplementors.computeIfAbsent(s, k -> new ArrayList<>()).add(t);
                }
            }
        }
        for (TypeInfo t : b.types.values()) {
            b.drafts.get(t).subtypes.sort(Comparator.comparing(x -> x.fqn));
        }
        b.libraryImplementors.values().forEach(l -> l.sort(Comparator.comparing(x -> x.fqn)));
        index.model().transformers().forEach(t -> b.transformerNames.add(t.method()));
        List<ModelledCall> sorted = new ArrayList<>(calls);
        sorted.sort(Comparator.comparing((ModelledCall c) -> c.file().relativePath()).thenComparingInt(ModelledCall::line)
                .thenComparingInt(ModelledCall::column).thenComparing(ModelledCall::api));
        sorted.forEach(b::addModelled);
        b.drafts.values().forEach(TypeInfo.Members::seal);
        Map<Integer, Integer> controlNodes = new HashMap<>();
        if (implicitFlows) {
            for (Unit u : b.units) {
                controlNodes.put(u.id, b.newNode(FlowProgram.Kind.CONTROL, u));
            }
        }
        FlowProgram.Parts parts = new FlowProgram.Parts(index, b.units, b.types, b.typesByNode, b.unitsByName,
                b.fieldOwners, b.localTypes, b.sources, b.sinks, b.sourceNodes, b.sinkNodes, b.libraryImplementors,
                b.transformerNames, b.kinds, b.owners, controlNodes);
        FlowProgram program = new FlowProgram(parts);
        // model sources and sinks called by reflection: nodes of their own after the others, then the program again
        List<ModelledCall> reflective = Reflection.modelledCalls(program,
                Calls.reflectionConstants(new UnitInterpreter(program, new Summaries(program.units.size()))));
        if (reflective.isEmpty()) {
            return program;
        }
        reflective.forEach(b::addModelled);
        return new FlowProgram(parts);
    }

    private void addModelled(ModelledCall c) {
        Role role = c.entry().role();
        Map<Node, List<ModelledCall>> byNode = role == Role.SOURCE ? sources : sinks;
        Map<Node, Integer> nodes = role == Role.SOURCE ? sourceNodes : sinkNodes;
        List<ModelledCall> known = byNode.get(c.call());
        List<ModelledCall> all = known == null ? new ArrayList<>() : new ArrayList<>(known); // known may be sealed
        all.add(c);
        byNode.put(c.call(), all);
        if (!nodes.containsKey(c.call())) {
            nodes.put(c.call(), newNode(role == Role.SOURCE ? FlowProgram.Kind.SOURCE : FlowProgram.Kind.SINK, c));
        }
    }

    private int newNode(FlowProgram.Kind kind, Object owner) {
        kinds.add(kind);
        owners.add(owner);
        return kinds.size() - 1;
    }

    private String resolveType(ParsedFile file, Node at, String written) {
        return FlowProgram.resolveType(index, localTypes, file, at, written);
    }

    private void addNamed(ParsedFile file, String fqn, TypeDeclaration<?> decl, TypeInfo outer) {
        boolean isInterface = decl instanceof ClassOrInterfaceDeclaration c && c.isInterface();
        TypeInfo t = register(file, fqn, decl.getNameAsString(), decl, outer, isInterface);
        if (decl instanceof ClassOrInterfaceDeclaration c) {
            c.getExtendedTypes().forEach(s -> addSuper(t, file, c, s));
            c.getImplementedTypes().forEach(s -> addSuper(t, file, c, s));
        } else if (decl instanceof EnumDeclaration e) {
            e.getImplementedTypes().forEach(s -> addSuper(t, file, e, s));
        } else if (decl instanceof RecordDeclaration r) {
            r.getImplementedTypes().forEach(s -> addSuper(t, file, r, s));
            for (Parameter component : r.getParameters()) {
                drafts.get(t).recordComponents.add(component.getNameAsString());
                addField(t, component.getNameAsString(), component.getType());
            }
        }
        addMembers(file, t, decl.getMembers());
    }

    private void addLocal(ParsedFile file, Node n) {
        TypeInfo outer = FlowProgram.enclosingType(typesByNode, n);
        if (outer == null) {
            return;
        }
        if (n instanceof LocalClassDeclarationStmt stmt) {
            ClassOrInterfaceDeclaration c = stmt.getClassDeclaration();
            String fqn = unique(outer.fqn + "$" + c.getNameAsString(), 1);
            TypeInfo t = register(file, fqn, c.getNameAsString(), c, outer, c.isInterface());
            c.getExtendedTypes().forEach(s -> addSuper(t, file, c, s));
            c.getImplementedTypes().forEach(s -> addSuper(t, file, c, s));
            localTypes.computeIfAbsent(file.unit(), f -> new HashMap<>()).putIfAbsent(c.getNameAsString(), t);
            addMembers(file, t, c.getMembers());
            addCaptures(t, c);
        } else if (n instanceof ObjectCreationExpr o) {
            String fqn = unique(outer.fqn + "$", 1);
            TypeInfo t = register(file, fqn, outer.simpleName + "$", o, outer, false);
            addSuper(t, file, o, o.getType());
            addMembers(file, t, o.getAnonymousClassBody().orElseThrow());
            addCaptures(t, o);
        }
    }

    /** {@code base} itself when it ends with a name and is free, else {@code base} with the first free number. */
    private String unique(String base, int from) {
        if (!base.endsWith("$") && !types.containsKey(base)) {
            return base;
        }
        for (int i = from; ; i++) {
            if (!types.containsKey(base + i)) {
                return base + i;
            }
        }
    }

    private TypeInfo register(ParsedFile file, String fqn, String simple, Node decl, TypeInfo outer, boolean isInterface) {
        TypeInfo.Members m = new TypeInfo.Members();
        TypeInfo t = new TypeInfo(fqn, simple, file, decl, outer, isInterface, m);
        drafts.put(t, m);
        types.putIfAbsent(fqn, t);
        typesByNode.put(decl, t);
        return t;
    }

    private void addSuper(TypeInfo t, ParsedFile file, Node at, ClassOrInterfaceType written) {
        String name = resolveType(file, at, written.getNameWithScope());
        if (name != null) {
            drafts.get(t).supers.add(name);
        }
    }

    private void addMembers(ParsedFile file, TypeInfo t, List<BodyDeclaration<?>> members) {
        List<Node> inits = new ArrayList<>();
        for (BodyDeclaration<?> member : members) {
            if (member instanceof FieldDeclaration field) {
                for (VariableDeclarator v : field.getVariables()) {
                    addField(t, v.getNameAsString(), v.getType());
                    if (v.getInitializer().isPresent()) {
                        inits.add(v);
                    }
                }
            } else if (member instanceof InitializerDeclaration init) {
                inits.add(init);
            } else if (member instanceof MethodDeclaration m) {
                drafts.get(t).methodReturnTypes.putIfAbsent(TypeInfo.methodKey(m.getNameAsString(), m.getParameters().size()), m.getType());
                if (m.getBody().isPresent()) {
                    Unit u = addUnit(file, t, m, null);
                    drafts.get(t).methods.computeIfAbsent(TypeInfo.methodKey(m.getNameAsString(), m.getParameters().size()),
                            k -> new ArrayList<>()).add(u);
                    unitsByName.computeIfAbsent(TypeInfo.methodKey(m.getNameAsString(), m.getParameters().size()),
                            k -> new ArrayList<>()).add(u);
                }
            } else if (member instanceof ConstructorDeclaration c) {
                drafts.get(t).constructors.add(addUnit(file, t, c, null));
            } else if (member instanceof TypeDeclaration<?> nested) {
                addNamed(file, t.fqn + "." + nested.getNameAsString(), nested, t);
            }
        }
        if (t.declaration instanceof EnumDeclaration e) {
            inits.addAll(e.getEntries());
        }
        if (!inits.isEmpty()) {
            drafts.get(t).initializer = addUnit(file, t, null, inits);
        }
    }

    private void addField(TypeInfo t, String name, Type type) {
        TypeInfo.Members m = drafts.get(t);
        if (!m.fields.containsKey(name)) {
            m.fields.put(name, newNode(FlowProgram.Kind.FIELD, t.fqn + "." + name));
            m.fieldTypes.put(name, type);
            fieldOwners.computeIfAbsent(name, k -> new ArrayList<>()).add(t);
        }
    }

    private void addCaptures(TypeInfo t, Node body) {
        Set<String> names = new LinkedHashSet<>();
        for (NameExpr n : body.findAll(NameExpr.class)) {
            names.add(n.getNameAsString());
        }
        for (String name : names) {
            drafts.get(t).captures.put(name, newNode(FlowProgram.Kind.CAPTURE, t.fqn + " captures " + name));
        }
    }

    private Unit addUnit(ParsedFile file, TypeInfo t, CallableDeclaration<?> callable, List<Node> inits) {
        List<String> params = new ArrayList<>();
        String label;
        if (callable != null) {
            List<String> types = new ArrayList<>();
            for (Parameter param : callable.getParameters()) {
                params.add(param.getNameAsString());
                types.add(param.getType().asString());
            }
            String name = callable instanceof ConstructorDeclaration ? "<init>" : callable.getNameAsString();
            label = t.fqn + "#" + name + "(" + String.join(", ", types) + ")";
        } else {
            label = t.fqn + "#<initializers>";
        }
        int first = kinds.size();
        Unit u = new Unit(units.size(), file, t, label, callable, inits == null ? List.of() : List.copyOf(inits),
                List.copyOf(params), first);
        for (int i = 0; i < Unit.nodeCount(params.size()); i++) {
            newNode(i < params.size() ? FlowProgram.Kind.PARAM : i == params.size() ? FlowProgram.Kind.RETURN : FlowProgram.Kind.THROWN, u);
        }
        units.add(u);
        return u;
    }
}
