package org.nodebus.eventmanager.delivery;

import org.nodebus.api.event.EventPayload;

/**
 * One published event as it sits in the queues: shared by every module it was offered to; each module's
 * {@link org.nodebus.api.Event} envelope is made only when it is delivered.
 *
 * @param sequence global publish sequence number
 * @param timestampMillis when it was published
 * @param publisher the publishing module id, or {@code node}
 * @param payload what it carries
 * @param replay whether it is a replayed ModuleLoaded
 * @param tracker who waits for its outcome, or {@code null}
 * @param target the one listener a replay is meant for, or {@code null} for every listener of the module
 */
record Published(long sequence, long timestampMillis, String publisher, EventPayload payload, boolean replay,
        AwaitTracker tracker, SubscriberEntry target) {
}
