package org.nodebus.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.time.Duration;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;

import org.junit.Test;
import org.nodebus.api.DeliveryStats;
import org.nodebus.api.EventManager;
import org.nodebus.api.EventPublisher;
import org.nodebus.api.ModuleInfo;
import org.nodebus.api.event.EventType;
import org.nodebus.api.event.Hash32;
import org.nodebus.api.event.NewBlock;
import org.nodebus.testing.Await;
import org.nodebus.testing.Recorder;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;

/**
 * The bad-input sweep in a running node: shell commands, configuration and bundles that are wrong in every
 * way an operator or developer gets them wrong. Each is refused with a message naming the input and what
 * would be valid; the node keeps running and no module's statistics change.
 */
@ExamReactorStrategy(PerClass.class)
public class BadInputSweepIT extends NodeBusTest {
    private static final String HEX = "00".repeat(32);

    /** A module that keeps receiving: its statistics must not move except for the markers it is sent. */
    private record Bystander(Bundle bundle, Recorder recorder, EventPublisher publisher, EventManager manager) {
        static Bystander start(BundleContext context, String id) throws BundleException {
            Bundle bundle = TestModules.startModule(context, id);
            Recorder recorder = new Recorder();
            TestModules.subscribe(bundle, recorder, EventType.NEW_BLOCK);
            return new Bystander(bundle, recorder, TestModules.publisher(bundle), TestModules.manager(bundle));
        }

        /** Sends one marker and checks it arrived: the node still delivers. */
        void stillDelivers(String after) throws InterruptedException {
            int before = recorder.count();
            assertTrue("the node stopped delivering after " + after, publisher.publishAndAwait(
                    new NewBlock(Hash32.of(new byte[32]), before), Duration.ofSeconds(10)).complete());
            assertEquals(after, before + 1, recorder.count());
        }
    }

    @Test
    public void everyShellCommandRefusesBadInputInOneLineThatNamesIt() throws Exception {
        Bystander bystander = Bystander.start(context, "sweep.shell");
        bystander.stillDelivers("setup");
        DeliveryStats before = bystander.manager().getDeliveryStats("sweep.shell").orElseThrow();
        Shell shell = new Shell(commandProcessor);
        Map<String, String> sweep = new java.util.LinkedHashMap<>();
        sweep.put("nodebus:subscribers Blocks", "Unknown event type 'Blocks'; valid types are: NewBlock,");
        sweep.put("nodebus:subscribers", "subscribers needs an event type");
        sweep.put("nodebus:subscribers NewBlock PeerConnected", "Too many arguments: PeerConnected");
        sweep.put("nodebus:stats nobody", "No module 'nobody' has subscribed; known modules: ");
        sweep.put("nodebus:stats sweep.shell extra", "Too many arguments: extra");
        sweep.put("nodebus:reset", "reset needs the module id");
        sweep.put("nodebus:reset nobody", "No module 'nobody' has subscribed; known modules: ");
        sweep.put("nodebus:reset sweep.shell sweep.other", "Too many arguments: sweep.other");
        sweep.put("nodebus:publish", "publish needs an event type");
        sweep.put("nodebus:publish Blocks height=1", "Unknown event type 'Blocks'");
        sweep.put("nodebus:publish NewBlock height=1", "NewBlock needs blockHash=<64 hex digits>");
        sweep.put("nodebus:publish NewBlock blockHash=" + HEX + " height=high",
                "NewBlock.height must be a whole number but was 'high'");
        sweep.put("nodebus:publish NewBlock blockHash=" + HEX + " height=-1", "-1");
        sweep.put("nodebus:publish NewBlock blockHash=" + HEX + " height=99999999999999999999", "99999999999999999999");
        sweep.put("nodebus:publish NewBlock blockHash=abc height=1", "abc");
        sweep.put("nodebus:publish NewBlock blockHash=" + HEX + " height", "'height' is not key=value");
        sweep.put("nodebus:publish NewBlock blockHash=" + HEX + " height=1 height=2", "field 'height' is given twice");
        sweep.put("nodebus:publish NewBlock blockHash=" + HEX + " height=1 colour=red", "colour");
        sweep.put("nodebus:publish ModuleLoaded moduleId= version=1.0", "moduleId");
        sweep.put("nodebus:publish DiskSpaceLow availableBytes=1 totalBytes=100 percentFree=1 diskPath=/", "is reserved to the node");
        sweep.put("nodebus:events -n lots", "-n lots refused: give a count from 1 to");
        sweep.put("nodebus:events Blocks", "'Blocks' is neither an event type nor a category");
        for (Map.Entry<String, String> e : sweep.entrySet()) {
            String out = shell.run(e.getKey());
            assertTrue(e.getKey() + " -> " + out, out.startsWith("ERROR: ") && out.contains(e.getValue()));
            assertEquals(e.getKey() + " -> " + out, 1, out.strip().lines().count());
        }
        assertEquals("a refused command changes no statistics", before,
                bystander.manager().getDeliveryStats("sweep.shell").orElseThrow());
        bystander.stillDelivers("the shell sweep");
    }

    @Test
    public void badConfigurationIsRefusedKeyByKeyAndTheNodeKeepsItsSettings() throws Exception {
        Bystander bystander = Bystander.start(context, "sweep.config");
        Shell shell = new Shell(commandProcessor);
        Await.until("the default size applies", () -> shell.run("nodebus:stats sweep.config").contains("/100"));
        List<Map<String, Object>> sweep = List.of(
                Map.of("buffer.size", "lots"), Map.of("buffer.size", 0), Map.of("buffer.size", -7),
                Map.of("buffer.size", 5_000_000), Map.of("failure.limit", "often"), Map.of("failure.limit", 0),
                Map.of("listener.timeout.ms", -1L), Map.of("listener.timeout.ms", "soon"),
                Map.of("crash.policy", "explode"), Map.of("eventadmin.bridge", "maybe"),
                Map.of("module.buffer.sizes", new String[] {"sweep.config=0"}),
                Map.of("module.buffer.sizes", new String[] {"sweep.config"}),
                Map.of("delivery.threads", 0), Map.of("delivery.threads", 1000),
                Map.of("delivery.threads.max", "lots"));
        int marker = 0;
        for (Map<String, Object> bad : sweep) {
            // a good value given with the bad one proves the bad one has been processed
            String probe = "sweep.probe" + (++marker);
            Hashtable<String, Object> properties = new Hashtable<>(bad);
            if (!bad.containsKey("module.buffer.sizes")) {
                properties.put("module.buffer.sizes", new String[] {probe + "=" + (10 + marker)});
            }
            configurationAdmin.getConfiguration("org.nodebus.eventmanager", "?").update(properties);
            if (!bad.containsKey("module.buffer.sizes")) {
                Bundle module = TestModules.startModule(context, probe);
                TestModules.subscribe(module, new Recorder(), EventType.NEW_BLOCK);
                String size = "/" + (10 + marker);
                Await.until(bad + " was processed", () -> shell.run("nodebus:stats " + probe).contains(size),
                        () -> shell.run("nodebus:stats " + probe));
                module.uninstall();
            }
            String stats = shell.run("nodebus:stats sweep.config");
            assertTrue(bad + " was refused and the size stays 100: " + stats, stats.contains("/100"));
            bystander.stillDelivers(bad.toString());
        }
    }

    @Test
    public void badPayloadsAndBadBundlesAreRefusedAndLoseNothing() throws Exception {
        Bystander bystander = Bystander.start(context, "sweep.bundles");
        bystander.stillDelivers("setup");
        DeliveryStats before = bystander.manager().getDeliveryStats("sweep.bundles").orElseThrow();
        try {
            bystander.publisher().publish(null);
            fail("a null payload was accepted");
        } catch (NullPointerException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("payload must not be null"));
        }
        try {
            bystander.publisher().publishAndAwait(new NewBlock(Hash32.of(new byte[32]), 1), null);
            fail("a null timeout was accepted");
        } catch (NullPointerException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("timeout must not be null"));
        }
        try {
            new NewBlock(Hash32.of(new byte[32]), -1);
            fail("a negative height was accepted");
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("height") && e.getMessage().contains("-1"));
        }

        Bundle unresolvable = TestModules.install(context, TestModules.module("sweep.unresolvable", "1.0.0")
                .set(Constants.IMPORT_PACKAGE, "org.example.nowhere;version=\"[9,10)\""));
        try {
            unresolvable.start();
            fail("a bundle with a missing import started");
        } catch (BundleException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("org.example.nowhere"));
        }
        try {
            context.installBundle("sweep:not-a-bundle", new java.io.ByteArrayInputStream(
                    "this is not a jar".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            fail("a file that is not a bundle was installed");
        } catch (BundleException expected) {
            // the framework refuses it; the node goes on
        }
        List<String> loaded = bystander.manager().getLoadedModules().stream().map(ModuleInfo::moduleId).toList();
        assertFalse(loaded.toString(), loaded.contains("sweep.unresolvable"));
        assertEquals(before, bystander.manager().getDeliveryStats("sweep.bundles").orElseThrow());
        bystander.stillDelivers("the bad bundles");
    }
}
