package org.nodebus.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.nodebus.api.event.EventType;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Subscriptions, delivery statistics and the module landscape. Get it as an OSGi service; each bundle
 * gets its own instance, so whatever it does is done for the calling bundle's module id.
 */
@ProviderType
public interface EventManager {

    /**
     * Subscribes the calling module to the given event types. The events go to the module's one queue,
     * shared with its whiteboard {@link EventSubscriber} services.
     *
     * @param eventTypes the types, at least one
     * @param subscriber the listener
     * @return the subscription; close it to unsubscribe
     * @throws IllegalArgumentException if eventTypes is empty
     * @throws NullPointerException if an argument is {@code null}
     */
    Subscription subscribe(Set<EventType> eventTypes, EventSubscriber subscriber);

    /**
     * Subscribes the calling module as the spec says: types and categories, a filter over the payload's
     * fields (events that do not match take no place in the module's queue and count as
     * {@link DeliveryStats#filtered() filtered}), and a history: the latest matching events delivered first,
     * as replays, then live events, with no gap and no duplicate.
     *
     * @param spec what to receive
     * @param subscriber the listener
     * @return the subscription; close it to unsubscribe
     * @throws IllegalArgumentException naming the module and what is wrong: a filter that does not parse,
     *         names a field none of the types has, or compares a field with a value of the wrong kind (a
     *         history above the node's {@code subscriber.history.max} is not refused: the subscriber gets at most
     *         that many)
     * @throws NullPointerException if an argument is {@code null}
     * @since 1.2
     */
    Subscription subscribe(SubscriptionSpec spec, EventSubscriber subscriber);

    /**
     * The delivery statistics of one module.
     *
     * @param moduleId a module id (Bundle-SymbolicName)
     * @return its statistics, or empty if no module of that id has subscribed
     */
    Optional<DeliveryStats> getDeliveryStats(String moduleId);

    /**
     * The size of a module's queue: how many events it holds before further events for the module are
     * dropped (its own configured size, or the EventManager's {@code buffer.size}).
     *
     * @param moduleId a module id (Bundle-SymbolicName)
     * @return the capacity its queue has or would have once it subscribes
     * @since 1.2
     */
    int getQueueCapacity(String moduleId);

    /**
     * The delivery statistics of every module that has subscribed.
     *
     * @return an immutable map from module id to statistics
     */
    Map<String, DeliveryStats> getAllDeliveryStats();

    /**
     * Zeroes the statistics of one module; events still queued stay counted as queued. A module may reset
     * only its own statistics.
     *
     * @param moduleId the module whose statistics to reset
     * @throws SecurityException if moduleId is not the calling module
     */
    void resetDeliveryStats(String moduleId);

    /**
     * The modules subscribed to a type.
     *
     * @param eventType the type
     * @return an immutable list of module ids, sorted
     */
    List<String> getSubscribers(EventType eventType);

    /**
     * The modules loaded now, in load order.
     *
     * @return an immutable list
     */
    List<ModuleInfo> getLoadedModules();
}
