package org.nodebus.eventmanager.runtime;

import java.util.HashMap;
import java.util.Map;

import org.nodebus.api.Event;
import org.nodebus.api.EventSubscriber;
import org.nodebus.eventmanager.codec.PayloadCodec;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.event.EventConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts every event to EventAdmin on {@code org/nodebus/event/<EventName>}, with the payload's fields
 * as properties plus the envelope's sequence, publisher and timestamp. It is an ordinary subscriber of
 * the EventManager's own module, so it has a bounded queue and statistics like any module, and a slow
 * EventAdmin never holds up a publisher.
 */
final class EventAdminBridge implements EventSubscriber {
    /** The topic prefix; the event name follows. */
    static final String TOPIC_PREFIX = "org/nodebus/event/";
    private static final Logger LOG = LoggerFactory.getLogger(EventAdminBridge.class);

    private final EventAdmin eventAdmin;

    EventAdminBridge(EventAdmin eventAdmin) {
        this.eventAdmin = eventAdmin;
    }

    @Override
    public void onEvent(Event event) {
        Map<String, Object> properties;
        try {
            properties = new HashMap<>(PayloadCodec.toProperties(event.payload()));
        } catch (RuntimeException e) {
            LOG.warn("Event {} #{} cannot be converted for EventAdmin and is not bridged: {}",
                    event.type().eventName(), event.sequence(), e.toString());
            return;
        }
        properties.put("nodebus.sequence", event.sequence());
        properties.put("nodebus.publisher", event.publisher());
        properties.put(EventConstants.TIMESTAMP, event.timestamp().toEpochMilli());
        properties.put("nodebus.category", event.type().category().name());
        try {
            eventAdmin.postEvent(new org.osgi.service.event.Event(TOPIC_PREFIX + event.type().eventName(), properties));
        } catch (LinkageError e) {
            // an EventAdmin whose bundle went away: an Error here would count as a crash of the node's own
            // channel and unsubscribe the bridge for good
            LOG.warn("Event {} #{} is not bridged: EventAdmin failed with {}", event.type().eventName(),
                    event.sequence(), e.toString());
        }
    }
}
