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
 */
final class CallSlot {
    private static final VarHandle STATE;
    static final long RUNNING = 1;
    /** Another pool thread was started for the others while this call holds its thread. */
    static final long COMPENSATED = 2;
    /** The call ran past the listener time limit: its module is UNRESPONSIVE. */
    static final long HUNG = 4;
    private static final int FLAG_BITS = 3;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(CallSlot.class, "state", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Call number, then flags; written by its thread (begin, end) and by the watchdog (flags, by CAS). */
    @SuppressWarnings("unused")
    private volatile long state;
    /** Only the slot's thread writes it: the calls begun so far. */
    private long calls;
    /**
     * The module and event of the call in progress: plain fields, written before the call's state with its
     * release store and read by the watchdog after its acquiring read of the state. Read before a flag's
     * compare-and-set, they belong to the call the flag lands on: had a later call begun, the state would
     * have changed and the compare-and-set failed.
     */
    private ModuleChannel channel;
    private Published event;

    // written and read by the watchdog thread only
    long observedState;
    long observedAt;

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
