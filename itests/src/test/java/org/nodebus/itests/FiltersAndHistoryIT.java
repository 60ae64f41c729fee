package org.nodebus.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.Hashtable;
import java.util.List;
import java.util.Optional;

import org.junit.Test;
import org.nodebus.api.DeliveryStats;
import org.nodebus.api.Event;
import org.nodebus.api.EventManager;
import org.nodebus.api.EventSubscriber;
import org.nodebus.api.Subscription;
import org.nodebus.api.SubscriptionSpec;
import org.nodebus.api.event.EventCategory;
import org.nodebus.api.event.EventType;
import org.nodebus.api.event.Hash32;
import org.nodebus.api.event.MessageReceived;
import org.nodebus.api.event.NewBlock;
import org.nodebus.api.event.PeerBanned;
import org.nodebus.api.event.PeerConnected;
import org.nodebus.testing.Await;
import org.nodebus.testing.Recorder;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.Bundle;

/** Filters, categories and history, as a module in real Felix gets them through the whiteboard and the EventManager. */
@ExamReactorStrategy(PerMethod.class)
public class FiltersAndHistoryIT extends NodeBusTest {
    private static final String BIG_INVENTORIES = "(&(messageType=inv)(messageSize>=1000))";

    private static void register(Bundle module, EventSubscriber subscriber, Object... keysAndValues) {
        Hashtable<String, Object> properties = new Hashtable<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            properties.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        module.getBundleContext().registerService(EventSubscriber.class, subscriber, properties);
    }

    @Test
    public void aWhiteboardFilterKeepsOtherEventsOutOfTheModulesQueue() throws Exception {
        Bundle module = TestModules.startModule(context, "flt.inv");
        Recorder recorder = new Recorder();
        register(module, recorder, EventSubscriber.EVENT_TYPES_PROPERTY, "MessageReceived",
                EventSubscriber.FILTER_PROPERTY, BIG_INVENTORIES);
        Await.until("subscribed", () -> eventManager.getSubscribers(EventType.MESSAGE_RECEIVED).contains("flt.inv"));
        for (int i = 0; i < 10; i++) {
            publisher.publish(new MessageReceived("10.0.0.1:8333", i % 3 == 0 ? "inv" : "tx", 500 * i, 70016));
        }
        // inv at i = 0, 3, 6, 9: sizes 0, 1500, 3000, 4500; three of them are big
        Await.until("3 delivered", () -> recorder.count() == 3, recorder::count);
        DeliveryStats stats = eventManager.getDeliveryStats("flt.inv").orElseThrow();
        Await.until("7 filtered", () -> eventManager.getDeliveryStats("flt.inv").orElseThrow().filtered() == 7,
                () -> eventManager.getDeliveryStats("flt.inv"));
        assertEquals(List.of(1500L, 3000L, 4500L), recorder.events.stream()
                .map(e -> ((MessageReceived) e.payload()).messageSize()).toList());
        stats = eventManager.getDeliveryStats("flt.inv").orElseThrow();
        assertEquals(new DeliveryStats(3, 0, 0, 0, 7), stats);
        assertEquals("filtered events are not offered", 3, stats.offered());
        String table = new Shell(commandProcessor).run("nodebus:stats flt.inv");
        assertTrue(table, table.contains("FILTERED") && table.matches("(?s).*flt\\.inv\\s+HEALTHY\\s+3\\s+0\\s+0\\s+7\\s.*"));
    }

    @Test
    public void aCategorySubscribesToEveryTypeOfIt() throws Exception {
        Bundle module = TestModules.startModule(context, "flt.network");
        Recorder recorder = new Recorder();
        register(module, recorder, EventSubscriber.CATEGORIES_PROPERTY, new String[] {"NETWORK"});
        for (EventType type : EventType.values()) {
            if (type.category() == EventCategory.NETWORK) {
                Await.until("subscribed to " + type, () -> eventManager.getSubscribers(type).contains("flt.network"));
            } else {
                assertFalse(type.name(), eventManager.getSubscribers(type).contains("flt.network"));
            }
        }
        publisher.publish(new PeerConnected("10.0.0.1:8333", "tcp", 1, 70016, Optional.empty()));
        publisher.publish(new NewBlock(Hash32.of(new byte[32]), 1));
        publisher.publish(new PeerBanned("10.0.0.1:8333", "spam", 60));
        Await.until("2 delivered", () -> recorder.count() == 2, recorder::count);
        assertEquals(List.of(EventType.PEER_CONNECTED, EventType.PEER_BANNED),
                recorder.events.stream().map(Event::type).toList());
    }

    @Test
    public void aBadFilterIsRefusedAndTheModuleIsNotSubscribed() throws Exception {
        Bundle module = TestModules.startModule(context, "flt.bad");
        register(module, new Recorder(), EventSubscriber.EVENT_TYPES_PROPERTY, "MessageReceived",
                EventSubscriber.FILTER_PROPERTY, "(messageSize>=big)");
        // the whiteboard binds on the registering thread: had it subscribed, it would be listed now
        assertFalse(eventManager.getSubscribers(EventType.MESSAGE_RECEIVED).contains("flt.bad"));
        assertFalse(eventManager.getDeliveryStats("flt.bad").isPresent());

        EventManager own = TestModules.manager(module);
        try {
            own.subscribe(SubscriptionSpec.of(EventType.MESSAGE_RECEIVED).withFilter("(size>=1000)"), e -> { });
            throw new AssertionError("a filter on a field MessageReceived does not have was accepted");
        } catch (IllegalArgumentException refused) {
            String message = refused.getMessage();
            assertTrue(message, message.contains("flt.bad") && message.contains("(size>=1000)")
                    && message.contains("'size'") && message.contains("messageSize"));
        }
        try {
            own.subscribe(SubscriptionSpec.of(EventType.MESSAGE_RECEIVED).withFilter("(messageType=inv"), e -> { });
            throw new AssertionError("a filter that does not parse was accepted");
        } catch (IllegalArgumentException refused) {
            assertTrue(refused.getMessage(), refused.getMessage().contains("no LDAP filter"));
        }
        assertFalse(eventManager.getSubscribers(EventType.MESSAGE_RECEIVED).contains("flt.bad"));
    }

    @Test
    public void aNewSubscriberGetsTheLatestMatchingEventsAsReplaysThenLiveOnes() throws Exception {
        for (int height = 1; height <= 10; height++) {
            publisher.publish(new NewBlock(Hash32.of(new byte[32]), height));
        }
        Bundle module = TestModules.startModule(context, "flt.history");
        Recorder whiteboard = new Recorder();
        register(module, whiteboard, EventSubscriber.EVENT_TYPES_PROPERTY, "NewBlock",
                EventSubscriber.FILTER_PROPERTY, "(height<=8)", EventSubscriber.HISTORY_PROPERTY, 3);
        Recorder programmatic = new Recorder();
        Subscription subscription = TestModules.manager(module).subscribe(
                SubscriptionSpec.of(EventType.NEW_BLOCK).withHistory(2), programmatic);
        assertEquals(Optional.empty(), subscription.filter());
        publisher.publish(new NewBlock(Hash32.of(new byte[32]), 7));
        Await.until("history and live", () -> whiteboard.count() == 4 && programmatic.count() == 3,
                () -> whiteboard.count() + " / " + programmatic.count());
        assertEquals(List.of(6L, 7L, 8L, 7L), heights(whiteboard));
        assertEquals(List.of(true, true, true, false), whiteboard.events.stream().map(Event::replay).toList());
        assertEquals(List.of(9L, 10L, 7L), heights(programmatic));
        assertEquals(List.of(true, true, false), programmatic.events.stream().map(Event::replay).toList());
    }

    private static List<Long> heights(Recorder recorder) {
        return recorder.events.stream().map(e -> ((NewBlock) e.payload()).height()).toList();
    }
}
