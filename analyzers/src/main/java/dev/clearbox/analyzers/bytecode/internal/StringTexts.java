package dev.clearbox.analyzers.bytecode.internal;

import dev.clearbox.analyzers.capability.CapabilityEntry;
import edu.umd.cs.findbugs.OpcodeStack.Item;
import org.apache.bcel.Const;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The second analysis of Clearbox's detector: the text of string values within one method (constants,
 * {@code makeConcatWithConstants} recipes, {@code StringBuilder} chains; unknown parts {@value Value#UNKNOWN}),
 * and from it the literal endpoints reaching a call.
 */
final class StringTexts {
    private StringTexts() {
    }

    /** The text of a call's result: builders append, instance calls keep their receiver's, factories their argument's. */
    static String result(Invocation call) {
        String owner = call.owner();
        String name = call.name();
        Item receiver = call.receiver();
        List<Item> args = call.args();
        boolean builder = "java/lang/StringBuilder".equals(owner) || "java/lang/StringBuffer".equals(owner);
        if (builder) {
            String base = receiver == null ? null : textOf(receiver);
            if ("append".equals(name) && args.size() == 1) {
                return (base == null ? "" : base) + textOrUnknown(args.get(0));
            }
            if (CapabilityEntry.CONSTRUCTOR.equals(name)) {
                return args.size() == 1 && isStringLike(args.get(0)) ? textOrUnknown(args.get(0)) : "";
            }
            return "toString".equals(name) ? base : null;
        }
        if (call.opcode() != Const.INVOKESTATIC && !CapabilityEntry.CONSTRUCTOR.equals(name)) {
            return receiver == null ? null : textOf(receiver);
        }
        if (call.opcode() == Const.INVOKESTATIC && call.descriptor().endsWith(")Ljava/lang/String;")) {
            return null; // a lookup by key (System.getProperty("user.name")) does not return its key
        }
        for (Item a : args) {
            if (isStringLike(a)) {
                String t = textOf(a);
                if (t != null) {
                    return t;
                }
            }
        }
        return null;
    }

    /**
     * The text of a string concatenation ({@code invokedynamic makeConcat*}).
     *
     * @param recipe    the recipe ({@code \u0001} an argument, {@code \u0002} a constant), null for {@code makeConcat}
     * @param constants the recipe's constants in order, null where one is not a string constant
     */
    static String concatenation(List<Item> args, String recipe, List<Object> constants) {
        StringBuilder text = new StringBuilder();
        int next = 0;
        int nextConstant = 0;
        if (recipe == null) {
            args.forEach(a -> text.append(textOrUnknown(a)));
        } else {
            for (int i = 0; i < recipe.length(); i++) {
                char c = recipe.charAt(i);
                if (c == '\u0001' && next < args.size()) {
                    text.append(textOrUnknown(args.get(next++)));
                } else if (c == '\u0002' && nextConstant < constants.size()) {
                    Object k = constants.get(nextConstant++);
                    text.append(k == null ? Value.UNKNOWN : k.toString());
                } else {
                    text.append(c);
                }
            }
        }
        return text.toString();
    }

    /** Literal endpoints reaching a call: the known text of its receiver and string-like arguments. */
    static List<String> endpoints(Item receiver, List<Item> args) {
        Set<String> out = new LinkedHashSet<>();
        if (receiver != null) {
            addEndpoint(out, textOf(receiver));
        }
        for (Item a : args) {
            if (a.getSignature().startsWith("L")) {
                addEndpoint(out, textOf(a));
            }
        }
        return List.copyOf(out);
    }

    private static void addEndpoint(Set<String> out, String text) {
        if (text == null) {
            return;
        }
        String known = text.replace(Value.UNKNOWN, "");
        if (known.chars().anyMatch(Character::isLetterOrDigit) && text.length() <= 2048) {
            out.add(text);
        }
    }

    private static String textOf(Item item) {
        Object constant = item.getConstant();
        if (constant instanceof String s) {
            return s;
        }
        Value v = Value.of(item);
        return v == null ? null : v.text();
    }

    private static String textOrUnknown(Item item) {
        Object constant = item.getConstant();
        if (constant != null) {
            return constant.toString();
        }
        String t = textOf(item);
        return t == null ? Value.UNKNOWN : t;
    }

    private static boolean isStringLike(Item item) {
        String sig = item.getSignature();
        return "Ljava/lang/String;".equals(sig) || "Ljava/net/URI;".equals(sig) || "Ljava/net/URL;".equals(sig)
                || "Ljava/lang/CharSequence;".equals(sig) || item.getConstant() instanceof String;
    }
}
