package org.nodebus.eventmanager.delivery;

import java.util.Set;

import org.nodebus.api.event.EventType;

/**
 * Told of every new listener (or new types of a listener) while the publish lock is held, so what it
 * replays or publishes is ordered atomically with respect to every other publication.
 */
public interface SubscriptionObserver {

    /** An observer that does nothing. */
    SubscriptionObserver NONE = (entry, newTypes) -> { };

    /**
     * A listener was added or now wants more types. Must not block and must not call out of the
     * EventManager (no framework or SCR calls): it runs under the publish lock.
     *
     * @param entry the listener
     * @param newTypes the types it wants that it did not want before
     */
    void subscribed(SubscriberEntry entry, Set<EventType> newTypes);

    /** Called after {@link #subscribed}, once the publish lock is released: for what must not run under it. */
    default void afterSubscribed() {
    }
}
