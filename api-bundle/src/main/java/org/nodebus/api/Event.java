package org.nodebus.api;

import java.time.Instant;
import java.util.Objects;

import org.nodebus.api.event.EventPayload;
import org.nodebus.api.event.EventType;

/**
 * The envelope in which a subscriber receives an event.
 *
 * @param sequence the global publish sequence number: it increases with every published event, so a
 *        subscriber sees strictly increasing numbers (replays carry the number of the replay, not of
 *        the original event)
 * @param timestamp when the event was published
 * @param publisher the id of the module that published it, or {@value #NODE_PUBLISHER} for the node
 *        itself (the EventManager, the node components, the operator's shell)
 * @param payload what the event carries; its {@link EventPayload#type() type} is the event's type
 * @param replay {@code true} for a {@code ModuleLoaded} replayed to a module that subscribed after that
 *        module had loaded
 * @param droppedBefore how many events were dropped for this subscriber (its queue was full) since the
 *        previous event it received; 0 when it missed nothing
 */
public record Event(long sequence, Instant timestamp, String publisher, EventPayload payload, boolean replay,
        long droppedBefore) {

    /** The publisher id of events published by the node itself rather than by a module. */
    public static final String NODE_PUBLISHER = "node";

    /**
     * Checks every field.
     *
     * @throws NullPointerException if timestamp, publisher or payload is {@code null}
     * @throws IllegalArgumentException if sequence or droppedBefore is negative
     */
    public Event {
        Objects.requireNonNull(timestamp, "Event.timestamp must not be null");
        Objects.requireNonNull(publisher, "Event.publisher must not be null");
        Objects.requireNonNull(payload, "Event.payload must not be null");
        if (sequence < 0) {
            throw new IllegalArgumentException("Event.sequence must be >= 0 but was " + sequence);
        }
        if (droppedBefore < 0) {
            throw new IllegalArgumentException("Event.droppedBefore must be >= 0 but was " + droppedBefore);
        }
    }

    /**
     * The event's type, taken from its payload.
     *
     * @return {@code payload().type()}
     */
    public EventType type() {
        return payload.type();
    }
}
