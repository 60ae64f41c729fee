package org.nodebus.api;

import java.time.Duration;

import org.nodebus.api.event.EventPayload;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Publishes events. Get it as an OSGi service; each bundle gets its own instance, which publishes under
 * that bundle's symbolic name as {@link Event#publisher()} (events reserved to the node, which only node
 * components may publish, carry {@value Event#NODE_PUBLISHER} instead).
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

    /**
     * Publishes an event like {@link #publish}, then waits until every module it was offered to has
     * finished handling it, or until the timeout passes. Meant for node components that must know
     * their modules are done (shutdown, maintenance). Other publishers are not held up: only the
     * calling thread waits.
     *
     * @param payload the event
     * @param timeout the longest time to wait; zero or negative does not wait at all
     * @return which modules handled the event, failed, missed it, or had not finished in time
     * @throws NullPointerException if an argument is {@code null}
     * @throws SecurityException as for {@link #publish}
     * @throws InterruptedException if the calling thread is interrupted while it waits
     * @since 1.1
     */
    DeliveryReport publishAndAwait(EventPayload payload, Duration timeout) throws InterruptedException;
}
