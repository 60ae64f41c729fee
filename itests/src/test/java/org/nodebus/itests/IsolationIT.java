package org.nodebus.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.fail;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.Test;
import org.nodebus.api.DeliveryStats;
import org.nodebus.api.Event;
import org.nodebus.api.EventManager;
import org.nodebus.api.EventPublisher;
import org.nodebus.api.ModuleInfo;
import org.nodebus.api.event.DataMaintenance;
import org.nodebus.api.event.DiskSpaceLow;
import org.nodebus.api.event.EventPayload;
import org.nodebus.api.event.EventType;
import org.nodebus.api.event.Hash32;
import org.nodebus.api.event.MaintenanceReason;
import org.nodebus.api.event.ModuleLoaded;
import org.nodebus.api.event.NewBlock;
import org.nodebus.api.event.NodeShutdown;
import org.nodebus.api.event.Operation;
import org.nodebus.api.event.ShutdownReason;
import org.nodebus.api.event.Urgency;
import org.nodebus.testing.Await;
import org.nodebus.testing.Recorder;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.Bundle;

/**
 * One module cannot harm or impersonate another: not by its own services, not by a second bundle with
 * its name, not by leaving out the module header. Reading statistics stays open; the operator's shell may
 * reset anyone's.
 */
@ExamReactorStrategy(PerMethod.class)
public class IsolationIT extends NodeBusTest {
    private static final EventType[] WATCH = {EventType.MODULE_LOADED, EventType.MODULE_UNLOADED, EventType.NEW_BLOCK};
    private static final List<EventPayload> RESERVED = List.of(
            new ModuleLoaded("iso.victim", "1.0.0"),
            new NodeShutdown(ShutdownReason.GRACEFUL, 30),
            new DataMaintenance(Operation.FLUSH, Urgency.HIGH, MaintenanceReason.SHUTDOWN, Optional.empty(),
                    Optional.of(10L)),
            new DiskSpaceLow(1, 100, 1.0, "/data"));

    /** The container's JUnit is 4.12, without assertThrows. */
    private static <T extends Throwable> T refused(Class<T> expected, Attempt attempt) {
        try {
            attempt.run();
        } catch (Throwable t) {
            if (expected.isInstance(t)) {
                return expected.cast(t);
            }
            throw new AssertionError("expected " + expected.getSimpleName() + " but got " + t, t);
        }
        fail("expected " + expected.getSimpleName() + ", but it was allowed");
        return null;
    }

    @FunctionalInterface
    private interface Attempt {
        void run() throws Exception;
    }

    private static NewBlock block(long height) {
        return new NewBlock(Hash32.of(new byte[32]), height);
    }

    @Test
    public void aSecondBundleWithAModulesNameCannotActAsThatModule() throws Exception {
        List<Event> observed = TestModules.observer(context, "iso.observer", WATCH);
        Bundle real = TestModules.startModule(context, "iso.victim");
        Recorder realEvents = new Recorder();
        TestModules.subscribe(real, realEvents, EventType.NEW_BLOCK);
        Bundle impostor = TestModules.start(context, TestModules.module("iso.victim", "2.0.0"));

        SecurityException publish = refused(SecurityException.class,
                () -> TestModules.publisher(impostor).publish(block(1)));
        assertTrue(publish.getMessage(), publish.getMessage().contains("bundle " + real.getBundleId()
                + " (iso.victim 1.0.0) holds that module id"));
        EventManager impostorManager = TestModules.manager(impostor);
        refused(SecurityException.class, () -> impostorManager.resetDeliveryStats("iso.victim"));
        refused(SecurityException.class, () -> impostorManager.subscribe(java.util.Set.of(EventType.NEW_BLOCK),
                e -> { }));
        Recorder impostorEvents = new Recorder();
        java.util.Hashtable<String, Object> properties = new java.util.Hashtable<>();
        properties.put(org.nodebus.api.EventSubscriber.EVENT_TYPES_PROPERTY, EventType.NEW_BLOCK.name());
        impostor.getBundleContext().registerService(org.nodebus.api.EventSubscriber.class, impostorEvents, properties);

        EventPublisher other = TestModules.publisher(TestModules.startModule(context, "iso.other"));
        other.publish(block(2));
        Await.until("the real module got the event", () -> realEvents.count() == 1);
        impostor.stop();
        IllegalStateException stopped = refused(IllegalStateException.class,
                () -> impostorManager.getDeliveryStats("iso.victim"));
        assertTrue(stopped.getMessage(), stopped.getMessage().contains("released when the module stopped"));
        EventManager reader = TestModules.manager(real);
        other.publish(block(3));
        Await.until("the real module is still subscribed after the impostor stopped", () -> realEvents.count() == 2);
        Await.until("the real module's statistics count both", () -> reader.getDeliveryStats("iso.victim")
                .orElseThrow().successful() == 2);
        assertEquals(new DeliveryStats(2, 0, 0, 0), reader.getDeliveryStats("iso.victim").orElseThrow());
        Lifecycle.fence(other, List.of(observed));

        assertEquals("the impostor received nothing", 0, impostorEvents.count());
        assertEquals(List.of("iso.victim"), reader.getSubscribers(EventType.NEW_BLOCK).stream()
                .filter(id -> id.startsWith("iso.victim")).toList());
        assertEquals("the observer saw the real module load, and nothing of the impostor",
                List.of("Loaded(iso.victim 1.0.0)"), Lifecycle.history(observed, "iso.victim"));
        assertEquals(1, reader.getLoadedModules().stream()
                .filter(m -> m.moduleId().equals("iso.victim")).count());
    }

    @Test
    public void noModuleMayPublishReservedEventsWithOrWithoutTheHeader() throws Exception {
        Bundle module = TestModules.startModule(context, "iso.module");
        Bundle plain = TestModules.start(context, TestModules.plainBundle("iso.plain"));
        Bundle victim = TestModules.startModule(context, "iso.listener");
        Recorder received = new Recorder();
        TestModules.subscribe(victim, received, EventType.MODULE_LOADED, EventType.NODE_SHUTDOWN,
                EventType.DATA_MAINTENANCE, EventType.DISK_SPACE_LOW, EventType.NEW_BLOCK);
        for (Bundle bundle : List.of(module, plain)) {
            EventPublisher publisher = TestModules.publisher(bundle);
            for (EventPayload payload : RESERVED) {
                SecurityException e = refused(SecurityException.class, () -> publisher.publish(payload));
                assertTrue(e.getMessage(), e.getMessage().contains("may not publish " + payload.type().eventName())
                        && e.getMessage().contains("reserved to the node"));
            }
        }
        TestModules.publisher(module).publish(block(7));
        Await.until("the marker arrived", () -> received.events.stream().anyMatch(e -> e.payload() instanceof NewBlock));
        for (Event e : received.events) {
            assertTrue("only the node published reserved events: " + e, e.payload() instanceof NewBlock
                    || Event.NODE_PUBLISHER.equals(e.publisher()));
            assertFalse("no forged ModuleLoaded arrived: " + e, e.payload().equals(RESERVED.get(0)));
        }
        assertEquals(0, TestModules.manager(victim).getDeliveryStats("iso.listener").orElseThrow().failed());
        List<String> loaded = TestModules.manager(victim).getLoadedModules().stream().map(ModuleInfo::moduleId).toList();
        assertTrue(loaded.toString(), loaded.contains("iso.module"));
        assertFalse("a bundle without the header is no module: " + loaded, loaded.contains("iso.plain"));
    }

    @Test
    public void aModuleReadsEveryonesStatisticsResetsOnlyItsOwnAndTheOperatorResetsAny() throws Exception {
        Bundle a = TestModules.startModule(context, "iso.a");
        Bundle b = TestModules.startModule(context, "iso.b");
        Recorder ra = new Recorder();
        Recorder rb = new Recorder();
        TestModules.subscribe(a, ra, EventType.NEW_BLOCK);
        TestModules.subscribe(b, rb, EventType.NEW_BLOCK);
        TestModules.publisher(a).publish(block(1));
        EventManager managerOfA = TestModules.manager(a);
        Await.until("both handled it", () -> managerOfA.getDeliveryStats("iso.a").orElseThrow().successful() == 1
                && managerOfA.getDeliveryStats("iso.b").orElseThrow().successful() == 1);

        assertEquals(new DeliveryStats(1, 0, 0, 0), managerOfA.getDeliveryStats("iso.b").orElseThrow());
        SecurityException e = refused(SecurityException.class, () -> managerOfA.resetDeliveryStats("iso.b"));
        assertTrue(e.getMessage(), e.getMessage().contains("may reset only its own delivery statistics"));
        assertEquals("b's statistics are untouched", 1, managerOfA.getDeliveryStats("iso.b").orElseThrow().successful());
        managerOfA.resetDeliveryStats("iso.a");
        assertEquals(0, managerOfA.getDeliveryStats("iso.a").orElseThrow().successful());

        String out = new Shell(commandProcessor).run("nodebus:reset iso.b");
        assertFalse(out, out.startsWith("ERROR"));
        assertEquals(0, managerOfA.getDeliveryStats("iso.b").orElseThrow().successful());
    }
}
