package dev.clearbox.analyzers.source.internal;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.ArrayCreationExpr;
import com.github.javaparser.ast.expr.ArrayInitializerExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.CharLiteralExpr;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.TextBlockLiteralExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.stmt.ExplicitConstructorInvocationStmt;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.resolution.declarations.ResolvedMethodDeclaration;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the literal endpoints (URLs, host names, addresses) that reach a call: it evaluates the call's
 * scope and arguments to constant text where it can, following local variables (initializers and
 * assignments in the same method), fields and static final constants of other classes (by name, over
 * the parsed sources), and descending into builder chains such as
 * {@code HttpRequest.newBuilder(URI.create(...)).build()}. Unknown parts of a concatenation become
 * {@value #UNKNOWN}.
 */
public final class EndpointFinder {
    /** Marks a part of a string whose value is not known statically. */
    public static final String UNKNOWN = "{…}";
    private static final int MAX_DEPTH = 12;
    private static final int MAX_LENGTH = 2048;

    /** How the user's home reads in a resolved path: {@code System.getProperty("user.home")}. */
    public static final String HOME = "~";
    private static final Set<String> KEYED_READS = Set.of("get", "getOrDefault", "getProperty", "containsKey");

    private final ProjectIndex index;
    /** Whether {@code System.getProperty("user.home")} evaluates to {@link #HOME} (for paths, not for endpoints). */
    private final boolean paths;

    public EndpointFinder(ProjectIndex index) {
        this(index, false);
    }

    private EndpointFinder(ProjectIndex index, boolean paths) {
        this.index = index;
        this.paths = paths;
    }

    /** A finder for the file paths and keys that sources read ({@link #sourceArgument}). */
    public static EndpointFinder forPaths(ProjectIndex index) {
        return new EndpointFinder(index, true);
    }

    /**
     * What a source call reads, as far as it is known statically: for a file read ({@code isPath}) the path, with
     * {@code Path.of}/{@code Paths.get} parts, {@code resolve}, {@code new File(parent, child)} joined by {@code /}
     * and the user's home as {@value #HOME}; otherwise the key (of {@code System.getProperty(key)}, or of
     * {@code System.getenv().get(key)}). Unknown parts are {@value #UNKNOWN}; empty when nothing is known.
     */
    public String sourceArgument(Node call, boolean isPath) {
        Expression argument = null;
        if (call instanceof MethodCallExpr m && m.getArguments().isNonEmpty()) {
            argument = m.getArgument(0);
        } else if (call instanceof MethodCallExpr m && m.getParentNode().orElse(null) instanceof MethodCallExpr outer
                && outer.getScope().filter(s -> s == m).isPresent() && KEYED_READS.contains(outer.getNameAsString())
                && outer.getArguments().isNonEmpty()) {
            argument = outer.getArgument(0);
        } else if (call instanceof ObjectCreationExpr o && o.getArguments().isNonEmpty()) {
            argument = o.getArgument(0);
        }
        if (argument == null) {
            return "";
        }
        Optional<String> value = isPath ? path(argument, 0, newGuard()) : evaluate(argument, 0, newGuard());
        return value.map(v -> isPath ? v.replaceAll("/{2,}", "/") : v)
                .map(v -> v.length() > MAX_LENGTH ? v.substring(0, MAX_LENGTH) : v).orElse("");
    }

    /** A path expression's text: like {@link #evaluate}, and through the path APIs. */
    private Optional<String> path(Expression e, int depth, Set<Node> guard) {
        if (depth > MAX_DEPTH || !guard.add(e)) {
            return Optional.empty();
        }
        try {
            return pathUnguarded(e, depth + 1, guard);
        } finally {
            guard.remove(e);
        }
    }

    private Optional<String> pathUnguarded(Expression e, int depth, Set<Node> guard) {
        if (e instanceof EnclosedExpr en) {
            return path(en.getInner(), depth, guard);
        }
        if (e instanceof NameExpr || e instanceof FieldAccessExpr) {
            List<Expression> defs = definitions(e);
            return defs.size() == 1 ? path(defs.get(0), depth, guard) : Optional.empty();
        }
        if (e instanceof ObjectCreationExpr o && o.getType().getNameAsString().equals("File")) {
            if (o.getArguments().size() == 1) {
                return path(o.getArgument(0), depth, guard);
            }
            if (o.getArguments().size() == 2) {
                return Optional.of(join(path(o.getArgument(0), depth, guard), evaluate(o.getArgument(1), depth, guard)));
            }
        }
        if (e instanceof MethodCallExpr m) {
            String name = m.getNameAsString();
            String scope = m.getScope().map(Expression::toString).orElse("");
            if ((name.equals("of") && (scope.equals("Path") || scope.equals("java.nio.file.Path")))
                    || (name.equals("get") && (scope.equals("Paths") || scope.equals("java.nio.file.Paths")))) {
                String out = null;
                for (Expression part : m.getArguments()) {
                    out = out == null ? path(part, depth, guard).orElse(UNKNOWN) : join(Optional.of(out), evaluate(part, depth, guard));
                }
                return Optional.ofNullable(out);
            }
            if (m.getScope().isPresent() && m.getArguments().size() == 1 && name.equals("resolve")) {
                return Optional.of(join(path(m.getScope().get(), depth, guard), evaluate(m.getArgument(0), depth, guard)));
            }
            if (m.getScope().isPresent() && m.getArguments().isEmpty() && Set.of("toPath", "toFile", "toAbsolutePath",
                    "normalize", "getAbsoluteFile", "getCanonicalFile").contains(name)) {
                return path(m.getScope().get(), depth, guard);
            }
            Optional<Expression> returned = returnedExpression(m);
            if (returned.isPresent()) {
                return path(returned.get(), depth, guard);
            }
        }
        return evaluateUnguarded(e, depth, guard);
    }

    private static String join(Optional<String> parent, Optional<String> child) {
        return parent.orElse(UNKNOWN) + "/" + child.orElse(UNKNOWN);
    }

    /** Endpoints reaching {@code call}, in source order, without duplicates. */
    public List<String> endpoints(Node call, boolean hostContext) {
        List<Expression> roots = new ArrayList<>();
        if (call instanceof MethodCallExpr m) {
            m.getScope().ifPresent(roots::add);
            roots.addAll(m.getArguments());
        } else if (call instanceof ObjectCreationExpr o) {
            o.getScope().ifPresent(roots::add);
            roots.addAll(o.getArguments());
        } else if (call instanceof ExplicitConstructorInvocationStmt s) {
            roots.addAll(s.getArguments());
        }
        Set<String> out = new LinkedHashSet<>();
        Set<Node> visited = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Expression root : roots) {
            List<String> values = new ArrayList<>();
            collect(root, 0, visited, values);
            for (String v : values) {
                if (Endpoints.looksLikeEndpoint(v, hostContext)) {
                    out.add(v);
                }
            }
        }
        return List.copyOf(out);
    }

    private void collect(Expression e, int depth, Set<Node> visited, List<String> out) {
        if (depth > MAX_DEPTH || !visited.add(e)) {
            return;
        }
        Optional<String> value = evaluate(e, 0, newGuard());
        if (value.isPresent()) {
            out.add(value.get());
            return;
        }
        int d = depth + 1;
        if (e instanceof MethodCallExpr m) {
            m.getScope().ifPresent(s -> collect(s, d, visited, out));
            m.getArguments().forEach(a -> collect(a, d, visited, out));
        } else if (e instanceof ObjectCreationExpr o) {
            o.getScope().ifPresent(s -> collect(s, d, visited, out));
            o.getArguments().forEach(a -> collect(a, d, visited, out));
        } else if (e instanceof CastExpr c) {
            collect(c.getExpression(), d, visited, out);
        } else if (e instanceof EnclosedExpr en) {
            collect(en.getInner(), d, visited, out);
        } else if (e instanceof ConditionalExpr c) {
            collect(c.getThenExpr(), d, visited, out);
            collect(c.getElseExpr(), d, visited, out);
        } else if (e instanceof ArrayCreationExpr a) {
            a.getInitializer().ifPresent(i -> collect(i, d, visited, out));
        } else if (e instanceof ArrayInitializerExpr a) {
            a.getValues().forEach(v -> collect(v, d, visited, out));
        } else {
            for (Expression source : definitions(e)) {
                collect(source, d, visited, out);
            }
        }
    }

    /** The expressions that define a name: its initializer and, for locals, assignments in the method. */
    private List<Expression> definitions(Expression e) {
        List<Expression> out = new ArrayList<>();
        if (e instanceof NameExpr n) {
            Declarations.find(n, n.getNameAsString()).ifPresent(decl -> {
                decl.initializer().ifPresent(out::add);
                if (!decl.field()) {
                    Node body = n.findAncestor(CallableDeclaration.class).map(c -> (Node) c).orElse(decl.owner());
                    for (AssignExpr a : body.findAll(AssignExpr.class)) {
                        if (a.getOperator() == AssignExpr.Operator.ASSIGN && a.getTarget() instanceof NameExpr t
                                && t.getNameAsString().equals(n.getNameAsString())) {
                            out.add(a.getValue());
                        }
                    }
                }
            });
            if (out.isEmpty()) {
                staticImportConstant(n).ifPresent(v -> v.getInitializer().ifPresent(out::add));
            }
        } else if (e instanceof FieldAccessExpr f) {
            constantOf(f).flatMap(VariableDeclarator::getInitializer).ifPresent(out::add);
        }
        return out;
    }

    /** The constant text of {@code e}, with {@value #UNKNOWN} for unknown parts; empty when nothing is known. */
    Optional<String> evaluate(Expression e, int depth, Set<Node> guard) {
        if (depth > MAX_DEPTH || !guard.add(e)) {
            return Optional.empty();
        }
        try {
            return evaluateUnguarded(e, depth + 1, guard).map(s -> s.length() > MAX_LENGTH ? s.substring(0, MAX_LENGTH) : s);
        } finally {
            guard.remove(e);
        }
    }

    private Optional<String> evaluateUnguarded(Expression e, int depth, Set<Node> guard) {
        if (e instanceof StringLiteralExpr s) {
            return Optional.of(s.asString());
        }
        if (e instanceof TextBlockLiteralExpr t) {
            return Optional.of(t.asString());
        }
        if (e instanceof CharLiteralExpr c) {
            return Optional.of(c.asChar() + "");
        }
        if (e instanceof IntegerLiteralExpr i) {
            return Optional.of(i.getValue());
        }
        if (e instanceof EnclosedExpr en) {
            return evaluate(en.getInner(), depth, guard);
        }
        if (e instanceof CastExpr c) {
            return evaluate(c.getExpression(), depth, guard);
        }
        if (e instanceof BinaryExpr b && b.getOperator() == BinaryExpr.Operator.PLUS) {
            Optional<String> left = evaluate(b.getLeft(), depth, guard);
            Optional<String> right = evaluate(b.getRight(), depth, guard);
            if (left.isEmpty() && right.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(left.orElse(UNKNOWN) + right.orElse(UNKNOWN));
        }
        if (e instanceof NameExpr || e instanceof FieldAccessExpr) {
            List<Expression> defs = definitions(e);
            return defs.size() == 1 ? evaluate(defs.get(0), depth, guard) : Optional.empty();
        }
        if (e instanceof MethodCallExpr m) {
            return evaluateCall(m, depth, guard);
        }
        if (e instanceof ObjectCreationExpr o) {
            String type = o.getType().getNameAsString();
            if (type.equals("StringBuilder") || type.equals("StringBuffer")) {
                return o.getArguments().size() == 1 ? evaluate(o.getArgument(0), depth, guard) : Optional.of("");
            }
            if (type.equals("String") && o.getArguments().size() >= 1) {
                return Endpoints.decodeHidden(o.getArgument(0));
            }
        }
        return Optional.empty();
    }

    private Optional<String> evaluateCall(MethodCallExpr m, int depth, Set<Node> guard) {
        String name = m.getNameAsString();
        Optional<Expression> scope = m.getScope();
        switch (name) {
            case "toString", "trim", "strip", "intern" -> {
                return scope.isPresent() && m.getArguments().isEmpty() ? evaluate(scope.get(), depth, guard) : Optional.empty();
            }
            case "append", "concat" -> {
                if (scope.isEmpty() || m.getArguments().size() != 1) {
                    return Optional.empty();
                }
                Optional<String> left = evaluate(scope.get(), depth, guard);
                Optional<String> right = evaluate(m.getArgument(0), depth, guard);
                return left.isEmpty() && right.isEmpty() ? Optional.empty()
                        : Optional.of(left.orElse(UNKNOWN) + right.orElse(UNKNOWN));
            }
            case "format", "formatted" -> {
                Expression fmt = name.equals("formatted") ? scope.orElse(null)
                        : m.getArguments().isEmpty() ? null : m.getArgument(0);
                return fmt == null ? Optional.empty()
                        : evaluate(fmt, depth, guard).map(f -> f.replaceAll("%[-#+ 0,(]*\\d*(\\.\\d+)?[a-zA-Z]", UNKNOWN));
            }
            case "valueOf" -> {
                return scope.filter(s -> s.toString().equals("String")).isPresent() && m.getArguments().size() == 1
                        ? evaluate(m.getArgument(0), depth, guard) : Optional.empty();
            }
            case "getProperty", "getOrDefault" -> {
                if (paths && name.equals("getProperty") && m.getArguments().size() == 1
                        && m.getArgument(0) instanceof StringLiteralExpr key && key.asString().equals("user.home")) {
                    return Optional.of(HOME);
                }
                // System.getProperty(key, default), Properties.getProperty(key, default), Map.getOrDefault:
                // the literal default is the endpoint the code falls back to.
                return m.getArguments().size() == 2 ? evaluate(m.getArgument(1), depth, guard) : Optional.empty();
            }
            default -> {
                return returnedValue(m, depth, guard);
            }
        }
    }

    /**
     * The value returned by a method declared in the analyzed sources, when its body has a single return
     * statement: {@code config.updateUrl()} returning a constant, or a default from configuration.
     */
    private Optional<String> returnedValue(MethodCallExpr m, int depth, Set<Node> guard) {
        Optional<Expression> returned = returnedExpression(m);
        return returned.isEmpty() ? Optional.empty() : evaluate(returned.get(), depth, guard);
    }

    /** The expression of the single return statement of the method {@code m} calls, when declared in the sources. */
    private Optional<Expression> returnedExpression(MethodCallExpr m) {
        List<MethodDeclaration> declarations;
        try {
            ResolvedMethodDeclaration resolved = m.resolve();
            declarations = index.methods(resolved.declaringType().getQualifiedName(), resolved.getName(),
                    resolved.getNumberOfParams());
        } catch (RuntimeException | StackOverflowError e) {
            return Optional.empty(); // not resolvable: its value stays unknown
        }
        if (declarations.size() != 1 || declarations.get(0).getBody().isEmpty()) {
            return Optional.empty();
        }
        List<ReturnStmt> returns = declarations.get(0).getBody().get().findAll(ReturnStmt.class);
        if (returns.size() != 1 || returns.get(0).getExpression().isEmpty()) {
            return Optional.empty();
        }
        return returns.get(0).getExpression();
    }

    private Optional<VariableDeclarator> constantOf(FieldAccessExpr f) {
        Expression scope = f.getScope();
        String field = f.getNameAsString();
        if (scope instanceof ThisExpr) {
            return f.findAncestor(TypeDeclaration.class)
                    .flatMap(t -> Declarations.find(f, field))
                    .filter(Declarations.VarDecl::field)
                    .flatMap(d -> declarator(d.owner(), field));
        }
        if (scope instanceof NameExpr n && Declarations.find(f, n.getNameAsString()).isPresent()) {
            return Optional.empty();
        }
        ImportScope imports = index.scopeOf(f);
        if (imports == null) {
            return Optional.empty();
        }
        return imports.resolveType(scope.toString()).flatMap(type -> index.constant(type, field));
    }

    private Optional<VariableDeclarator> staticImportConstant(NameExpr n) {
        ImportScope imports = index.scopeOf(n);
        return imports == null ? Optional.empty()
                : imports.staticImportOwner(n.getNameAsString()).flatMap(t -> index.constant(t, n.getNameAsString()));
    }

    private static Optional<VariableDeclarator> declarator(Node owner, String name) {
        return owner.findAll(VariableDeclarator.class).stream().filter(v -> v.getNameAsString().equals(name)).findFirst();
    }

    private static Set<Node> newGuard() {
        return Collections.newSetFromMap(new IdentityHashMap<>());
    }
}
