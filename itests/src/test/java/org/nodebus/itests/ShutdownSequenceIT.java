package org.nodebus.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.Test;
import org.nodebus.api.Event;
import org.nodebus.api.EventSubscriber;
import org.nodebus.api.NodeControl;
import org.nodebus.api.event.DataMaintenance;
import org.nodebus.api.event.EventType;
import org.nodebus.api.event.NodeShutdown;
import org.nodebus.api.event.ShutdownReason;
import org.nodebus.testing.Await;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.framework.launch.Framework;

/**
 * The shutdown sequence in a real Felix framework that is really stopped: every module handles
 * NodeShutdown and the high-urgency flush before it is stopped, NodeShutdownCompleted comes last, and a
 * hung module costs at most the timeout. Framework launched by the test (see {@link EmbeddedNode}),
 * since a Pax Exam container cannot be stopped from inside a test.
 */
public class ShutdownSequenceIT {
    private static final EventType[] SHUTDOWN = {EventType.NODE_SHUTDOWN, EventType.DATA_MAINTENANCE,
        EventType.NODE_SHUTDOWN_COMPLETED};

    /** One line per thing that happened, in the order it happened. */
    private final List<String> timeline = new CopyOnWriteArrayList<>();

    private EventSubscriber recorder(String module, long nodeShutdownMillis) {
        return event -> {
            timeline.add(module + " got " + describe(event));
            if (event.payload() instanceof NodeShutdown && nodeShutdownMillis > 0) {
                try {
                    Thread.sleep(nodeShutdownMillis); // the module's own cleanup work, simulated
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                timeline.add(module + " finished NodeShutdown");
            }
        };
    }

    private static String describe(Event event) {
        if (event.payload() instanceof DataMaintenance d) {
            return "DataMaintenance(" + d.operation() + "," + d.urgency() + "," + d.reason() + ")";
        }
        if (event.payload() instanceof NodeShutdown s) {
            return "NodeShutdown(" + s.reason() + ")";
        }
        return event.type().eventName();
    }

    private Framework nodeWithModules(long slowMillis, long hungMillis) throws Exception {
        Framework framework = EmbeddedNode.start();
        var context = framework.getBundleContext();
        context.addBundleListener((SynchronousBundleListener) e -> {
            if (e.getType() == BundleEvent.STOPPING && e.getBundle().getSymbolicName().startsWith("test.")) {
                timeline.add(e.getBundle().getSymbolicName() + " stopping");
            }
        });
        // infrastructure that outlives the modules hears NodeShutdownCompleted
        context.registerService(EventSubscriber.class, recorder("infrastructure", 0), properties());
        subscribe(TestModules.startModule(context, "test.fast"), recorder("test.fast", 0));
        subscribe(TestModules.startModule(context, "test.slow"), recorder("test.slow", slowMillis));
        if (hungMillis > 0) {
            subscribe(TestModules.startModule(context, "test.hung"), recorder("test.hung", hungMillis));
        }
        return framework;
    }

    private static java.util.Hashtable<String, Object> properties() {
        java.util.Hashtable<String, Object> p = new java.util.Hashtable<>();
        p.put(EventSubscriber.EVENT_TYPES_PROPERTY, java.util.Arrays.stream(SHUTDOWN).map(Enum::name).toArray(String[]::new));
        return p;
    }

    private static void subscribe(Bundle module, EventSubscriber subscriber) {
        TestModules.subscribe(module, subscriber, SHUTDOWN);
    }

    private int index(String line) {
        int i = timeline.indexOf(line);
        assertTrue("'" + line + "' missing from " + timeline, i >= 0);
        return i;
    }

    @Test
    public void stoppingTheFrameworkRunsTheWholeSequenceInOrder() throws Exception {
        Framework framework = nodeWithModules(300, 0);
        framework.stop();
        FrameworkEvent stopped = framework.waitForStop(60_000);
        assertEquals(FrameworkEvent.STOPPED, stopped.getType());

        for (String module : List.of("test.fast", "test.slow")) {
            int shutdown = index(module + " got NodeShutdown(GRACEFUL)");
            int flush = index(module + " got DataMaintenance(FLUSH,HIGH,SHUTDOWN)");
            int stopping = index(module + " stopping");
            assertTrue(timeline.toString(), shutdown < flush && flush < stopping);
        }
        assertTrue("the slow module finished before the flush was sent",
                index("test.slow finished NodeShutdown") < index("test.fast got DataMaintenance(FLUSH,HIGH,SHUTDOWN)"));
        int completed = index("infrastructure got NodeShutdownCompleted");
        assertTrue(timeline.toString(), index("test.fast stopping") < completed && index("test.slow stopping") < completed);
    }

    @Test
    public void aHungModuleDelaysTheShutdownRequestedThroughTheApiByAtMostTheTimeout() throws Exception {
        Framework framework = nodeWithModules(0, 30_000);
        // a bundle of the node asks for the shutdown, as an RPC component would
        var context = java.util.Arrays.stream(framework.getBundleContext().getBundles())
                .filter(b -> "test.fast".equals(b.getSymbolicName())).findFirst().orElseThrow().getBundleContext();
        Await.until("the janitor offers NodeControl", () -> context.getServiceReference(NodeControl.class) != null);
        NodeControl control = context.getService(context.getServiceReference(NodeControl.class));
        CountDownLatch stopped = new CountDownLatch(1);
        new Thread(() -> {
            try {
                framework.waitForStop(0);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            stopped.countDown();
        }).start();
        long start = System.nanoTime();
        control.shutdown(ShutdownReason.RPC, Duration.ofSeconds(2));
        assertTrue("the framework did not stop", stopped.await(60, TimeUnit.SECONDS));
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        // the 2 s timeout, plus stopping bundles and the 2 s grace for NodeShutdownCompleted's listeners
        assertTrue("the shutdown took " + tookMillis + " ms", tookMillis < 2_000 + 2_000 + 3_000);
        assertTrue("the wait ended at the timeout, not when the hung module returned", tookMillis >= 2_000);
        assertTrue(timeline.contains("test.hung got NodeShutdown(RPC)"));
        int fastFlush = index("test.fast got DataMaintenance(FLUSH,HIGH,SHUTDOWN)");
        assertTrue(fastFlush < index("test.fast stopping"));
        assertTrue(index("test.hung stopping") < index("infrastructure got NodeShutdownCompleted"));
    }
}
