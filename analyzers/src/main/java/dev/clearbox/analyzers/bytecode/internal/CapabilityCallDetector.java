package dev.clearbox.analyzers.bytecode.internal;

import dev.clearbox.analyzers.bytecode.internal.CapabilityCalls.Match;
import edu.umd.cs.findbugs.BugReporter;
import edu.umd.cs.findbugs.OpcodeStack;
import edu.umd.cs.findbugs.OpcodeStack.Item;
import edu.umd.cs.findbugs.ba.ClassContext;
import edu.umd.cs.findbugs.bcel.OpcodeStackDetector;
import edu.umd.cs.findbugs.bytecode.MemberUtils;
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
import java.util.List;

/**
 * Clearbox's SpotBugs detector, the entry point SpotBugs creates (see {@code plugin/findbugs.xml}). It reads each
 * invoke instruction (and every method handle a lambda or method reference is built from) into an
 * {@link Invocation} and hands it to the three analyses: {@link CapabilityCalls} (calls matching the capability
 * model, and native method declarations), {@link StringTexts} (the text of string values, hence endpoints) and
 * {@link TaintFlows} (source-to-sink flows). What they find travels as typed {@link Hit}s through the
 * {@link RunContext}; this detector reports nothing to SpotBugs.
 *
 * <p>The analyses keep what they know about a value as the OpcodeStack's user value ({@link Value}), set here after
 * the instruction ran. User values do not survive branch merges (SpotBugs keeps them only along straight-line
 * code) nor field stores, and nothing crosses method boundaries.
 */
@OpcodeStack.CustomUserValue
public final class CapabilityCallDetector extends OpcodeStackDetector {
    private final RunContext context;
    private final CapabilityCalls calls;
    private final TaintFlows flows;
    private Value pending;
    private String pendingNewType;
    private boolean userCode;

    /** SpotBugs' constructor; the reporter is not used (hits go to the {@link RunContext}). */
    public CapabilityCallDetector(BugReporter reporter) {
        this.context = RunContext.current();
        this.calls = new CapabilityCalls(context);
        this.flows = new TaintFlows(context);
    }

    @Override
    public void visitClassContext(ClassContext classContext) {
        if (context != null) {
            super.visitClassContext(classContext);
        }
    }

    @Override
    public void visit(org.apache.bcel.classfile.Method method) {
        super.visit(method);
        // Methods the compiler generated (bridges, synthetic methods other than lambda bodies) are skipped, as
        // SpotBugs' reporter dropped bugs reported in them (BugInstance lowers their priority below the threshold).
        userCode = MemberUtils.isUserGenerated(getXMethod());
        if (userCode && method.isNative()) {
            calls.nativeMethod(getDottedClassName(), method.getName(),
                    site(0, "native " + method.getName() + method.getSignature()));
        }
    }

    @Override
    public void sawOpcode(int seen) {
        pending = null;
        pendingNewType = null;
        if (!userCode) {
            return;
        }
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
        List<String> params = params(descriptor);
        if (stack.getStackDepth() < params.size() + (seen == Const.INVOKESTATIC ? 0 : 1)) {
            return;
        }
        Item receiver = seen == Const.INVOKESTATIC ? null : stack.getStackItem(params.size());
        List<Item> args = new ArrayList<>(params.size());
        for (int i = 0; i < params.size(); i++) {
            args.add(stack.getStackItem(params.size() - 1 - i));
        }
        String code = Const.getOpcodeName(seen) + " " + RunContext.modelName(owner) + "." + name
                + "(" + String.join(", ", simpleNames(params)) + ")";
        Invocation call = new Invocation(seen, owner, name, descriptor, params, receiver, args, site(line(), code));

        List<Match> matches = calls.atCall(call);
        TaintFlows.AtCall at = flows.atCall(call, matches);
        if (call.isConstructor() || !descriptor.endsWith(")V")) {
            pending = new Value(StringTexts.result(call), flows.resultTaint(call, at), TaintFlows.resultChannel(call, at));
        }
        if (call.isConstructor()) {
            pendingNewType = "L" + owner + ";";
        }
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

    private void methodHandle(ConstantPool cp, ConstantCP target) {
        String owner = target.getClass(cp).replace('.', '/');
        ConstantNameAndType nt = cp.getConstant(target.getNameAndTypeIndex(), ConstantNameAndType.class);
        String name = nt.getName(cp);
        String descriptor = nt.getSignature(cp);
        calls.atMethodHandle(owner, name, descriptor, params(descriptor),
                site(line(), "method reference " + RunContext.modelName(owner) + "::" + name));
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
        List<Object> constants = new ArrayList<>();
        for (int i = 1; i < bsArgs.length; i++) {
            constants.add(cp.getConstant(bsArgs[i]) instanceof ConstantString s ? s.getBytes(cp) : null);
        }
        List<Hop> taint = TaintFlows.firstTaint(null, args);
        pending = new Value(StringTexts.concatenation(args, recipe, constants), taint == null ? List.of() : taint, null);
    }

    private BootstrapMethod bootstrap(int index) {
        for (Attribute a : getThisClass().getAttributes()) {
            if (a instanceof BootstrapMethods bms && index >= 0 && index < bms.getBootstrapMethods().length) {
                return bms.getBootstrapMethods()[index];
            }
        }
        return null;
    }

    private static List<String> params(String descriptor) {
        List<String> params = new ArrayList<>();
        for (Type t : Type.getArgumentTypes(descriptor)) {
            params.add(t.toString().replace('$', '.'));
        }
        return params;
    }

    private static List<String> simpleNames(List<String> params) {
        List<String> out = new ArrayList<>();
        for (String p : params) {
            out.add(p.substring(p.lastIndexOf('.') + 1));
        }
        return out;
    }

    private Hit.Site site(int line, String code) {
        return new Hit.Site(getDottedClassName(), getDottedClassName() + "." + getMethodName(), line, code);
    }

    private int line() {
        LineNumberTable table = getCode() == null ? null : getCode().getLineNumberTable();
        int line = table == null ? -1 : table.getSourceLine(getPC());
        return Math.max(0, line);
    }
}
