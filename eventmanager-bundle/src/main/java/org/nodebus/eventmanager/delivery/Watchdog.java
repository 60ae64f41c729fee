package org.nodebus.eventmanager.delivery;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
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
 * <p>Thread: every check runs on the watchdog's own thread (or the test's, with a manual watchdog); the
 * observation fields of the slots are its alone. It holds no lock while it flags calls or tells the health
 * sink.
 */
final class Watchdog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Watchdog.class);
    /** The coarse clock's resolution at most, and so the longest time slice overshoot. */
    static final long MAX_PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final DeliveryPool pool;
    private final Supplier<DeliverySettings> settings;
    private final Runnable afterCheck;
    private final LongSupplier clock;
    private final ScheduledExecutorService timer;
    private ScheduledFuture<?> task;
    private volatile long coarseNanos;

    /**
     * @param timer runs the checks, or {@code null} for a manual watchdog that checks only on {@link #check()}
     * @param afterCheck runs after each check, outside any lock (the core flushes health transitions)
     */
    Watchdog(DeliveryPool pool, Supplier<DeliverySettings> settings, Runnable afterCheck, LongSupplier clock,
            ScheduledExecutorService timer) {
        this.pool = pool;
        this.settings = settings;
        this.afterCheck = afterCheck;
        this.clock = clock;
        this.timer = timer;
        this.coarseNanos = clock.getAsLong();
        reschedule();
    }

    static ScheduledExecutorService newTimer() {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "nodebus-delivery-watchdog");
            t.setDaemon(true);
            return t;
        });
    }

    /** Several checks per threshold and per limit, at most {@link #MAX_PERIOD_NANOS} apart, at least 1 ms. */
    static long periodNanos(DeliverySettings s) {
        long period = Math.min(MAX_PERIOD_NANOS, Math.min(s.compensationThreshold().toNanos() / 2,
                s.listenerTimeout().toNanos() / 4));
        return Math.max(TimeUnit.MILLISECONDS.toNanos(1), period);
    }

    /** Applies a new period after the settings changed. */
    synchronized void reschedule() {
        if (timer == null) {
            return;
        }
        if (task != null) {
            task.cancel(false);
        }
        long period = periodNanos(settings.get());
        task = timer.scheduleWithFixedDelay(this::check, period, period, TimeUnit.NANOSECONDS);
    }

    /** nanoTime as of the latest check. */
    long coarseNanos() {
        return coarseNanos;
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
            // a check that throws would cancel the schedule for good: log it and go on
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
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
