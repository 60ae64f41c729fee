package org.nodebus.itests.modules;

import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import org.nodebus.api.Event;
import org.nodebus.api.EventSubscriber;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/**
 * Packed into test module bundles: subscribes, while the bundle starts, to the types named in its
 * {@code Test-Subscribe} header, and records what it receives. The test reads the record through the
 * same service as a {@link Supplier} (a JDK type, so no class is shared with the test probe).
 */
public class RecordingActivator implements BundleActivator {
    public static final String TYPES_HEADER = "Test-Subscribe";
    public static final String RECORDER_PROPERTY = "test.recorder";
    /** Optional: the name of a durable subscription to subscribe as. */
    public static final String DURABLE_HEADER = "Test-Durable";

    @Override
    public void start(BundleContext context) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(EventSubscriber.EVENT_TYPES_PROPERTY, context.getBundle().getHeaders().get(TYPES_HEADER).split(","));
        properties.put(RECORDER_PROPERTY, context.getBundle().getSymbolicName());
        String durable = context.getBundle().getHeaders().get(DURABLE_HEADER);
        if (durable != null) {
            properties.put(EventSubscriber.DURABLE_PROPERTY, durable);
        }
        context.registerService(new String[] {EventSubscriber.class.getName(), Supplier.class.getName()},
                new Recording(), properties);
    }

    @Override
    public void stop(BundleContext context) {
    }

    /** The recording subscriber. */
    public static class Recording implements EventSubscriber, Supplier<List<Event>> {
        private final List<Event> events = new CopyOnWriteArrayList<>();

        @Override
        public void onEvent(Event event) {
            events.add(event);
        }

        @Override
        public List<Event> get() {
            return events;
        }
    }
}
