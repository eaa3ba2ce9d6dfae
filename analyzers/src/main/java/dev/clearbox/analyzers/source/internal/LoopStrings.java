package dev.clearbox.analyzers.source.internal;

import com.github.javaparser.Position;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.ArrayCreationExpr;
import com.github.javaparser.ast.expr.ArrayInitializerExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.CharLiteralExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.stmt.DoStmt;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.WhileStmt;
import com.github.javaparser.ast.type.PrimitiveType;
import dev.clearbox.analyzers.source.SourceRule;
import dev.clearbox.core.Finding;
import dev.clearbox.core.Location;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Strings decoded by a loop: a loop that applies {@code ^}, a shift, {@code +} or {@code -} to the
 * elements of an array written as literals ({@code char[] K = {...}; for (...) out[i] = (char) (K[i] ^ 0x5A)}).
 * Nobody scrambles a constant for a good reason. When the key is a constant (a literal, a constant
 * variable, or a literal key string or array repeated with {@code i % key.length}), the text is decoded.
 */
final class LoopStrings {
    private static final int MIN_ELEMENTS = 4;

    private LoopStrings() {
    }

    /** True for the loops {@link #find} looks into. */
    static boolean isLoop(Node n) {
        return n instanceof ForStmt || n instanceof ForEachStmt || n instanceof WhileStmt || n instanceof DoStmt;
    }

    /** @param loops the file's loops ({@link #isLoop}), in source order */
    static List<Ranked> find(ParsedFile file, List<Statement> loops) {
        List<Ranked> out = new ArrayList<>();
        Set<Node> reported = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Statement loop : loops) {
            for (Expression op : loop.findAll(Expression.class, LoopStrings::scrambles)) {
                Operation operation = operation(op);
                if (operation == null) {
                    continue;
                }
                Data data = data(loop, operation.data);
                if (data == null || reported.contains(data.literal)) {
                    continue;
                }
                Ranked finding = finding(file, data, operation, loop, textContext(op, loop, data));
                if (finding != null) {
                    reported.add(data.literal);
                    out.add(finding);
                }
            }
        }
        return out;
    }

    private static boolean scrambles(Expression e) {
        if (e instanceof BinaryExpr b) {
            return switch (b.getOperator()) {
                case XOR, LEFT_SHIFT, SIGNED_RIGHT_SHIFT, UNSIGNED_RIGHT_SHIFT, PLUS, MINUS -> true;
                default -> false;
            };
        }
        return e instanceof AssignExpr a && switch (a.getOperator()) {
            case XOR, LEFT_SHIFT, SIGNED_RIGHT_SHIFT, UNSIGNED_RIGHT_SHIFT -> true;
            default -> false;
        };
    }

    /** An operation on one element: the element expression, the key expression, the operator symbol. */
    private record Operation(Expression data, Expression key, String symbol) {
    }

    private static Operation operation(Expression e) {
        Expression left;
        Expression right;
        String symbol;
        if (e instanceof BinaryExpr b) {
            left = b.getLeft();
            right = b.getRight();
            symbol = b.getOperator().asString();
        } else {
            AssignExpr a = (AssignExpr) e;
            left = a.getTarget();
            right = a.getValue();
            symbol = a.getOperator().asString().replace("=", "");
        }
        left = strip(left);
        right = strip(right);
        if (elementLike(left)) {
            return new Operation(left, right, symbol);
        }
        if (elementLike(right) && !symbol.equals("-") && !symbol.contains("<") && !symbol.contains(">")) {
            return new Operation(right, left, symbol);
        }
        return null;
    }

    private static boolean elementLike(Expression e) {
        return e instanceof ArrayAccessExpr || e instanceof NameExpr;
    }

    private static Expression strip(Expression e) {
        while (e instanceof CastExpr || e instanceof EnclosedExpr) {
            e = e instanceof CastExpr c ? c.getExpression() : ((EnclosedExpr) e).getInner();
        }
        return e;
    }

    /** The literal array an element expression reads from, with its values. */
    private record Data(ArrayInitializerExpr literal, int[] values, boolean bytes, String name) {
    }

    private static Data data(Statement loop, Expression element) {
        String name;
        if (element instanceof ArrayAccessExpr a && strip(a.getName()) instanceof NameExpr n) {
            name = n.getNameAsString();
        } else if (element instanceof NameExpr n && loop instanceof ForEachStmt f
                && f.getVariable().getVariable(0).getNameAsString().equals(n.getNameAsString())
                && strip(f.getIterable()) instanceof NameExpr it) {
            name = it.getNameAsString();
        } else {
            return null;
        }
        Optional<Declarations.VarDecl> decl = Declarations.find(element, name);
        if (decl.isEmpty() || decl.get().initializer().isEmpty()) {
            return null;
        }
        Expression init = decl.get().initializer().get();
        ArrayInitializerExpr literal = init instanceof ArrayInitializerExpr a ? a
                : init instanceof ArrayCreationExpr c ? c.getInitializer().orElse(null) : null;
        int[] values = literal == null ? null : values(literal);
        if (values == null || values.length < MIN_ELEMENTS) {
            return null;
        }
        boolean bytes = decl.get().type().toString().startsWith("byte")
                || init instanceof ArrayCreationExpr c && c.getElementType() instanceof PrimitiveType p
                && p.getType() == PrimitiveType.Primitive.BYTE;
        return new Data(literal, values, bytes, name);
    }

    static int[] values(ArrayInitializerExpr array) {
        int[] out = new int[array.getValues().size()];
        for (int i = 0; i < out.length; i++) {
            Integer v = constant(array.getValues().get(i));
            if (v == null) {
                return null;
            }
            out[i] = v;
        }
        return out;
    }

    private static Integer constant(Expression e) {
        e = strip(e);
        if (e instanceof CharLiteralExpr c) {
            return (int) c.asChar();
        }
        if (e instanceof IntegerLiteralExpr i) {
            return i.asNumber().intValue();
        }
        if (e instanceof UnaryExpr u && u.getOperator() == UnaryExpr.Operator.MINUS) {
            Integer inner = constant(u.getExpression());
            return inner == null ? null : -inner;
        }
        if (e instanceof NameExpr n) {
            Optional<Declarations.VarDecl> d = Declarations.find(n, n.getNameAsString());
            if (d.isPresent() && d.get().initializer().isPresent() && !(d.get().initializer().get() instanceof NameExpr)) {
                return constant(d.get().initializer().get());
            }
        }
        return null;
    }

    /** The key as one value per element position (repeated), or null when it is not a constant. */
    private static int[] key(Expression key, int length) {
        Integer single = constant(key);
        if (single != null) {
            int[] k = new int[length];
            java.util.Arrays.fill(k, single);
            return k;
        }
        int[] repeated = null;
        if (key instanceof MethodCallExpr m && m.getNameAsString().equals("charAt") && m.getScope().isPresent()) {
            Expression scope = strip(m.getScope().get());
            if (scope instanceof NameExpr n) {
                scope = Declarations.find(n, n.getNameAsString()).flatMap(Declarations.VarDecl::initializer).orElse(scope);
            }
            if (scope instanceof StringLiteralExpr s && !s.asString().isEmpty()) {
                repeated = s.asString().chars().toArray();
            }
        } else if (key instanceof ArrayAccessExpr a && strip(a.getName()) instanceof NameExpr n) {
            Expression init = Declarations.find(n, n.getNameAsString()).flatMap(Declarations.VarDecl::initializer).orElse(null);
            ArrayInitializerExpr literal = init instanceof ArrayInitializerExpr x ? x
                    : init instanceof ArrayCreationExpr c ? c.getInitializer().orElse(null) : null;
            repeated = literal == null ? null : values(literal);
        }
        if (repeated == null || repeated.length == 0) {
            return null;
        }
        int[] k = new int[length];
        for (int i = 0; i < length; i++) {
            k[i] = repeated[i % repeated.length];
        }
        return k;
    }

    private static String decode(Data data, int[] key, String symbol) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < data.values.length; i++) {
            int v = data.bytes ? data.values[i] & 0xFF : data.values[i];
            int r = switch (symbol) {
                case "^" -> v ^ key[i];
                case "+" -> v + key[i];
                case "-" -> v - key[i];
                case "<<" -> v << key[i];
                case ">>" -> v >> key[i];
                case ">>>" -> v >>> key[i];
                default -> v;
            };
            r = data.bytes ? r & 0xFF : r & 0xFFFF;
            if (r < 0x20 || r > 0x7E) {
                return null;
            }
            b.append((char) r);
        }
        return b.toString();
    }

    /** The result is made a character, or the array is written as characters: text is being decoded. */
    private static boolean textContext(Expression op, Statement loop, Data data) {
        if (data.literal.getValues().stream().anyMatch(v -> v instanceof CharLiteralExpr)) {
            return true;
        }
        for (Optional<Node> p = op.getParentNode(); p.isPresent() && p.get() != loop; p = p.get().getParentNode()) {
            if (p.get() instanceof CastExpr c && c.getType().asString().equals("char")) {
                return true;
            }
        }
        return false;
    }

    /** A finding when the text decodes, or when it cannot but the loop plainly builds text; otherwise null. */
    private static Ranked finding(ParsedFile file, Data data, Operation operation, Statement loop,
                                               boolean textContext) {
        int[] key = key(operation.key, data.values.length);
        String text = key == null ? null : decode(data, key, operation.symbol);
        boolean additive = operation.symbol.equals("+") || operation.symbol.equals("-");
        if (text == null && (additive || !textContext)) {
            return null;
        }
        int loopLine = loop.getBegin().map(p -> p.line).orElse(0);
        String how = "array " + data.name + " decoded with " + operation.symbol + " in the loop at line " + loopLine;
        String message = text != null ? "hidden string: " + how + " spells \"" + text + "\""
                : "hidden string: " + how + (key == null ? " (key not constant, not decoded)" : " (does not decode to text)");
        boolean endpoint = text != null && Endpoints.looksLikeEndpoint(text, false);
        Optional<Position> at = data.literal.getBegin();
        int line = at.map(p -> p.line).orElse(0);
        SourceRule rule = SourceRule.HIDDEN_STRING;
        Finding finding = new Finding(rule, rule.capability(), rule.severity(), message,
                new Location(file.relativePath(), line, file.line(line)), "", "literal",
                endpoint ? List.of(text) : List.of(), List.of());
        return new Ranked(finding, at.map(p -> p.column).orElse(0));
    }
}
