package dev.clearbox.analyzers.source.internal.flow;

/**
 * A {@code try} statement (or the catch blocks of one that has a {@code finally}) being interpreted: what reaches
 * its handlers and its {@code finally} block other than by the normal end of the block.
 *
 * <ul>
 *   <li>{@link #caught}: the data of the exceptions thrown in the block (a {@code throw}, an exception a project
 *   callee lets escape), which the catch parameter holds;</li>
 *   <li>{@link #thrown}: the join of the states at the points of the block that can throw ({@link ThrowPoints}),
 *   where the catch blocks and, for exceptions no handler takes, the {@code finally} block start;</li>
 *   <li>{@link #exits}: the states at the {@code return} and {@code yield} statements that leave the block
 *   through its {@code finally}.</li>
 * </ul>
 *
 * <p>{@link #catchesAll}: a handler takes every exception ({@code Throwable}), so nothing thrown in the block
 * goes further out. {@link #everyPoint}: a handler of this or an enclosing statement takes errors the virtual
 * machine may raise anywhere ({@code Error}, {@code OutOfMemoryError}...), so the state before every statement
 * reaches it too. Not thread-safe; owned by one {@link UnitState}.
 */
final class TryFrame {
    final boolean catches;
    final boolean catchesAll;
    final boolean hasFinally;
    final boolean everyPoint;
    /** The number of return frames (unit, then inline lambdas) when the statement began: a {@code return} at that depth leaves it. */
    final int returnDepth;
    /** The number of switch expressions being interpreted when the statement began: a {@code yield} at that depth leaves it. */
    final int yieldDepth;
    /** A {@code return} (a {@code yield}) left the block through the {@code finally}: its end state goes on as one. */
    boolean returns;
    boolean yields;
    Taint caught = Taint.EMPTY;
    final Env thrown = Env.unreachable();
    final Env exits = Env.unreachable();

    TryFrame(boolean catches, boolean catchesAll, boolean hasFinally, boolean everyPoint, int returnDepth, int yieldDepth) {
        this.catches = catches;
        this.catchesAll = catchesAll;
        this.hasFinally = hasFinally;
        this.everyPoint = everyPoint;
        this.returnDepth = returnDepth;
        this.yieldDepth = yieldDepth;
    }

    /** True when a thrown exception or a throw point's state goes no further out than this statement. */
    boolean stopsExceptions() {
        return catchesAll || hasFinally;
    }
}
