package org.nodebus.api;

import org.nodebus.api.event.EventPayload;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Publishes events. Get it as an OSGi service; each bundle gets its own instance, which publishes under
 * that bundle's symbolic name as {@link Event#publisher()}.
 */
@ProviderType
public interface EventPublisher {

    /**
     * Publishes an event to every subscriber of its type. Never blocks and never runs a subscriber on
     * the calling thread: the event is offered to each subscribing module's queue, and a module whose
     * queue is full misses it (critical events excepted).
     *
     * @param payload the event; its type is {@code payload.type()}
     * @throws NullPointerException if payload is {@code null}
     * @throws SecurityException if the event type is reserved to the node
     *         ({@link org.nodebus.api.event.EventType#isReserved()}) and the caller is not a node component
     */
    void publish(EventPayload payload);
}
