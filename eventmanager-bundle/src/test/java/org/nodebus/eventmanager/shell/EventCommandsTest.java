package org.nodebus.eventmanager.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nodebus.api.Event;
import org.nodebus.api.ModuleInfo;
import org.nodebus.api.event.EventType;
import org.nodebus.api.event.ModuleHealth;
import org.nodebus.eventmanager.config.DeliverySettings;
import org.nodebus.eventmanager.delivery.DeliveryCore;
import org.nodebus.testing.Await;

class EventCommandsTest {
    private static final String HEX = "00".repeat(32);
    private final DeliveryCore core = new DeliveryCore(DeliverySettings.defaults());
    private final List<ModuleInfo> loaded = new CopyOnWriteArrayList<>();
    private final EventCommands commands = new EventCommands(core, () -> List.copyOf(loaded));
    private final List<Event> received = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        core.close();
    }

    @Test
    void publishBuildsTheEventFromKeyValuePairsAndStatsShowIt() {
        core.subscribe("org.example.a", 1, Set.of(EventType.NEW_BLOCK), received::add);
        loaded.add(new ModuleInfo("org.example.a", "1.0.0", 1, ModuleHealth.HEALTHY, 0, Instant.EPOCH));
        String out = commands.publish(false, "NewBlock", "blockHash=" + HEX, "height=5");
        assertEquals("Published NewBlock #1 to 1 module(s): queued for org.example.a", out);
        Await.until("delivered", () -> received.size() == 1);
        assertEquals(Event.NODE_PUBLISHER, received.get(0).publisher());
        String stats = commands.stats();
        assertTrue(stats.contains("MODULE") && stats.contains("CHANNEL-FULL") && stats.contains("FILTERED"), stats);
        assertTrue(stats.lines().anyMatch(l -> l.matches("org\\.example\\.a\\s+HEALTHY\\s+1\\s+0\\s+0\\s+0\\s+0/100")), stats);
        assertTrue(commands.stats("org.example.a").contains("org.example.a"));
        loaded.add(new ModuleInfo("org.example.silent", "1.0.0", 2, ModuleHealth.HEALTHY, 0, Instant.EPOCH));
        assertTrue(commands.stats().lines().anyMatch(l -> l.matches("org\\.example\\.silent\\s+HEALTHY\\s+0\\s+0\\s+0\\s+0\\s+0/100")),
                "a module that never subscribed shows with zero statistics: " + commands.stats());
        assertEquals("NewBlock: org.example.a", commands.subscribers("NEW_BLOCK"));
        assertEquals("No module subscribes to PeerBanned.", commands.subscribers("peerbanned"));
        core.subscribe("org.nodebus.eventmanager", 9, Set.of(EventType.NEW_BLOCK), received::add);
        assertTrue(!commands.stats().contains("org.nodebus.eventmanager"), "only modules, as nodebus:modules: " + commands.stats());
    }

    @Test
    void aReservedEventNeedsForceAndTheRefusalSaysWhatModulesWouldDo() {
        core.subscribe("org.example.a", 1, Set.of(EventType.NODE_SHUTDOWN), received::add);
        assertError(() -> commands.publish(false, "NodeShutdown", "reason=graceful", "timeoutSeconds=3"),
                "NodeShutdown is reserved to the node: modules flush and prepare to stop although the node keeps running");
        assertEquals(List.of(), received);
        String out = commands.publish(true, "NodeShutdown", "reason=graceful", "timeoutSeconds=3");
        assertTrue(out.contains("to 1 module(s): queued for org.example.a"), out);
    }

    @Test
    void publishSaysWhichQueuesWereFull() {
        DeliverySettings d = DeliverySettings.defaults();
        // the free module's queue is large enough whatever the machine's pace
        core.apply(new DeliverySettings(d.bufferSize(), Map.of("org.example.free", 1000), d.failureLimit(),
                d.listenerTimeout(), d.crashPolicy(), d.eventAdminBridge(), d.nodeComponents(), d.deliveryThreads(),
                d.maxDeliveryThreads(), d.compensationThreshold()));
        org.nodebus.testing.Recorder held = new org.nodebus.testing.Recorder().hold();
        core.subscribe("org.example.full", 1, Set.of(EventType.NEW_BLOCK), held);
        core.subscribe("org.example.free", 2, Set.of(EventType.NEW_BLOCK), received::add);
        try {
            for (int i = 0; i <= 100; i++) {
                commands.publish(false, "NewBlock", "blockHash=" + HEX, "height=" + i);
            }
            String out = commands.publish(false, "NewBlock", "blockHash=" + HEX, "height=999");
            assertTrue(out.endsWith("to 2 module(s): queued for org.example.free; dropped (queue full) for org.example.full"), out);
        } finally {
            held.open();
        }
    }

    @Test
    void errorsNameTheBadInputAndTheValidChoices() {
        assertError(() -> commands.publish(false, "NewBlok"), "Unknown event type 'NewBlok'; valid types are: NewBlock");
        assertError(() -> commands.publish(false, "NewBlock", "height"), "'height' is not key=value; NewBlock takes: blockHash=<64 hex digits> height=<whole number>");
        assertError(() -> commands.publish(false, "NewBlock", "height=1", "height=2"), "field 'height' is given twice");
        assertError(() -> commands.publish(false, "NewBlock"), "NewBlock needs blockHash=<64 hex digits>");
        assertError(() -> commands.publish(false), "publish needs an event type");
        assertError(() -> commands.stats("a", "b"), "Too many arguments: b not expected; usage: nodebus:stats [moduleId]");
        assertError(() -> commands.reset(), "reset needs the module id");
        assertError(() -> commands.subscribers(), "subscribers needs an event type");
        assertError(() -> commands.stats("nobody"), "No module 'nobody' has subscribed; known modules: none");
        assertError(() -> commands.reset("nobody"), "No module 'nobody' has subscribed");
        assertError(() -> commands.subscribers("Blocks"), "Unknown event type 'Blocks'; valid types are:");
    }

    @Test
    void resetZeroesTheModule() {
        core.subscribe("org.example.a", 1, Set.of(EventType.NEW_BLOCK), received::add);
        commands.publish(false, "NewBlock", "blockHash=" + HEX, "height=5");
        Await.until("delivered", () -> received.size() == 1);
        assertEquals("Delivery statistics of org.example.a reset.", commands.reset("org.example.a"));
        assertEquals(0, core.stats("org.example.a").orElseThrow().successful());
    }

    @Test
    void modulesListsWhatIsLoaded() {
        assertEquals("No module is loaded.", commands.modules());
        loaded.add(new ModuleInfo("org.example.a", "1.2.0", 42, ModuleHealth.HEALTHY, 3, Instant.EPOCH));
        String out = commands.modules();
        assertTrue(out.lines().anyMatch(l -> l.matches("org\\.example\\.a\\s+1\\.2\\.0\\s+42\\s+HEALTHY\\s+3\\s+1970-01-01T00:00:00Z")), out);
    }

    private static void assertError(org.junit.jupiter.api.function.Executable call, String fragment) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), "one line: " + e.getMessage());
    }
}
