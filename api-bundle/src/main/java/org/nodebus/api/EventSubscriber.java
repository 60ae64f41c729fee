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
     * Handles one event.
     *
     * @param event the event, never {@code null}
     */
    void onEvent(Event event);
}
