package org.nodebus.itests.modules;

import java.util.Hashtable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/**
 * Packed into a test module whose subscriber component needs a service the module registers itself, late:
 * 200 ms (or the {@value #DELAY_HEADER} header's milliseconds) after the bundle started, from a thread of its
 * own (a module warming up a cache, say). The service has the property {@value #MARKER} set to the bundle's
 * symbolic name, so a module's component waits for its own bundle's service only.
 */
public class LateStartActivator implements BundleActivator {
    public static final String MARKER = "late.marker";
    public static final String DELAY_HEADER = "Late-Start-Millis";

    private Thread late;

    @Override
    public void start(BundleContext context) {
        String header = context.getBundle().getHeaders("").get(DELAY_HEADER);
        long delay = header == null ? 200 : Long.parseLong(header);
        String name = context.getBundle().getSymbolicName();
        late = new Thread(() -> {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(delay)); // the module's own slow start
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
            Hashtable<String, Object> properties = new Hashtable<>();
            properties.put(MARKER, name);
            try {
                context.registerService(Runnable.class, () -> { }, properties);
            } catch (IllegalStateException stopped) {
                // the bundle stopped before its late service was ready
            }
        }, "late-start");
        late.setDaemon(true);
        late.start();
    }

    /** A well-behaved module: its thread is gone before it stops, so it never registers with a stale context. */
    @Override
    public void stop(BundleContext context) throws InterruptedException {
        late.interrupt();
        late.join();
    }
}
