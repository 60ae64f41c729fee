package org.nodebus.eventmanager.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nodebus.api.DeliveryStats;
import org.nodebus.api.event.EventType;
import org.nodebus.api.event.Hash32;
import org.nodebus.api.event.ModuleHealth;
import org.nodebus.api.event.ModuleLoaded;
import org.nodebus.api.event.NewBlock;
import org.nodebus.api.event.NodeStartupCompleted;
import org.nodebus.eventmanager.config.CrashPolicy;
import org.nodebus.eventmanager.config.DeliverySettings;
import org.nodebus.eventmanager.spi.DeliverySnapshot;
import org.nodebus.eventmanager.spi.ModuleDelivery;
import org.nodebus.testing.Await;
import org.nodebus.testing.Recorder;

/** The figures operator tools read, against a core with known traffic. */
class DeliverySnapshotTest {
    private static final Set<EventType> BLOCKS = Set.of(EventType.NEW_BLOCK);
    private final List<DeliveryCore> cores = new ArrayList<>();

    private DeliveryCore core(int bufferSize, Duration listenerTimeout) {
        // the module "slow" has a queue of 4 events
        DeliveryCore core = new DeliveryCore(new DeliverySettings(bufferSize, Map.of("slow", 4), 3, listenerTimeout,
                CrashPolicy.STOP, false, Set.of(), 2, 8, Duration.ofMillis(20)));
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

    @Test
    void eachModuleShowsItsOwnTrafficAndTheNodeCountsPublications() throws InterruptedException {
        DeliveryCore core = core(100, Duration.ofSeconds(30));
        Recorder fast = new Recorder();
        Recorder slow = new Recorder().hold();
        Recorder failing = new Recorder().throwing(new IllegalStateException("no"));
        core.subscribe("fast", 1, BLOCKS, fast);
        core.subscribe("slow", 2, BLOCKS, slow);
        core.subscribe("failing", 3, BLOCKS, failing);
        core.publish("p", block(0));
        slow.awaitEntered(); // slow holds event 0 in its listener; its queue of 4 takes events 1-4
        for (int i = 1; i <= 9; i++) {
            core.publish("p", block(i));
        }
        Await.until("fast and failing handled all 10", () -> fast.count() == 10 && failing.count() == 10);
        Await.until("failing counted all 10", () -> core.snapshot().module("failing").orElseThrow().total().failed() == 10);

        DeliverySnapshot busy = core.snapshot();
        ModuleDelivery slowNow = busy.module("slow").orElseThrow();
        assertEquals(new DeliveryStats(0, 0, 5, 5), slowNow.total(), "slow: 1 in its listener + 4 queued, 5 dropped");
        assertEquals(4, slowNow.queueCapacity());
        assertEquals(new DeliveryStats(0, 10, 0, 0), busy.module("failing").orElseThrow().total());
        assertEquals(10, busy.module("failing").orElseThrow().consecutiveFailures());
        assertEquals(ModuleHealth.DEGRADED, busy.module("failing").orElseThrow().health());
        assertEquals(new DeliveryStats(10, 0, 0, 0), busy.module("fast").orElseThrow().total());
        assertEquals(10, busy.module("fast").orElseThrow().listenerTime().events());
        assertEquals(10L, busy.publishedByType().get(EventType.NEW_BLOCK));
        assertEquals(0L, busy.publishedByType().get(EventType.PEER_BANNED));
        assertEquals(10, busy.publishCalls());
        assertEquals(List.of("failing", "fast", "slow"), busy.modules().stream().map(ModuleDelivery::moduleId).toList());

        slow.open();
        Await.until("slow handled what it queued", () -> slow.count() == 5);
        Await.until("slow counted it", () -> core.snapshot().module("slow").orElseThrow().total().successful() == 5);
        ModuleDelivery slowAfter = core.snapshot().module("slow").orElseThrow();
        assertEquals(new DeliveryStats(5, 0, 5, 0), slowAfter.total());
        assertEquals(core.stats("slow").orElseThrow(), slowAfter.sinceReset());
    }

    @Test
    void aResetZeroesTheStatisticsButNotTheRunningTotals() {
        DeliveryCore core = core(100, Duration.ofSeconds(30));
        Recorder recorder = new Recorder();
        core.subscribe("a", 1, BLOCKS, recorder);
        for (int i = 0; i < 3; i++) {
            core.publish("p", block(i));
        }
        Await.until("3 handled", () -> core.stats("a").orElseThrow().successful() == 3);
        assertTrue(core.resetStats("a"));
        ModuleDelivery after = core.snapshot().module("a").orElseThrow();
        assertEquals(DeliveryStats.ZERO, after.sinceReset());
        assertEquals(new DeliveryStats(3, 0, 0, 0), after.total());
    }

    /** Records each event after sleeping in the calls (counted from 1) the predicate picks. */
    private static Recorder sleeping(java.util.function.IntPredicate calls, long millis) {
        return new Recorder() {
            private int call;

            @Override
            public void onEvent(org.nodebus.api.Event event) {
                if (calls.test(++call)) {
                    try {
                        Thread.sleep(millis);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                super.onEvent(event);
            }
        };
    }

    @Test
    void theListenerTimeCoversTheTimeTheListenerTook() {
        DeliveryCore core = core(100, Duration.ofSeconds(30));
        Recorder sleeper = sleeping(call -> true, 20);
        core.subscribe("sleeper", 1, BLOCKS, sleeper);
        for (int i = 0; i < 5; i++) {
            core.publish("p", block(i));
        }
        Await.until("5 timed", () -> core.snapshot().module("sleeper").orElseThrow().listenerTime().events() == 5);
        var time = core.snapshot().module("sleeper").orElseThrow().listenerTime();
        assertTrue(time.totalNanos() >= TimeUnit.MILLISECONDS.toNanos(100), "5 × 20 ms at least: " + time);
        assertTrue(time.recentMaxNanos() >= TimeUnit.MILLISECONDS.toNanos(20), "one call took 20 ms: " + time);
        assertTrue(time.recentMaxNanos() <= time.totalNanos(), time.toString());
    }

    @Test
    void aLongCallAmongFastOnesIsNeverMissedAndFastOnesAreSampled() {
        DeliveryCore core = core(10_000, Duration.ofSeconds(30));
        Recorder fast = new Recorder();
        core.subscribe("fast", 1, BLOCKS, fast);
        for (int i = 0; i < 64; i++) {
            core.publish("p", block(i));
        }
        Await.until("64 timed", () -> core.snapshot().module("fast").orElseThrow().listenerTime().events() == 64);
        var quick = core.snapshot().module("fast").orElseThrow().listenerTime();
        assertTrue(quick.recentMaxNanos() > 0, "the first of a run and 1 in 16 are timed exactly: " + quick);
        assertTrue(quick.recentMaxNanos() < TimeUnit.MILLISECONDS.toNanos(50), quick.toString());

        // the 201st event sleeps 100 ms: timed exactly if sampled, else caught as the watchdog's clock moved during it
        Recorder mixed = sleeping(call -> call == 201, 100);
        core.subscribe("mixed", 1, BLOCKS, mixed);
        for (int i = 0; i < 400; i++) {
            core.publish("p", block(i));
        }
        Await.until("400 timed", () -> core.snapshot().module("mixed").orElseThrow().listenerTime().events() == 400);
        var time = core.snapshot().module("mixed").orElseThrow().listenerTime();
        assertTrue(time.recentMaxNanos() >= TimeUnit.MILLISECONDS.toNanos(100), "the 100 ms call: " + time);
        Await.until("the run is timed to its end", () -> core.snapshot().module("mixed").orElseThrow().listenerTime()
                .totalNanos() >= TimeUnit.MILLISECONDS.toNanos(100));
    }

    @Test
    void aHungCallIsCountedAsStuck() throws InterruptedException {
        DeliveryCore core = core(100, Duration.ofMillis(50));
        Recorder hung = new Recorder().hold();
        core.subscribe("hung", 1, BLOCKS, hung);
        core.publish("p", block(0));
        hung.awaitEntered();
        Await.until("the call counts as stuck", () -> core.snapshot().threads().stuck() == 1);
        assertEquals(ModuleHealth.UNRESPONSIVE, core.snapshot().module("hung").orElseThrow().health());
        assertEquals(2, core.snapshot().threads().base());
        hung.open();
        Await.until("no call is stuck", () -> core.snapshot().threads().stuck() == 0);
    }

    @Test
    void theJournalKeepsTheLatestLifecycleEventsAndTheStartup() {
        DeliveryCore core = core(100, Duration.ofSeconds(30));
        assertTrue(core.snapshot().startup().isEmpty());
        for (int i = 0; i < PublishCounters.JOURNAL_SIZE + 5; i++) {
            core.publish("node", new ModuleLoaded("m" + i, "1.0.0"));
        }
        core.publish("p", block(1)); // not a lifecycle event
        core.publish("node", new NodeStartupCompleted(1234, List.of("m1")));
        DeliverySnapshot snapshot = core.snapshot();
        assertEquals(PublishCounters.JOURNAL_SIZE, snapshot.lifecycleEvents().size());
        assertEquals(new ModuleLoaded("m6", "1.0.0"), snapshot.lifecycleEvents().get(0).payload(), "oldest kept");
        assertEquals(1234, snapshot.startup().orElseThrow().durationMs());
        assertFalse(snapshot.lifecycleEvents().stream().anyMatch(e -> e.payload() instanceof NewBlock));
    }
}
