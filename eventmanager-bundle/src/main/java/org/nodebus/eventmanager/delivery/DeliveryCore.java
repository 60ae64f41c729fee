package org.nodebus.eventmanager.delivery;

import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.nodebus.api.DeliveryReport;
import org.nodebus.api.DeliveryStats;
import org.nodebus.api.EventSubscriber;
import org.nodebus.api.event.EventPayload;
import org.nodebus.api.event.EventType;
import org.nodebus.api.event.ModuleHealth;
import org.nodebus.eventmanager.config.DeliverySettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The delivery core, free of OSGi: subscriptions, one {@link ModuleChannel} per module, publishing,
 * statistics, health and the watchdog for hung listeners.
 *
 * <p>Publishing takes one short lock around numbering the event and offering it to each subscribed
 * module's queue (an offer never waits for a consumer), so every module sees events in one global
 * order, and lifecycle replays can be enqueued atomically with respect to live events.
 */
public final class DeliveryCore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryCore.class);
    private static final ModuleChannel[] NO_CHANNELS = new ModuleChannel[0];

    final DeliveryPool pool;
    private final ScheduledExecutorService watchdog;
    private ScheduledFuture<?> watchdogTask;
    private final Object publishLock = new Object();
    private final Object subscriptionLock = new Object();
    private final Map<String, ModuleChannel> channels = new ConcurrentHashMap<>();
    /** For each event type (by ordinal), the modules subscribed to it; replaced, never changed in place. */
    private volatile ModuleChannel[][] routes;
    private volatile DeliverySettings settings;
    private volatile HealthListener healthListener = HealthListener.NONE;
    private volatile SubscriptionObserver subscriptionObserver = SubscriptionObserver.NONE;
    private long sequence;
    /** nanoTime as of the watchdog's latest check: listener calls are timed against it. */
    private volatile long coarseNanos = System.nanoTime();
    private volatile long watchdogPeriodNanos;

    public DeliveryCore(DeliverySettings settings) {
        this.settings = settings;
        this.pool = new DeliveryPool(settings.deliveryThreads(), settings.maxDeliveryThreads());
        ModuleChannel[][] empty = new ModuleChannel[EventType.values().length][];
        Arrays.fill(empty, NO_CHANNELS);
        this.routes = empty;
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "nodebus-delivery-watchdog");
            t.setDaemon(true);
            return t;
        });
        scheduleWatchdog(settings.listenerTimeout());
    }

    /** Checks four times per time limit, so a hung listener is noticed within 1.5 limits. */
    private synchronized void scheduleWatchdog(Duration limit) {
        if (watchdogTask != null) {
            watchdogTask.cancel(false);
        }
        long period = Math.min(1000, Math.max(5, limit.toMillis() / 4));
        watchdogPeriodNanos = TimeUnit.MILLISECONDS.toNanos(period);
        watchdogTask = watchdog.scheduleWithFixedDelay(this::checkHungListeners, period, period, TimeUnit.MILLISECONDS);
    }

    // ---- configuration and listeners ------------------------------------------------------------

    public DeliverySettings settings() {
        return settings;
    }

    /** Applies new settings at run time; queued events are kept, even where a queue shrinks below them. */
    public void apply(DeliverySettings newSettings) {
        DeliverySettings old = settings;
        settings = newSettings;
        if (!old.listenerTimeout().equals(newSettings.listenerTimeout())) {
            scheduleWatchdog(newSettings.listenerTimeout());
        }
        for (ModuleChannel channel : channels.values()) {
            channel.capacity = newSettings.bufferSizeFor(channel.moduleId);
        }
        pool.resize(newSettings.deliveryThreads(), newSettings.maxDeliveryThreads());
    }

    public void setHealthListener(HealthListener listener) {
        this.healthListener = Objects.requireNonNull(listener);
    }

    public void setSubscriptionObserver(SubscriptionObserver observer) {
        this.subscriptionObserver = Objects.requireNonNull(observer);
    }

    // ---- subscriptions --------------------------------------------------------------------------

    /**
     * Adds a listener to a module's queue.
     *
     * @param moduleId the module (Bundle-SymbolicName)
     * @param bundleId its bundle id
     * @param types the event types, at least one
     * @param subscriber the listener
     * @return the handle to remove or change it
     */
    public SubscriberEntry subscribe(String moduleId, long bundleId, Set<EventType> types, EventSubscriber subscriber) {
        Objects.requireNonNull(moduleId, "moduleId");
        Objects.requireNonNull(subscriber, "subscriber");
        if (types.isEmpty()) {
            throw new IllegalArgumentException("Module " + moduleId + " subscribed to no event type; name at least one of "
                    + Arrays.toString(EventType.values()));
        }
        // under the publish lock, so the observer's replay and announcement are atomic with live events
        synchronized (publishLock) {
            SubscriberEntry entry;
            synchronized (subscriptionLock) {
                ModuleChannel channel = channels.computeIfAbsent(moduleId,
                        id -> new ModuleChannel(this, id, bundleId, settings.bufferSizeFor(id)));
                channel.bundleId = bundleId;
                if (!channel.hasSubscribers()) {
                    channel.revive();
                }
                entry = new SubscriberEntry(channel, subscriber, types);
                SubscriberEntry[] entries = Arrays.copyOf(channel.subscribers, channel.subscribers.length + 1);
                entries[entries.length - 1] = entry;
                channel.subscribers = entries;
                reroute(channel);
            }
            LOG.info("Module {} subscribed to {}", moduleId, names(types));
            notifySubscribed(entry, entry.types);
            return entry;
        }
    }

    private void notifySubscribed(SubscriberEntry entry, Set<EventType> newTypes) {
        try {
            subscriptionObserver.subscribed(entry, newTypes);
        } catch (RuntimeException e) {
            LOG.error("Subscription observer failed for module {}", entry.moduleId(), e);
        }
    }

    /** @return whether the module has at least one listener now */
    public boolean hasSubscribers(String moduleId) {
        ModuleChannel channel = channels.get(moduleId);
        return channel != null && channel.hasSubscribers();
    }

    /** @return whether the listener still receives events */
    public boolean isSubscribed(SubscriberEntry entry) {
        return Arrays.asList(entry.channel.subscribers).contains(entry);
    }

    /** Changes the types of a listener (its service properties changed). */
    public void update(SubscriberEntry entry, Set<EventType> types) {
        synchronized (publishLock) {
            EnumSet<EventType> added = types.isEmpty() ? EnumSet.noneOf(EventType.class) : EnumSet.copyOf(types);
            synchronized (subscriptionLock) {
                added.removeAll(entry.types);
                entry.types = types.isEmpty() ? EnumSet.noneOf(EventType.class) : EnumSet.copyOf(types);
                reroute(entry.channel);
            }
            LOG.info("Module {} now subscribes to {}", entry.moduleId(), names(types));
            if (!added.isEmpty()) {
                notifySubscribed(entry, added);
            }
        }
    }

    /** Removes one listener; when it was the module's last, the module's queued events count as failed. */
    public void unsubscribe(SubscriberEntry entry) {
        ModuleChannel channel = entry.channel;
        synchronized (subscriptionLock) {
            SubscriberEntry[] entries = channel.subscribers;
            int i = Arrays.asList(entries).indexOf(entry);
            if (i < 0) {
                return;
            }
            SubscriberEntry[] rest = new SubscriberEntry[entries.length - 1];
            System.arraycopy(entries, 0, rest, 0, i);
            System.arraycopy(entries, i + 1, rest, i, entries.length - i - 1);
            channel.subscribers = rest;
            reroute(channel);
        }
        if (!channel.hasSubscribers()) {
            channel.purge();
            LOG.info("Module {} has no subscriber left; its queued events count as failed", channel.moduleId);
        }
    }

    /** The module's bundle is stopping or gone: every listener of it is removed at once. */
    public void moduleGone(String moduleId, long bundleId) {
        ModuleChannel channel = channels.get(moduleId);
        if (channel == null || channel.bundleId != bundleId) {
            return;
        }
        boolean had;
        synchronized (subscriptionLock) {
            had = channel.hasSubscribers();
            channel.subscribers = new SubscriberEntry[0];
            reroute(channel);
        }
        channel.purge();
        if (had) {
            LOG.info("Module {} is gone; it was removed from every subscription and its queued events count as failed",
                    moduleId);
        }
    }

    /** The module's bundle was uninstalled: nothing of it is kept, not even its statistics. */
    public void forget(String moduleId, long bundleId) {
        moduleGone(moduleId, bundleId);
        channels.computeIfPresent(moduleId, (id, channel) -> channel.bundleId == bundleId ? null : channel);
    }

    /** Rebuilds the routes of every type after the channel's listeners changed. */
    private void reroute(ModuleChannel channel) {
        EnumSet<EventType> wanted = EnumSet.noneOf(EventType.class);
        for (SubscriberEntry entry : channel.subscribers) {
            wanted.addAll(entry.types);
        }
        ModuleChannel[][] next = routes.clone();
        boolean changed = false;
        for (EventType type : EventType.values()) {
            ModuleChannel[] current = next[type.ordinal()];
            int at = Arrays.asList(current).indexOf(channel);
            if (wanted.contains(type) && at < 0) {
                ModuleChannel[] grown = Arrays.copyOf(current, current.length + 1);
                grown[current.length] = channel;
                next[type.ordinal()] = grown;
                changed = true;
            } else if (!wanted.contains(type) && at >= 0) {
                ModuleChannel[] shrunk = new ModuleChannel[current.length - 1];
                System.arraycopy(current, 0, shrunk, 0, at);
                System.arraycopy(current, at + 1, shrunk, at, current.length - at - 1);
                next[type.ordinal()] = shrunk;
                changed = true;
            }
        }
        if (changed) {
            routes = next;
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

    /** Publishes, then waits up to the timeout until every module it was offered to has finished. */
    public DeliveryReport publishAndAwait(String publisher, EventPayload payload, Duration timeout)
            throws InterruptedException {
        AwaitTracker tracker = new AwaitTracker();
        long seq = offer(publisher, payload, tracker, null);
        long nanos = timeout.isNegative() ? 0 : timeout.toNanos();
        return tracker.await(payload.type(), seq, nanos);
    }

    private long offer(String publisher, EventPayload payload, AwaitTracker tracker, String excluded) {
        Objects.requireNonNull(payload, "payload must not be null");
        long now = System.currentTimeMillis();
        synchronized (publishLock) {
            long seq = ++sequence;
            Published event = new Published(seq, now, publisher, payload, false, tracker, null);
            ModuleChannel[] route = routes[payload.type().ordinal()];
            boolean queued = false;
            for (ModuleChannel channel : route) {
                if (excluded == null || !excluded.equals(channel.moduleId)) {
                    queued |= channel.enqueue(event, false);
                }
            }
            if (queued) {
                // one fence for every module: the adds above become visible before any executor's run flag
                // is read below, so an executor going idle either sees its event or gets woken
                VarHandle.fullFence();
                for (ModuleChannel channel : route) {
                    if (excluded == null || !excluded.equals(channel.moduleId)) {
                        channel.wakeIfIdle();
                    }
                }
            }
            return seq;
        }
    }

    /**
     * Runs an action while no event is being published, so that what it enqueues and publishes is ordered
     * atomically with respect to every other publication (used for gap-free lifecycle replays).
     */
    public void atomically(Runnable action) {
        synchronized (publishLock) {
            action.run();
        }
    }

    /**
     * Enqueues a replayed event for one listener only, even if its queue is full. Call it from the
     * {@link SubscriptionObserver}, which runs under the publish lock.
     */
    public void replayTo(SubscriberEntry entry, String publisher, EventPayload payload) {
        synchronized (publishLock) {
            entry.channel.offer(new Published(++sequence, System.currentTimeMillis(), publisher, payload, true, null,
                    entry), true);
        }
    }

    // ---- health ---------------------------------------------------------------------------------

    void healthChanged(String moduleId, ModuleHealth oldHealth, ModuleHealth newHealth) {
        LOG.info("Module {} health {} -> {}", moduleId, oldHealth, newHealth);
        try {
            healthListener.healthChanged(moduleId, oldHealth, newHealth);
        } catch (RuntimeException e) {
            LOG.error("Health listener failed for module {} ({} -> {})", moduleId, oldHealth, newHealth, e);
        }
    }

    void crashed(ModuleChannel channel, Throwable error) {
        moduleGone(channel.moduleId, channel.bundleId);
        channel.changeHealth(ModuleHealth.CRASHED);
        try {
            healthListener.crashed(channel.moduleId, error);
        } catch (RuntimeException e) {
            LOG.error("Crash listener failed for module {}", channel.moduleId, e);
        }
    }

    private void checkHungListeners() {
        try {
            long now = System.nanoTime();
            coarseNanos = now;
            long limit = settings.listenerTimeout().toNanos();
            for (ModuleChannel channel : channels.values()) {
                channel.checkHung(now, limit, watchdogPeriodNanos);
            }
        } catch (RuntimeException e) {
            LOG.error("Watchdog check failed", e);
        }
    }

    long coarseNanos() {
        return coarseNanos;
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
        return java.util.Collections.unmodifiableMap(all);
    }

    /** @return whether the module was known */
    public boolean resetStats(String moduleId) {
        ModuleChannel channel = channels.get(moduleId);
        if (channel == null) {
            return false;
        }
        channel.resetStats();
        return true;
    }

    public List<String> subscribers(EventType type) {
        List<String> ids = new ArrayList<>();
        for (ModuleChannel channel : routes[type.ordinal()]) {
            ids.add(channel.moduleId);
        }
        ids.sort(null);
        return List.copyOf(ids);
    }

    public Optional<ModuleHealth> health(String moduleId) {
        ModuleChannel channel = channels.get(moduleId);
        return channel == null ? Optional.empty() : Optional.of(channel.health());
    }

    /** @return the module's queue capacity now: its own configured size, else the global one */
    public int capacity(String moduleId) {
        return settings.bufferSizeFor(moduleId);
    }

    public int queueDepth(String moduleId) {
        ModuleChannel channel = channels.get(moduleId);
        return channel == null ? 0 : channel.queued();
    }

    /** Threads the delivery pool may run now (its base size plus replacements for hung listeners). */
    public int deliveryThreadBound() {
        return pool.threadBound();
    }

    /** Threads the delivery pool has started and not yet retired. */
    public int deliveryThreads() {
        return pool.activeThreads();
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
        pool.shutdown();
        for (ModuleChannel channel : channels.values()) {
            channel.purge();
        }
    }

    private static String names(Set<EventType> types) {
        return types.stream().map(EventType::eventName).sorted().toList().toString();
    }
}
