package org.nodebus.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.Test;
import org.nodebus.api.event.Hash32;
import org.nodebus.api.event.NewBlock;
import org.nodebus.testing.Await;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/** A plain EventAdmin {@link EventHandler} sees NodeBus events with their fields as properties. */
@ExamReactorStrategy(PerClass.class)
public class EventAdminBridgeIT extends NodeBusTest {
    private static final String HEX = "000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f";

    @Test
    public void everyEventIsPostedOnItsTopicWithItsFields() throws Exception {
        List<Event> seen = new CopyOnWriteArrayList<>();
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(EventConstants.EVENT_TOPIC, "org/nodebus/event/NewBlock");
        context.registerService(EventHandler.class, seen::add, properties);

        Bundle node = TestModules.startModule(context, "test.chain");
        Await.until("the bridge subscribed", () -> eventManager.getSubscribers(
                org.nodebus.api.event.EventType.NEW_BLOCK).contains("org.nodebus.eventmanager"));
        TestModules.publisher(node).publish(new NewBlock(Hash32.fromHex(HEX), 42));

        Await.until("EventAdmin delivered it", () -> !seen.isEmpty());
        Event event = seen.get(0);
        assertEquals("org/nodebus/event/NewBlock", event.getTopic());
        assertEquals(HEX, event.getProperty("blockHash"));
        assertEquals(42L, event.getProperty("height"));
        assertEquals("test.chain", event.getProperty("nodebus.publisher"));
        assertEquals("CORE", event.getProperty("nodebus.category"));
        assertTrue(event.getProperty("nodebus.sequence") instanceof Long);
    }
}
