package dev.clearbox.analyzers.source.internal;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.stmt.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParsingTest {
    @TempDir
    Path dir;

    private CompilationUnit parse(String code) throws IOException {
        Path file = Files.writeString(dir.resolve("A.java"), code);
        Parsing.Outcome o = Parsing.parse(file, "A.java");
        assertTrue(o.problem() == null, String.valueOf(o.problem()));
        return o.file().unit();
    }

    @Test
    void rangesSurviveWhileTokensAreDropped() throws IOException {
        CompilationUnit unit = parse("""
                class A {
                    void f() {
                        java.net.InetAddress.getByName("example.org"); // a comment
                    }
                }
                """);
        MethodCallExpr call = unit.findFirst(MethodCallExpr.class).orElseThrow();
        assertEquals(3, call.getBegin().orElseThrow().line);
        assertEquals(9, call.getBegin().orElseThrow().column);
        for (Node n : unit.findAll(Node.class)) {
            assertFalse(n.getTokenRange().isPresent(), "token range kept on " + n.getClass().getSimpleName());
            assertTrue(n.getRange().isPresent(), "range lost on " + n.getClass().getSimpleName());
        }
        unit.getAllComments().forEach(c -> assertTrue(c.getRange().isPresent()));
    }

    /**
     * {@code toString()} on a node stores the file's printer in the tree the first time; from several
     * threads at once that store raced ("No data of this type found"). Parsing stores it up front.
     */
    @Test
    void nodesOfOneFilePrintFromManyThreads() throws Exception {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            body.append("        int v").append(i).append(" = ").append(i).append(" + 1;\n");
        }
        CompilationUnit unit = parse("class A {\n    void f() {\n" + body + "    }\n}\n");
        assertTrue(unit.containsData(CompilationUnit.PRINTER_KEY), "printer stored at parse time");
        List<Statement> statements = unit.findAll(Statement.class);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> printed = new ArrayList<>();
            for (Statement s : statements) {
                printed.add(pool.submit(() -> s.toString()));
            }
            for (int i = 0; i < statements.size(); i++) {
                assertFalse(printed.get(i).get().isEmpty());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
