package dev.clearbox.analyzers.bytecode.internal;

import dev.clearbox.core.Capability;
import dev.clearbox.analyzers.capability.CapabilityEntry;
import dev.clearbox.analyzers.capability.Role;
import dev.clearbox.analyzers.capability.Transformer;
import edu.umd.cs.findbugs.BugInstance;
import edu.umd.cs.findbugs.BugReporter;
import edu.umd.cs.findbugs.OpcodeStack;
import edu.umd.cs.findbugs.OpcodeStack.Item;
import edu.umd.cs.findbugs.Priorities;
import edu.umd.cs.findbugs.StringAnnotation;
import edu.umd.cs.findbugs.ba.ClassContext;
import edu.umd.cs.findbugs.bcel.OpcodeStackDetector;
import org.apache.bcel.Const;
import org.apache.bcel.classfile.Attribute;
import org.apache.bcel.classfile.BootstrapMethod;
import org.apache.bcel.classfile.BootstrapMethods;
import org.apache.bcel.classfile.Constant;
import org.apache.bcel.classfile.ConstantCP;
import org.apache.bcel.classfile.ConstantInvokeDynamic;
import org.apache.bcel.classfile.ConstantMethodHandle;
import org.apache.bcel.classfile.ConstantNameAndType;
import org.apache.bcel.classfile.ConstantPool;
import org.apache.bcel.classfile.ConstantString;
import org.apache.bcel.classfile.LineNumberTable;
import org.apache.bcel.generic.Type;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Clearbox's capability detector. On every invoke instruction (and every method handle a lambda or
 * method reference is built from) it resolves the owner, name and descriptor, follows the owner's
 * supertypes, and matches the capability model: each match becomes a {@code CBX_CAPABILITY_CALL} bug
 * with class, method and line (from the line-number table) and the literal endpoints reaching the call.
 *
 * <p>Through the OpcodeStack's user values ({@link Value}) it also follows, within one method, the text
 * of string values (constants, concatenations, string builders), data from model sources through
 * transformers and concatenation, and values obtained from sinks (a socket's output stream): a tainted
 * value passed to a sink, or to a call on a value obtained from a sink, is a {@code CBX_FLOW} bug. User
 * values do not survive branch merges (SpotBugs keeps them only along straight-line code) nor field
 * stores, and nothing crosses method boundaries.
 */
@OpcodeStack.CustomUserValue
public final class CapabilityCallDetector extends OpcodeStackDetector {
    private final BugReporter reporter;
    private final RunContext context;
    private Value pending;
    private String pendingNewType;

    public CapabilityCallDetector(BugReporter reporter) {
        this.reporter = reporter;
        this.context = RunContext.current();
    }

    @Override
    public void visitClassContext(ClassContext classContext) {
        if (context != null) {
            super.visitClassContext(classContext);
        }
    }

    /** A native method declaration: code the bytecode analysis cannot see, reported like the source analyzer does. */
    @Override
    public void visit(org.apache.bcel.classfile.Method method) {
        super.visit(method);
        if (method.isNative()) {
            String api = getDottedClassName() + "#" + method.getName();
            BugInstance bug = new BugInstance(this, BugFields.CALL, Priorities.NORMAL_PRIORITY).addClassAndMethod(this);
            tag(bug, BugFields.CAPABILITY, Capability.NATIVE.name());
            tag(bug, BugFields.ROLE, Role.PLAIN.name());
            tag(bug, BugFields.API, api);
            tag(bug, BugFields.CALLEE, getDottedClassName());
            tag(bug, BugFields.DATA, "native method declaration");
            tag(bug, BugFields.CODE, "native " + method.getName() + method.getSignature());
            tag(bug, BugFields.STEP + "_LINE", "0");
            reporter.reportBug(bug);
        }
    }

    @Override
    public void sawOpcode(int seen) {
        pending = null;
        pendingNewType = null;
        switch (seen) {
            case Const.INVOKEVIRTUAL, Const.INVOKESPECIAL, Const.INVOKESTATIC, Const.INVOKEINTERFACE -> invoke(seen);
            case Const.INVOKEDYNAMIC -> invokeDynamic();
            default -> {
            }
        }
    }

    @Override
    public void afterOpcode(int seen) {
        super.afterOpcode(seen);
        Value value = pending;
        String newType = pendingNewType;
        pending = null;
        pendingNewType = null;
        if (value == null || value.isEmpty() || stack.isTop() || stack.getStackDepth() == 0) {
            return;
        }
        Item top = stack.getStackItem(0);
        if (newType != null) {
            if (top.isNewlyAllocated() && newType.equals(top.getSignature())) {
                top.setUserValue(value);
            }
        } else {
            top.setUserValue(value);
        }
    }

    private void invoke(int seen) {
        String owner = getClassConstantOperand();
        if (owner == null || owner.startsWith("[")) {
            return;
        }
        String name = getNameConstantOperand();
        String descriptor = getSigConstantOperand();
        Type[] argTypes = Type.getArgumentTypes(descriptor);
        List<String> params = new ArrayList<>(argTypes.length);
        for (Type t : argTypes) {
            params.add(t.toString().replace('$', '.'));
        }
        if (stack.getStackDepth() < argTypes.length + (seen == Const.INVOKESTATIC ? 0 : 1)) {
            return;
        }
        Item receiver = seen == Const.INVOKESTATIC ? null : stack.getStackItem(argTypes.length);
        List<Item> args = new ArrayList<>(argTypes.length);
        for (int i = 0; i < argTypes.length; i++) {
            args.add(stack.getStackItem(argTypes.length - 1 - i));
        }
        boolean constructor = CapabilityEntry.CONSTRUCTOR.equals(name);
        int line = line();
        String code = Const.getOpcodeName(seen) + " " + RunContext.modelName(owner) + "." + name
                + "(" + String.join(", ", simpleNames(params)) + ")";

        List<CapabilityEntry> entries = context.match(owner, name, descriptor, params);
        Hop sinkHop = null;
        List<Hop> sourcePath = null;
        for (CapabilityEntry e : entries) {
            String api = e.type() + "#" + (e.isWildcard() ? name : e.method());
            List<String> endpoints = e.capability() == Capability.NETWORK || e.capability() == Capability.DNS
                    ? endpoints(receiver, args) : List.of();
            reportCall(e, api, owner, endpoints, line, code);
            Hop here = new Hop(line, currentMethod(), api, e.role() == Role.SOURCE ? "source: " + e.data()
                    : e.role() == Role.SINK ? e.capability().name() + " sink" : e.capability().name());
            if (e.role() == Role.SINK && sinkHop == null) {
                sinkHop = here;
                List<Hop> tainted = firstTaint(receiver, args);
                if (tainted != null) {
                    reportFlow(e.capability().name(), api, tainted, here, endpoints, line, code);
                }
            } else if (e.role() == Role.SOURCE && sourcePath == null) {
                sourcePath = List.of(here);
            }
        }
        if (sinkHop == null && receiver != null && valueOf(receiver) != null && valueOf(receiver).channel() != null) {
            List<Hop> tainted = firstTaint(null, args);
            if (tainted != null) {
                Hop channel = valueOf(receiver).channel();
                List<Hop> steps = new ArrayList<>(tainted);
                steps.add(channel);
                Hop write = new Hop(line, currentMethod(), RunContext.modelName(owner) + "#" + name,
                        "written to the value obtained at line " + channel.line());
                reportFlow(capabilityOf(channel), channel.api(), steps, write, endpoints(receiver, List.of()), line, code);
            }
        }
        pending = resultValue(seen, owner, name, descriptor, params, receiver, args, sinkHop, sourcePath, line);
        if (constructor) {
            pendingNewType = "L" + owner + ";";
        }
    }

    private Value resultValue(int seen, String owner, String name, String descriptor, List<String> params,
                              Item receiver, List<Item> args, Hop sinkHop, List<Hop> sourcePath, int line) {
        boolean constructor = CapabilityEntry.CONSTRUCTOR.equals(name);
        if (!constructor && descriptor.endsWith(")V")) {
            return null;
        }
        String text = resultText(seen, owner, name, receiver, args, descriptor.endsWith(")Ljava/lang/String;"));
        List<Hop> taint = sourcePath != null ? sourcePath : List.of();
        if (taint.isEmpty()) {
            List<Transformer> ts = context.transformers(owner, name, descriptor, params);
            List<Hop> in = firstTaint(receiver, args);
            if (!ts.isEmpty() && in != null) {
                List<Hop> steps = new ArrayList<>(in);
                steps.add(new Hop(line, currentMethod(), ts.get(0).type() + "#" + name, ts.get(0).label()));
                taint = steps;
            }
        }
        Hop channel = sinkHop;
        if (channel == null) {
            if (receiver != null && !constructor && valueOf(receiver) != null) {
                channel = valueOf(receiver).channel();
            }
            if (constructor) {
                for (Item a : args) {
                    if (valueOf(a) != null && valueOf(a).channel() != null) {
                        channel = valueOf(a).channel();
                        break;
                    }
                }
            }
        }
        return new Value(text, taint, channel);
    }

    /** The text of a call's result: builders append, instance calls keep their receiver's, factories their argument's. */
    private String resultText(int seen, String owner, String name, Item receiver, List<Item> args, boolean returnsString) {
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
        if (seen != Const.INVOKESTATIC && !CapabilityEntry.CONSTRUCTOR.equals(name)) {
            return receiver == null ? null : textOf(receiver);
        }
        if (seen == Const.INVOKESTATIC && returnsString) {
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

    private void invokeDynamic() {
        Constant ref = getConstantRefOperand();
        if (!(ref instanceof ConstantInvokeDynamic indy)) {
            return;
        }
        BootstrapMethod bootstrap = bootstrap(indy.getBootstrapMethodAttrIndex());
        if (bootstrap == null) {
            return;
        }
        ConstantPool cp = getThisClass().getConstantPool();
        String name = getNameConstantOperand();
        if ("makeConcatWithConstants".equals(name) || "makeConcat".equals(name)) {
            concatenation(bootstrap, cp, "makeConcatWithConstants".equals(name));
            return;
        }
        for (int index : bootstrap.getBootstrapArguments()) {
            if (cp.getConstant(index) instanceof ConstantMethodHandle handle
                    && handle.getReferenceKind() >= Const.REF_invokeVirtual // 1-4 are field handles (records' accessors)
                    && cp.getConstant(handle.getReferenceIndex()) instanceof ConstantCP target) {
                methodHandle(cp, target);
            }
        }
    }

    /** A method reference or lambda target: matched like a call, reported at the line that creates it. */
    private void methodHandle(ConstantPool cp, ConstantCP target) {
        String owner = target.getClass(cp).replace('.', '/');
        ConstantNameAndType nt = cp.getConstant(target.getNameAndTypeIndex(), ConstantNameAndType.class);
        String name = nt.getName(cp);
        String descriptor = nt.getSignature(cp);
        List<String> params = new ArrayList<>();
        for (Type t : Type.getArgumentTypes(descriptor)) {
            params.add(t.toString().replace('$', '.'));
        }
        int line = line();
        String code = "method reference " + RunContext.modelName(owner) + "::" + name;
        for (CapabilityEntry e : context.match(owner, name, descriptor, params)) {
            reportCall(e, e.type() + "#" + (e.isWildcard() ? name : e.method()), owner, List.of(), line, code);
        }
    }

    private void concatenation(BootstrapMethod bootstrap, ConstantPool cp, boolean withRecipe) {
        int argc = Type.getArgumentTypes(getSigConstantOperand()).length;
        if (stack.getStackDepth() < argc) {
            return;
        }
        List<Item> args = new ArrayList<>();
        for (int i = 0; i < argc; i++) {
            args.add(stack.getStackItem(argc - 1 - i));
        }
        String recipe = null;
        int[] bsArgs = bootstrap.getBootstrapArguments();
        if (withRecipe && bsArgs.length > 0 && cp.getConstant(bsArgs[0]) instanceof ConstantString s) {
            recipe = s.getBytes(cp);
        }
        StringBuilder text = new StringBuilder();
        int next = 0;
        int nextConstant = 1;
        if (recipe == null) {
            args.forEach(a -> text.append(textOrUnknown(a)));
        } else {
            for (int i = 0; i < recipe.length(); i++) {
                char c = recipe.charAt(i);
                if (c == '\u0001' && next < args.size()) {
                    text.append(textOrUnknown(args.get(next++)));
                } else if (c == '\u0002' && nextConstant < bsArgs.length) {
                    Object k = constantValue(cp, bsArgs[nextConstant++]);
                    text.append(k == null ? Value.UNKNOWN : k.toString());
                } else {
                    text.append(c);
                }
            }
        }
        List<Hop> taint = firstTaint(null, args);
        pending = new Value(text.toString(), taint == null ? List.of() : taint, null);
    }

    private static Object constantValue(ConstantPool cp, int index) {
        Constant c = cp.getConstant(index);
        return c instanceof ConstantString s ? s.getBytes(cp) : null;
    }

    private BootstrapMethod bootstrap(int index) {
        for (Attribute a : getThisClass().getAttributes()) {
            if (a instanceof BootstrapMethods bms && index >= 0 && index < bms.getBootstrapMethods().length) {
                return bms.getBootstrapMethods()[index];
            }
        }
        return null;
    }

    private void reportCall(CapabilityEntry e, String api, String owner, List<String> endpoints, int line, String code) {
        BugInstance bug = new BugInstance(this, BugFields.CALL, Priorities.NORMAL_PRIORITY)
                .addClassAndMethod(this).addSourceLine(this, getPC());
        tag(bug, BugFields.CAPABILITY, e.capability().name());
        tag(bug, BugFields.ROLE, e.role().name());
        tag(bug, BugFields.API, api);
        tag(bug, BugFields.CALLEE, RunContext.modelName(owner));
        tag(bug, BugFields.DATA, e.data());
        tag(bug, BugFields.CODE, code);
        tag(bug, BugFields.STEP + "_LINE", Integer.toString(line));
        for (String endpoint : endpoints) {
            tag(bug, BugFields.ENDPOINT, endpoint);
        }
        reporter.reportBug(bug);
    }

    private void reportFlow(String capability, String api, List<Hop> taint, Hop sink, List<String> endpoints,
                            int line, String code) {
        BugInstance bug = new BugInstance(this, BugFields.FLOW, Priorities.HIGH_PRIORITY)
                .addClassAndMethod(this).addSourceLine(this, getPC());
        tag(bug, BugFields.CAPABILITY, capability);
        tag(bug, BugFields.ROLE, Role.SINK.name());
        tag(bug, BugFields.API, api);
        tag(bug, BugFields.CODE, code);
        tag(bug, BugFields.STEP + "_LINE", Integer.toString(line));
        for (Hop h : taint) {
            tag(bug, BugFields.STEP, h.encode());
        }
        tag(bug, BugFields.STEP, sink.encode());
        for (String endpoint : endpoints) {
            tag(bug, BugFields.ENDPOINT, endpoint);
        }
        reporter.reportBug(bug);
    }

    private static void tag(BugInstance bug, String role, String value) {
        StringAnnotation a = new StringAnnotation(value);
        a.setDescription(role);
        bug.add(a);
    }

    private static String capabilityOf(Hop channel) {
        int space = channel.note().indexOf(' ');
        return space < 0 ? channel.note() : channel.note().substring(0, space);
    }

    /** Literal endpoints reaching a call: the known text of its receiver and string-like arguments. */
    private static List<String> endpoints(Item receiver, List<Item> args) {
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

    private static List<Hop> firstTaint(Item receiver, List<Item> args) {
        if (receiver != null && valueOf(receiver) != null && !valueOf(receiver).taint().isEmpty()) {
            return valueOf(receiver).taint();
        }
        for (Item a : args) {
            Value v = valueOf(a);
            if (v != null && !v.taint().isEmpty()) {
                return v.taint();
            }
        }
        return null;
    }

    private static Value valueOf(Item item) {
        return item.getUserValue() instanceof Value v ? v : null;
    }

    private static String textOf(Item item) {
        Object constant = item.getConstant();
        if (constant instanceof String s) {
            return s;
        }
        Value v = valueOf(item);
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

    private static List<String> simpleNames(List<String> params) {
        List<String> out = new ArrayList<>();
        for (String p : params) {
            out.add(p.substring(p.lastIndexOf('.') + 1));
        }
        return out;
    }

    private int line() {
        LineNumberTable table = getCode() == null ? null : getCode().getLineNumberTable();
        int line = table == null ? -1 : table.getSourceLine(getPC());
        return Math.max(0, line);
    }

    private String currentMethod() {
        return getDottedClassName() + "." + getMethodName();
    }
}
