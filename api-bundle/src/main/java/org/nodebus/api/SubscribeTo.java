package org.nodebus.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.nodebus.api.event.EventType;
import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * Sets the {@value EventSubscriber#EVENT_TYPES_PROPERTY} service property of a DS component that
 * provides an {@link EventSubscriber}: the event types it receives.
 */
@ComponentPropertyType
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface SubscribeTo {

    /** Makes the property name {@value EventSubscriber#EVENT_TYPES_PROPERTY}. */
    String PREFIX_ = "nodebus.";

    /**
     * The event types to receive.
     *
     * @return at least one type
     */
    EventType[] value();
}
