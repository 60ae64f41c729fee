package org.nodebus.eventmanager.delivery;

import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.nodebus.api.DeliveryReport;
import org.nodebus.api.DeliveryStats;
import org.nodebus.api.Event;
import org.nodebus.api.EventSubscriber;
import org.nodebus.api.event.EventPayload;
import org.nodebus.api.event.EventType;
import org.nodebus.api.event.ModuleHealth;
import org.nodebus.eventmanager.codec.PayloadCodec;
import org.nodebus.eventmanager.config.DeliverySettings;
import org.nodebus.eventmanager.journal.Journal;
import org.nodebus.eventmanager.spi.DeliverySnapshot;
import org.nodebus.eventmanager.spi.DeliveryThreads;
import org.nodebus.eventmanager.spi.ModuleDelivery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The delivery core, free of OSGi: subscriptions, one {@link ModuleChannel} per module, publishing,
 * statistics, and the {@link Watchdog} for slow and hung listeners.
 *
 * <p>Locks, in the order they may be taken (a thread holding one never takes one above it):
 * <ol>
 * <li>{@code lock}, the publish lock: guards the sequence counter, every enqueue, the routes' and the
 * channels' listener writes, the channels' capacities, the stopping bundles, statistics resets and
 * {@code settings}' writes. Publishing holds it while it numbers an event and offers it to each subscribed
 * module (an offer never waits), so every module sees events in one global order, and hands the executors it
 * must wake to the pool after letting go of it; the {@link SubscriptionObserver} runs under it so lifecycle
 * replays are atomic with respect to live events (a replay wakes its executor under it: the pool's run queue
 * is a leaf). Nothing else is called under it: health transitions and crashes
 * are told through the {@link HealthOutbox} on its own thread, and logging happens outside it; the one
 * exception is the event recorder (the history's ring, two stores, no lock of its own), and subscribers'
 * filters, which the publisher evaluates for the modules whose listeners all filter (they read the payload's
 * fields, nothing else).</li>
 * <li>each module's {@link ModuleHealthState} monitor, and then the pool's monitor and an
 * {@link AwaitTracker}'s monitor: leaves.</li>
 * </ol>
 */
public final class DeliveryCore implements ChannelHost, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryCore.class);

    private final DeliveryPool pool;
    private final Watchdog watchdog;
    private final HealthOutbox outbox = new HealthOutbox();
    private final Object lock = new Object();
    private final Map<String, ModuleChannel> channels = new ConcurrentHashMap<>();
    private final Routes routes = new Routes();
    /** guarded by lock: the bundles between their STOPPING and their STOPPED (or a new STARTING) */
    private final Set<Long> stoppingBundles = new HashSet<>();
    private volatile DeliverySettings settings;
    private volatile SubscriptionObserver subscriptionObserver = SubscriptionObserver.NONE;
    /** guarded by lock (written under it, read by publishers under it): gets every live event, or null */
    private Consumer<Supplier<Event>> recorder;
    private long sequence;
    /**
     * Guarded by lock: the latest event's timestamp, shared by every event of the same millisecond, so neither
     * the publisher nor an executor makes an {@link Instant} per event.
     */
    private Instant lastTimestamp = Instant.EPOCH;
    /** published per type and the lifecycle journal; written under lock */
    private final PublishCounters counters = new PublishCounters();
    /** the journal of durable subscriptions, or null while none was ever made; set under lock */
    private volatile Journal journal;
    /** guarded by lock: the latest events of each type, for subscribers that ask for a history */
    private final TypeHistory typeHistory;

    public DeliveryCore(DeliverySettings settings) {
        this(settings, System::nanoTime, true);
    }

    /**
     * @param clock nanoTime for the watchdog
     * @param timed whether the watchdog checks on its own thread; {@code false} to check only on
     *        {@link #checkListeners()}
     */
    DeliveryCore(DeliverySettings settings, LongSupplier clock, boolean timed) {
        this.settings = settings;
        this.typeHistory = new TypeHistory(settings.historyLimit());
        this.pool = new DeliveryPool(settings.deliveryThreads(), settings.maxDeliveryThreads());
        this.watchdog = new Watchdog(pool, this::settings, outbox::flush, clock, timed);
        // a notice about a module's earlier incarnation (a call of an uninstalled bundle returning) is not told
        outbox.setSourceCheck((moduleId, source) -> channels.get(moduleId) == source);
    }

    // ---- configuration and listeners ------------------------------------------------------------

    @Override
    public DeliverySettings settings() {
        return settings;
    }

    /** Applies new settings at run time; queued events are kept, even where a queue shrinks below them. */
    public void apply(DeliverySettings newSettings) {
        synchronized (lock) {
            DeliverySettings old = settings;
            settings = newSettings;
            // under the lock that creates channels: a module subscribing meanwhile gets the new size too
            for (ModuleChannel channel : channels.values()) {
                channel.capacity = newSettings.bufferSizeFor(channel.moduleId);
            }
            typeHistory.resize(newSettings.historyLimit());
            // both leaf locks; under this one, two applies cannot leave the pool at the older settings
            if (Watchdog.periodNanos(old) != Watchdog.periodNanos(newSettings)) {
                watchdog.reschedule();
            }
            pool.resize(newSettings.deliveryThreads(), newSettings.maxDeliveryThreads());
        }
    }

    public void setHealthListener(HealthListener listener) {
        outbox.setListener(listener);
    }

    /**
     * Sets who records every live event as it is published (the event history), under the publish lock:
     * it must only store the event, never block, never call out.
     *
     * @param recorder the recorder, or {@code null} for none; it gets the event's envelope to make when
     *        it is read, so the publisher pays one reference store
     */
    public void setRecorder(Consumer<Supplier<Event>> recorder) {
        synchronized (lock) {
            this.recorder = recorder;
        }
    }

    public void setSubscriptionObserver(SubscriptionObserver observer) {
        this.subscriptionObserver = Objects.requireNonNull(observer);
    }

    // ---- subscriptions --------------------------------------------------------------------------

    /**
     * Adds a listener to a module's queue. It receives the events published after this call began, never
     * one that was queued for its module before.
     *
     * @param moduleId the module (Bundle-SymbolicName)
     * @param bundleId its bundle id
     * @param types the event types, at least one
     * @param subscriber the listener
     * @return the handle to remove or change it
     */
    public SubscriberEntry subscribe(String moduleId, long bundleId, Set<EventType> types, EventSubscriber subscriber) {
        return subscribe(moduleId, bundleId, Interest.of(types), subscriber);
    }

    /**
     * Adds a listener with a filter and a history: the latest events of its types that match its filter
     * (at most the configured limit) are queued for it first, marked as replays, atomically with respect to
     * live events, so it misses none and gets none twice.
     */
    public SubscriberEntry subscribe(String moduleId, long bundleId, Interest interest, EventSubscriber subscriber) {
        Objects.requireNonNull(moduleId, "moduleId");
        Objects.requireNonNull(subscriber, "subscriber");
        Set<EventType> types = interest.types();
        if (types.isEmpty()) {
            throw new IllegalArgumentException("Module " + moduleId + " subscribed to no event type; name at least one of "
                    + Arrays.toString(EventType.values()));
        }
        SubscriberEntry entry;
        Throwable observerFailure;
        int replayed = 0;
        int limit;
        synchronized (lock) {
            ModuleChannel channel = channels.computeIfAbsent(moduleId,
                    id -> new ModuleChannel(this, id, bundleId, settings.bufferSizeFor(id)));
            channel.bundleId = bundleId;
            if (!channel.hasListeners()) {
                channel.health.revived();
            }
            entry = new SubscriberEntry(channel, subscriber, types, interest.filter().orElse(null), sequence);
            channel.add(entry);
            routes.update(channel);
            limit = typeHistory.limit();
            if (interest.history() > 0 && limit > 0) {
                // forced, like the lifecycle replays: bounded by the limit, and asked for
                for (Published old : typeHistory.latest(types, entry.filter, Math.min(interest.history(), limit))) {
                    channel.enqueue(old.replayFor(entry), true);
                    replayed++;
                }
                if (replayed > 0) {
                    VarHandle.fullFence();
                    channel.wakeIfIdle(); // the pool's run queue is a leaf
                }
            }
            // under the publish lock, so the observer's replay and announcement are atomic with live events
            observerFailure = notifySubscribed(entry, entry.types);
        }
        logObserverFailure(entry, observerFailure);
        outbox.flush();
        afterSubscribed(entry);
        LOG.info("Module {} subscribed to {}{}{}", moduleId, names(types),
                entry.filter == null ? "" : " with filter " + entry.filter.text(),
                interest.history() == 0 ? "" : ", history " + replayed + " events (asked " + interest.history()
                        + ", subscriber.history.max " + limit + ")");
        return entry;
    }

    // ---- durable subscriptions ------------------------------------------------------------------

    /**
     * Gives the core the journal: sequence numbers go on from where the journal's previous process got to,
     * and every commit wakes the durable listeners. Call it before anything is published, or at the first
     * durable subscription.
     */
    public void setJournal(Journal journal) {
        synchronized (lock) {
            if (this.journal != null) {
                return;
            }
            sequence = Math.max(sequence, journal.restoredSequence());
            journal.setCommitListener(this::journalCommitted);
            this.journal = journal;
        }
    }

    /** The journal, if one was opened. */
    public Optional<Journal> journal() {
        return Optional.ofNullable(journal);
    }

    /** On the journal's writer, holding nothing: wakes the modules with a durable listener. */
    private void journalCommitted() {
        VarHandle.fullFence(); // the commit is visible before an executor's run flag is read
        for (ModuleChannel channel : channels.values()) {
            if (channel.feeds().length != 0) {
                channel.wakeIfIdle();
            }
        }
    }

    /**
     * Adds a durable subscription's listener: it reads the journaled events of its types after its position,
     * those published before now marked as redelivered, then the ones published after.
     *
     * @throws IllegalStateException if there is no journal, or the module's subscription of that name is
     *         active already
     */
    public SubscriberEntry subscribeDurable(String moduleId, long bundleId, String name, Interest interest,
            EventSubscriber subscriber) {
        Objects.requireNonNull(moduleId, "moduleId");
        Objects.requireNonNull(subscriber, "subscriber");
        Journal j = journal;
        if (j == null) {
            throw new IllegalStateException("no journal is open for durable subscriptions");
        }
        boolean fresh = j.durable(moduleId, name).isEmpty();
        j.positions(moduleId, name); // its file is opened here, not under the publish lock
        // first, so every event published from here on is journaled: those before the lock below come as redelivered
        j.register(new Journal.Durable(moduleId, name, interest.types(),
                interest.filter().map(org.nodebus.eventmanager.filter.PayloadFilter::text)));
        SubscriberEntry entry;
        Throwable observerFailure;
        synchronized (lock) {
            ModuleChannel channel = channels.computeIfAbsent(moduleId,
                    id -> new ModuleChannel(this, id, bundleId, settings.bufferSizeFor(id)));
            for (SubscriberEntry other : channel.listeners()) {
                if (other.feed != null && other.feed.name.equals(name)) {
                    throw new IllegalStateException("Module " + moduleId + " has its durable subscription '" + name
                            + "' active already; close that subscription first");
                }
            }
            channel.bundleId = bundleId;
            if (!channel.hasListeners()) {
                channel.health.revived();
            }
            entry = new SubscriberEntry(channel, subscriber, interest.types(), interest.filter().orElse(null),
                    sequence);
            entry.feed = new DurableFeed(entry, name, j, interest.types(), sequence, fresh);
            channel.add(entry);
            routes.update(channel);
            observerFailure = notifySubscribed(entry, entry.types);
            VarHandle.fullFence();
            channel.wakeIfIdle(); // the pool's run queue is a leaf
        }
        logObserverFailure(entry, observerFailure);
        outbox.flush();
        afterSubscribed(entry);
        LOG.info("Module {} subscribed durably as '{}' to {}{}, from position {} ({} journaled events to catch up)",
                moduleId, name, names(interest.types()),
                entry.filter == null ? "" : " with filter " + entry.filter.text(), entry.feed.position(),
                entry.feed.lag());
        return entry;
    }

    /** Removes the active listener of a module's durable subscription, if it has one. @return whether it had */
    public boolean unsubscribeDurable(String moduleId, String name) {
        ModuleChannel channel = channels.get(moduleId);
        if (channel == null) {
            return false;
        }
        for (SubscriberEntry entry : channel.listeners()) {
            if (entry.feed != null && entry.feed.name.equals(name)) {
                unsubscribe(entry);
                return true;
            }
        }
        return false;
    }

    /** The durable subscriptions the journal keeps, active or not, with their figures now. */
    public List<org.nodebus.api.DurableInfo> durables() {
        Journal j = journal;
        if (j == null) {
            return List.of();
        }
        Map<String, DurableFeed> active = new java.util.HashMap<>();
        for (ModuleChannel channel : channels.values()) {
            for (DurableFeed feed : channel.feeds()) {
                active.put(channel.moduleId + "/" + feed.name, feed);
            }
        }
        List<org.nodebus.api.DurableInfo> out = new ArrayList<>();
        for (Journal.Durable d : j.durables()) {
            DurableFeed feed = active.get(d.moduleId() + "/" + d.name());
            if (feed != null) {
                out.add(new org.nodebus.api.DurableInfo(d.moduleId(), d.name(), d.types(), d.filter(), true,
                        feed.position(), feed.lag(), feed.delivered(), feed.lost()));
            } else {
                long[] stored = j.positions(d.moduleId(), d.name()).read();
                long cumulative = 0;
                for (EventType t : d.types()) {
                    cumulative += j.cumulative()[t.ordinal()];
                }
                out.add(new org.nodebus.api.DurableInfo(d.moduleId(), d.name(), d.types(), d.filter(), false,
                        stored[0], Math.max(0, cumulative - stored[1]), 0, 0));
            }
        }
        return List.copyOf(out);
    }

    /** @return what the observer threw, to be logged once the lock is left */
    private Throwable notifySubscribed(SubscriberEntry entry, Set<EventType> newTypes) {
        try {
            subscriptionObserver.subscribed(entry, newTypes);
            return null;
        } catch (Throwable e) {
            return e;
        }
    }

    private static void logObserverFailure(SubscriberEntry entry, Throwable failure) {
        if (failure != null) {
            LOG.error("Subscription observer failed for module {}; the subscription stands", entry.moduleId(), failure);
        }
    }

    private void afterSubscribed(SubscriberEntry entry) {
        try {
            subscriptionObserver.afterSubscribed();
        } catch (Throwable e) {
            LOG.error("Subscription observer failed after module {} subscribed", entry.moduleId(), e);
        }
    }

    /** @return whether the listener still receives events */
    public boolean isSubscribed(SubscriberEntry entry) {
        return entry.active;
    }

    /** Changes the types of a listener (its service properties changed). */
    public void update(SubscriberEntry entry, Set<EventType> types) {
        update(entry, Interest.of(types));
    }

    /**
     * Changes the types and the filter of a listener (its service properties changed); its history is given
     * at subscription only.
     */
    public void update(SubscriberEntry entry, Interest interest) {
        Set<EventType> types = interest.types();
        EnumSet<EventType> added = types.isEmpty() ? EnumSet.noneOf(EventType.class) : EnumSet.copyOf(types);
        Throwable observerFailure = null;
        synchronized (lock) {
            if (!entry.active) {
                return;
            }
            added.removeAll(entry.types);
            entry.filter = interest.filter().orElse(null);
            entry.retype(types, sequence);
            routes.update(entry.channel);
            if (!added.isEmpty()) {
                observerFailure = notifySubscribed(entry, added);
            }
        }
        logObserverFailure(entry, observerFailure);
        afterSubscribed(entry);
        LOG.info("Module {} now subscribes to {}{}", entry.moduleId(), names(types),
                entry.filter == null ? "" : " with filter " + entry.filter.text());
    }

    /**
     * Removes one listener; once this returns it is never called again (a call in progress may finish).
     * When it was the module's last, the module's queued events count as failed.
     */
    public void unsubscribe(SubscriberEntry entry) {
        ModuleChannel channel = entry.channel;
        boolean last;
        synchronized (lock) {
            if (!channel.remove(entry)) {
                return;
            }
            routes.update(channel);
            last = !channel.hasListeners();
            if (last) {
                channel.purge();
            }
        }
        if (last) {
            LOG.info("Module {} has no subscriber left; its queued events count as failed", channel.moduleId);
        }
    }

    /** The bundle is starting: a STOPPED of its previous stop that comes in late removes nothing. */
    public void bundleStarting(long bundleId) {
        synchronized (lock) {
            stoppingBundles.remove(bundleId);
        }
    }

    /** The bundle is stopping: its listeners are removed, and again at its STOPPED (its stop code may add some). */
    public void bundleStopping(String moduleId, long bundleId) {
        synchronized (lock) {
            stoppingBundles.add(bundleId);
        }
        moduleGone(moduleId, bundleId);
    }

    /**
     * The bundle stopped. Felix fires STOPPED after releasing the bundle's lock, so the bundle may already
     * be starting again on another thread, with new listeners: only when no STARTING came in since its
     * STOPPING are the listeners removed.
     */
    public void bundleStopped(String moduleId, long bundleId) {
        boolean had = false;
        synchronized (lock) {
            ModuleChannel channel = moduleId == null ? null : channels.get(moduleId);
            if (stoppingBundles.remove(bundleId) && channel != null && channel.bundleId == bundleId) {
                had = removeAllUnderLock(channel);
            }
        }
        logGone(moduleId, had);
    }

    /**
     * The module's bundle is stopping or gone: every listener of it is removed at once, and none is called
     * again once this returns.
     */
    public void moduleGone(String moduleId, long bundleId) {
        boolean had;
        synchronized (lock) {
            ModuleChannel channel = moduleId == null ? null : channels.get(moduleId);
            if (channel == null || channel.bundleId != bundleId) {
                return;
            }
            had = removeAllUnderLock(channel);
        }
        logGone(moduleId, had);
    }

    private boolean removeAllUnderLock(ModuleChannel channel) {
        boolean had = channel.removeAll();
        routes.update(channel);
        // under the lock: an event published for a new subscription cannot be purged with the old ones
        channel.purge();
        return had;
    }

    private static void logGone(String moduleId, boolean had) {
        if (had) {
            LOG.info("Module {} is gone; it was removed from every subscription and its queued events count as failed",
                    moduleId);
        }
    }

    /**
     * The bundle was updated to another symbolic name: what it had under any other name goes, as if that
     * module had been uninstalled.
     */
    public void renamed(long bundleId, String currentName) { // currentName null: it has none, it is no module
        for (ModuleChannel channel : List.copyOf(channels.values())) {
            if (channel.bundleId == bundleId && !channel.moduleId.equals(currentName)) {
                forget(channel.moduleId, bundleId);
            }
        }
    }

    /** The module's bundle was uninstalled: nothing of it is kept, not even its statistics. */
    public void forget(String moduleId, long bundleId) {
        if (moduleId == null) {
            renamed(bundleId, null); // a bundle without a symbolic name may hold a channel from before an update
            return;
        }
        moduleGone(moduleId, bundleId);
        synchronized (lock) {
            stoppingBundles.remove(bundleId);
            channels.computeIfPresent(moduleId, (id, channel) -> channel.bundleId == bundleId ? null : channel);
        }
    }

    // ---- publishing -----------------------------------------------------------------------------

    /**
     * Publishes to every module subscribed to the payload's type. Never blocks on a consumer and never
     * runs a listener on the calling thread.
     *
     * @return the event's sequence number
     */
    public long publish(String publisher, EventPayload payload) {
        return offer(publisher, payload, null, null);
    }

    /** Publishes to every subscribed module except one (a module is not told of its own loading). */
    public long publishExcept(String publisher, EventPayload payload, String excludedModuleId) {
        return offer(publisher, payload, null, excludedModuleId);
    }

    /**
     * Publishes, then waits up to the timeout until every module it was offered to has finished. A timeout
     * too long to count in nanoseconds waits as long as it takes.
     */
    public DeliveryReport publishAndAwait(String publisher, EventPayload payload, Duration timeout)
            throws InterruptedException {
        long nanos = saturatedNanos(timeout);
        AwaitTracker tracker = new AwaitTracker();
        long seq = offer(publisher, payload, tracker, null);
        return tracker.await(payload.type(), seq, nanos);
    }

    static long saturatedNanos(Duration timeout) {
        if (timeout.isNegative()) {
            return 0;
        }
        try {
            return timeout.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }

    private long offer(String publisher, EventPayload payload, AwaitTracker tracker, String excluded) {
        Objects.requireNonNull(payload, "payload must not be null");
        long now = System.currentTimeMillis();
        long seq;
        Routes.Route route;
        boolean queued = false;
        synchronized (lock) {
            seq = ++sequence;
            EventType type = payload.type();
            Published event = new Published(seq, timestamp(now), publisher, payload, tracker, null);
            counters.published(event);
            if (recorder != null) {
                recorder.accept(event);
            }
            typeHistory.record(type, event);
            Journal j = journal;
            if (j != null) {
                j.markSequence(seq);
                if (j.journals(type)) {
                    j.offer(event, type); // a full ring counts it as lost for the durable subscribers
                }
            }
            route = routes.of(type);
            if (route.size() > 1) {
                event.fanOut();
            }
            for (ModuleChannel channel : route.plain()) {
                if (excluded == null || !excluded.equals(channel.moduleId)) {
                    queued |= channel.enqueue(event, false);
                }
            }
            ModuleChannel[] filtered = route.filtered();
            if (filtered.length != 0) {
                // read once for every module that filters, and only the fields their filters name
                Map<String, Object> fields = PayloadCodec.fields(payload);
                for (ModuleChannel channel : filtered) {
                    if ((excluded == null || !excluded.equals(channel.moduleId)) && channel.passes(type, fields)) {
                        queued |= channel.enqueue(event, false);
                    }
                }
            }
        }
        if (queued) {
            // out of the lock: handing an executor to the pool may take a lock of the pool's and wake a thread,
            // which other publishers need not wait for. One fence for every module: the adds above become
            // visible before any executor's run flag is read below, so an executor going idle either sees its
            // event or gets woken. (A module removed meanwhile, or filtered out, is woken for nothing and goes
            // idle again.)
            VarHandle.fullFence();
            wake(route.plain(), excluded);
            wake(route.filtered(), excluded);
        }
        return seq;
    }

    private static void wake(ModuleChannel[] channels, String excluded) {
        for (ModuleChannel channel : channels) {
            if (excluded == null || !excluded.equals(channel.moduleId)) {
                channel.wakeIfIdle();
            }
        }
    }

    /**
     * Runs an action while no event is being published, so that what it enqueues and publishes is ordered
     * atomically with respect to every other publication (used for gap-free lifecycle replays).
     */
    public void atomically(Runnable action) {
        synchronized (lock) {
            action.run();
        }
    }

    /**
     * Enqueues a replayed event for one listener only, even if its queue is full. Call it from the
     * {@link SubscriptionObserver}, which runs under the publish lock.
     */
    public void replayTo(SubscriberEntry entry, String publisher, EventPayload payload) {
        synchronized (lock) {
            entry.channel.offer(new Published(++sequence, timestamp(System.currentTimeMillis()), publisher, payload,
                    null, entry), true);
        }
    }

    /** Under the publish lock: the instant of a millisecond, the latest event's own when it is the same. */
    private Instant timestamp(long millis) {
        Instant last = lastTimestamp;
        if (last.toEpochMilli() != millis) {
            last = Instant.ofEpochMilli(millis);
            lastTimestamp = last;
        }
        return last;
    }

    // ---- the channels' host ---------------------------------------------------------------------

    @Override
    public boolean schedule(ModuleChannel channel) {
        return pool.run(channel::drain);
    }

    @Override
    public void turnBegan() {
        watchdog.turnBegan();
    }

    /** Whether the watchdog sleeps for want of turns (for tests). */
    boolean watchdogAsleep() {
        return watchdog.isAsleep();
    }

    @Override
    public boolean othersWaiting() {
        return pool.hasWaitingWork();
    }

    @Override
    public long coarseNanos() {
        return watchdog.coarseNanos();
    }

    @Override
    public HealthOutbox outbox() {
        return outbox;
    }

    @Override
    public void compensationReleased() {
        pool.released();
    }

    @Override
    public void crashed(ModuleChannel channel, SubscriberEntry entry, Error error) {
        boolean crashed;
        synchronized (lock) {
            // a listener removed while it ran (its module stopped, say, and came back) takes nobody down with it
            crashed = entry.active;
            if (crashed) {
                channel.removeAll();
                routes.update(channel);
                channel.health.crashed();
                channel.purge();
                outbox.add(new HealthOutbox.Crash(channel.moduleId, channel.bundleId, channel, error));
            }
        }
        if (!crashed) {
            LOG.warn("Module {}: a listener removed while it ran threw {}; the module's current listeners stay",
                    channel.moduleId, Throwables.describe(error));
        }
        outbox.flush();
    }

    /** Runs the watchdog's check now (for a core made without a timer). */
    void checkListeners() {
        watchdog.check();
    }

    // ---- queries --------------------------------------------------------------------------------

    public Optional<DeliveryStats> stats(String moduleId) {
        ModuleChannel channel = moduleId == null ? null : channels.get(moduleId);
        return channel == null ? Optional.empty() : Optional.of(channel.stats());
    }

    public Map<String, DeliveryStats> allStats() {
        Map<String, DeliveryStats> all = new LinkedHashMap<>();
        channels.values().stream().sorted((a, b) -> a.moduleId.compareTo(b.moduleId))
                .forEach(c -> all.put(c.moduleId, c.stats()));
        return Collections.unmodifiableMap(all);
    }

    /** @return whether the module was known */
    public boolean resetStats(String moduleId) {
        ModuleChannel channel = channels.get(moduleId);
        if (channel == null) {
            return false;
        }
        synchronized (lock) {
            channel.resetStats();
        }
        return true;
    }

    /** The modules subscribed to a type: on its routes, or with an active durable listener of it. */
    public List<String> subscribers(EventType type) {
        List<String> ids = routes.moduleIds(type);
        if (journal == null) {
            return ids;
        }
        java.util.TreeSet<String> all = new java.util.TreeSet<>(ids);
        for (ModuleChannel channel : channels.values()) {
            for (DurableFeed feed : channel.feeds()) {
                if (feed.entry.active && feed.entry.types.contains(type)) {
                    all.add(channel.moduleId);
                }
            }
        }
        return List.copyOf(all);
    }

    public Optional<ModuleHealth> health(String moduleId) {
        ModuleChannel channel = channels.get(moduleId);
        return channel == null ? Optional.empty() : Optional.of(channel.health.health());
    }

    /** @return the module's queue capacity now: its own configured size, else the global one */
    public int capacity(String moduleId) {
        return settings.bufferSizeFor(moduleId);
    }

    /** The queue size the module's channel enforces now, -1 if it has none. */
    int channelCapacity(String moduleId) {
        ModuleChannel channel = channels.get(moduleId);
        return channel == null ? -1 : channel.capacity;
    }

    public int queueDepth(String moduleId) {
        ModuleChannel channel = channels.get(moduleId);
        return channel == null ? 0 : channel.queued();
    }

    /**
     * What operator tools show: every channel's figures and the node's counters, read without the publish
     * lock (a channel's figures are each a recent value while events flow, exact at a quiet moment).
     */
    public DeliverySnapshot snapshot() {
        List<ModuleDelivery> modules = new ArrayList<>(channels.size());
        int stuck = 0;
        for (ModuleChannel channel : channels.values()) {
            int hung = channel.health.hungCalls();
            stuck += hung;
            modules.add(new ModuleDelivery(channel.moduleId, channel.bundleId, channel.stats(), channel.totals(),
                    channel.capacity, channel.health.health(), channel.health.consecutiveFailures(),
                    channel.listenerTime()));
        }
        modules.sort(Comparator.comparing(ModuleDelivery::moduleId));
        DeliveryThreads threads = new DeliveryThreads(settings.deliveryThreads(), pool.activeThreads(), stuck);
        return new DeliverySnapshot(Instant.now(), counters.byType(), threads, modules, counters.journal(),
                counters.startup());
    }

    /** Threads the delivery pool may run now (its base size plus compensations for slow or hung listeners). */
    public int deliveryThreadBound() {
        return pool.threadBound();
    }

    /** Threads the delivery pool has started and not yet retired. */
    public int deliveryThreads() {
        return pool.activeThreads();
    }

    @Override
    public void close() {
        watchdog.close();
        pool.shutdown();
        outbox.close();
        Journal j = journal;
        if (j != null) {
            j.close();
        }
        synchronized (lock) {
            for (ModuleChannel channel : channels.values()) {
                channel.purge();
            }
        }
    }

    private static String names(Set<EventType> types) {
        return types.stream().map(EventType::eventName).sorted().toList().toString();
    }
}
