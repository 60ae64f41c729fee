package org.nodebus.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Receives events. Register an implementation as an OSGi service with the types it wants in the
 * {@value #EVENT_TYPES_PROPERTY} service property, most simply through a DS component:
 *
 * <pre>{@code
 * @Component
 * @SubscribeTo({EventType.NEW_BLOCK, EventType.NODE_SHUTDOWN})
 * public class BlockIndexer implements EventSubscriber {
 *     public void onEvent(Event event) { ... }
 * }
 * }</pre>
 *
 * <p>Unregistering the service ends the subscription. A subscriber can also be passed to
 * {@link EventManager#subscribe}. Either way the events go to its module's one queue.
 *
 * <p>{@link #onEvent} is called on a delivery thread of the EventManager, one event at a time per
 * module, in publish order. Keep it short: while it runs, the module's queue fills, and a listener that
 * runs past the listener time limit marks the module UNRESPONSIVE. An exception counts the event as
 * failed; an {@link Error} is treated as a crash of the module.
 */
@ConsumerType
public interface EventSubscriber {

    /**
     * The service property that lists the event types a whiteboard subscriber wants, as
     * {@link org.nodebus.api.event.EventType} constant names ({@code NEW_BLOCK}) or event names
     * ({@code NewBlock}). {@link SubscribeTo} sets it.
     */
    String EVENT_TYPES_PROPERTY = "nodebus.subscribe.to";

    /**
     * The service property that lists event categories ({@code NETWORK}, ...) a whiteboard subscriber
     * receives every type of, as {@link org.nodebus.api.event.EventCategory} constant names.
     *
     * @since 1.2
     */
    String CATEGORIES_PROPERTY = "nodebus.categories";

    /**
     * The service property with an LDAP filter over the payload's fields that a whiteboard subscriber's
     * events must match; see {@link SubscribeTo#filter()}.
     *
     * @since 1.2
     */
    String FILTER_PROPERTY = "nodebus.filter";

    /**
     * The service property with how many of the latest matching events a whiteboard subscriber receives
     * before live ones; see {@link SubscribeTo#history()}.
     *
     * @since 1.2
     */
    String HISTORY_PROPERTY = "nodebus.history";

    /**
     * The service property with the name of a whiteboard subscriber's durable subscription; see
     * {@link SubscribeTo#durable()}.
     *
     * @since 1.2
     */
    String DURABLE_PROPERTY = "nodebus.durable";

    /**
     * Handles one event.
     *
     * @param event the event, never {@code null}
     */
    void onEvent(Event event);
}
