package org.nodebus.eventmanager.runtime;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.nodebus.api.DeliveryStats;
import org.nodebus.api.DurableInfo;
import org.nodebus.api.Event;
import org.nodebus.api.EventManager;
import org.nodebus.api.EventSubscriber;
import org.nodebus.api.ModuleInfo;
import org.nodebus.api.Subscription;
import org.nodebus.api.SubscriptionSpec;
import org.nodebus.api.event.EventType;
import org.nodebus.eventmanager.delivery.Interest;
import org.nodebus.eventmanager.delivery.SubscriberEntry;
import org.nodebus.eventmanager.filter.PayloadFilter;
import org.osgi.framework.Bundle;

/**
 * The {@link EventManager} one bundle gets: it subscribes and resets statistics for that bundle's module
 * only; reading statistics and the module list is open to everyone. Released by the framework, it ends its
 * subscriptions and refuses every call.
 */
final class ModuleEventManager implements EventManager, PerBundle.Releasable {
    private final EventManagerRuntime runtime;
    private final CallingModule module;
    private final List<ModuleSubscription> subscriptions = new CopyOnWriteArrayList<>();
    private volatile boolean released;

    ModuleEventManager(EventManagerRuntime runtime, CallingModule module) {
        this.runtime = runtime;
        this.module = module;
    }

    /** The bundle released the service (usually because it stops): its subscriptions end. */
    @Override
    public void release() {
        released = true;
        subscriptions.forEach(ModuleSubscription::close);
    }

    private void checkLive(String action) {
        if (released) {
            throw module.released("EventManager", action);
        }
    }

    @Override
    public Subscription subscribe(Set<EventType> eventTypes, EventSubscriber subscriber) {
        checkLive("subscribe");
        Objects.requireNonNull(eventTypes, "eventTypes must not be null");
        Objects.requireNonNull(subscriber, "subscriber must not be null");
        return subscribe(Interest.of(eventTypes), subscriber);
    }

    @Override
    public Subscription subscribe(SubscriptionSpec spec, EventSubscriber subscriber) {
        checkLive("subscribe");
        Objects.requireNonNull(spec, "spec must not be null");
        Objects.requireNonNull(subscriber, "subscriber must not be null");
        return subscribe(SubscriberInterest.of(module.id(), spec), subscriber);
    }

    @Override
    public Subscription subscribeDurable(String name, SubscriptionSpec spec, EventSubscriber subscriber) {
        checkLive("subscribe");
        Objects.requireNonNull(spec, "spec must not be null");
        Objects.requireNonNull(subscriber, "subscriber must not be null");
        DurableSubscriptions.checkName(module.id(), name);
        Interest interest = SubscriberInterest.of(module.id(), spec);
        checkMaySubscribe();
        SubscriberEntry entry = runtime.subscribeDurable(module.bundle(), name,
                new Interest(interest.types(), interest.filter(), 0), subscriber);
        return track(entry);
    }

    @Override
    public List<Event> replay(String name, long fromSequence) {
        checkLive("replay");
        module.checkIdentity("replay");
        return runtime.durables().replay(module.id(), name, fromSequence);
    }

    @Override
    public boolean deleteDurable(String name) {
        checkLive("delete a durable subscription");
        module.checkIdentity("delete a durable subscription");
        for (ModuleSubscription subscription : subscriptions) {
            if (name.equals(subscription.entry.durableName())) {
                subscription.close();
            }
        }
        return runtime.durables().delete(module.id(), name);
    }

    @Override
    public List<DurableInfo> getDurableSubscriptions() {
        checkLive("list durable subscriptions");
        return runtime.durables().list();
    }

    private void checkMaySubscribe() {
        module.checkIdentity("subscribe");
        if ((module.bundle().getState() & (Bundle.STARTING | Bundle.ACTIVE)) == 0) {
            throw new IllegalStateException("Module " + module.id() + " (bundle " + module.bundleId() + ") may not "
                    + "subscribe while it is not starting or active; subscribe from its activator's or component's "
                    + "start");
        }
    }

    private Subscription track(SubscriberEntry entry) {
        ModuleSubscription subscription = new ModuleSubscription(entry);
        subscriptions.add(subscription);
        if (released) {
            // released while it subscribed: the release may have missed it
            subscription.close();
            throw module.released("EventManager", "subscribe");
        }
        return subscription;
    }

    private Subscription subscribe(Interest interest, EventSubscriber subscriber) {
        checkMaySubscribe();
        return track(runtime.core().subscribe(module.id(), module.bundleId(), interest, subscriber));
    }

    @Override
    public Optional<DeliveryStats> getDeliveryStats(String moduleId) {
        checkLive("read statistics");
        return runtime.core().stats(moduleId);
    }

    @Override
    public int getQueueCapacity(String moduleId) {
        checkLive("read statistics");
        return runtime.core().capacity(java.util.Objects.requireNonNull(moduleId, "moduleId must not be null"));
    }

    @Override
    public Map<String, DeliveryStats> getAllDeliveryStats() {
        checkLive("read statistics");
        return runtime.core().allStats();
    }

    @Override
    public void resetDeliveryStats(String moduleId) {
        checkLive("reset statistics");
        module.checkIdentity("reset statistics");
        if (!module.id().equals(moduleId)) {
            throw new SecurityException("Module " + module.id() + " may reset only its own delivery statistics, not "
                    + "those of " + moduleId + "; an operator resets any module with nodebus:reset <moduleId>");
        }
        runtime.core().resetStats(moduleId);
    }

    @Override
    public List<String> getSubscribers(EventType eventType) {
        checkLive("list subscribers");
        return runtime.core().subscribers(Objects.requireNonNull(eventType, "eventType must not be null"));
    }

    @Override
    public List<ModuleInfo> getLoadedModules() {
        checkLive("list modules");
        return runtime.loadedModules();
    }

    private final class ModuleSubscription implements Subscription {
        private final SubscriberEntry entry;
        private volatile boolean closed;

        ModuleSubscription(SubscriberEntry entry) {
            this.entry = entry;
        }

        @Override
        public String moduleId() {
            return entry.moduleId();
        }

        @Override
        public Set<EventType> eventTypes() {
            return entry.types();
        }

        @Override
        public Optional<String> filter() {
            return entry.filter().map(PayloadFilter::text);
        }

        @Override
        public boolean isActive() {
            return !closed && runtime.core().isSubscribed(entry);
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                runtime.core().unsubscribe(entry);
                subscriptions.remove(this);
            }
        }
    }
}
