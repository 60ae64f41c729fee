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
     * Subscribes the calling module durably under a name. The events of the spec's types are written to the
     * node's journal (asynchronously: publishers never wait for the disk) from the first such subscription on,
     * also while the module is stopped. The listener first receives every journaled event after the last one
     * it finished under this name, in order, marked {@link Event#redelivered() redelivered}, then live events:
     * at least once, with no gap (at most the event in progress when the module or the node stopped comes
     * twice). It reads from the journal, so it never loses an event to a full queue; only the journal's
     * retention bounds how far behind it may fall, and the next event it receives tells how many it lost
     * ({@link Event#droppedBefore()}). A history is not given: the journal is the history.
     *
     * @param name the subscription's name, unique within the module: letters, digits, {@code . _ -}
     * @param spec the types, categories and filter (its history is ignored)
     * @param subscriber the listener
     * @return the subscription; closing it stops the delivery and keeps the position (see
     *         {@link #deleteDurable})
     * @throws IllegalArgumentException if the name is not valid or the filter is bad
     * @throws IllegalStateException if this module's subscription of that name is active already, or the
     *         journal cannot be opened (the message says why)
     * @since 1.2
     */
    Subscription subscribeDurable(String name, SubscriptionSpec spec, EventSubscriber subscriber);

    /**
     * Reads the calling module's journaled events of a durable subscription, whether it is active or not.
     *
     * @param name the durable subscription's name
     * @param fromSequence the first sequence number wanted
     * @return the journaled events of its types that match its filter with a sequence number of at least
     *         fromSequence, oldest first, at most {@value #REPLAY_PAGE}: call again from the last one's number
     *         plus one for more
     * @throws IllegalArgumentException if the module has no durable subscription of that name
     * @since 1.2
     */
    List<Event> replay(String name, long fromSequence);

    /** The most events one {@link #replay} call returns. */
    int REPLAY_PAGE = 10_000;

    /**
     * Ends the calling module's durable subscription for good: its position is forgotten and its types are
     * journaled no more (unless another durable subscription wants them). An active one is closed first.
     *
     * @param name the name
     * @return whether the module had a durable subscription of that name
     * @since 1.2
     */
    boolean deleteDurable(String name);

    /**
     * The durable subscriptions of every module, active or not.
     *
     * @return an immutable list, by module id and name
     * @since 1.2
     */
    List<DurableInfo> getDurableSubscriptions();

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
