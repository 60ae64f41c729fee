package org.nodebus.eventmanager.delivery;

import org.nodebus.eventmanager.config.DeliverySettings;

/** What a {@link ModuleChannel} needs of the core it belongs to; implemented by {@link DeliveryCore}. */
interface ChannelHost {

    /**
     * Runs the channel's executor on the shared pool (at the back of its run queue).
     *
     * @return false if the pool could not take it (it is shut down, or could not start a thread)
     */
    boolean schedule(ModuleChannel channel);

    /** A turn of an executor begins on a delivery thread whose slot is marked as in a turn: the watchdog wakes. */
    void turnBegan();

    /** Whether another module's executor waits for a pool thread. */
    boolean othersWaiting();

    DeliverySettings settings();

    /** The watchdog's coarse clock (nanoTime as of its latest check): time slices and rate limits. */
    long coarseNanos();

    /** Where health transitions go; flush it with no lock held. */
    HealthOutbox outbox();

    /** A compensated call returned: the pool may shrink back. */
    void compensationReleased();

    /**
     * A listener threw an Error: if it is still subscribed, its module crashed and is unsubscribed. On the
     * delivery thread, with no lock held.
     */
    void crashed(ModuleChannel channel, SubscriberEntry entry, Error error);
}
