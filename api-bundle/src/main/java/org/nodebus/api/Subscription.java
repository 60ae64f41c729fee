package org.nodebus.api;

import java.util.Optional;
import java.util.Set;

import org.nodebus.api.event.EventType;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A programmatic subscription made with {@link EventManager#subscribe}. Close it to stop receiving
 * events; it is also closed when the subscribing bundle stops.
 */
@ProviderType
public interface Subscription extends AutoCloseable {

    /**
     * The module the subscription belongs to.
     *
     * @return the subscribing bundle's symbolic name
     */
    String moduleId();

    /**
     * The subscribed event types.
     *
     * @return an immutable set
     */
    Set<EventType> eventTypes();

    /**
     * The filter the events must match.
     *
     * @return the LDAP filter, or empty when the subscription has none
     * @since 1.2
     */
    Optional<String> filter();

    /**
     * Whether events are still delivered through this subscription.
     *
     * @return {@code false} once closed, or once the module is gone
     */
    boolean isActive();

    /** Ends the subscription. Events already queued for it are not delivered. Closing twice does nothing. */
    @Override
    void close();
}
