package dev.clearbox.analyzers.source.internal;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.SimpleName;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TreeCompactionTest {
    private static final String CODE = """
            class A {
                /** javadoc */
                void f(String s) {
                    // a comment
                    g(s.getBytes("UTF-8"));
                    g(s.getBytes("UTF-8"));
                }
                void g(Object o) {
                }
            }
            """;

    @TempDir
    Path dir;

    private ParsedFile parse(String name, String code, TreeCompaction.Table table) throws IOException {
        Path file = Files.writeString(dir.resolve(name), code);
        Parsing.Outcome o = Parsing.parse(file, name, table);
        assertTrue(o.problem() == null, String.valueOf(o.problem()));
        return o.file();
    }

    @Test
    void compactTreesSayTheSame() throws IOException {
        TreeCompaction.Table table = new TreeCompaction.Table();
        CompilationUnit a = parse("A.java", CODE, table).unit();
        CompilationUnit b = parse("B.java", CODE, table).unit();
        // comments are not attributed: no node has one, and none is printed
        assertTrue(a.getAllContainedComments().isEmpty());
        assertTrue(a.findAll(MethodDeclaration.class).get(0).getComment().isEmpty());
        // the same text, the same ranges and lines as a tree that was not compacted
        CompilationUnit plain = com.github.javaparser.StaticJavaParser.parse(CODE);
        assertEquals(plain.findAll(MethodCallExpr.class).stream().map(c -> c.getRange().orElseThrow()).toList(),
                a.findAll(MethodCallExpr.class).stream().map(c -> c.getRange().orElseThrow()).toList());
        assertEquals(plain.findAll(SimpleName.class).stream().map(SimpleName::getIdentifier).toList(),
                a.findAll(SimpleName.class).stream().map(SimpleName::getIdentifier).toList());
        // names, literal texts and positions are shared between the files of a run
        SimpleName inA = a.findAll(SimpleName.class).get(0);
        SimpleName inB = b.findAll(SimpleName.class).get(0);
        assertSame(inA.getIdentifier(), inB.getIdentifier());
        assertSame(a.findAll(StringLiteralExpr.class).get(0).getValue(), b.findAll(StringLiteralExpr.class).get(1).getValue());
        assertSame(inA.getBegin().orElseThrow(), inB.getBegin().orElseThrow());
        // a name and the expression made of it share their range
        assertSame(a.findAll(com.github.javaparser.ast.expr.NameExpr.class).get(0).getRange().orElseThrow(),
                a.findAll(com.github.javaparser.ast.expr.NameExpr.class).get(0).getName().getRange().orElseThrow());
    }

    @Test
    void aSharedEmptyListRefusesAdditions() throws IOException {
        CompilationUnit a = parse("A.java", CODE, new TreeCompaction.Table()).unit();
        SimpleName leaf = a.findAll(SimpleName.class).get(0);
        assertTrue(leaf.getChildNodes().isEmpty());
        assertThrows(UnsupportedOperationException.class, () -> TreeCompaction.EMPTY.add("x"));
        assertThrows(UnsupportedOperationException.class, () -> TreeCompaction.EMPTY.addAll(List.of("x")));
        assertTrue(TreeCompaction.EMPTY.isEmpty());
        // the tree still reads as before: children, parents, structural equality
        MethodCallExpr first = a.findAll(MethodCallExpr.class).get(0);
        MethodCallExpr second = a.findAll(MethodCallExpr.class).get(2);
        assertEquals(first, second);
        assertEquals(first.hashCode(), second.hashCode());
        assertSame(first, first.getArguments().get(0).getParentNode().orElseThrow());
    }

    @Test
    void dismantledTreesKeepOnlyTheKeptSubtrees() throws IOException {
        CompilationUnit a = parse("A.java", CODE, new TreeCompaction.Table()).unit();
        List<MethodCallExpr> calls = a.findAll(MethodCallExpr.class);
        MethodCallExpr getBytes = calls.stream().filter(c -> c.getNameAsString().equals("getBytes")).findFirst().orElseThrow();
        MethodCallExpr otherGetBytes = calls.stream().filter(c -> c.getNameAsString().equals("getBytes"))
                .skip(1).findFirst().orElseThrow();
        String text = getBytes.toString();
        int hash = getBytes.hashCode();
        MethodDeclaration f = a.findAll(MethodDeclaration.class).get(0);
        Set<Node> keep = Collections.newSetFromMap(new IdentityHashMap<>());
        keep.add(getBytes);
        TreeCompaction.dismantle(a, keep);
        // the kept call: its own subtree, no parent, the same text, hash and equality
        assertTrue(getBytes.getParentNode().isEmpty());
        assertEquals(text, getBytes.toString());
        assertEquals(hash, getBytes.hashCode());
        assertSame(getBytes, getBytes.getScope().orElseThrow().getParentNode().orElseThrow());
        // every other node: alone, with its range and name
        assertTrue(f.getParentNode().isEmpty());
        assertTrue(f.getChildNodes().isEmpty());
        assertTrue(f.getRange().isPresent());
        assertTrue(a.getChildNodes().isEmpty());
        assertTrue(a.getTypes() == null || a.getTypes().isEmpty());
        assertTrue(otherGetBytes.getParentNode().isEmpty());
        assertNotSame(getBytes, otherGetBytes);
        assertEquals("getBytes", getBytes.getNameAsString());
    }

    @Test
    void linesAreCutFromTheText() throws IOException {
        String text = "a\r\n  b  \rc\n\nd";
        ParsedFile file = new ParsedFile(dir.resolve("X.java"), "X.java", null, text);
        String[] split = text.split("\r\n|\r|\n", -1);
        assertEquals(split.length, file.lineCount());
        for (int i = 1; i <= split.length; i++) {
            assertEquals(split[i - 1].strip(), file.line(i), "line " + i);
        }
        assertEquals("", file.line(0));
        assertEquals("", file.line(split.length + 1));
        assertEquals(5, file.physicalLines());
        assertEquals(2, new ParsedFile(dir.resolve("Y.java"), "Y.java", null, "x\ny\n").physicalLines());
        assertEquals(3, new ParsedFile(dir.resolve("Y.java"), "Y.java", null, "x\ny\n").lineCount());
        assertEquals(0, new ParsedFile(dir.resolve("Z.java"), "Z.java", null, "").physicalLines());
    }
}
