package dev.clearbox.analyzers.bytecode.internal;

import dev.clearbox.analyzers.capability.CapabilityEntry;
import edu.umd.cs.findbugs.OpcodeStack.Item;

import java.util.List;

/**
 * One {@code invoke*} instruction as Clearbox's analyses see it: the callee from the constant pool, the
 * receiver and arguments from the OpcodeStack, and where it is.
 *
 * @param opcode     the instruction ({@code Const.INVOKEVIRTUAL}, ...)
 * @param owner      the owner, slashed ({@code java/net/URL})
 * @param params     the parameter types, dotted, nested types with dots
 * @param receiver   the receiver's stack item, null for {@code invokestatic}
 * @param args       the arguments' stack items, first argument first
 */
record Invocation(int opcode, String owner, String name, String descriptor, List<String> params, Item receiver,
                  List<Item> args, Hit.Site site) {
    Invocation {
        params = List.copyOf(params);
        args = List.copyOf(args);
    }

    boolean isConstructor() {
        return CapabilityEntry.CONSTRUCTOR.equals(name);
    }
}
