package dev.clearbox.analyzers.source.internal.flow;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import dev.clearbox.analyzers.source.internal.ParsedFile;

import java.util.List;

/**
 * A piece of code analysed on its own: a method or constructor with a body, or the field initializers
 * and initializer blocks of a type ({@code callable == null}). Its parameters, its return and the
 * exceptions it lets escape are graph nodes {@code firstNode + i}, {@link #returnNode()},
 * {@link #thrownNode()}.
 */
final class Unit {
    final int id;
    final ParsedFile file;
    final TypeInfo owner;
    final String label;
    final CallableDeclaration<?> callable;
    final List<Node> initializers;
    final List<String> params;
    final int firstNode;
    /** {@code Type.method} of the label, for step notes. */
    final String shortLabel;

    Unit(int id, ParsedFile file, TypeInfo owner, String label, CallableDeclaration<?> callable,
         List<Node> initializers, List<String> params, int firstNode) {
        this.id = id;
        this.file = file;
        this.owner = owner;
        this.label = label;
        this.callable = callable;
        this.initializers = initializers;
        this.params = params;
        this.firstNode = firstNode;
        String head = label.indexOf('(') < 0 ? label : label.substring(0, label.indexOf('('));
        String type = head.substring(0, head.indexOf('#'));
        this.shortLabel = type.substring(type.lastIndexOf('.') + 1) + "." + head.substring(head.indexOf('#') + 1);
    }

    int paramNode(int i) {
        return firstNode + i;
    }

    int returnNode() {
        return firstNode + params.size();
    }

    int thrownNode() {
        return firstNode + params.size() + 1;
    }

    /** Nodes a unit takes: its parameters, its return, its escaping exceptions. */
    static int nodeCount(int params) {
        return params + 2;
    }

    @Override
    public String toString() {
        return label;
    }
}
