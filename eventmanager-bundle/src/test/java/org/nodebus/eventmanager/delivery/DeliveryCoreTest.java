package org.nodebus.eventmanager.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nodebus.api.DeliveryReport;
import org.nodebus.api.DeliveryStats;
import org.nodebus.api.Event;
import org.nodebus.api.event.DataMaintenance;
import org.nodebus.api.event.DiskSpaceLow;
import org.nodebus.api.event.EventType;
import org.nodebus.api.event.Hash32;
import org.nodebus.api.event.MaintenanceReason;
import org.nodebus.api.event.ModuleHealth;
import org.nodebus.api.event.NewBlock;
import org.nodebus.api.event.NodeShutdown;
import org.nodebus.api.event.Operation;
import org.nodebus.api.event.ShutdownReason;
import org.nodebus.api.event.Urgency;
import org.nodebus.eventmanager.config.CrashPolicy;
import org.nodebus.eventmanager.config.DeliverySettings;
import org.nodebus.testing.Await;
import org.nodebus.testing.Recorder;

class DeliveryCoreTest {
    private static final Set<EventType> BLOCKS = Set.of(EventType.NEW_BLOCK);
    private final List<DeliveryCore> cores = new ArrayList<>();

    private DeliveryCore core(int bufferSize) {
        return core(bufferSize, 2, Duration.ofSeconds(30));
    }

    private DeliveryCore core(int bufferSize, int threads, Duration listenerTimeout) {
        DeliveryCore core = new DeliveryCore(new DeliverySettings(bufferSize, Map.of(), 3, listenerTimeout,
                CrashPolicy.STOP, false, Set.of(), threads, 8, Duration.ofMillis(20)));
        cores.add(core);
        return core;
    }

    @AfterEach
    void closeCores() {
        cores.forEach(DeliveryCore::close);
    }

    private static NewBlock block(long height) {
        return new NewBlock(Hash32.of(new byte[32]), height);
    }

    private static DeliveryStats stats(DeliveryCore core, String module) {
        return core.stats(module).orElseThrow();
    }

    @Test
    void eventsArriveInPublishOrderOnADeliveryThread() {
        DeliveryCore core = core(10_000);
        Recorder recorder = new Recorder();
        core.subscribe("a", 1, BLOCKS, recorder);
        for (int i = 0; i < 5_000; i++) {
            core.publish("p", block(i));
        }
        Await.until("5000 events arrived", () -> recorder.count() == 5_000, recorder::count);
        for (int i = 0; i < 5_000; i++) {
            assertEquals(i, ((NewBlock) recorder.events.get(i).payload()).height());
            if (i > 0) {
                assertTrue(recorder.events.get(i).sequence() > recorder.events.get(i - 1).sequence());
            }
        }
        assertFalse(recorder.threads.contains(Thread.currentThread()), "a listener ran on the publisher's thread");
        assertEquals("p", recorder.events.get(0).publisher());
        assertEquals(new DeliveryStats(5_000, 0, 0, 0), stats(core, "a"));
    }

    @Test
    void aFullQueueDropsExactlyBeyondItsSizeAndTellsTheSubscriber() throws Exception {
        DeliveryCore core = core(10);
        Recorder slow = new Recorder().hold();
        core.subscribe("slow", 1, BLOCKS, slow);
        core.publish("p", block(0));
        slow.awaitEntered(); // event 0 is in the listener, not in the queue
        for (int i = 1; i <= 15; i++) {
            core.publish("p", block(i));
        }
        assertEquals(new DeliveryStats(0, 0, 5, 11), stats(core, "slow"), "10 waiting and 1 being handled");
        assertEquals(List.of("slow"), core.subscribers(EventType.NEW_BLOCK), "a slow module stays subscribed");
        slow.open();
        Await.until("11 delivered", () -> stats(core, "slow").successful() == 11, () -> stats(core, "slow"));
        assertEquals(new DeliveryStats(11, 0, 5, 0), stats(core, "slow"));
        assertEquals(16, stats(core, "slow").offered());
        assertEquals(0, slow.events.get(0).droppedBefore());
        assertEquals(5, slow.events.get(1).droppedBefore(), "the first event after the drops reports them");
        assertEquals(0, slow.events.get(2).droppedBefore());
        assertEquals(10, ((NewBlock) slow.events.get(10).payload()).height(), "events 11..15 were the dropped ones");
    }

    @Test
    void criticalEventsAreNeverDroppedAndJumpTheBacklog() throws Exception {
        DeliveryCore core = core(3);
        Recorder slow = new Recorder().hold();
        core.subscribe("slow", 1, Set.of(EventType.NEW_BLOCK, EventType.NODE_SHUTDOWN, EventType.DATA_MAINTENANCE,
                EventType.DISK_SPACE_LOW), slow);
        core.publish("p", block(0));
        slow.awaitEntered();
        for (int i = 1; i <= 4; i++) {
            core.publish("p", block(i));
        }
        core.publish("node", new NodeShutdown(ShutdownReason.GRACEFUL, 30));
        core.publish("node", new DataMaintenance(Operation.FLUSH, Urgency.HIGH, MaintenanceReason.SHUTDOWN,
                Optional.empty(), Optional.of(30L)));
        core.publish("node", new DataMaintenance(Operation.CLEANUP, Urgency.LOW, MaintenanceReason.PERIODIC,
                Optional.of(30), Optional.empty()));
        core.publish("node", new DiskSpaceLow(1, 100, 1.0, "/data"));
        assertEquals(new DeliveryStats(0, 0, 2, 7), stats(core, "slow"), "block 4 and the LOW maintenance dropped");
        slow.open();
        Await.until("all delivered", () -> slow.count() == 7, slow::count);
        List<EventType> order = slow.events.stream().map(Event::type).toList();
        assertEquals(List.of(EventType.NEW_BLOCK, EventType.NODE_SHUTDOWN, EventType.DATA_MAINTENANCE,
                EventType.DISK_SPACE_LOW, EventType.NEW_BLOCK, EventType.NEW_BLOCK, EventType.NEW_BLOCK), order);
    }

    @Test
    void theInvariantHoldsUnderConcurrentPublishers() throws Exception {
        DeliveryCore core = core(50);
        Recorder fast = new Recorder();
        CountingSubscriber slow = new CountingSubscriber(20_000);
        core.subscribe("fast", 1, BLOCKS, fast);
        core.subscribe("slow", 2, BLOCKS, slow);
        int publishers = 4;
        int each = 5_000;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < publishers; t++) {
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < each; i++) {
                    core.publish("p", block(i));
                }
            });
            thread.start();
            threads.add(thread);
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        long offered = (long) publishers * each;
        for (String module : List.of("fast", "slow")) {
            Await.until(module + " quiet", () -> stats(core, module).queued() == 0
                    && stats(core, module).offered() == offered, () -> stats(core, module));
        }
        assertEquals(fast.count(), stats(core, "fast").successful());
        assertEquals(slow.received.get(), stats(core, "slow").successful());
        assertEquals(offered, stats(core, "slow").successful() + stats(core, "slow").channelFull());
        for (Recorder r : List.of(fast)) {
            for (int i = 1; i < r.events.size(); i++) {
                assertTrue(r.events.get(i).sequence() > r.events.get(i - 1).sequence(), "sequence must increase");
            }
        }
    }

    @Test
    void consecutiveFailuresDegradeAndASuccessHeals() throws Exception {
        DeliveryCore core = core(100);
        List<String> transitions = new CopyOnWriteArrayList<>();
        core.setHealthListener(new Transitions(transitions));
        Recorder failing = new Recorder().throwing(new IllegalStateException("boom"));
        core.subscribe("f", 1, BLOCKS, failing);
        for (int i = 0; i < 3; i++) {
            core.publish("p", block(i));
        }
        Await.until("3 failed", () -> stats(core, "f").failed() == 3);
        Await.until("degraded", () -> core.health("f").orElseThrow() == ModuleHealth.DEGRADED);
        Await.until("told", () -> !transitions.isEmpty()); // transitions are told once the lock is released
        assertEquals(List.of("f:HEALTHY->DEGRADED"), transitions);
        assertEquals(List.of("f"), core.subscribers(EventType.NEW_BLOCK), "a failing module stays subscribed");
        failing.throwing(null);
        core.publish("p", block(3));
        Await.until("healthy again", () -> core.health("f").orElseThrow() == ModuleHealth.HEALTHY);
        Await.until("told", () -> transitions.size() == 2, transitions::toString);
        assertEquals(new DeliveryStats(1, 3, 0, 0), stats(core, "f"));
        assertEquals(List.of("f:HEALTHY->DEGRADED", "f:DEGRADED->HEALTHY"), transitions);
    }

    @Test
    void aHungListenerIsUnresponsiveUntilItReturnsAndStarvesNobody() throws Exception {
        DeliveryCore core = core(100, 1, Duration.ofMillis(100));
        List<String> transitions = new CopyOnWriteArrayList<>();
        CountDownLatch unresponsive = new CountDownLatch(1);
        core.setHealthListener(new Transitions(transitions) {
            @Override
            public void healthChanged(String moduleId, long bundleId, ModuleHealth oldHealth, ModuleHealth newHealth) {
                super.healthChanged(moduleId, bundleId, oldHealth, newHealth);
                if (newHealth == ModuleHealth.UNRESPONSIVE) {
                    unresponsive.countDown();
                }
            }
        });
        Recorder hung = new Recorder().hold();
        Recorder other = new Recorder();
        core.subscribe("hung", 1, BLOCKS, hung);
        core.publish("p", block(0));
        hung.awaitEntered(); // the only delivery thread is now stuck in "hung"
        assertTrue(unresponsive.await(10, TimeUnit.SECONDS), "the watchdog did not mark the module");
        core.subscribe("other", 2, BLOCKS, other);
        core.publish("p", block(1));
        Await.until("the other module got its event on a replacement thread", () -> other.count() == 1);
        assertEquals(ModuleHealth.UNRESPONSIVE, core.health("hung").orElseThrow());
        assertEquals(2, core.deliveryThreadBound(), "one thread was added for the stuck one");
        hung.open();
        Await.until("healthy again", () -> core.health("hung").orElseThrow() == ModuleHealth.HEALTHY);
        Await.until("the pool shrinks back", () -> core.deliveryThreadBound() == 1);
        Await.until("the hung module got its queued event", () -> hung.count() == 2);
        Await.until("told", () -> transitions.size() == 2, transitions::toString);
        assertEquals(List.of("hung:HEALTHY->UNRESPONSIVE", "hung:UNRESPONSIVE->HEALTHY"), transitions);
    }

    @Test
    void anErrorIsACrashThatUnsubscribesTheModule() throws Exception {
        DeliveryCore core = core(100);
        List<String> crashes = new CopyOnWriteArrayList<>();
        List<String> transitions = new CopyOnWriteArrayList<>();
        core.setHealthListener(new Transitions(transitions) {
            @Override
            public void crashed(String moduleId, long bundleId, Throwable error) {
                crashes.add(moduleId + ":" + error.getMessage());
            }
        });
        Recorder crashing = new Recorder().hold().crashing(new StackOverflowError("too deep"));
        core.subscribe("c", 1, BLOCKS, crashing);
        core.publish("p", block(0));
        crashing.awaitEntered();
        core.publish("p", block(1));
        core.publish("p", block(2));
        crashing.open();
        Await.until("crashed", () -> !crashes.isEmpty());
        assertEquals(List.of("c:too deep"), crashes);
        assertEquals(List.of(), core.subscribers(EventType.NEW_BLOCK));
        assertEquals(ModuleHealth.CRASHED, core.health("c").orElseThrow());
        assertEquals(new DeliveryStats(0, 3, 0, 0), stats(core, "c"), "the crashing event and the queued ones fail");
        core.publish("p", block(3));
        assertEquals(3, stats(core, "c").offered(), "a crashed module is offered nothing more");
        Await.until("told", () -> transitions.contains("c:HEALTHY->CRASHED"), transitions::toString);
    }

    @Test
    void aModuleThatGoesAwayFailsItsQueuedEvents() throws Exception {
        DeliveryCore core = core(100);
        Recorder gone = new Recorder().hold();
        core.subscribe("gone", 7, BLOCKS, gone);
        core.publish("p", block(0));
        gone.awaitEntered();
        for (int i = 1; i <= 5; i++) {
            core.publish("p", block(i));
        }
        core.moduleGone("gone", 7);
        assertEquals(List.of(), core.subscribers(EventType.NEW_BLOCK));
        assertEquals(new DeliveryStats(0, 5, 0, 1), stats(core, "gone"), "the one in its listener is still queued");
        gone.open();
        Await.until("the in-flight event finished", () -> stats(core, "gone").successful() == 1);
        assertEquals(1, gone.count(), "nothing queued reached the gone module");
        core.forget("gone", 7);
        assertEquals(Optional.empty(), core.stats("gone"), "an uninstalled module leaves no statistics");
    }

    @Test
    void aBundleIdMismatchLeavesTheNewIncarnationAlone() {
        DeliveryCore core = core(100);
        core.subscribe("m", 2, BLOCKS, new Recorder());
        core.moduleGone("m", 1);
        assertEquals(List.of("m"), core.subscribers(EventType.NEW_BLOCK));
    }

    @Test
    void aLateStoppedOfAnEarlierStopLeavesTheListenersOfTheNewStart() {
        DeliveryCore core = core(100);
        core.subscribe("m", 1, BLOCKS, new Recorder());
        core.bundleStopping("m", 1);
        // Felix released the bundle lock before firing STOPPED: another thread started the bundle again
        core.bundleStarting(1);
        Recorder restarted = new Recorder();
        core.subscribe("m", 1, BLOCKS, restarted);
        core.bundleStopped("m", 1);
        assertEquals(List.of("m"), core.subscribers(EventType.NEW_BLOCK));
        core.publish("p", block(1));
        Await.until("the new listener got the block", () -> restarted.count() == 1);
    }

    @Test
    void aListenerAddedByTheStopCodeIsRemovedAtStopped() {
        DeliveryCore core = core(100);
        core.subscribe("m", 1, BLOCKS, new Recorder());
        core.bundleStopping("m", 1);
        assertEquals(List.of(), core.subscribers(EventType.NEW_BLOCK));
        core.subscribe("m", 1, BLOCKS, new Recorder()); // from the module's stop()
        core.bundleStopped("m", 1);
        assertEquals(List.of(), core.subscribers(EventType.NEW_BLOCK), "a stopped bundle still subscribed");
    }

    @Test
    void unsubscribingTheLastListenerFailsQueuedEventsButKeepsStats() throws Exception {
        DeliveryCore core = core(100);
        Recorder r = new Recorder().hold();
        SubscriberEntry entry = core.subscribe("m", 1, BLOCKS, r);
        core.publish("p", block(0));
        r.awaitEntered();
        core.publish("p", block(1));
        core.unsubscribe(entry);
        r.open();
        Await.until("quiet", () -> stats(core, "m").offered() == 2 && stats(core, "m").queued() == 0);
        assertEquals(new DeliveryStats(1, 1, 0, 0), stats(core, "m"));
        assertFalse(core.isSubscribed(entry));
    }

    @Test
    void queuesResizeAtRunTimeWithoutLosingQueuedEvents() throws Exception {
        DeliveryCore core = core(5);
        Recorder r = new Recorder().hold();
        core.subscribe("m", 1, BLOCKS, r);
        core.publish("p", block(0));
        r.awaitEntered();
        for (int i = 1; i <= 6; i++) {
            core.publish("p", block(i));
        }
        assertEquals(new DeliveryStats(0, 0, 1, 6), stats(core, "m"));
        core.apply(withBuffer(core.settings(), 10, Map.of()));
        for (int i = 7; i <= 12; i++) {
            core.publish("p", block(i));
        }
        assertEquals(new DeliveryStats(0, 0, 2, 11), stats(core, "m"));
        core.apply(withBuffer(core.settings(), 10, Map.of("m", 2)));
        core.publish("p", block(13));
        assertEquals(new DeliveryStats(0, 0, 3, 11), stats(core, "m"), "shrinking keeps what is queued");
        r.open();
        Await.until("all delivered", () -> stats(core, "m").successful() == 11);
        assertEquals(new DeliveryStats(11, 0, 3, 0), stats(core, "m"));
    }

    @Test
    void resetZeroesOneModuleOnly() {
        DeliveryCore core = core(100);
        core.subscribe("a", 1, BLOCKS, new Recorder());
        core.subscribe("b", 2, BLOCKS, new Recorder());
        core.publish("p", block(0));
        Await.until("delivered", () -> stats(core, "a").successful() == 1 && stats(core, "b").successful() == 1);
        assertTrue(core.resetStats("a"));
        assertEquals(DeliveryStats.ZERO, stats(core, "a"));
        assertEquals(1, stats(core, "b").successful());
        assertFalse(core.resetStats("nobody"));
    }

    @Test
    void publishAndAwaitReportsEveryModulesOutcome() throws Exception {
        DeliveryCore core = core(1);
        Recorder fast = new Recorder();
        Recorder slow = new Recorder().hold();
        Recorder failing = new Recorder().throwing(new IllegalStateException("no"));
        core.subscribe("fast", 1, BLOCKS, fast);
        core.subscribe("slow", 2, BLOCKS, slow);
        core.subscribe("failing", 3, BLOCKS, failing);
        core.publish("p", block(0));
        slow.awaitEntered();
        // queues of 1: let the others finish event 0 so event 1 finds room
        Await.until("fast and failing handled event 0",
                () -> fast.count() == 1 && stats(core, "failing").failed() == 1);
        DeliveryReport first = core.publishAndAwait("p", block(1), Duration.ofMillis(300));
        assertEquals(List.of("fast"), first.handled());
        assertEquals(List.of("failing"), first.failed());
        assertEquals(List.of("slow"), first.timedOut(), "queued behind the held event");
        DeliveryReport second = core.publishAndAwait("p", block(2), Duration.ofMillis(100));
        assertEquals(List.of("slow"), second.dropped(), "slow's queue of 1 is full");
        assertFalse(second.complete());
        slow.open();
        Await.until("slow drained", () -> slow.count() == 2);
        DeliveryReport nobody = core.publishAndAwait("p", new NodeShutdown(ShutdownReason.GRACEFUL, 1), Duration.ofSeconds(5));
        assertTrue(nobody.complete() && nobody.handled().isEmpty(), "no subscriber: nothing to wait for");
    }

    @Test
    void aSubscriptionNeedsATypeAndAListener() {
        DeliveryCore core = core(100);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> core.subscribe("m", 1, Set.of(), new Recorder()));
        assertTrue(e.getMessage().contains("NEW_BLOCK"), e.getMessage());
        assertThrows(NullPointerException.class, () -> core.subscribe("m", 1, BLOCKS, null));
        assertThrows(NullPointerException.class, () -> core.publish("p", null));
    }

    @Test
    void tenThousandIdleModulesShareTheSmallPool() {
        // compensation after 1 s, not 20 ms: a GC pause during one call of a loaded build must not add a thread
        DeliveryCore core = new DeliveryCore(new DeliverySettings(100, Map.of(), 3, Duration.ofSeconds(30),
                CrashPolicy.STOP, false, Set.of(), 2, 8, Duration.ofSeconds(1)));
        cores.add(core);
        for (int i = 0; i < 10_000; i++) {
            core.subscribe("m" + i, i, BLOCKS, new Recorder());
        }
        core.publish("p", block(1));
        Await.until("all delivered", () -> core.allStats().values().stream().allMatch(s -> s.successful() == 1));
        assertTrue(core.deliveryThreads() <= 2, "threads: " + core.deliveryThreads());
        assertNotEquals(0, core.subscribers(EventType.NEW_BLOCK).size());
    }

    private static DeliverySettings withBuffer(DeliverySettings s, int size, Map<String, Integer> perModule) {
        return new DeliverySettings(size, perModule, s.failureLimit(), s.listenerTimeout(), s.crashPolicy(),
                s.eventAdminBridge(), s.nodeComponents(), s.deliveryThreads(), s.maxDeliveryThreads(),
                s.compensationThreshold());
    }

    /** Counts and spins briefly per event, so it is slower than the publishers. */
    private static final class CountingSubscriber implements org.nodebus.api.EventSubscriber {
        final java.util.concurrent.atomic.AtomicLong received = new java.util.concurrent.atomic.AtomicLong();
        private final long spinNanos;

        CountingSubscriber(long spinNanos) {
            this.spinNanos = spinNanos;
        }

        @Override
        public void onEvent(Event event) {
            received.incrementAndGet();
            long end = System.nanoTime() + spinNanos;
            while (System.nanoTime() < end) {
                Thread.onSpinWait();
            }
        }
    }
}
