package org.nodebus.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import org.junit.Test;
import org.nodebus.api.DeliveryStats;
import org.nodebus.api.EventPublisher;
import org.nodebus.api.event.EventType;
import org.nodebus.api.event.Hash32;
import org.nodebus.api.event.NewBlock;
import org.nodebus.testing.Await;
import org.nodebus.testing.Recorder;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.Bundle;

/** The queue size changes at run time through ConfigAdmin; a bad value is refused and the old one stays. */
@ExamReactorStrategy(PerMethod.class)
public class ConfigurationIT extends NodeBusTest {

    private void configure(String key, Object value) throws Exception {
        configure("org.nodebus.eventmanager", key, value);
    }

    @Test
    public void aNewQueueSizeAppliesWithoutLosingQueuedEvents() throws Exception {
        Bundle module = TestModules.startModule(context, "test.held");
        Recorder held = new Recorder().hold();
        TestModules.subscribe(module, held, EventType.NEW_BLOCK);
        Shell shell = new Shell(commandProcessor);
        assertTrue(shell.run("nodebus:stats test.held"), shell.run("nodebus:stats test.held").contains("0/100"));

        configure("buffer.size", 5);
        Await.until("the shell shows the new size", () -> shell.run("nodebus:stats test.held").contains("/5"),
                () -> shell.run("nodebus:stats test.held"));
        EventPublisher publisher = TestModules.publisher(module);
        publisher.publish(new NewBlock(Hash32.of(new byte[32]), 0));
        held.awaitEntered();
        for (int i = 1; i <= 8; i++) {
            publisher.publish(new NewBlock(Hash32.of(new byte[32]), i));
        }
        // 5 waiting and the one being handled
        assertEquals(new DeliveryStats(0, 0, 3, 6), eventManager.getDeliveryStats("test.held").orElseThrow());

        configure("buffer.size", 2);
        Await.until("the shell shows the smaller size", () -> shell.run("nodebus:stats test.held").contains("6/2"),
                () -> shell.run("nodebus:stats test.held"));
        held.open();
        Await.until("everything queued was delivered",
                () -> eventManager.getDeliveryStats("test.held").orElseThrow().successful() == 6);
        assertEquals(new DeliveryStats(6, 0, 3, 0), eventManager.getDeliveryStats("test.held").orElseThrow());
    }

    @Test
    public void aBadValueIsRefusedAndTheOldValueStays() throws Exception {
        Bundle module = TestModules.startModule(context, "test.any");
        TestModules.subscribe(module, new Recorder(), EventType.NEW_BLOCK);
        Shell shell = new Shell(commandProcessor);
        configure("buffer.size", 7);
        Await.until("7 applies", () -> shell.run("nodebus:stats test.any").contains("/7"));
        // a good value given with the bad one proves the bad one has been processed
        configure("org.nodebus.eventmanager", "buffer.size", "lots", "module.buffer.sizes", new String[] {"test.marker=3"});
        Bundle marker = TestModules.startModule(context, "test.marker");
        TestModules.subscribe(marker, new Recorder(), EventType.NEW_BLOCK);
        Await.until("the marker's size applies", () -> shell.run("nodebus:stats test.marker").contains("/3"));
        assertTrue(shell.run("nodebus:stats test.any"), shell.run("nodebus:stats test.any").contains("/7"));
    }
}
