package org.nodebus.eventmanager.runtime;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.nodebus.api.DeliveryStats;
import org.nodebus.api.EventManager;
import org.nodebus.api.EventSubscriber;
import org.nodebus.api.ModuleInfo;
import org.nodebus.api.Subscription;
import org.nodebus.api.event.EventType;
import org.nodebus.eventmanager.delivery.SubscriberEntry;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;

/**
 * The {@link EventManager} one bundle gets: it subscribes and resets statistics for that bundle's module
 * only; reading statistics and the module list is open to everyone.
 */
@Component(service = EventManager.class, scope = ServiceScope.BUNDLE)
public final class ModuleEventManager implements EventManager {
    private final EventManagerRuntime runtime;
    private final CallingModule module;
    private final List<ModuleSubscription> subscriptions = new CopyOnWriteArrayList<>();

    @Activate
    public ModuleEventManager(ComponentContext context, @Reference EventManagerRuntime runtime) {
        this.runtime = runtime;
        this.module = CallingModule.of(context);
    }

    /** The bundle released the service (usually because it stops): its subscriptions end. */
    @Deactivate
    void deactivate() {
        subscriptions.forEach(ModuleSubscription::close);
    }

    @Override
    public Subscription subscribe(Set<EventType> eventTypes, EventSubscriber subscriber) {
        Objects.requireNonNull(eventTypes, "eventTypes must not be null");
        Objects.requireNonNull(subscriber, "subscriber must not be null");
        module.checkIdentity("subscribe");
        SubscriberEntry entry = runtime.core().subscribe(module.id(), module.bundleId(), eventTypes, subscriber);
        ModuleSubscription subscription = new ModuleSubscription(entry);
        subscriptions.add(subscription);
        return subscription;
    }

    @Override
    public Optional<DeliveryStats> getDeliveryStats(String moduleId) {
        return runtime.core().stats(moduleId);
    }

    @Override
    public Map<String, DeliveryStats> getAllDeliveryStats() {
        return runtime.core().allStats();
    }

    @Override
    public void resetDeliveryStats(String moduleId) {
        module.checkIdentity("reset statistics");
        if (!module.id().equals(moduleId)) {
            throw new SecurityException("Module " + module.id() + " may reset only its own delivery statistics, not "
                    + "those of " + moduleId + "; an operator resets any module with nodebus:reset <moduleId>");
        }
        runtime.core().resetStats(moduleId);
    }

    @Override
    public List<String> getSubscribers(EventType eventType) {
        return runtime.core().subscribers(Objects.requireNonNull(eventType, "eventType must not be null"));
    }

    @Override
    public List<ModuleInfo> getLoadedModules() {
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
