package org.nodebus.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.junit.Test;
import org.nodebus.api.DeliveryReport;
import org.nodebus.api.DeliveryStats;
import org.nodebus.api.Event;
import org.nodebus.api.EventManager;
import org.nodebus.api.EventPublisher;
import org.nodebus.api.ModuleInfo;
import org.nodebus.api.event.EventType;
import org.nodebus.api.event.Hash32;
import org.nodebus.api.event.NewBlock;
import org.nodebus.api.event.PeerConnected;
import org.nodebus.itests.soak.ChaosMonkey;
import org.nodebus.itests.soak.ChaosMonkey.Incarnation;
import org.nodebus.itests.soak.DeadlockWatch;
import org.nodebus.itests.soak.PublishTimes;
import org.nodebus.itests.soak.SoakSubscriber;
import org.nodebus.itests.soak.SoakSubscriber.Behaviour;
import org.nodebus.testing.Await;
import org.nodebus.testing.Recorder;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

/**
 * The chaos soak: stable modules of every behaviour, one publisher flooding at full speed and one at a
 * steady rate, and a chaos thread installing, starting, stopping, updating and uninstalling misbehaving
 * modules and changing buffer sizes. When it quiesces, the node must have kept its word for every module
 * that ever lived. Runs {@code nodebus.soak.seconds} (60 in the build; see docs/reliability.md for the
 * long run).
 */
@ExamReactorStrategy(PerClass.class)
public class ChaosSoakIT extends NodeBusTest {
    private static final EventType[] LIFECYCLE = {EventType.MODULE_LOADED, EventType.MODULE_UNLOADED,
        EventType.MODULE_RELOADED, EventType.MODULE_CRASHED};
    private static final long HEAP_MARGIN = 64L << 20;

    @Override
    protected Option[] extraOptions() {
        return new Option[] {systemProperty("nodebus.soak.seconds").value(System.getProperty("nodebus.soak.seconds", "60"))};
    }

    @Test
    public void theNodeKeepsItsWordUnderChaos() throws Exception {
        long seconds = Long.getLong("nodebus.soak.seconds", 60);
        long seed = System.nanoTime();
        configure();
        CountDownLatch stopHanging = new CountDownLatch(1);

        Bundle observerModule = TestModules.startModule(context, ChaosMonkey.OBSERVER);
        Recorder observer = new Recorder();
        TestModules.subscribe(observerModule, observer, LIFECYCLE);
        Map<String, SoakSubscriber> stable = new TreeMap<>();
        for (Behaviour behaviour : List.of(Behaviour.FAST, Behaviour.SLOW, Behaviour.THROWING, Behaviour.HANGING)) {
            String id = "soak.stable." + behaviour.name().toLowerCase();
            SoakSubscriber subscriber = new SoakSubscriber(behaviour, stopHanging);
            TestModules.subscribe(TestModules.startModule(context, id), subscriber, ChaosMonkey.DATA);
            stable.put(id, subscriber);
        }
        EventPublisher flood = TestModules.publisher(TestModules.startModule(context, "soak.flood"));
        EventPublisher steady = TestModules.publisher(TestModules.startModule(context, "soak.steady"));
        EventManager manager = TestModules.manager(observerModule);

        // warm up, then take the baseline the node must come back to
        for (int i = 0; i < 200_000; i++) {
            flood.publish(block(i));
        }
        awaitQuiet(manager);
        int baseThreads = Math.max(2, Runtime.getRuntime().availableProcessors());
        Await.until("the delivery pool is at its base size", () -> deliveryThreads() <= baseThreads,
                ChaosSoakIT::deliveryThreads);
        int threadsBefore = deliveryThreads();
        long heapBefore = usedHeapAfterGc();
        Map<String, Long> offeredBefore = new TreeMap<>();
        stable.keySet().forEach(id -> offeredBefore.put(id, offered(manager, id)));

        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong floodCount = new AtomicLong();
        AtomicLong steadyCount = new AtomicLong();
        PublishTimes times = new PublishTimes();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread floodThread = new Thread(() -> {
            try {
                long n = 0;
                while (running.get()) {
                    NewBlock block = block(n);
                    long start = System.nanoTime();
                    flood.publish(block);
                    times.record(System.nanoTime() - start);
                    if (++n % 10_000 == 0) {
                        floodCount.set(n);
                        Thread.yield(); // lets the chaos and steady threads in on 2 cores
                    }
                }
                floodCount.set(n);
            } catch (Throwable t) {
                failures.add(t);
            }
        }, "soak-flood");
        Thread steadyThread = new Thread(() -> {
            try {
                while (running.get()) {
                    steady.publish(new PeerConnected("10.0.0.1:8333", "tcp", 1, 70016, Optional.empty()));
                    steadyCount.incrementAndGet();
                    LockSupport.parkNanos(1_000_000);
                }
            } catch (Throwable t) {
                failures.add(t);
            }
        }, "soak-steady");
        ChaosMonkey chaos = new ChaosMonkey(context, configurationAdmin, seed, 12, stopHanging);
        DeadlockWatch deadlocks = new DeadlockWatch();
        Thread chaosThread = new Thread(chaos, "soak-chaos");
        long started = System.nanoTime();
        floodThread.start();
        steadyThread.start();
        chaosThread.start();
        LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(seconds)); // the soak's duration, not a synchronisation
        chaos.stop();
        deadlocks.close();
        chaosThread.join(30_000);
        running.set(false);
        floodThread.join(30_000);
        steadyThread.join(30_000);
        stopHanging.countDown();
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        chaos.assertNoFailure();
        assertTrue("publishers failed: " + failures, failures.isEmpty());
        assertEquals("threads deadlocked during the soak", List.of(), deadlocks.found());

        // quiesce: every queue empty, then a marker through every subscribed module closes their drop counts
        List<Incarnation> incarnations = chaos.incarnations();
        awaitQuiet(manager);
        DeliveryReport marker = steady.publishAndAwait(block(-1L & Long.MAX_VALUE), Duration.ofSeconds(20));
        long offeredDuring = floodCount.get() + steadyCount.get() + 1;
        String where = "seed " + seed + " (" + seconds + " s)";

        // stable modules: the accounting invariant against the publishers' own counts
        for (Map.Entry<String, SoakSubscriber> e : stable.entrySet()) {
            DeliveryStats stats = manager.getDeliveryStats(e.getKey()).orElseThrow();
            SoakSubscriber s = e.getValue();
            String what = where + ", " + e.getKey() + " " + stats;
            assertEquals(what + ": offered", offeredBefore.get(e.getKey()) + offeredDuring,
                    stats.successful() + stats.failed() + stats.channelFull() + stats.queued());
            assertEquals(what + ": successful = handled", s.handled(), stats.successful());
            assertEquals(what + ": failed = thrown", s.threw(), stats.failed());
            assertEquals(what + ": channelFull = drops reported with the events", s.droppedReported(),
                    stats.channelFull());
            assertEquals(what + ": nothing left queued", 0, stats.queued());
            assertEquals(what + ": order", 0, s.outOfOrder());
        }

        // every chaos module that ever lived
        long chaosDrops = 0;
        long chaosFailures = 0;
        long neverSlowDrops = manager.getDeliveryStats("soak.stable.fast").orElseThrow().channelFull();
        for (Incarnation life : incarnations) {
            SoakSubscriber s = life.subscriber();
            String what = where + ", " + life.moduleId() + " (bundle " + life.bundleId() + ")";
            assertEquals(what + ": order", 0, s.outOfOrder());
            if (life.uninstalled(context)) {
                continue;
            }
            Optional<DeliveryStats> found = manager.getDeliveryStats(life.moduleId());
            if (found.isEmpty()) {
                assertEquals(what + " never subscribed, so it has no statistics", 0, s.calls());
                continue;
            }
            DeliveryStats stats = found.get();
            chaosDrops += stats.channelFull();
            chaosFailures += stats.failed();
            if (s.behaviour() == Behaviour.FAST) {
                neverSlowDrops += stats.channelFull();
            }
            assertEquals(what + " " + stats + ": successful = handled", s.handled(), stats.successful());
            assertTrue(what + " " + stats + ": failed >= thrown", stats.failed() >= s.threw());
            assertEquals(what + " " + stats + ": nothing left queued", 0, stats.queued());
            if (marker.handled().contains(life.moduleId()) || marker.failed().contains(life.moduleId())) {
                assertEquals(what + " " + stats + ": channelFull = drops reported", s.droppedReported(),
                        stats.channelFull());
            } else {
                assertTrue(what + " " + stats + ": channelFull >= drops reported",
                        stats.channelFull() >= s.droppedReported());
            }
        }

        // nothing is left of modules whose slot ends empty
        List<String> present = java.util.Arrays.stream(context.getBundles()).map(Bundle::getSymbolicName).toList();
        for (String slot : chaos.slots()) {
            if (!present.contains(slot)) {
                assertFalse(where + ": statistics left for uninstalled " + slot,
                        manager.getAllDeliveryStats().containsKey(slot));
                for (EventType type : ChaosMonkey.DATA) {
                    assertFalse(where + ": subscription left for uninstalled " + slot,
                            manager.getSubscribers(type).contains(slot));
                }
            }
        }

        // the observer lost no lifecycle event (its history below would have gaps) ...
        DeliveryStats observed = manager.getDeliveryStats(ChaosMonkey.OBSERVER).orElseThrow();
        assertEquals(where + ", " + ChaosMonkey.OBSERVER + " " + observed + ": no lifecycle event dropped", 0,
                observed.channelFull());
        // ... and its lifecycle history is consistent and ends where the EventManager ends
        // (a crash policy may still be stopping a module: wait until the node has settled, then compare)
        Await.until("the observer's view matches the loaded modules", () -> observerAgrees(where, chaos.slots(),
                observer.events, manager), () -> manager.getLoadedModules());

        // threads and heap back to where they were
        context.getBundle(0).adapt(org.osgi.framework.wiring.FrameworkWiring.class).refreshBundles(null);
        Await.until("delivery threads back to " + threadsBefore, () -> deliveryThreads() <= threadsBefore,
                ChaosSoakIT::deliveryThreads);
        long heapAfter = usedHeapAfterGc();

        long drops = chaosDrops + stable.keySet().stream()
                .mapToLong(id -> manager.getDeliveryStats(id).orElseThrow().channelFull()).sum();
        long failed = chaosFailures + stable.keySet().stream()
                .mapToLong(id -> manager.getDeliveryStats(id).orElseThrow().failed()).sum();
        System.out.printf("SOAK %s: %d ms, published %,d (flood %,d + steady %,d), modules %d incarnations, "
                + "chaos %s, drops %,d (of modules never slow %,d), failures %,d, invariant violations 0, deadlocks "
                + "0 (checked %,d times); publish calls %,d: worst %,d ns, "
                + "p99.9 <= %,d ns, p99 <= %,d ns; delivery threads %d -> %d; heap after GC %,d KiB -> %,d KiB%n",
                where, elapsedMillis, offeredDuring - 1, floodCount.get(), steadyCount.get(), incarnations.size(),
                chaos.operations(), drops, neverSlowDrops, failed, deadlocks.checks(), times.count(), times.worstNanos(), times.quantileNanos(0.999),
                times.quantileNanos(0.99), threadsBefore, deliveryThreads(), heapBefore >> 10, heapAfter >> 10);
        assertTrue(where + ": heap after GC grew from " + (heapBefore >> 10) + " KiB to " + (heapAfter >> 10)
                + " KiB, past the margin of " + (HEAP_MARGIN >> 20) + " MiB", heapAfter <= heapBefore + HEAP_MARGIN);
        assertTrue(where + ": the chaos thread cycled modules " + chaos.operations(), incarnations.size() >= 6);
    }

    private static boolean observerAgrees(String where, String[] slots, List<Event> events, EventManager manager) {
        List<String> loadedNow = manager.getLoadedModules().stream().map(ModuleInfo::moduleId).toList();
        Map<String, List<String>> histories = histories(events);
        for (String slot : slots) {
            if (loadedNow.contains(slot) != replayLoaded(where + ", " + slot, histories.getOrDefault(slot, List.of()))) {
                return false;
            }
        }
        return true;
    }

    private void configure() throws Exception {
        Hashtable<String, Object> properties = new Hashtable<>(ChaosMonkey.SETTINGS);
        configurationAdmin.getConfiguration("org.nodebus.eventmanager", "?").update(properties);
    }

    private static NewBlock block(long height) {
        return new NewBlock(Hash32.of(new byte[32]), height);
    }

    private static long offered(EventManager manager, String id) {
        DeliveryStats s = manager.getDeliveryStats(id).orElseThrow();
        return s.successful() + s.failed() + s.channelFull() + s.queued();
    }

    private static void awaitQuiet(EventManager manager) {
        Await.until("every queue is empty", () -> manager.getAllDeliveryStats().values().stream()
                .allMatch(s -> s.queued() == 0), manager::getAllDeliveryStats);
    }

    private static int deliveryThreads() {
        return (int) Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("nodebus-delivery-") && !t.getName().endsWith("watchdog"))
                .count();
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static Map<String, List<String>> histories(List<Event> events) {
        Map<String, List<String>> perModule = new TreeMap<>();
        for (String line : Lifecycle.history(events, "chaos.")) {
            String rest = line.substring(line.indexOf('(') + 1);
            int end = rest.indexOf(' ');
            int colon = rest.indexOf(':');
            String module = rest.substring(0, colon >= 0 && colon < end ? colon : end);
            perModule.computeIfAbsent(module, k -> new ArrayList<>()).add(line);
        }
        return perModule;
    }

    /**
     * Replays one module's lifecycle history: Loaded only when not loaded, Unloaded and Reloaded only when
     * loaded, a crash at any time. Returns whether the module is loaded at its end.
     */
    private static boolean replayLoaded(String where, List<String> history) {
        boolean loaded = false;
        for (String line : history) {
            if (line.startsWith("Loaded")) {
                assertFalse(where + ": loaded twice in " + history, loaded);
                loaded = true;
            } else if (line.startsWith("Unloaded")) {
                assertTrue(where + ": unloaded while not loaded in " + history, loaded);
                loaded = false;
            } else if (line.startsWith("Reloaded")) {
                assertTrue(where + ": reloaded while not loaded in " + history, loaded);
            }
        }
        return loaded;
    }
}
