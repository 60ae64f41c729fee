package org.nodebus.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.nodebus.api.event.EventCategory;
import org.nodebus.api.event.EventType;
import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * Sets the service properties of a DS component that provides an {@link EventSubscriber}: the event types
 * and categories it receives ({@value EventSubscriber#EVENT_TYPES_PROPERTY},
 * {@value EventSubscriber#CATEGORIES_PROPERTY}), the filter they must pass
 * ({@value EventSubscriber#FILTER_PROPERTY}) and how many past events it gets first
 * ({@value EventSubscriber#HISTORY_PROPERTY}).
 *
 * <pre>{@code
 * @Component
 * @SubscribeTo(value = EventType.MESSAGE_RECEIVED, filter = "(&(messageType=inv)(messageSize>=1000))")
 * public class BigInventories implements EventSubscriber { ... }
 *
 * @Component
 * @SubscribeTo(categories = EventCategory.NETWORK, history = 20)
 * public class PeerWatch implements EventSubscriber { ... }
 * }</pre>
 */
@ComponentPropertyType
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface SubscribeTo {

    /** Makes the property names {@code nodebus.subscribe.to}, {@code nodebus.categories}, ... */
    String PREFIX_ = "nodebus.";

    /**
     * The event types to receive.
     *
     * @return the types; with the categories, at least one type in all
     */
    EventType[] value() default {};

    /**
     * Categories to receive every type of, including types a later API adds to them.
     *
     * @return the categories
     * @since 1.2
     */
    EventCategory[] categories() default {};

    /**
     * An LDAP filter (the OSGi {@code Filter} syntax) over the payload's fields: only events that match are
     * queued for the module. Fields are named as the payload record's components; numbers compare as
     * numbers, enums by constant name, hashes as 64 lower-case hex digits, an absent optional field matches
     * nothing. A bad filter, or one naming a field none of the types has, keeps the subscriber from being
     * subscribed, and the log says why.
     *
     * @return the filter, empty for none
     * @since 1.2
     */
    String filter() default "";

    /**
     * How many of the latest events of its types (that pass its filter) the subscriber receives first,
     * marked as {@link Event#replay() replays}, before any live event; at most the EventManager's
     * {@code subscriber.history.max}.
     *
     * @return 0 for none
     * @since 1.2
     */
    int history() default 0;

    /**
     * The name of a durable subscription: the events of its types are journaled on disk, and when the
     * module subscribes again under this name (after a stop, an update, a crash or a node restart) it first
     * receives every journaled event after the last one its listener finished, marked
     * {@link Event#redelivered() redelivered}, then live events. Names are the module's own: two modules may
     * use the same name. See {@link EventManager#subscribeDurable}.
     *
     * @return the name, empty for a plain subscription
     * @since 1.2
     */
    String durable() default "";
}
