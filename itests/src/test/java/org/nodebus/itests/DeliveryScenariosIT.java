package org.nodebus.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.List;
import java.util.Set;

import org.junit.Test;
import org.nodebus.api.DeliveryStats;
import org.nodebus.api.EventManager;
import org.nodebus.api.EventPublisher;
import org.nodebus.api.Subscription;
import org.nodebus.api.event.EventType;
import org.nodebus.api.event.Hash32;
import org.nodebus.api.event.ModuleLoaded;
import org.nodebus.api.event.NewBlock;
import org.nodebus.api.event.NodeShutdown;
import org.nodebus.api.event.ShutdownReason;
import org.nodebus.testing.Await;
import org.nodebus.testing.Recorder;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.Bundle;

/** Scenarios 3 and 4 of the design, module identity and reserved events, in a real Felix framework. */
@ExamReactorStrategy(PerMethod.class)
public class DeliveryScenariosIT extends NodeBusTest {

    private static NewBlock block(long height) {
        return new NewBlock(Hash32.of(new byte[32]), height);
    }

    private DeliveryStats stats(String module) {
        return eventManager.getDeliveryStats(module).orElseThrow(() -> new AssertionError("no stats for " + module));
    }

    @Test
    public void scenario3SlowModuleDropsAreCountedItStaysSubscribedAndOthersLoseNothing() throws Exception {
        Bundle slow = TestModules.startModule(context, "test.slow");
        Bundle fast = TestModules.startModule(context, "test.fast");
        Bundle node = TestModules.startModule(context, "test.node");
        Recorder slowRecorder = new Recorder().hold();
        Recorder fastRecorder = new Recorder();
        TestModules.subscribe(slow, slowRecorder, EventType.NEW_BLOCK);
        TestModules.subscribe(fast, fastRecorder, EventType.NEW_BLOCK);
        EventPublisher publisher = TestModules.publisher(node);

        publisher.publish(block(0));
        slowRecorder.awaitEntered();
        for (int i = 1; i < 150; i++) {
            publisher.publish(block(i));
            int expected = i + 1;
            // a pace the fast module keeps up with: it loses nothing while the slow one overflows
            Await.until("the fast module got " + expected, () -> fastRecorder.count() == expected, fastRecorder::count);
        }
        // 100 waiting (the default size) and 1 being handled, 49 dropped
        assertEquals(new DeliveryStats(0, 0, 49, 101), stats("test.slow"));
        assertTrue("a slow module stays subscribed",
                eventManager.getSubscribers(EventType.NEW_BLOCK).contains("test.slow"));
        assertEquals(new DeliveryStats(150, 0, 0, 0), stats("test.fast"));

        slowRecorder.open();
        Await.until("the slow module drained", () -> stats("test.slow").successful() == 101, () -> stats("test.slow"));
        assertEquals(new DeliveryStats(101, 0, 49, 0), stats("test.slow"));
        assertEquals(49, slowRecorder.events.get(1).droppedBefore());
        assertEquals("test.node", slowRecorder.events.get(0).publisher());
    }

    @Test
    public void scenario4DeadModuleIsRemovedItsQueuedEventsFailAndThePublisherNeverNotices() throws Exception {
        Bundle dead = TestModules.startModule(context, "test.dead");
        Bundle alive = TestModules.startModule(context, "test.alive");
        Bundle node = TestModules.startModule(context, "test.node");
        Recorder deadRecorder = new Recorder().hold();
        Recorder aliveRecorder = new Recorder();
        TestModules.subscribe(dead, deadRecorder, EventType.NEW_BLOCK);
        TestModules.subscribe(alive, aliveRecorder, EventType.NEW_BLOCK);
        EventPublisher publisher = TestModules.publisher(node);

        publisher.publish(block(0));
        deadRecorder.awaitEntered();
        for (int i = 1; i <= 20; i++) {
            publisher.publish(block(i));
        }
        assertEquals("20 waiting, 1 being handled", 21, stats("test.dead").queued());
        dead.stop();
        assertFalse(eventManager.getSubscribers(EventType.NEW_BLOCK).contains("test.dead"));
        assertEquals("queued events count as failed; the one in its listener is still being handled",
                new DeliveryStats(0, 20, 0, 1), stats("test.dead"));
        for (int i = 21; i <= 30; i++) {
            publisher.publish(block(i)); // no exception, no wait
        }
        Await.until("the live module got all 31", () -> stats("test.alive").offered() == 31
                && stats("test.alive").queued() == 0, () -> stats("test.alive"));
        assertEquals(aliveRecorder.count(), stats("test.alive").successful());
        deadRecorder.open();
        Await.until("the in-flight event finished", () -> stats("test.dead").successful() == 1);
        assertEquals(new DeliveryStats(1, 20, 0, 0), stats("test.dead"));
        assertEquals("nothing queued reached the stopped module", 1, deadRecorder.count());
        dead.uninstall();
        assertFalse("an uninstalled module leaves no statistics", eventManager.getDeliveryStats("test.dead").isPresent());
    }

    @Test
    public void aModulePublishesUnderItsOwnIdAndMayNotPublishReservedEvents() throws Exception {
        Bundle module = TestModules.startModule(context, "test.module");
        Bundle other = TestModules.startModule(context, "test.other");
        Recorder recorder = new Recorder();
        TestModules.subscribe(other, recorder, EventType.NEW_BLOCK, EventType.NODE_SHUTDOWN, EventType.MODULE_LOADED);
        EventPublisher publisher = TestModules.publisher(module);
        publisher.publish(block(1));
        // replays of the loaded modules may come first: look at the NewBlock itself
        Await.until("delivered", () -> recorder.events.stream().anyMatch(e -> e.type() == EventType.NEW_BLOCK));
        assertEquals("test.module", recorder.events.stream().filter(e -> e.type() == EventType.NEW_BLOCK)
                .findFirst().orElseThrow().publisher());

        for (Runnable reserved : List.<Runnable>of(
                () -> publisher.publish(new NodeShutdown(ShutdownReason.GRACEFUL, 5)),
                () -> publisher.publish(new ModuleLoaded("test.other", "1.0.0")))) {
            try {
                reserved.run();
                fail("a module published a reserved event");
            } catch (SecurityException e) {
                assertTrue(e.getMessage(), e.getMessage().contains("test.module may not publish")
                        && e.getMessage().contains("reserved to the node"));
            }
        }
        int before = recorder.count();
        publisher.publish(block(2));
        Await.until("the next event arrives", () -> recorder.count() == before + 1);
        assertEquals("nothing reserved was delivered", EventType.NEW_BLOCK, recorder.events.get(before).type());
    }

    @Test
    public void aModuleResetsOnlyItsOwnStatisticsButReadsEveryonesStatistics() throws Exception {
        Bundle module = TestModules.startModule(context, "test.module");
        Bundle other = TestModules.startModule(context, "test.other");
        TestModules.subscribe(module, new Recorder(), EventType.NEW_BLOCK);
        TestModules.subscribe(other, new Recorder(), EventType.NEW_BLOCK);
        TestModules.publisher(module).publish(block(1));
        Await.until("delivered", () -> stats("test.other").successful() == 1 && stats("test.module").successful() == 1);
        EventManager manager = TestModules.manager(module);
        assertEquals(1, manager.getDeliveryStats("test.other").orElseThrow().successful());
        assertTrue(manager.getAllDeliveryStats().containsKey("test.other"));
        try {
            manager.resetDeliveryStats("test.other");
            fail("a module reset another module's statistics");
        } catch (SecurityException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("may reset only its own"));
        }
        assertEquals(1, stats("test.other").successful());
        manager.resetDeliveryStats("test.module");
        assertEquals(DeliveryStats.ZERO, stats("test.module"));
    }

    @Test
    public void aProgrammaticSubscriptionSharesTheModuleQueueAndEndsWhenClosedOrStopped() throws Exception {
        Bundle module = TestModules.startModule(context, "test.programmatic");
        EventManager manager = TestModules.manager(module);
        Recorder recorder = new Recorder();
        Subscription subscription = manager.subscribe(Set.of(EventType.NEW_BLOCK), recorder);
        assertEquals("test.programmatic", subscription.moduleId());
        assertTrue(subscription.isActive());
        eventManager.getSubscribers(EventType.NEW_BLOCK).contains("test.programmatic");
        Bundle node = TestModules.startModule(context, "test.node");
        TestModules.publisher(node).publish(block(1));
        Await.until("delivered", () -> recorder.count() == 1);
        subscription.close();
        assertFalse(subscription.isActive());
        assertFalse(eventManager.getSubscribers(EventType.NEW_BLOCK).contains("test.programmatic"));

        Subscription second = manager.subscribe(Set.of(EventType.NEW_BLOCK), new Recorder());
        module.stop();
        assertFalse("stopping the bundle ends its subscriptions", second.isActive());
        assertFalse(eventManager.getSubscribers(EventType.NEW_BLOCK).contains("test.programmatic"));
    }
}
