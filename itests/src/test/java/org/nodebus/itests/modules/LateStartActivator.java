package org.nodebus.itests.modules;

import java.util.Hashtable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/**
 * Packed into a test module whose subscriber component needs a service the module registers itself, late:
 * 200 ms after the bundle started, from a thread of its own (a module warming up a cache, say).
 */
public class LateStartActivator implements BundleActivator {
    public static final String MARKER = "late.marker";

    @Override
    public void start(BundleContext context) {
        Thread late = new Thread(() -> {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200)); // the module's own slow start
            Hashtable<String, Object> properties = new Hashtable<>();
            properties.put(MARKER, "true");
            try {
                context.registerService(Runnable.class, () -> { }, properties);
            } catch (IllegalStateException stopped) {
                // the bundle stopped before its late service was ready
            }
        }, "late-start");
        late.setDaemon(true);
        late.start();
    }

    @Override
    public void stop(BundleContext context) {
    }
}
