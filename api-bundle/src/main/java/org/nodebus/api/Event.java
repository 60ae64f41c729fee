package org.nodebus.api;

import java.time.Instant;
import java.util.Objects;

import org.nodebus.api.event.EventPayload;
import org.nodebus.api.event.EventType;

/**
 * The envelope in which a subscriber receives an event.
 *
 * @param sequence the global publish sequence number: every published event (and every replay) gets the
 *        next number, so a module receives its events in increasing order, with one exception: a critical
 *        event (NodeShutdown, DataMaintenance with urgency HIGH, DiskSpaceLow) jumps ahead of the events
 *        already queued for the module, which then follow with lower numbers. A {@code ModuleLoaded} replay
 *        carries the number of the replay; an event from the history (see {@link SubscribeTo#history()})
 *        carries the number and timestamp of the original event, so its numbers are lower than those of
 *        the live events that follow it
 * @param timestamp when the event was published
 * @param publisher {@value #NODE_PUBLISHER} for every event reserved to the node (module, node, maintenance
 *        and resource categories: the EventManager and the node components publish them) and for what the
 *        operator publishes from the shell; otherwise the id of the module that published it
 * @param payload what the event carries; its {@link EventPayload#type() type} is the event's type
 * @param replay {@code true} for an event from the history delivered to a new subscriber before the live
 *        ones, and for a {@code ModuleLoaded} replayed to a module that subscribed after that
 *        module had loaded
 * @param droppedBefore how many events the subscriber's module lost since its previous delivery because
 *        its queue was full; 0 when it missed nothing. A module's listeners share its one queue, so the
 *        count covers every event dropped for the module, whichever of its listeners it was for, and is
 *        told to the listener that receives the module's next event. For a durable subscription: the events
 *        of its types it lost since its previous delivery, because they fell off the journal's retention or
 *        the journal could not write them
 * @param redelivered {@code true} for an event a durable subscription receives from the journal that was
 *        published before it subscribed this time (after a stop, an update, a crash or a node restart); it may
 *        have been delivered before (at-least-once: at most the one in progress when it stopped). Since 1.2
 */
public record Event(long sequence, Instant timestamp, String publisher, EventPayload payload, boolean replay,
        long droppedBefore, boolean redelivered) {

    /** The publisher id of events published by the node itself rather than by a module. */
    public static final String NODE_PUBLISHER = "node";

    /**
     * An event that is not redelivered.
     *
     * @param sequence the sequence number
     * @param timestamp when it was published
     * @param publisher who published it
     * @param payload what it carries
     * @param replay whether it is a replay
     * @param droppedBefore events lost before it
     */
    public Event(long sequence, Instant timestamp, String publisher, EventPayload payload, boolean replay,
            long droppedBefore) {
        this(sequence, timestamp, publisher, payload, replay, droppedBefore, false);
    }

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
