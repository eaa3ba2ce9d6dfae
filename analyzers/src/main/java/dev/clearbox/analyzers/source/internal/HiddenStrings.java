package dev.clearbox.analyzers.source.internal;

import com.github.javaparser.Position;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.ArrayCreationExpr;
import com.github.javaparser.ast.expr.ArrayInitializerExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import dev.clearbox.analyzers.source.SourceRule;
import dev.clearbox.core.Finding;
import dev.clearbox.core.Location;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Strings written so that a reader does not see them: Base64 literals that decode to an endpoint,
 * and char or byte arrays of literals that spell an endpoint or are turned into a {@code String}.
 */
final class HiddenStrings {
    private static final int MIN_ARRAY_TEXT = 4;

    private HiddenStrings() {
    }

    /** @param nodes the file's string literals, array initializers and loops, in source order */
    static List<Ranked> find(ParsedFile file, FileNodes nodes) {
        List<Ranked> out = new ArrayList<>();
        for (StringLiteralExpr literal : nodes.literals()) {
            Endpoints.decodeBase64(literal.asString())
                    .filter(text -> Endpoints.looksLikeEndpoint(text, false))
                    .ifPresent(text -> out.add(finding(file, literal, "Base64 literal", text)));
        }
        List<Ranked> loops = LoopStrings.find(file, nodes.loops());
        java.util.Set<Integer> loopLines = new java.util.HashSet<>();
        loops.forEach(r -> loopLines.add(r.finding().location().line()));
        out.addAll(loops);
        for (ArrayInitializerExpr array : nodes.arrays()) {
            if (loopLines.contains(array.getBegin().map(p -> p.line).orElse(0))) {
                continue;
            }
            Optional<String> text = Endpoints.decodeArray(array);
            if (text.isPresent() && text.get().length() >= MIN_ARRAY_TEXT
                    && (Endpoints.looksLikeEndpoint(text.get(), false) || becomesString(array))) {
                out.add(finding(file, array, "array of character codes", text.get()));
            }
        }
        return out;
    }

    private static boolean becomesString(ArrayInitializerExpr array) {
        return array.getParentNode().filter(p -> p instanceof ArrayCreationExpr)
                .flatMap(Node::getParentNode)
                .filter(p -> p instanceof ObjectCreationExpr o && o.getType().getNameAsString().equals("String"))
                .isPresent();
    }

    private static Ranked finding(ParsedFile file, Node node, String form, String text) {
        Optional<Position> at = node.getBegin();
        int line = at.map(p -> p.line).orElse(0);
        SourceRule rule = SourceRule.HIDDEN_STRING;
        boolean endpoint = Endpoints.looksLikeEndpoint(text, false);
        Finding finding = new Finding(rule, rule.capability(), rule.severity(),
                "hidden string: " + form + " spells \"" + text + "\"",
                new Location(file.relativePath(), line, file.line(line)), "", "literal",
                endpoint ? List.of(text) : List.of(), List.of());
        return new Ranked(finding, at.map(p -> p.column).orElse(0));
    }
}
