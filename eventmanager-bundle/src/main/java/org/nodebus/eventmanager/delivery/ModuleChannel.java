package org.nodebus.eventmanager.delivery;

import java.lang.invoke.VarHandle;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.nodebus.api.DeliveryStats;
import org.nodebus.api.Event;
import org.nodebus.api.event.EventType;
import org.nodebus.api.event.ModuleHealth;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One module's bounded queue and its serial executor on the shared pool. Publishers offer without
 * blocking; the executor is woken only when it is idle and drains in batches. Critical events go to a
 * lane of their own that is never full and is drained first.
 */
final class ModuleChannel {
    private static final Logger LOG = LoggerFactory.getLogger(ModuleChannel.class);
    private static final SubscriberEntry[] NONE = new SubscriberEntry[0];
    /** Events one turn of the executor delivers before it yields the thread to other modules. */
    private static final int BATCH = 256;
    /** How often an executor that ran dry yields and looks again before it gives its thread back. */
    private static final int IDLE_YIELDS = 16;
    /** Marks a listener call that the watchdog found hung. */
    private static final long STUCK = Long.MIN_VALUE;
    private static final long DROP_WARNING_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final long FAILURE_LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

    final String moduleId;
    private final DeliveryCore core;
    volatile long bundleId;
    volatile SubscriberEntry[] subscribers = NONE;
    volatile int capacity;

    private final EventQueue queue = new EventQueue();
    private final ConcurrentLinkedQueue<Published> critical = new ConcurrentLinkedQueue<>();
    /**
     * Producer's copy of the queue's taken count, only read and written under the publish lock: it re-reads
     * the count, a cache line the executor writes, only when its copy says the queue is full.
     */
    private long takenSeen;
    private final AtomicInteger criticalSize = new AtomicInteger();
    /** Set while the executor is scheduled or running. */
    private final PaddedFlag scheduled = new PaddedFlag();

    private final AtomicLong successful = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong channelFull = new AtomicLong();
    private final AtomicLong droppedSinceDelivery = new AtomicLong();
    /** Drops happen only in offers, under the publish lock: these two are written by one thread at a time. */
    private long dropsSinceWarning;
    private long lastDropWarning;
    private final AtomicLong failuresSinceLog = new AtomicLong();
    private volatile long lastFailureLog;

    /** Start of the listener call in progress (nanoTime, never 0), 0 when idle, {@link #STUCK} once found hung. */
    private final AtomicLong callStart = new AtomicLong();
    private final Object healthLock = new Object();
    private volatile ModuleHealth health = ModuleHealth.HEALTHY;
    /** Written only by the thread running the executor. */
    private int consecutiveFailures;

    ModuleChannel(DeliveryCore core, String moduleId, long bundleId, int capacity) {
        this.core = core;
        this.moduleId = moduleId;
        this.bundleId = bundleId;
        this.capacity = capacity;
        this.lastDropWarning = core.coarseNanos() - DROP_WARNING_INTERVAL_NANOS;
        this.lastFailureLog = System.nanoTime() - FAILURE_LOG_INTERVAL_NANOS;
    }

    /**
     * Offers an event and wakes the executor if it is idle; never blocks. Only under the publish lock.
     * Returns false if it was dropped for a full queue. A forced event (a lifecycle replay, bounded by the
     * number of loaded modules) is queued even when the queue is full.
     */
    boolean offer(Published event, boolean force) {
        boolean queued = enqueue(event, force);
        if (queued) {
            VarHandle.fullFence();
            wakeIfIdle();
        }
        return queued;
    }

    /**
     * Queues an event without waking the executor; never blocks. Only under the publish lock, and the caller
     * must issue a full fence and then call {@link #wakeIfIdle()} before it lets go of the lock: one fence
     * then covers every module an event went to.
     *
     * @return false if it was dropped for a full queue
     */
    boolean enqueue(Published event, boolean force) {
        AwaitTracker tracker = event.tracker();
        if (tracker != null) {
            tracker.expect(moduleId);
        }
        if (event.payload().isCritical()) {
            criticalSize.incrementAndGet();
            critical.offer(event);
        } else if (!force && isFull()) {
            drop(event);
            return false;
        } else {
            queue.add(event);
        }
        return true;
    }

    /** Starts the executor unless it is already running; after the fence that follows an enqueue. */
    void wakeIfIdle() {
        if (scheduled.trySet()) {
            core.pool.execute(this::drain);
        }
    }

    /** Only under the publish lock. */
    private boolean isFull() {
        long added = queue.added();
        if (added - takenSeen < capacity) {
            return false;
        }
        takenSeen = queue.taken();
        return added - takenSeen >= capacity;
    }

    /** Only under the publish lock. A full queue drops every event, so this path stays cheap: no clock call. */
    private void drop(Published event) {
        channelFull.incrementAndGet();
        droppedSinceDelivery.incrementAndGet();
        long drops = ++dropsSinceWarning;
        if (event.tracker() != null) {
            event.tracker().finish(moduleId, Outcome.DROPPED);
        }
        long now = core.coarseNanos();
        if (now - lastDropWarning >= DROP_WARNING_INTERVAL_NANOS) {
            lastDropWarning = now;
            dropsSinceWarning = 0;
            LOG.warn("Module {} is slow: its queue of {} events is full, dropped {} events since the last warning "
                    + "(latest {} #{}); it stays subscribed", moduleId, capacity, drops,
                    event.payload().type().eventName(), event.sequence());
        }
    }

    /** The serial executor: one turn delivers up to {@link #BATCH} events, then yields. */
    private void drain() {
        int budget = BATCH;
        int idleYields = 0;
        while (true) {
            Published event = criticalSize.get() == 0 ? null : critical.poll();
            if (event != null) {
                criticalSize.decrementAndGet();
            } else {
                event = queue.poll();
            }
            if (event == null) {
                // under sustained load the next event is usually a moment away: yielding a few times costs
                // less than handing the module back to the pool and being woken again, as long as no other
                // module waits for a delivery thread
                if (idleYields < IDLE_YIELDS && !core.pool.hasWaitingWork()) {
                    idleYields++;
                    Thread.yield();
                    continue;
                }
                scheduled.clear();
                // an offer may have come between the empty poll and the reset: take it over if nobody else did
                if ((critical.isEmpty() && queue.isEmpty()) || !scheduled.trySet()) {
                    return;
                }
                continue;
            }
            deliver(event);
            if (--budget == 0) {
                core.pool.execute(this::drain);
                return;
            }
        }
    }

    private void deliver(Published published) {
        EventType type = published.payload().type();
        Event event = null;
        boolean wanted = false;
        boolean threw = false;
        Throwable crash = null;
        SubscriberEntry target = published.target();
        for (SubscriberEntry entry : subscribers) {
            if (!entry.wants(type) || (target != null && entry != target)) {
                continue;
            }
            if (event == null) {
                long dropped = droppedSinceDelivery.get() == 0 ? 0 : droppedSinceDelivery.getAndSet(0);
                event = published.envelope(dropped);
            }
            wanted = true;
            // the watchdog's coarse clock: a volatile read instead of a clock call per delivery
            callStart.lazySet(core.coarseNanos() | 1);
            try {
                entry.subscriber.onEvent(event);
            } catch (Exception e) {
                threw = true;
                logFailure(type, published.sequence(), e);
            } catch (Error e) {
                threw = true;
                crash = e;
                LOG.error("Module {} crashed handling {} #{}: {}", moduleId, type.eventName(), published.sequence(),
                        e.toString(), e);
            } finally {
                if (callStart.getAndSet(0) == STUCK) {
                    returnedFromHang(type);
                }
            }
            if (crash != null) {
                break;
            }
        }
        Outcome outcome;
        if (!wanted) {
            // its subscriber went away or changed its types after the event was queued
            failed.incrementAndGet();
            outcome = Outcome.FAILED;
        } else if (threw) {
            failed.incrementAndGet();
            outcome = Outcome.FAILED;
            if (++consecutiveFailures == core.settings().failureLimit() && crash == null) {
                LOG.warn("Module {} failed {} events in a row; it is DEGRADED", moduleId, consecutiveFailures);
                changeHealth(ModuleHealth.DEGRADED);
            }
        } else {
            successful.incrementAndGet();
            outcome = Outcome.HANDLED;
            if (consecutiveFailures > 0) {
                consecutiveFailures = 0;
                if (health == ModuleHealth.DEGRADED) {
                    changeHealth(ModuleHealth.HEALTHY);
                }
            }
        }
        if (published.tracker() != null) {
            published.tracker().finish(moduleId, outcome);
        }
        if (crash != null) {
            core.crashed(this, crash);
        }
    }

    /**
     * Called by the watchdog: marks a listener call that runs past the limit, once per call. A call's start
     * is read from the coarse clock, up to one watchdog period early, so that period is allowed on top.
     */
    void checkHung(long now, long limitNanos, long slackNanos) {
        long start = callStart.get();
        if (start == 0 || start == STUCK || now - start <= limitNanos + slackNanos) {
            return;
        }
        synchronized (healthLock) {
            if (callStart.compareAndSet(start, STUCK)) {
                core.pool.threadStuck();
                LOG.warn("Module {} has been handling one event for {} ms, past the listener time limit of {} ms; "
                        + "it is UNRESPONSIVE and its delivery thread is replaced", moduleId,
                        TimeUnit.NANOSECONDS.toMillis(now - start), TimeUnit.NANOSECONDS.toMillis(limitNanos));
                changeHealth(ModuleHealth.UNRESPONSIVE);
            }
        }
    }

    /**
     * Logs a listener failure with its stack trace at most once per interval; the failures in between are
     * counted and the count goes with the next line, so a module failing on every event cannot flood the log.
     */
    private void logFailure(EventType type, long sequence, Exception e) {
        long now = System.nanoTime();
        if (now - lastFailureLog < FAILURE_LOG_INTERVAL_NANOS) {
            failuresSinceLog.incrementAndGet();
            return;
        }
        lastFailureLog = now;
        long unlogged = failuresSinceLog.getAndSet(0);
        LOG.warn("Module {} failed to handle {} #{}: {}{}", moduleId, type.eventName(), sequence, e.toString(),
                unlogged == 0 ? "" : " (and " + unlogged + " more failures not logged since the previous line)", e);
    }

    private void returnedFromHang(EventType type) {
        synchronized (healthLock) {
            core.pool.threadFreed();
            LOG.info("Module {} returned from its hung listener ({}); it is responsive again", moduleId,
                    type.eventName());
            if (health == ModuleHealth.UNRESPONSIVE) {
                changeHealth(consecutiveFailures >= core.settings().failureLimit()
                        ? ModuleHealth.DEGRADED : ModuleHealth.HEALTHY);
            }
        }
    }

    void changeHealth(ModuleHealth newHealth) {
        ModuleHealth old;
        synchronized (healthLock) {
            old = health;
            if (old == newHealth) {
                return;
            }
            health = newHealth;
        }
        core.healthChanged(moduleId, old, newHealth);
    }

    /** A module subscribing again after it crashed or went away starts healthy. */
    void revive() {
        consecutiveFailures = 0;
        if (health != ModuleHealth.HEALTHY) {
            changeHealth(ModuleHealth.HEALTHY);
        }
    }

    /** Counts every queued event as failed: the module is gone. */
    void purge() {
        Published event;
        while ((event = critical.poll()) != null) {
            criticalSize.decrementAndGet();
            failedUndelivered(event);
        }
        while ((event = queue.poll()) != null) {
            failedUndelivered(event);
        }
    }

    private void failedUndelivered(Published event) {
        failed.incrementAndGet();
        if (event.tracker() != null) {
            event.tracker().finish(moduleId, Outcome.FAILED);
        }
    }

    ModuleHealth health() {
        return health;
    }

    int queued() {
        // taken first: read the other way round, takes between the reads could show a negative depth
        long out = queue.taken();
        return (int) (queue.added() - out) + criticalSize.get();
    }

    DeliveryStats stats() {
        return new DeliveryStats(successful.get(), failed.get(), channelFull.get(), queued());
    }

    void resetStats() {
        successful.set(0);
        failed.set(0);
        channelFull.set(0);
    }

    boolean hasSubscribers() {
        return subscribers.length > 0;
    }
}
