package org.nodebus.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

import org.junit.Test;
import org.nodebus.api.DeliveryStats;
import org.nodebus.api.Event;
import org.nodebus.api.EventManager;
import org.nodebus.api.EventPublisher;
import org.nodebus.api.EventSubscriber;
import org.nodebus.api.event.EventType;
import org.nodebus.api.event.Hash32;
import org.nodebus.api.event.NewBlock;
import org.nodebus.testing.Await;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Fairness as a neighbour of slow modules sees it: with more slow modules (10-100 ms per event, far under
 * the listener time limit) than delivery threads, a burst larger than their queues costs the fast modules
 * nothing, while the slow ones drop and count their own events.
 */
@ExamReactorStrategy(PerClass.class)
public class FairnessIT extends NodeBusTest {
    private static final int THREADS = 2;
    private static final long[] SLOW_MILLIS = {10, 40, 100};
    private static final int BURST = 2_000;
    /** The burst takes about 1.5 s, as a node receiving blocks and transactions in a hurry would publish. */
    private static final long PACE_NANOS = TimeUnit.MICROSECONDS.toNanos(750);

    /** Counts, and keeps the worst time from the publish call to the listener's entry. */
    private static final class Timed implements EventSubscriber {
        private final AtomicLongArray publishedAt;
        private final long sleepMillis;
        final AtomicLong received = new AtomicLong();
        final AtomicLong worstDelayNanos = new AtomicLong();

        Timed(AtomicLongArray publishedAt, long sleepMillis) {
            this.publishedAt = publishedAt;
            this.sleepMillis = sleepMillis;
        }

        @Override
        public void onEvent(Event event) {
            long delay = System.nanoTime() - publishedAt.get((int) ((NewBlock) event.payload()).height());
            worstDelayNanos.accumulateAndGet(delay, Math::max);
            received.incrementAndGet();
            if (sleepMillis > 0) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(sleepMillis)); // the module's own slowness
            }
        }
    }

    @Test
    public void slowModulesBeyondTheThreadCountCostTheirFastNeighboursNothing() throws Exception {
        Hashtable<String, Object> settings = new Hashtable<>();
        settings.put("delivery.threads", THREADS);
        settings.put("module.buffer.sizes", new String[] {"fair.slow.0=10", "fair.slow.1=10", "fair.slow.2=10"});
        configurationAdmin.getConfiguration("org.nodebus.eventmanager", "?").update(settings);

        AtomicLongArray publishedAt = new AtomicLongArray(BURST);
        Map<String, Timed> modules = new TreeMap<>();
        for (int i = 0; i < SLOW_MILLIS.length; i++) {
            modules.put("fair.slow." + i, new Timed(publishedAt, SLOW_MILLIS[i]));
        }
        modules.put("fair.fast.0", new Timed(publishedAt, 0));
        modules.put("fair.fast.1", new Timed(publishedAt, 0));
        for (Map.Entry<String, Timed> m : modules.entrySet()) {
            TestModules.subscribe(TestModules.startModule(context, m.getKey()), m.getValue(), EventType.NEW_BLOCK);
        }
        EventPublisher publisher = TestModules.publisher(TestModules.startModule(context, "fair.publisher"));
        EventManager manager = TestModules.manager(context.getBundle());
        Shell shell = new Shell(commandProcessor);
        Await.until("the slow queues are configured", () -> shell.run("nodebus:stats fair.slow.0").contains("/10"),
                () -> shell.run("nodebus:stats"));

        long next = System.nanoTime();
        for (int height = 0; height < BURST; height++) {
            publishedAt.set(height, System.nanoTime());
            publisher.publish(new NewBlock(Hash32.of(new byte[32]), height));
            // the burst's pace, not a synchronisation; a publisher that fell behind (a stalled test thread)
            // goes on at the pace instead of catching up in a flood
            next = Math.max(next + PACE_NANOS, System.nanoTime());
            LockSupport.parkNanos(next - System.nanoTime());
        }
        for (String module : modules.keySet()) {
            Await.until(module + " is done with the burst", () -> manager.getDeliveryStats(module).orElseThrow()
                    .offered() == BURST && manager.getDeliveryStats(module).orElseThrow().queued() == 0,
                    () -> manager.getDeliveryStats(module));
        }
        List<String> report = new ArrayList<>();
        for (Map.Entry<String, Timed> m : modules.entrySet()) {
            DeliveryStats stats = manager.getDeliveryStats(m.getKey()).orElseThrow();
            report.add(m.getKey() + " " + stats + " worst delay " + TimeUnit.NANOSECONDS.toMillis(
                    m.getValue().worstDelayNanos.get()) + " ms");
        }
        System.out.println("FAIRNESS " + THREADS + " delivery threads, " + BURST + " events in about "
                + TimeUnit.NANOSECONDS.toMillis(BURST * PACE_NANOS) + " ms: " + report);
        for (String fast : List.of("fair.fast.0", "fair.fast.1")) {
            DeliveryStats stats = manager.getDeliveryStats(fast).orElseThrow();
            assertEquals(fast + " lost events next to slow modules: " + report, new DeliveryStats(BURST, 0, 0, 0),
                    stats);
            assertEquals(fast + " received every event", BURST, modules.get(fast).received.get());
        }
        for (int i = 0; i < SLOW_MILLIS.length; i++) {
            String slow = "fair.slow." + i;
            DeliveryStats stats = manager.getDeliveryStats(slow).orElseThrow();
            assertTrue(slow + " drops its own events: " + stats, stats.channelFull() > 0);
            assertEquals(slow + " counts every event it was offered", BURST, stats.offered());
        }
    }
}
