package org.nodebus.eventmanager.delivery;

import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.nodebus.api.DeliveryStats;
import org.nodebus.api.Event;
import org.nodebus.api.event.EventType;
import org.nodebus.eventmanager.spi.ListenerTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One module: its listeners, its bounded queue and its serial executor on the shared pool, its statistics
 * and its health. Publishers offer without blocking; the executor is woken only when it is idle. Critical
 * events go to a lane of their own that is never full and is drained first.
 *
 * <p>A turn of the executor delivers up to {@value #BATCH} events and ends early at the watchdog's next
 * tick (at most {@link Watchdog#MAX_PERIOD_NANOS} apart); the module then goes to the back of the pool's run
 * queue, so a slow module holds a thread for one time slice at a time. A single call that holds its thread
 * longer is compensated by the {@link Watchdog}.
 *
 * <p>Statistics are running totals that never go back, and a reset only moves the baselines they are
 * shown from. An event counts as queued from its enqueue until its outcome is counted (while its listener
 * runs too), so <em>offered = successful + failed + channelFull + queued</em> holds exactly at every quiet
 * moment, whenever a reset lands: offered since a reset is what was queued or dropped since it.
 *
 * <p>Guarded by the core's publish lock: the listener array's writes, {@code takenSeen}, the
 * producer counters and warning fields, every enqueue, the baselines. Everything else is either the
 * executor's own (one turn at a time) or atomic.
 */
final class ModuleChannel {
    private static final Logger LOG = LoggerFactory.getLogger(ModuleChannel.class);
    private static final SubscriberEntry[] NONE = new SubscriberEntry[0];
    private static final DurableFeed[] NO_FEEDS = new DurableFeed[0];
    /** Events one turn of the executor delivers at most before it yields the thread to other modules. */
    static final int BATCH = 256;
    /** How often an executor that ran dry yields and looks again before it gives its thread back. */
    private static final int IDLE_YIELDS = 16;
    private static final long LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

    final String moduleId;
    private final ChannelHost host;
    final ModuleHealthState health;
    volatile long bundleId;
    private volatile SubscriberEntry[] listeners = NONE;
    /** The durable subscriptions among the listeners: read from the journal after the queues. */
    private volatile DurableFeed[] feeds = NO_FEEDS;
    /** Written under the publish lock with the settings (apply) or at creation. */
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

    /**
     * Written by publishers, under the publish lock: critical events queued ever (the normal lane counts its
     * own adds) and events dropped for a full queue ever, both single-writer; and the drops since the latest
     * delivery, which the executor also takes (atomic).
     */
    private final PaddedCounters offered = new PaddedCounters(5);
    private static final int CRITICAL_ACCEPTED = 0;
    private static final int CHANNEL_FULL = 1;
    private static final int DROPPED_SINCE_DELIVERY = 2;
    /** Events of its types that none of its filters matched: never offered (single writer, the publisher). */
    private static final int FILTERED = 3;
    /** Events read from the journal for a durable listener: the executor is their one writer. */
    private static final int DURABLE_ACCEPTED = 4;
    /**
     * Written by the executor: events handled (single-writer, one turn at a time) and events failed (atomic: a
     * purge under the publish lock counts there too).
     */
    private final PaddedCounters outcomes = new PaddedCounters(2);
    private static final int SUCCESSFUL = 0;
    private static final int FAILED = 1;
    /** The totals at the latest reset; written under the publish lock, read before the totals. */
    private volatile Baseline baseline = Baseline.ZERO;

    private record Baseline(long successful, long failed, long channelFull, long filtered) {
        static final Baseline ZERO = new Baseline(0, 0, 0, 0);
    }
    private final LogInterval dropWarnings;
    private final LogInterval failureLines;
    /** The executor's clock around each delivery. */
    private final ListenerTimer timer;

    ModuleChannel(ChannelHost host, String moduleId, long bundleId, int capacity) {
        this.host = host;
        this.moduleId = moduleId;
        this.bundleId = bundleId;
        this.capacity = capacity;
        this.health = new ModuleHealthState(moduleId, () -> this.bundleId, this, host.outbox(), () -> host.settings().failureLimit());
        this.dropWarnings = new LogInterval(LOG_INTERVAL_NANOS, host.coarseNanos());
        this.failureLines = new LogInterval(LOG_INTERVAL_NANOS, System.nanoTime());
        this.timer = new ListenerTimer(System.nanoTime());
    }

    // ---- listeners (under the publish lock) -----------------------------------------------------

    void add(SubscriberEntry entry) {
        SubscriberEntry[] grown = Arrays.copyOf(listeners, listeners.length + 1);
        grown[grown.length - 1] = entry;
        listeners = grown;
        updateFeeds();
    }

    private void updateFeeds() {
        feeds = Arrays.stream(listeners).map(e -> e.feed).filter(java.util.Objects::nonNull).toArray(DurableFeed[]::new);
    }

    DurableFeed[] feeds() {
        return feeds;
    }

    /** @return whether it was one of this module's listeners */
    boolean remove(SubscriberEntry entry) {
        SubscriberEntry[] now = listeners;
        int i = Arrays.asList(now).indexOf(entry);
        if (i < 0) {
            return false;
        }
        entry.active = false;
        SubscriberEntry[] rest = new SubscriberEntry[now.length - 1];
        System.arraycopy(now, 0, rest, 0, i);
        System.arraycopy(now, i + 1, rest, i, now.length - i - 1);
        listeners = rest;
        updateFeeds();
        return true;
    }

    /** @return whether it had any listener */
    boolean removeAll() {
        SubscriberEntry[] now = listeners;
        for (SubscriberEntry entry : now) {
            entry.active = false;
        }
        listeners = NONE;
        feeds = NO_FEEDS;
        return now.length > 0;
    }

    SubscriberEntry[] listeners() {
        return listeners;
    }

    boolean hasListeners() {
        return listeners.length > 0;
    }

    // ---- offering (under the publish lock) ------------------------------------------------------

    /**
     * For a module on the filtered route of the event's type: whether one of its listeners' filters matches.
     * If none does, the event is counted as filtered and is not offered.
     *
     * @param fields the event's fields, read once for every module of the route
     */
    boolean passes(EventType type, java.util.Map<String, ?> fields) {
        for (SubscriberEntry entry : listeners) {
            if (entry.passes(type, fields)) {
                return true;
            }
        }
        offered.incrementSingleWriter(FILTERED);
        return false;
    }

    /**
     * Offers an event and wakes the executor if it is idle; never blocks. A forced event (a lifecycle replay,
     * bounded by the number of loaded modules) is queued even when the queue is full.
     *
     * @return false if it was dropped for a full queue
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
     * Queues an event without waking the executor; never blocks. The caller must then issue a full fence and
     * call {@link #wakeIfIdle()} (it may let go of the lock first): one fence then covers every module an
     * event went to.
     *
     * @return false if it was dropped for a full queue
     */
    boolean enqueue(Published event, boolean force) {
        AwaitTracker tracker = event.tracker();
        if (tracker != null) {
            tracker.expect(moduleId);
        }
        if (event.critical()) {
            criticalSize.incrementAndGet();
            offered.incrementSingleWriter(CRITICAL_ACCEPTED);
            critical.offer(event);
        } else if (!force && isFull()) {
            drop(event);
            return false;
        } else {
            queue.add(event);
        }
        return true;
    }

    private boolean isFull() {
        long added = queue.added();
        int size = capacity;
        if (added - takenSeen < size) {
            return false;
        }
        takenSeen = queue.taken();
        return added - takenSeen >= size;
    }

    /** A full queue drops every event, so this path stays cheap: no clock call. */
    private void drop(Published event) {
        offered.incrementSingleWriter(CHANNEL_FULL);
        offered.increment(DROPPED_SINCE_DELIVERY);
        if (event.tracker() != null) {
            event.tracker().finish(moduleId, Outcome.DROPPED);
        }
        long heldBack = dropWarnings.tryLine(host.coarseNanos());
        if (heldBack >= 0) {
            LOG.warn("Module {} is slow: its queue of {} events is full, dropped {} events since the last warning "
                    + "(latest {} #{}); it stays subscribed", moduleId, capacity, heldBack + 1,
                    event.payload().type().eventName(), event.sequence());
        }
    }

    // ---- the executor ---------------------------------------------------------------------------

    /** Starts the executor unless it is already running; after the fence that follows an enqueue. */
    void wakeIfIdle() {
        if (scheduled.trySet()) {
            schedule();
        }
    }

    /** Hands the executor, marked as scheduled, to the pool; if the pool cannot take it, the next offer wakes it. */
    private void schedule() {
        if (!host.schedule(this)) {
            scheduled.clear();
        }
    }

    /** One turn of the serial executor, on a pool thread (only a pool thread's calls are watched). */
    void drain() {
        CallSlot slot = Thread.currentThread() instanceof DeliveryPool.DeliveryThread thread ? thread.slot
                : new CallSlot();
        slot.turnBegins();
        host.turnBegan();
        boolean more;
        try {
            more = runTurn(slot);
        } finally {
            slot.turnEnds();
        }
        if (more) {
            // time slice used up with events left: to the back of the run queue, still marked as scheduled
            schedule();
        }
    }

    /** @return true if the turn ended with the executor still scheduled, false if it went idle */
    private boolean runTurn(CallSlot slot) {
        int budget = BATCH;
        long turnStart = host.coarseNanos();
        int idleYields = 0;
        // the clock is read around the first delivery of a run and one in 16, after one the watchdog's clock
        // moved during, and when the run ends: never per delivery (see ListenerTimer). mark: 0 for no run
        long mark = 0;
        int unaccounted = 0;
        long lastCoarse = turnStart;
        while (true) {
            Published event = criticalSize.get() == 0 ? null : critical.poll();
            if (event != null) {
                criticalSize.decrementAndGet();
            } else {
                event = queue.poll();
                if (event == null && feeds.length != 0) {
                    event = fromJournal();
                }
            }
            if (event == null) {
                if (unaccounted != 0) {
                    timer.spent(System.nanoTime() - mark, unaccounted);
                    unaccounted = 0;
                }
                mark = 0;
                // under sustained load the next event is usually a moment away: yielding a few times costs
                // less than handing the module back to the pool and being woken again, as long as no other
                // module waits for a delivery thread
                if (idleYields < IDLE_YIELDS && !host.othersWaiting()) {
                    idleYields++;
                    Thread.yield();
                    continue;
                }
                scheduled.clear();
                // an offer may have come between the empty poll and the reset: take it over if nobody else did
                if ((critical.isEmpty() && queue.isEmpty() && !journalReady()) || !scheduled.trySet()) {
                    return false;
                }
                continue;
            }
            boolean exact = mark == 0 || (budget & (ListenerTimer.SAMPLE_EVERY - 1)) == 0;
            if (exact) {
                long now = System.nanoTime();
                if (mark != 0) {
                    timer.spent(now - mark, unaccounted);
                    unaccounted = 0;
                }
                mark = now;
            }
            try {
                deliver(event, slot);
            } catch (Throwable e) {
                // deliver() catches what listeners throw; this is a defect of ours, and must not stop the module
                Throwables.error(LOG, "Delivery to module " + moduleId + " failed outside its listeners; it goes on "
                        + "with the next event", e);
            }
            unaccounted++;
            long coarse = host.coarseNanos();
            if (exact || coarse != lastCoarse) {
                // exact: mark is this delivery's start; else a long one, and mark at most a period before it
                long now = System.nanoTime();
                timer.took(now - mark, now);
                timer.spent(now - mark, unaccounted);
                unaccounted = 0;
                mark = now;
            }
            lastCoarse = coarse;
            if (--budget == 0 || coarse != turnStart) {
                if (unaccounted != 0) {
                    timer.spent(System.nanoTime() - mark, unaccounted);
                }
                return true;
            }
        }
    }

    /** The next event a durable listener reads from the journal, counted as accepted, or null. */
    private Published fromJournal() {
        for (DurableFeed feed : feeds) {
            if (feed.entry.active && feed.ready()) {
                Published event = feed.next();
                if (event != null) {
                    offered.incrementSingleWriter(DURABLE_ACCEPTED);
                    return event;
                }
            }
        }
        return null;
    }

    private boolean journalReady() {
        for (DurableFeed feed : feeds) {
            if (feed.entry.active && feed.ready()) {
                return true;
            }
        }
        return false;
    }

    private void deliver(Published published, CallSlot slot) {
        EventType type = published.payload().type();
        Event event = null;
        boolean wanted = false;
        boolean threw = false;
        boolean healthChanged = false;
        for (SubscriberEntry entry : listeners) {
            // active is read just before the call: once a removal returned, its listener is never called again
            if (!entry.wants(published, type) || !entry.active) {
                continue;
            }
            if (event == null && published.feed() != null) {
                event = published.durableEnvelope(); // its own losses, not the queue's
            } else if (event == null) {
                long dropped = offered.get(DROPPED_SINCE_DELIVERY) == 0 ? 0
                        : offered.getAndSet(DROPPED_SINCE_DELIVERY, 0);
                event = published.envelope(dropped);
            }
            wanted = true;
            Error crash = null;
            slot.begin(this, published);
            try {
                entry.subscriber.onEvent(event);
            } catch (Error e) {
                if (entry.active) {
                    crash = e;
                } else {
                    // removed while it ran (its module stopped, say): its Error takes no live listener down
                    threw = true;
                    logFailure(type, published.sequence(), e);
                }
            } catch (Throwable e) {
                // an Exception, or a Throwable that is neither (thrown sneakily): a failure of this event
                threw = true;
                logFailure(type, published.sequence(), e);
            } finally {
                long flags = slot.end();
                if (flags != 0) {
                    healthChanged |= returned(flags, type, published.sequence());
                }
            }
            // a listener must not leave its interrupt to the next module's listener on this thread
            Thread.interrupted();
            if (crash == null && published.feed() != null) {
                // handled or failed, it is done: a crash leaves the position before it, to come again
                published.feed().finished(published.sequence());
            }
            if (crash != null) {
                Throwables.error(LOG, "Module " + moduleId + " crashed handling " + type.eventName() + " #"
                        + published.sequence() + ": " + Throwables.describe(crash), crash);
                outcomes.increment(FAILED);
                finish(published, Outcome.FAILED);
                host.crashed(this, entry, crash); // tells what the outbox holds, this call's transitions first
                return;
            }
        }
        Outcome outcome;
        if (!wanted || threw) {
            // not wanted: its listener went away (or changed its types) after the event was queued
            outcomes.increment(FAILED);
            outcome = Outcome.FAILED;
            healthChanged |= wanted && health.failed();
        } else {
            outcomes.incrementSingleWriter(SUCCESSFUL);
            outcome = Outcome.HANDLED;
            healthChanged |= health.succeeded();
        }
        finish(published, outcome);
        if (healthChanged) {
            host.outbox().flush();
        }
    }

    private void finish(Published published, Outcome outcome) {
        if (published.tracker() != null) {
            published.tracker().finish(moduleId, outcome);
        }
    }

    /** A call the watchdog had compensated or marked returned. @return whether the health changed */
    private boolean returned(long flags, EventType type, long sequence) {
        if ((flags & CallSlot.COMPENSATED) != 0) {
            host.compensationReleased();
        }
        if ((flags & CallSlot.HUNG) == 0) {
            return false;
        }
        LOG.info("Module {} returned from its hung listener ({} #{}); it is responsive again", moduleId,
                type.eventName(), sequence);
        return health.callReturned();
    }

    /**
     * Logs a listener failure with its stack trace at most once per interval; the failures in between are
     * counted and the count goes with the next line, so a module failing on every event cannot flood the log.
     */
    private void logFailure(EventType type, long sequence, Throwable e) {
        long unlogged = failureLines.tryLine(System.nanoTime());
        if (unlogged < 0) {
            return;
        }
        Throwables.warn(LOG, "Module " + moduleId + " failed to handle " + type.eventName() + " #" + sequence + ": "
                + Throwables.describe(e) + (unlogged == 0 ? ""
                        : " (and " + unlogged + " more failures not logged since the previous line)"), e);
    }

    // ---- going away and statistics --------------------------------------------------------------

    /** Counts every queued event as failed: the module is gone. Under the publish lock, so nothing is added. */
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
        outcomes.increment(FAILED);
        finish(event, Outcome.FAILED);
    }

    /** Events queued or being handled: accepted and not yet counted. */
    int queued() {
        return queued(outcomes.get(SUCCESSFUL), outcomes.get(FAILED));
    }

    /** The outcomes are read first: read the other way round, outcomes between the reads could go negative. */
    private int queued(long handled, long failures) {
        return (int) (accepted() - handled - failures);
    }

    /**
     * Events queued ever, in either lane (the normal lane's adds are the queue's own producer counter), and
     * read from the journal for durable listeners.
     */
    private long accepted() {
        return queue.added() + offered.get(CRITICAL_ACCEPTED) + offered.get(DURABLE_ACCEPTED);
    }

    DeliveryStats stats() {
        // the baseline first: it never passes the totals read after it
        Baseline base = baseline;
        long handled = outcomes.get(SUCCESSFUL);
        long failures = outcomes.get(FAILED);
        return new DeliveryStats(handled - base.successful(), failures - base.failed(),
                offered.get(CHANNEL_FULL) - base.channelFull(), queued(handled, failures),
                offered.get(FILTERED) - base.filtered());
    }

    /** The running totals since the channel was made: what {@link #stats()} shows without a reset. */
    DeliveryStats totals() {
        long handled = outcomes.get(SUCCESSFUL);
        long failures = outcomes.get(FAILED);
        return new DeliveryStats(handled, failures, offered.get(CHANNEL_FULL), queued(handled, failures),
                offered.get(FILTERED));
    }

    /** The time the listeners took, on any thread. */
    ListenerTime listenerTime() {
        return timer.read(System.nanoTime());
    }

    /** Under the publish lock (no enqueue, drop or purge meanwhile). */
    void resetStats() {
        baseline = new Baseline(outcomes.get(SUCCESSFUL), outcomes.get(FAILED), offered.get(CHANNEL_FULL),
                offered.get(FILTERED));
    }
}
