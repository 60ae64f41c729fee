package org.nodebus.eventmanager.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nodebus.eventmanager.delivery.Cores.block;
import static org.nodebus.eventmanager.delivery.Cores.health;
import static org.nodebus.eventmanager.delivery.Cores.stats;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nodebus.api.DeliveryReport;
import org.nodebus.api.DeliveryStats;
import org.nodebus.api.EventSubscriber;
import org.nodebus.api.event.EventType;
import org.nodebus.api.event.Hash32;
import org.nodebus.api.event.ModuleHealth;
import org.nodebus.api.event.NewTransaction;
import org.nodebus.testing.Await;
import org.nodebus.testing.Recorder;

/**
 * A slow, hung or broken module never costs another module an event, a thread or the publish lock; the
 * regression tests of the delivery-isolation defects, each forcing its interleaving with latches.
 */
class DeliveryIsolationTest {
    private static final Set<EventType> BLOCKS = Set.of(EventType.NEW_BLOCK);
    private final Cores cores = new Cores();

    @AfterEach
    void close() {
        cores.close();
    }

    @Test
    void slowNeighboursHoldingEveryThreadNeverStarveAFastModule() throws Exception {
        DeliveryCore core = cores.core(100, 2, Duration.ofSeconds(30));
        List<Recorder> slow = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Recorder r = new Recorder().hold();
            slow.add(r);
            core.subscribe("slow" + i, i, BLOCKS, r);
        }
        Recorder fast = new Recorder();
        core.subscribe("fast", 9, BLOCKS, fast);
        for (int i = 0; i < 50; i++) {
            core.publish("p", block(i));
        }
        // three slow modules sit in their listeners (far below the time limit) on a pool of two threads
        Await.until("the fast module got every event", () -> fast.count() == 50, fast::count);
        assertEquals(new DeliveryStats(50, 0, 0, 0), stats(core, "fast"));
        assertTrue(core.deliveryThreadBound() > 2, "the held threads were compensated: " + core.deliveryThreadBound());
        slow.forEach(Recorder::open);
        for (int i = 0; i < 3; i++) {
            String id = "slow" + i;
            Await.until(id + " drained", () -> stats(core, id).successful() == 50, () -> stats(core, id));
        }
        Await.until("the pool shrinks back", () -> core.deliveryThreadBound() == 2, core::deliveryThreadBound);
        assertEquals(ModuleHealth.HEALTHY, health(core, "slow0"), "slow is not hung");
    }

    @Test
    void aHealthTransitionWhileAModuleResubscribesCannotDeadlock() throws Exception {
        DeliveryCore core = cores.core(100, 2, Duration.ofMillis(100));
        CountDownLatch inListener = new CountDownLatch(1);
        core.setHealthListener(new HealthListener() {
            @Override
            public void healthChanged(String moduleId, long bundleId, ModuleHealth oldHealth, ModuleHealth newHealth) {
                if (newHealth == ModuleHealth.UNRESPONSIVE) {
                    inListener.countDown();
                    core.publish("node", block(99)); // as the lifecycle does: needs the publish lock
                }
            }

            @Override
            public void crashed(String moduleId, long bundleId, Throwable error) {
            }
        });
        Recorder hung = new Recorder().hold();
        core.subscribe("x", 1, BLOCKS, hung);
        core.publish("p", block(0));
        hung.awaitEntered();
        core.moduleGone("x", 1); // its bundle stopped; the listener still runs
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread resubscriber = new Thread(() -> {
            try {
                // hold the publish lock until the watchdog is inside the health listener, then subscribe again
                core.atomically(() -> {
                    try {
                        assertTrue(inListener.await(10, TimeUnit.SECONDS), "the watchdog never found the call");
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    core.subscribe("x", 1, BLOCKS, new Recorder());
                });
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        resubscriber.start();
        resubscriber.join(10_000);
        long[] deadlocked = ManagementFactory.getThreadMXBean().findDeadlockedThreads();
        hung.open();
        assertNull(deadlocked, "threads deadlocked");
        assertFalse(resubscriber.isAlive(), "the resubscription never returned");
        assertNull(failure.get());
        core.publish("p", block(1)); // publishing still works
    }

    @Test
    void aThrowableOfAnyKindIsAFailureAndDeliveryGoesOn() {
        DeliveryCore core = cores.core(100, 1, Duration.ofSeconds(30));
        List<Long> handled = new CopyOnWriteArrayList<>();
        EventSubscriber odd = event -> {
            long height = ((org.nodebus.api.event.NewBlock) event.payload()).height();
            if (height == 0) {
                Cores.sneakyThrow(new Throwable("neither an Exception nor an Error"));
            }
            if (height == 1) {
                throw new UnprintableException();
            }
            handled.add(height);
        };
        core.subscribe("odd", 1, BLOCKS, odd);
        for (int i = 0; i < 4; i++) {
            core.publish("p", block(i));
        }
        Await.until("all four accounted", () -> stats(core, "odd").offered() == 4 && stats(core, "odd").queued() == 0,
                () -> stats(core, "odd"));
        assertEquals(new DeliveryStats(2, 2, 0, 0), stats(core, "odd"));
        assertEquals(List.of(2L, 3L), handled);
        core.publish("p", block(4));
        Await.until("the module is still drained", () -> handled.size() == 3, handled::size);
        assertEquals(ModuleHealth.HEALTHY, health(core, "odd"), "two failures stay under the limit of 3");
    }

    @Test
    void aHungCallOfAnUninstalledModuleIsStillCompensated() throws Exception {
        DeliveryCore core = cores.core(100, 1, Duration.ofMillis(200));
        Recorder hung = new Recorder().hold();
        core.subscribe("h", 1, BLOCKS, hung);
        core.publish("p", block(0));
        hung.awaitEntered(); // the only delivery thread
        core.forget("h", 1); // uninstalled before the watchdog looked
        Recorder other = new Recorder();
        core.subscribe("other", 2, BLOCKS, other);
        core.publish("p", block(1));
        Await.until("the other module is delivered on another thread", () -> other.count() == 1, other::count);
        hung.open();
        Await.until("the pool shrinks back", () -> core.deliveryThreadBound() == 1, core::deliveryThreadBound);
    }

    @Test
    void aHungModuleStartedAgainStaysUnresponsiveUntilItsCallReturns() throws Exception {
        DeliveryCore core = cores.core(100, 2, Duration.ofMillis(100));
        List<String> transitions = new CopyOnWriteArrayList<>();
        core.setHealthListener(new Transitions(transitions));
        Recorder hung = new Recorder().hold();
        core.subscribe("h", 1, BLOCKS, hung);
        core.publish("p", block(0));
        hung.awaitEntered();
        Await.until("unresponsive", () -> health(core, "h") == ModuleHealth.UNRESPONSIVE);
        core.moduleGone("h", 1);
        Recorder again = new Recorder();
        core.subscribe("h", 1, BLOCKS, again);
        core.publish("p", block(1));
        assertEquals(ModuleHealth.UNRESPONSIVE, health(core, "h"), "its new events wait behind the hung call");
        assertEquals(0, again.count());
        hung.open();
        Await.until("the new listener got its event", () -> again.count() == 1, again::count);
        Await.until("healthy once the call returned", () -> health(core, "h") == ModuleHealth.HEALTHY);
        Await.until("both transitions told", () -> transitions.size() == 2, transitions::toString);
        assertEquals(List.of("h:HEALTHY->UNRESPONSIVE", "h:UNRESPONSIVE->HEALTHY"), transitions);
    }

    @Test
    void aCrashOfARemovedListenerLeavesTheModuleThatSubscribedAgainAlone() throws Exception {
        DeliveryCore core = cores.core(100, 2, Duration.ofSeconds(30));
        List<String> crashes = new CopyOnWriteArrayList<>();
        core.setHealthListener(new Transitions(new CopyOnWriteArrayList<>()) {
            @Override
            public void crashed(String moduleId, long bundleId, Throwable error) {
                crashes.add(moduleId);
            }
        });
        Recorder old = new Recorder().hold().crashing(new LinkageError("from the stopped incarnation"));
        core.subscribe("c", 1, BLOCKS, old);
        core.publish("p", block(0));
        old.awaitEntered();
        core.moduleGone("c", 1);
        Recorder again = new Recorder();
        core.subscribe("c", 1, BLOCKS, again);
        old.open(); // the old listener throws its Error now
        Await.until("the old call is accounted", () -> stats(core, "c").failed() == 1, () -> stats(core, "c"));
        assertEquals(ModuleHealth.HEALTHY, health(core, "c"));
        assertEquals(List.of("c"), core.subscribers(EventType.NEW_BLOCK));
        core.publish("p", block(1));
        Await.until("the new listener is delivered", () -> again.count() == 1, again::count);
        assertEquals(List.of(), crashes);
    }

    @Test
    void aStalledWatchdogNeverMarksACallThatHasNotRunPastTheLimit() throws Exception {
        AtomicLong now = new AtomicLong();
        DeliveryCore core = cores.manual(100, 2, Duration.ofMillis(100), now::get);
        Recorder r = new Recorder().hold();
        core.subscribe("m", 1, BLOCKS, r);
        core.checkListeners();
        now.addAndGet(TimeUnit.SECONDS.toNanos(10)); // the watchdog stalls for 10 s
        core.publish("p", block(0));
        r.awaitEntered(); // the call begins during the stall
        core.checkListeners();
        assertEquals(ModuleHealth.HEALTHY, health(core, "m"), "the call has not run 100 ms");
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(60));
        core.checkListeners();
        assertEquals(ModuleHealth.HEALTHY, health(core, "m"), "60 ms are still under the limit");
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(60));
        core.checkListeners();
        assertEquals(ModuleHealth.UNRESPONSIVE, health(core, "m"), "seen running for 120 ms");
        r.open();
        Await.until("healthy again", () -> health(core, "m") == ModuleHealth.HEALTHY);
    }

    @Test
    void anUnsubscribedListenerIsNeverCalledAgainWhileAnotherOfItsModuleRuns() throws Exception {
        assertRemovedWhileAnotherRunsIsNeverCalled("unsubscribe()", (core, second) -> core.unsubscribe(second));
    }

    @Test
    void aGoneModulesListenersAreNeverCalledAgain() throws Exception {
        assertRemovedWhileAnotherRunsIsNeverCalled("moduleGone()", (core, second) -> core.moduleGone("m", 1));
    }

    /** Module m's first listener is in its call for an event both want when the removal runs. */
    private void assertRemovedWhileAnotherRunsIsNeverCalled(String removal,
            java.util.function.BiConsumer<DeliveryCore, SubscriberEntry> remove) throws Exception {
        DeliveryCore core = cores.core(100, 2, Duration.ofSeconds(30));
        Recorder first = new Recorder().hold();
        Recorder second = new Recorder();
        core.subscribe("m", 1, BLOCKS, first);
        SubscriberEntry secondEntry = core.subscribe("m", 1, BLOCKS, second);
        core.publish("p", block(0));
        first.awaitEntered(); // the delivery has read both listeners and is in the first
        remove.accept(core, secondEntry);
        first.open();
        Await.until("the event is done", () -> stats(core, "m").successful() == 1, () -> stats(core, "m"));
        assertEquals(0, second.count(), "called after " + removal + " returned");
    }

    @Test
    void aTypeAListenerAddsLaterStartsWithTheEventsPublishedAfter() throws Exception {
        DeliveryCore core = cores.core(100, 2, Duration.ofSeconds(30));
        Recorder blocks = new Recorder().hold();
        Recorder later = new Recorder();
        core.subscribe("m", 1, BLOCKS, blocks);
        SubscriberEntry laterEntry = core.subscribe("m", 1, Set.of(EventType.NEW_TRANSACTION), later);
        core.publish("p", block(0));
        blocks.awaitEntered();
        core.publish("p", block(1)); // queued for the module while "later" wants no blocks
        core.update(laterEntry, Set.of(EventType.NEW_TRANSACTION, EventType.NEW_BLOCK));
        core.publish("p", block(2));
        blocks.open();
        Await.until("both delivered", () -> later.count() == 1 && blocks.count() == 3, later::count);
        assertEquals(2, ((org.nodebus.api.event.NewBlock) later.events.get(0).payload()).height(),
                "block 1 was queued before it wanted blocks");
    }

    @Test
    void publishAndAwaitTakesAnyTimeout() throws Exception {
        DeliveryCore core = cores.core(100, 2, Duration.ofSeconds(30));
        core.subscribe("m", 1, BLOCKS, new Recorder());
        DeliveryReport report = core.publishAndAwait("p", block(0), Duration.ofSeconds(Long.MAX_VALUE));
        assertEquals(List.of("m"), report.handled());
        assertTrue(report.complete());
    }

    @Test
    void aResetWhileAListenerRunsKeepsTheAccountingExact() throws Exception {
        DeliveryCore core = cores.core(100, 2, Duration.ofSeconds(30));
        Recorder r = new Recorder().hold();
        core.subscribe("m", 1, BLOCKS, r);
        core.publish("p", block(0));
        r.awaitEntered();
        core.publish("p", block(1));
        core.publish("p", block(2));
        assertTrue(core.resetStats("m"));
        assertEquals(new DeliveryStats(0, 0, 0, 3), stats(core, "m"), "two waiting, one being handled");
        r.open();
        Await.until("drained", () -> r.count() == 3, r::count);
        Await.until("counted", () -> stats(core, "m").queued() == 0, () -> stats(core, "m"));
        assertEquals(new DeliveryStats(3, 0, 0, 0), stats(core, "m"), "offered stays 3: nothing was offered since");
    }

    @Test
    void droppedBeforeCountsWhatTheModuleLostWhicheverListenerItWasFor() throws Exception {
        DeliveryCore core = cores.core(2, 2, Duration.ofSeconds(30));
        Recorder blocks = new Recorder().hold();
        Recorder transactions = new Recorder();
        core.subscribe("m", 1, BLOCKS, blocks);
        core.subscribe("m", 1, Set.of(EventType.NEW_TRANSACTION), transactions);
        core.publish("p", block(0));
        blocks.awaitEntered();
        core.publish("p", block(1));
        core.publish("p", block(2)); // the queue of 2 is full
        core.publish("p", new NewTransaction(Hash32.of(new byte[32])));
        core.publish("p", block(3));
        assertEquals(2, stats(core, "m").channelFull());
        blocks.open();
        Await.until("drained", () -> blocks.count() == 3, blocks::count);
        assertEquals(2, blocks.events.get(1).droppedBefore(), "the module's drops, the transaction's included");
        assertEquals(0, transactions.count());
    }

    @Test
    void aModuleSubscribingWhileTheSettingsChangeGetsTheNewQueueSize() throws Exception {
        DeliveryCore core = cores.core(5, 2, Duration.ofSeconds(30));
        for (int round = 0; round < 300; round++) {
            String id = "m" + round;
            int size = 6 + round % 2;
            Thread subscriber = new Thread(() -> core.subscribe(id, 1, BLOCKS, new Recorder()));
            subscriber.start();
            core.apply(Cores.settings(size, 2, Duration.ofSeconds(30), Duration.ofMillis(20)));
            subscriber.join();
            assertEquals(size, core.channelCapacity(id), id);
        }
    }

    @Test
    void anEventForANewSubscriptionIsNeverPurgedWithTheOldOnes() throws Exception {
        DeliveryCore core = cores.core(100, 2, Duration.ofSeconds(30));
        for (int round = 0; round < 300; round++) {
            String id = "p" + round;
            core.subscribe(id, 1, BLOCKS, new Recorder());
            Recorder next = new Recorder();
            CountDownLatch go = new CountDownLatch(1);
            Thread gone = new Thread(() -> {
                awaitQuietly(go);
                core.moduleGone(id, 1);
            });
            gone.start();
            go.countDown();
            core.subscribe(id, 2, BLOCKS, next); // the module's next incarnation (bundle 2)
            core.publish("p", block(round));
            gone.join();
            Await.until(id + ": the next incarnation got its event", () -> next.count() >= 1,
                    () -> stats(core, id));
            core.forget(id, 2);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** An exception whose message and description throw, as a module's broken exception class might. */
    private static final class UnprintableException extends RuntimeException {
        @Override
        public String getMessage() {
            throw new IllegalStateException("getMessage() is broken");
        }

        @Override
        public String toString() {
            throw new IllegalStateException("toString() is broken");
        }
    }

}
