package dev.clearbox.analyzers.source.internal.flow;

import com.github.javaparser.ast.Node;

/**
 * The value of an expression: its taint, the sink node of the connection it is (or -1), and the lambda
 * or method reference it is (or null).
 */
record Val(Taint taint, int handle, Node function) {
    static final Val CLEAN = new Val(Taint.EMPTY, -1, null);

    static Val of(Taint t) {
        return t.isEmpty() ? CLEAN : new Val(t, -1, null);
    }

    Val withTaint(Taint t) {
        return new Val(t, handle, function);
    }
}
