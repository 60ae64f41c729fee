package org.nodebus.eventmanager.delivery;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.nodebus.eventmanager.config.DeliverySettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks at every delivery thread's call a few times per compensation threshold: a call that holds its
 * thread past the threshold is compensated by another pool thread, one that runs past the listener time
 * limit makes its module UNRESPONSIVE. It also keeps the coarse clock that time slices and rate-limited
 * warnings read.
 *
 * <p>A call's age is measured from the first tick that saw it running, a lower bound of its real age:
 * nothing is taken per call, and a watchdog that stalled (a GC pause, a descheduled thread) can only notice
 * late, never mark a call that has not really run past the limit.
 *
 * <p>An idle node costs nothing: once no executor turn has run on any delivery thread for {@link
 * #IDLE_GRACE_NANOS} (each slot counts its turns, so a turn between two checks counts too), the watchdog sleeps until the next turn begins, and then checks at once (so the coarse
 * clock is fresh again). With nothing running there is nothing to watch: a listener call only runs within a
 * turn, and a time slice only matters to a turn. The hand-over is a Dekker pair of volatiles: a turn marks its
 * slot before it reads {@link #asleep}, the watchdog sets {@code asleep} before it reads the slots, so one of
 * them always sees the other. The grace keeps a trickle of events (a turn every few milliseconds) from
 * waking it each time.
 *
 * <p>Thread: every check runs on the watchdog's own thread (or the test's, with a manual watchdog); the
 * observation fields of the slots are its alone. It holds no lock while it flags calls or tells the health
 * sink.
 */
final class Watchdog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Watchdog.class);
    /** The coarse clock's resolution at most, and so the longest time slice overshoot. */
    static final long MAX_PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    /** How long no turn must have run before the watchdog sleeps until the next one. */
    static final long IDLE_GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private final DeliveryPool pool;
    private final Supplier<DeliverySettings> settings;
    private final Runnable afterCheck;
    private final LongSupplier clock;
    /** The watchdog's thread, or null for a manual watchdog. */
    private final Thread thread;
    private volatile boolean closed;
    /** Set while the watchdog sleeps for want of turns; read at the start of every turn. */
    private volatile boolean asleep;
    private volatile long coarseNanos;

    /**
     * @param timed whether the watchdog checks on a thread of its own; {@code false} for a manual watchdog that
     *        checks only on {@link #check()}
     * @param afterCheck runs after each check, outside any lock (the core flushes health transitions)
     */
    Watchdog(DeliveryPool pool, Supplier<DeliverySettings> settings, Runnable afterCheck, LongSupplier clock,
            boolean timed) {
        this.pool = pool;
        this.settings = settings;
        this.afterCheck = afterCheck;
        this.clock = clock;
        this.coarseNanos = clock.getAsLong();
        if (timed) {
            thread = new Thread(this::run, "nodebus-delivery-watchdog");
            thread.setDaemon(true);
            thread.start();
        } else {
            thread = null;
        }
    }

    /** Several checks per threshold and per limit, at most {@link #MAX_PERIOD_NANOS} apart, at least 1 ms. */
    static long periodNanos(DeliverySettings s) {
        long period = Math.min(MAX_PERIOD_NANOS, Math.min(s.compensationThreshold().toNanos() / 2,
                s.listenerTimeout().toNanos() / 4));
        return Math.max(TimeUnit.MILLISECONDS.toNanos(1), period);
    }

    /** The settings changed: the next wait uses the new period (a shorter one at once). */
    void reschedule() {
        if (thread != null) {
            LockSupport.unpark(thread);
        }
    }

    /** nanoTime as of the latest check. */
    long coarseNanos() {
        return coarseNanos;
    }

    /**
     * On a delivery thread, after its slot was marked as in a turn ({@link CallSlot#turnBegins()}): wakes the
     * watchdog if it sleeps. One volatile read while it is awake.
     */
    void turnBegan() {
        if (asleep) {
            asleep = false;
            LockSupport.unpark(thread);
        }
    }

    /** Whether the watchdog sleeps for want of turns (for tests). */
    boolean isAsleep() {
        return asleep;
    }

    private void run() {
        long lastTurnSeen = clock.getAsLong();
        while (!closed) {
            try {
                check();
                long now = coarseNanos;
                if (turnsSinceLastLook()) {
                    lastTurnSeen = now;
                } else if (now - lastTurnSeen >= IDLE_GRACE_NANOS) {
                    sleepUntilTurn();
                    lastTurnSeen = clock.getAsLong();
                    continue; // checks at once: the turn that woke it reads the coarse clock
                }
                LockSupport.parkNanos(this, periodNanos(settings.get()));
            } catch (Throwable e) {
                // nothing may end the watchdog: the isolation of every module stands on it
                LOG.error("Delivery watchdog failed between checks; it goes on", e);
                LockSupport.parkNanos(this, MAX_PERIOD_NANOS);
            }
        }
    }

    private void sleepUntilTurn() {
        asleep = true;
        // the volatile write above comes before these reads, as a turn's slot mark comes before its read of
        // asleep: either the turn sees asleep and wakes us, or we see its mark and do not sleep
        while (asleep && !closed && !anyTurnRunning()) {
            LockSupport.park(this);
        }
        asleep = false;
    }

    /** Whether a turn runs on some delivery thread, or ran there since the previous look. */
    private boolean turnsSinceLastLook() {
        boolean any = false;
        for (CallSlot slot : pool.slots) {
            long turn = slot.turnState();
            any |= CallSlot.inTurn(turn) || turn != slot.observedTurn;
            slot.observedTurn = turn;
        }
        return any;
    }

    private boolean anyTurnRunning() {
        for (CallSlot slot : pool.slots) {
            if (CallSlot.inTurn(slot.turnState())) {
                return true;
            }
        }
        return false;
    }

    /** One look at every delivery thread. */
    void check() {
        try {
            long now = clock.getAsLong();
            coarseNanos = now;
            DeliverySettings s = settings.get();
            long threshold = s.compensationThreshold().toNanos();
            long limit = s.listenerTimeout().toNanos();
            for (CallSlot slot : pool.slots) {
                look(slot, now, threshold, limit);
            }
            afterCheck.run();
        } catch (Throwable e) {
            // a check that throws must not end the watchdog: log it and go on
            LOG.error("Delivery watchdog check failed; it goes on with the next check", e);
        }
    }

    private void look(CallSlot slot, long now, long threshold, long limit) {
        long state = slot.state();
        if (!CallSlot.isRunning(state)) {
            if (slot.observedState != 0) {
                slot.observedState = 0; // written only when it changes: the slot's thread writes next to it
            }
            return;
        }
        if (CallSlot.callOf(state) != CallSlot.callOf(slot.observedState)) {
            // the clock read after the state: the call was running then, so its age is never overestimated
            slot.observedState = state;
            slot.observedAt = clock.getAsLong();
            return;
        }
        long age = now - slot.observedAt;
        ModuleChannel channel = slot.channel();
        Published event = slot.event();
        if (age >= threshold && (state & CallSlot.COMPENSATED) == 0) {
            // compensate before the flag can be seen: the call's end then always finds a compensation to release
            pool.compensate();
            if (slot.flag(state, CallSlot.COMPENSATED)) {
                state |= CallSlot.COMPENSATED;
                LOG.debug("Module {} has held a delivery thread for over {} ms handling {} #{}; another thread "
                        + "serves the other modules", channel.moduleId, TimeUnit.NANOSECONDS.toMillis(age),
                        event.payload().type().eventName(), event.sequence());
            } else {
                pool.released();
                return;
            }
        }
        if (age >= limit && (state & CallSlot.HUNG) == 0 && slot.flag(state, CallSlot.HUNG)) {
            LOG.warn("Module {} has been handling {} #{} for over {} ms, past the listener time limit of {} ms; it is "
                    + "UNRESPONSIVE and another thread serves the other modules", channel.moduleId,
                    event.payload().type().eventName(), event.sequence(), TimeUnit.NANOSECONDS.toMillis(age),
                    TimeUnit.NANOSECONDS.toMillis(limit));
            // the call may have returned since the flag landed and told its return first: the health state
            // counts hangs, so the two arrive in either order
            channel.health.callHung();
        }
    }

    @Override
    public void close() {
        closed = true;
        if (thread != null) {
            LockSupport.unpark(thread);
        }
    }
}
