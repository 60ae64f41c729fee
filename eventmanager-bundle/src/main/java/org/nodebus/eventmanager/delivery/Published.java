package org.nodebus.eventmanager.delivery;

import java.time.Instant;

import java.util.function.Supplier;

import org.nodebus.api.Event;
import org.nodebus.api.event.EventPayload;

/**
 * One published event as it sits in the queues: shared by every module it was offered to. Each module's
 * {@link Event} envelope is made when it is delivered; modules that lost no event since their previous
 * delivery share one envelope, made by whichever module gets there first.
 */
final class Published implements Supplier<Event> {
    private final long sequence;
    private final Instant timestamp;
    private final String publisher;
    private final EventPayload payload;
    private final AwaitTracker tracker;
    private final SubscriberEntry target;
    /** The payload's {@link EventPayload#isCritical()}, asked once, not once per module. */
    private final boolean critical;
    /** The envelope with no drops; a benign race may make it twice, both equal and immutable. */
    private Event shared;
    /**
     * Whether more than one module may deliver it, so its envelope is worth keeping; written by the publisher
     * before the event is queued. For one module the executor would write the envelope into a line next to
     * the events the publisher is writing now, and take that line from it.
     */
    private boolean fannedOut;
    /** For an event read from the journal: the durable subscription it is for, else null. */
    private final DurableFeed feed;
    private final boolean redelivered;
    private final long lostBefore;

    /**
     * @param sequence global publish sequence number
     * @param timestamp when it was published (events of one millisecond share one instance)
     * @param publisher the publishing module id, or {@code node}
     * @param payload what it carries
     * @param tracker who waits for its outcome, or {@code null}
     * @param target the one listener a replay is meant for, or {@code null} for a live event
     */
    Published(long sequence, Instant timestamp, String publisher, EventPayload payload, AwaitTracker tracker,
            SubscriberEntry target) {
        this(sequence, timestamp, publisher, payload, tracker, target, null, false, 0);
    }

    private Published(long sequence, Instant timestamp, String publisher, EventPayload payload, AwaitTracker tracker,
            SubscriberEntry target, DurableFeed feed, boolean redelivered, long lostBefore) {
        this.sequence = sequence;
        this.timestamp = timestamp;
        this.publisher = publisher;
        this.payload = payload;
        this.tracker = tracker;
        this.target = target;
        // a replay keeps its place among the replays before it: it never jumps the queue
        this.critical = target == null && payload.isCritical();
        this.feed = feed;
        this.redelivered = redelivered;
        this.lostBefore = lostBefore;
    }

    /** An event read from the journal for a durable subscription's one listener. */
    static Published fromJournal(long sequence, Instant timestamp, String publisher, EventPayload payload,
            DurableFeed feed, boolean redelivered, long lostBefore) {
        return new Published(sequence, timestamp, publisher, payload, null, feed.entry, feed, redelivered, lostBefore);
    }

    /** The durable subscription it was read for, or null. */
    DurableFeed feed() {
        return feed;
    }

    /** The same event again, for one listener only: a replay from the history, with the original's number and time. */
    Published replayFor(SubscriberEntry listener) {
        return new Published(sequence, timestamp, publisher, payload, null, listener);
    }

    /** By the publisher, before it queues the event: it goes to more than one module. */
    void fanOut() {
        fannedOut = true;
    }

    /** The envelope without drops, shared; what the event history shows. */
    @Override
    public Event get() {
        Event event = shared;
        if (event == null) {
            event = newEnvelope(0);
            shared = event;
        }
        return event;
    }

    /** The envelope a durable subscription receives: its own losses, and whether it is redelivered. */
    Event durableEnvelope() {
        return new Event(sequence, timestamp, publisher, payload, false, lostBefore, redelivered);
    }

    /** The envelope one module receives, telling how many events it lost since its previous delivery. */
    Event envelope(long droppedSinceDelivery) {
        if (droppedSinceDelivery != 0) {
            return newEnvelope(droppedSinceDelivery);
        }
        return fannedOut ? get() : newEnvelope(0);
    }

    private Event newEnvelope(long dropped) {
        return new Event(sequence, timestamp, publisher, payload, target != null, dropped);
    }

    long sequence() {
        return sequence;
    }

    boolean critical() {
        return critical;
    }

    EventPayload payload() {
        return payload;
    }

    AwaitTracker tracker() {
        return tracker;
    }

    SubscriberEntry target() {
        return target;
    }
}
