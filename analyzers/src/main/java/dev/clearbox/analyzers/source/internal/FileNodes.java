package dev.clearbox.analyzers.source.internal;

import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.ArrayInitializerExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.stmt.Statement;

import java.util.List;

/**
 * Nodes of one file the finders besides the call walk need, in source order; gathered by {@link FileAnalyzer}'s one
 * walk and handed to the finders (its own file, so a finder does not name the analyzer that calls it).
 */
record FileNodes(List<StringLiteralExpr> literals, List<ArrayInitializerExpr> arrays, List<TypeDeclaration<?>> types,
                 List<Statement> loops) {
}
