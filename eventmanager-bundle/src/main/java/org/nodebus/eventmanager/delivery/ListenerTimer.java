package org.nodebus.eventmanager.delivery;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

import org.nodebus.eventmanager.spi.ListenerTime;

/**
 * The time one module's listeners take: deliveries, the time spent on them, and a recent maximum. Only the
 * module's executor writes it (one turn at a time, handed over through its scheduled flag), so the writes
 * need no atomics; they are opaque stores, so a reader on another thread sees whole values, never torn ones.
 *
 * <p>The executor does not read the clock, nor write here, per delivery (a {@code System.nanoTime()} costs
 * 20-30 ns on a virtual machine, as much as a whole delivery to a trivial listener). It reads the clock
 * around the first delivery of a run and one in {@value #SAMPLE_EVERY} after it (timed exactly), after a
 * delivery during which the watchdog's coarse clock moved, and when the run ends, and accounts the
 * deliveries since the previous read then. So the count and the total are exact once a run ends (every
 * run is timed end to end), while the maximum comes from the deliveries timed: the sampled ones exactly
 * (all of them for a module whose events come one at a time), and every delivery that outlasted one
 * watchdog period (1-10 ms) from the clock read before it, at most one period early. A long call is never
 * missed.
 *
 * <p>The maximum is kept per window of {@code nanoTime} ({@value #WINDOW_SHIFT} bits of nanoseconds, about
 * 69 s): a reader takes the larger of this window's and the previous one's, so it covers the last one to
 * two minutes and a long-past spike fades out.
 */
final class ListenerTimer {
    /** A window is 2^36 ns, about 68.7 s. */
    static final int WINDOW_SHIFT = 36;
    /** One delivery in this many is timed exactly; a power of two. */
    static final int SAMPLE_EVERY = 16;
    private static final VarHandle EVENTS;
    private static final VarHandle TOTAL;
    private static final VarHandle MAX;
    private static final VarHandle PREVIOUS_MAX;
    private static final VarHandle WINDOW;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            EVENTS = lookup.findVarHandle(ListenerTimer.class, "events", long.class);
            TOTAL = lookup.findVarHandle(ListenerTimer.class, "totalNanos", long.class);
            MAX = lookup.findVarHandle(ListenerTimer.class, "maxNanos", long.class);
            PREVIOUS_MAX = lookup.findVarHandle(ListenerTimer.class, "previousMaxNanos", long.class);
            WINDOW = lookup.findVarHandle(ListenerTimer.class, "window", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused") // read and written through the handles above
    private long events;
    @SuppressWarnings("unused")
    private long totalNanos;
    @SuppressWarnings("unused")
    private long maxNanos;
    @SuppressWarnings("unused")
    private long previousMaxNanos;
    @SuppressWarnings("unused")
    private long window;

    ListenerTimer(long nowNanos) {
        WINDOW.setOpaque(this, nowNanos >>> WINDOW_SHIFT);
    }

    /**
     * On the module's executor, at each clock read: the deliveries since the previous read took
     * {@code nanos} together.
     */
    void spent(long nanos, int deliveries) {
        TOTAL.setOpaque(this, (long) TOTAL.getOpaque(this) + Math.max(0, nanos));
        EVENTS.setOpaque(this, (long) EVENTS.getOpaque(this) + deliveries);
    }

    /**
     * On the module's executor: a timed delivery took {@code nanos}.
     *
     * @param nowNanos the executor's clock read that ended the delivery (nanoTime), for the window of the
     *        maximum; not the watchdog's coarse clock, which stands still while the watchdog sleeps
     */
    void took(long nanos, long nowNanos) {
        long now = nowNanos >>> WINDOW_SHIFT;
        long current = (long) WINDOW.getOpaque(this);
        if (now != current) {
            PREVIOUS_MAX.setOpaque(this, now == current + 1 ? (long) MAX.getOpaque(this) : 0L);
            MAX.setOpaque(this, 0L);
            WINDOW.setOpaque(this, now);
        }
        if (nanos > (long) MAX.getOpaque(this)) {
            MAX.setOpaque(this, nanos);
        }
    }

    /** On any thread. */
    ListenerTime read(long nowNanos) {
        long now = nowNanos >>> WINDOW_SHIFT;
        long window = (long) WINDOW.getOpaque(this);
        long max = (long) MAX.getOpaque(this);
        long previous = (long) PREVIOUS_MAX.getOpaque(this);
        long recent;
        if (now <= window) { // a reader's clock read may come before the writer's
            recent = Math.max(max, previous);
        } else if (now == window + 1) {
            recent = max; // nothing recorded in this window yet: the last window's maximum is the previous one
        } else {
            recent = 0;
        }
        return new ListenerTime((long) EVENTS.getOpaque(this), (long) TOTAL.getOpaque(this), recent);
    }
}
