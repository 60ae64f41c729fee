package org.nodebus.benchmarks.candidates;

import java.util.Hashtable;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

import org.nodebus.benchmarks.osgi.EmbeddedFramework;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/**
 * Felix EventAdmin 1.6.4, postEvent (asynchronous) or sendEvent (synchronous, handlers run on the caller's
 * thread), with its default configuration or with the handler timeout off.
 */
public final class EventAdminCandidate implements Candidate {
    private static final String TOPIC = "bench/event";

    private final EmbeddedFramework framework;
    private final EventAdmin eventAdmin;
    private final LongAdder delivered = new LongAdder();
    private final Event event = new Event(TOPIC, Map.of("height", 1L));
    private final boolean synchronous;

    private final boolean stamped;

    /** @param sink told of each delivery with the value it was published with, or {@code null} */
    public EventAdminCandidate(int subscribers, boolean timeoutOff, boolean synchronous, LatencySink sink)
            throws Exception {
        this.synchronous = synchronous;
        this.stamped = sink != null;
        framework = EmbeddedFramework.start(false,
                timeoutOff ? Map.of("org.apache.felix.eventadmin.Timeout", "0") : Map.of());
        for (int s = 0; s < subscribers; s++) {
            Hashtable<String, Object> properties = new Hashtable<>();
            properties.put(EventConstants.EVENT_TOPIC, TOPIC);
            int index = s;
            framework.context().registerService(EventHandler.class, e -> {
                if (sink != null) {
                    sink.delivered(index, (Long) e.getProperty("height"));
                }
                delivered.increment();
            }, properties);
        }
        eventAdmin = framework.service(framework.context(), EventAdmin.class);
    }

    @Override
    public void publish(long i) {
        Event event = stamped ? new Event(TOPIC, Map.of("height", i)) : this.event;
        if (synchronous) {
            eventAdmin.sendEvent(event);
        } else {
            eventAdmin.postEvent(event);
        }
    }

    @Override
    public long delivered() {
        return delivered.sum();
    }

    @Override
    public long dropped() {
        return 0;
    }

    @Override
    public void close() throws Exception {
        framework.close();
    }
}
