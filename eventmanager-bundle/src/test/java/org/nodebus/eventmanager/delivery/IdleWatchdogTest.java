package org.nodebus.eventmanager.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nodebus.eventmanager.delivery.Cores.block;
import static org.nodebus.eventmanager.delivery.Cores.health;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nodebus.api.event.EventType;
import org.nodebus.api.event.ModuleHealth;
import org.nodebus.testing.Await;

/**
 * An idle node costs nothing: the watchdog sleeps once no turn has run for a while, and whatever it guards
 * (compensation of a thread held by a slow listener, the listener time limit, the coarse clock) works again
 * from the first turn after.
 */
class IdleWatchdogTest {
    private final Cores cores = new Cores();

    @AfterEach
    void close() {
        cores.close();
    }

    @Test
    void sleepsWhenNoTurnRunsAndTheNextTurnWakesIt() throws Exception {
        DeliveryCore core = cores.core(100, 1, Duration.ofMillis(300));
        CountDownLatch got = new CountDownLatch(1);
        core.subscribe("m", 1, Set.of(EventType.NEW_BLOCK), e -> got.countDown());
        core.publish("p", block(1));
        assertTrue(got.await(10, TimeUnit.SECONDS));
        Await.until("the watchdog to sleep on an idle core", core::watchdogAsleep);
        long asleepAt = core.coarseNanos();

        CountDownLatch again = new CountDownLatch(1);
        core.subscribe("n", 2, Set.of(EventType.NEW_BLOCK), e -> again.countDown());
        core.publish("p", block(2));
        assertTrue(again.await(10, TimeUnit.SECONDS));
        Await.until("the coarse clock to move after the watchdog woke", () -> core.coarseNanos() != asleepAt);
    }

    /**
     * The coarse clock stands still while the watchdog sleeps (here: a watchdog that never checks, its clock
     * at 0, far behind nanoTime): a slow delivery still shows as the module's recent maximum.
     */
    @Test
    void aSlowDeliveryWhileTheCoarseClockStandsStillShowsInTheListenerMaximum() throws Exception {
        DeliveryCore core = cores.manual(100, 1, Duration.ofSeconds(30), () -> 0L);
        long took = TimeUnit.MILLISECONDS.toNanos(30);
        core.subscribe("slow", 1, Set.of(EventType.NEW_BLOCK), e -> {
            long until = System.nanoTime() + took; // the listener's work: it takes 30 ms
            while (System.nanoTime() - until < 0) {
                LockSupport.parkNanos(until - System.nanoTime());
            }
        });
        core.publish("p", block(1));
        Await.until("the slow delivery to be handled", () -> Cores.stats(core, "slow").successful() == 1);
        long recentMax = core.snapshot().modules().stream().filter(m -> m.moduleId().equals("slow")).findFirst()
                .orElseThrow().listenerTime().recentMaxNanos();
        assertTrue(recentMax >= took, "recent maximum " + recentMax + " ns, the delivery took at least " + took);
    }

    /**
     * Each round lets the watchdog fall asleep, then one listener holds the only delivery thread: the other
     * module is still served (the watchdog woke and compensated) and the held one turns UNRESPONSIVE.
     */
    @Test
    void aListenerHeldAfterTheWatchdogSleptIsCompensatedAndMarkedUnresponsive() throws Exception {
        DeliveryCore core = cores.core(100, 1, Duration.ofMillis(300));
        for (int round = 0; round < 3; round++) {
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch served = new CountDownLatch(1);
            String held = "held" + round;
            String other = "other" + round;
            SubscriberEntry heldEntry = core.subscribe(held, 10 + round, Set.of(EventType.NEW_BLOCK), e -> {
                try {
                    release.await();
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            });
            Await.until("the watchdog to sleep before round " + round, core::watchdogAsleep);
            core.publish("p", block(round));
            Await.until(held + " to be UNRESPONSIVE", () -> health(core, held) == ModuleHealth.UNRESPONSIVE);
            assertFalse(core.watchdogAsleep(), "the watchdog slept while a listener call ran");
            SubscriberEntry otherEntry = core.subscribe(other, 20 + round, Set.of(EventType.NEW_TRANSACTION),
                    e -> served.countDown());
            core.publish("p", Cores.transaction());
            assertTrue(served.await(10, TimeUnit.SECONDS), other + " was not served while " + held + " held the thread");
            release.countDown();
            Await.until(held + " to be responsive again", () -> health(core, held) == ModuleHealth.HEALTHY);
            core.unsubscribe(heldEntry);
            core.unsubscribe(otherEntry);
        }
        assertEquals(1, core.deliveryThreadBound(), "the pool did not shrink back once the held calls returned");
    }
}
