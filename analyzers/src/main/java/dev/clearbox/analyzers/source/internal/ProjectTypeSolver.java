package dev.clearbox.analyzers.source.internal;

import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.resolution.TypeSolver;
import com.github.javaparser.resolution.declarations.ResolvedReferenceTypeDeclaration;
import com.github.javaparser.resolution.model.SymbolReference;
import com.github.javaparser.symbolsolver.javaparsermodel.JavaParserFacade;

/**
 * Resolves the types declared in the analysed sources from the files already parsed (the project
 * index), instead of parsing them again from disk as JavaParser's own source solver does: one copy of
 * each syntax tree in memory, shared by the workers (resolution only reads it).
 */
final class ProjectTypeSolver implements TypeSolver {
    private final ProjectIndex index;
    private TypeSolver parent;

    ProjectTypeSolver(ProjectIndex index) {
        this.index = index;
    }

    @Override
    public TypeSolver getParent() {
        return parent;
    }

    @Override
    public void setParent(TypeSolver parent) {
        this.parent = parent;
    }

    @Override
    public SymbolReference<ResolvedReferenceTypeDeclaration> tryToSolveType(String name) {
        TypeDeclaration<?> declaration = index.typeDeclaration(name);
        if (declaration == null) {
            return SymbolReference.unsolved();
        }
        return SymbolReference.solved(JavaParserFacade.get(getRoot()).getTypeDeclaration(declaration));
    }

    @Override
    public SymbolReference<ResolvedReferenceTypeDeclaration> tryToSolveTypeInModule(String module, String name) {
        return tryToSolveType(name);
    }
}
