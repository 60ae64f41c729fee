package org.nodebus.eventmanager.delivery;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The listener call one delivery thread is in, as the {@link Watchdog} sees it. The calls are tracked,
 * not the modules: a call keeps being watched after its module went away, so a thread that hangs in a
 * removed module's listener is still compensated and never lost.
 *
 * <p>One word holds the call's number, whether it runs, and what the watchdog did to it: the delivery
 * thread writes it with a release store when a call begins and swaps it when the call ends (learning in
 * the same step whether the watchdog compensated or marked the call); the watchdog flags a call with a
 * compare-and-set that fails once the call has ended. No lock, and no clock read per call.
 *
 * <p>Each thread writes its slot twice per call, and the pool makes the slots one after another: padded
 * (a superclass before the fields, a subclass after them), two threads' slots never share a cache line.
 */
final class CallSlot extends CallSlotFields {
    private static final VarHandle STATE;
    private static final VarHandle TURN;
    static final long RUNNING = 1;
    /** Another pool thread was started for the others while this call holds its thread. */
    static final long COMPENSATED = 2;
    /** The call ran past the listener time limit: its module is UNRESPONSIVE. */
    static final long HUNG = 4;
    private static final int FLAG_BITS = 3;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(CallSlotFields.class, "state", long.class);
            TURN = MethodHandles.lookup().findVarHandle(CallSlotFields.class, "turn", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    // padding after the fields (see CallSlotPadding)
    @SuppressWarnings("unused")
    private long q01, q02, q03, q04, q05, q06, q07, q08, q09, q10, q11, q12, q13, q14, q15, q16;

    /**
     * On the slot's thread, as an executor's turn begins: a volatile store, so the read of the watchdog's
     * sleep flag that follows cannot come before it (see {@link Watchdog}).
     */
    void turnBegins() {
        TURN.setVolatile(this, (turns << 1) | 1);
    }

    /** On the slot's thread, as the turn ends. */
    void turnEnds() {
        TURN.setRelease(this, ++turns << 1);
    }

    /** The watchdog's view: the turns ended on the slot's thread, times two, plus one while a turn runs. */
    long turnState() {
        return (long) TURN.getVolatile(this);
    }

    static boolean inTurn(long turnState) {
        return (turnState & 1) != 0;
    }

    /** On the slot's thread, just before a listener is called. */
    void begin(ModuleChannel module, Published published) {
        channel = module;
        event = published;
        STATE.setRelease(this, (++calls << FLAG_BITS) | RUNNING);
    }

    /**
     * On the slot's thread, when the listener returned or threw.
     *
     * @return the flags the watchdog set on the call ({@link #COMPENSATED}, {@link #HUNG}), 0 for none
     */
    long end() {
        long was = (long) STATE.getAndSet(this, calls << FLAG_BITS);
        return was & (COMPENSATED | HUNG);
    }

    /** The watchdog's view: the state word (see {@link #isRunning}). */
    long state() {
        return (long) STATE.getAcquire(this);
    }

    ModuleChannel channel() {
        return channel;
    }

    Published event() {
        return event;
    }

    /**
     * The watchdog flags the call it observed, if that call still runs.
     *
     * @return whether it was still running (and now carries the flag)
     */
    boolean flag(long observed, long flag) {
        return STATE.compareAndSet(this, observed, observed | flag);
    }

    static boolean isRunning(long state) {
        return (state & RUNNING) != 0;
    }

    /** The state without its flags: the same for one call from its begin to its end. */
    static long callOf(long state) {
        return state & ~(COMPENSATED | HUNG);
    }
}

/** Cache-line padding in front of a call slot's fields: two cache lines, whatever is allocated before. */
abstract class CallSlotPadding {
    @SuppressWarnings("unused")
    private long p01, p02, p03, p04, p05, p06, p07, p08, p09, p10, p11, p12, p13, p14, p15, p16;
}

/** A call slot's fields, between its paddings; see {@link CallSlot}. */
abstract class CallSlotFields extends CallSlotPadding {
    /** Call number, then flags; written by its thread (begin, end) and by the watchdog (flags, by CAS). */
    volatile long state;
    /**
     * The turns ended on the slot's thread times two, plus one while a turn runs: written by that thread, read
     * by the watchdog, which so also sees a turn that began and ended between two of its checks.
     */
    volatile long turn;
    /** Only the slot's thread writes it: the turns ended so far. */
    long turns;
    /** Only the slot's thread writes it: the calls begun so far. */
    long calls;
    /**
     * The module and event of the call in progress: plain fields, written before the call's state with its
     * release store and read by the watchdog after its acquiring read of the state. Read before a flag's
     * compare-and-set, they belong to the call the flag lands on: had a later call begun, the state would
     * have changed and the compare-and-set failed.
     */
    ModuleChannel channel;
    Published event;
    // written and read by the watchdog thread only
    long observedState;
    long observedTurn;
    long observedAt;
}
